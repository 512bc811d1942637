// The commitment of the debrief (« Je m'engage à… », as the workshop format ends): its field in my debrief's form, and
// the line that shows it under someone's debrief.
import { useId } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import "./commitment.css";

export function CommitmentField({
  value,
  onChange,
  onSubmit,
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="commitment-field">
      <label htmlFor={id}>{t("kitStakes.commitment.label")}</label>
      <textarea
        id={id}
        rows={2}
        value={value}
        maxLength={LIMITS.commitmentLength}
        aria-describedby={`${id}-hint ${id}-count`}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) onSubmit();
        }}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {t("kitStakes.commitment.hint")}
      </p>
      <p className="field__hint" id={`${id}-count`}>
        {t("kitStakes.commitment.counter", { count: value.length, max: LIMITS.commitmentLength })}
      </p>
    </div>
  );
}

/** « Engagement : … » under a debrief; nothing when none is written. */
export function CommitmentLine({ text }: { text: string }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <p className="commitment-line pre-wrap">
      <strong>{t("kitStakes.commitment.short")}</strong> {text}
    </p>
  );
}
