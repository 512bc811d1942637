// The kit's advice wherever someone writes a challenge (Kit AgirLocal, line 1449): a hint the field names in its
// aria-describedby, so that a screen reader reads it with the field.
import { useTranslation } from "../i18n/use-translation.ts";
import "./challenge-advice.css";

export function ChallengeAdvice({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="field__hint challenge-advice">
      {t("kitStakes.challengeAdvice")}
    </p>
  );
}
