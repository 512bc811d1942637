// What a table's story starts from, as typed on the home page: the system, its present, the horizon, a desirable
// future and the framing challenge. The same fields open one table (HomePage) and every table of a workshop
// (CreateWorkshopForm, which gives each table its own name instead of a title).
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { DecksResponse } from "#client/net/api.ts";
import { Field } from "#client/ui/Field.tsx";
import { LIMITS } from "#shared/model.ts";
import { ChallengePicker, type ChallengeChoice } from "./ChallengePicker.tsx";

const DEFAULT_HORIZON = new Date().getFullYear() + 20;

export function SetupFields({
  decks,
  challenge,
  onChallenge,
  loadingShown = true,
}: {
  decks: DecksResponse | null;
  challenge: ChallengeChoice;
  onChallenge: (choice: ChallengeChoice) => void;
  /** Whether « chargement des pioches » shows while the decks load (not once their loading failed). */
  loadingShown?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("home.system")} hint={t("home.systemHint")}>
        {(id, hintId) => (
          <input id={id} name="system" required maxLength={LIMITS.setupTextLength} aria-describedby={hintId} />
        )}
      </Field>
      <Field label={t("home.presentState")}>
        {(id) => <textarea id={id} name="presentState" required rows={3} maxLength={LIMITS.setupTextLength} />}
      </Field>
      <Field label={t("home.horizonYear")}>
        {(id) => (
          <input
            id={id}
            name="horizonYear"
            type="number"
            required
            min={LIMITS.minHorizonYear}
            max={LIMITS.maxHorizonYear}
            defaultValue={DEFAULT_HORIZON}
          />
        )}
      </Field>
      <Field label={t("home.desirableFuture")}>
        {(id) => <textarea id={id} name="desirableFuture" required rows={3} maxLength={LIMITS.setupTextLength} />}
      </Field>
      {decks ? (
        <ChallengePicker deck={decks.challenge} value={challenge} onChange={onChallenge} />
      ) : (
        loadingShown && <p role="status">{t("home.loadingDecks")}</p>
      )}
    </>
  );
}

/** The setup typed in SetupFields, as the server takes it. */
export function setupOf(form: FormData, challenge: ChallengeChoice) {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    system: text("system"),
    presentState: text("presentState"),
    horizonYear: Number(text("horizonYear")),
    desirableFuture: text("desirableFuture"),
    framingChallengeId: challenge.mode === "deck" && challenge.cardId ? challenge.cardId : null,
    framingChallengeText: challenge.mode === "written" ? challenge.text : "",
  };
}
