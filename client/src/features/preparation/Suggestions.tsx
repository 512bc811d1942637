// Suggestions for the setup: participants propose (and see theirs waiting), the facilitator accepts or dismisses.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS, type SuggestField, type Suggestion } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import type { RefusalReply } from "#shared/protocol.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import { ChallengeAdvice } from "#client/ui/ChallengeAdvice.tsx";
import { dropSuggestionDraft, readSuggestionDraft, writeSuggestionDraft } from "../table/drafts.ts";
import { useSentBeforeReload } from "../table/sent-before-reload.ts";
import "./preparation.css";

const FIELDS: SuggestField[] = [
  "system",
  "presentState",
  "desirableFuture",
  "constraintTime",
  "constraintValues",
  "constraintActors",
  "framingChallengeText",
];
const NONE: Suggestion[] = [];
const FIRST_FIELD: SuggestField = "system";

const isSuggestField = (field: string): field is SuggestField => (FIELDS as string[]).includes(field);

/** The suggestion this browser kept for this table (after a reload, or carried from another table), or an empty one. */
function keptSuggestion(tableId: string): { field: SuggestField; text: string } {
  const draft = readSuggestionDraft(tableId);
  if (!draft) return { field: FIRST_FIELD, text: "" };
  return { field: isSuggestField(draft.field) ? draft.field : FIRST_FIELD, text: draft.text };
}

/** The start of a suggestion, for a button's accessible name. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export function SuggestForm() {
  const { t } = useTranslation();
  const id = useId();
  const me = useTableStore(selectMe);
  const all = useTableStore((s) => s.table?.suggestions ?? NONE);
  const mine = all.filter((s) => s.authorId === me?.participantId);
  const tableId = useTableStore((s) => s.table?.id ?? "");
  const [kept] = useState(() => keptSuggestion(tableId));
  const [field, setField] = useState<SuggestField>(kept.field);
  const [text, setText] = useState(kept.text);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  // What the form holds now: an answer arrives after more typing may have happened.
  const latest = useRef(kept);

  /** Every change is kept in this browser until the server has the suggestion. */
  function change(next: { field: SuggestField; text: string }) {
    latest.current = next;
    setField(next.field);
    setText(next.text);
    setSent(false);
    if (next.text || next.field !== FIRST_FIELD) writeSuggestionDraft(tableId, next);
    else dropSuggestionDraft(tableId);
  }

  /** The server answered the suggestion sent: applied, the form is emptied (unless more was typed meanwhile). */
  function answered(refusal: RefusalReply | null, sent: { field: SuggestField; text: string }) {
    setSending(false);
    if (refusal) return setError(refusal.message); // the text stays, in the form and in this browser
    // Cleared only if nothing was typed while it was on its way (the newer text stays, kept).
    if (latest.current.text === sent.text && latest.current.field === sent.field) {
      latest.current = { field: sent.field, text: "" };
      setText("");
      dropSuggestionDraft(tableId);
    }
    setSent(true);
  }

  useSentBeforeReload({
    kept: kept.text !== "",
    carries: (a) => a.type === "suggest" && a.field === kept.field && a.text === kept.text,
    arrived: () => mine.some((s) => s.field === kept.field && s.text === kept.text),
    sending: () => setSending(true),
    answered: (refusal) => answered(refusal, kept),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    setError(null);
    setSent(false);
    answered(await act({ type: "suggest", field, text }), { field, text });
  }

  return (
    <section className="suggest" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("preparation.suggest.heading")}</h3>
      <p className="field__hint">{t("preparation.suggest.intro")}</p>
      <form className="form suggest__form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
        <div className="field">
          <label htmlFor={`${id}-field`}>{t("preparation.suggest.about")}</label>
          <select
            id={`${id}-field`}
            value={field}
            onChange={(e) => change({ field: e.target.value as SuggestField, text })}
          >
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`preparation.suggest.fields.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("preparation.suggest.text")}</label>
          {field === "framingChallengeText" && <ChallengeAdvice id={`${id}-advice`} />}
          <textarea
            id={`${id}-text`}
            aria-describedby={field === "framingChallengeText" ? `${id}-advice` : undefined}
            rows={3}
            required
            maxLength={LIMITS.setupTextLength}
            value={text}
            onChange={(e) => change({ field, text: e.target.value })}
          />
        </div>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <p role="status" className="suggest__sent">
          {sent ? t("preparation.suggest.sent") : ""}
        </p>
        <div>
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t("preparation.suggest.sending") : t("preparation.suggest.submit")}
          </button>
        </div>
      </form>
      {mine.length > 0 && (
        <>
          <h4>{t("preparation.suggest.mineHeading")}</h4>
          <ul className="suggestions">
            {mine.map((s) => (
              <li key={s.id} className="suggestion">
                <p className="suggestion__about">
                  {t("preparation.suggest.mineItem", { field: t(`preparation.suggest.fields.${s.field}`) })}
                </p>
                <p className="pre-wrap">{s.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function SuggestionsReview() {
  const { t } = useTranslation();
  const suggestions = useTableStore((s) => s.table?.suggestions ?? NONE);
  const participants = useTableStore((s) => s.table?.participants);
  const nameOf = (authorId: string) => participants?.find((p) => p.id === authorId)?.name ?? "?";

  return (
    <section className="suggestions-review" aria-labelledby="suggestions-review-heading">
      <h3 id="suggestions-review-heading">
        {t("preparation.suggest.reviewHeading")} <span className="panel__count">({suggestions.length})</span>
      </h3>
      {suggestions.length === 0 ? (
        <p className="panel__empty">{t("preparation.suggest.reviewNone")}</p>
      ) : (
        <ul className="suggestions">
          {suggestions.map((s) => {
            const name = nameOf(s.authorId);
            const label = { name, text: excerpt(s.text) };
            return (
              <li key={s.id} className="suggestion">
                <p className="suggestion__about">
                  {t("preparation.suggest.reviewItem", { name, field: t(`preparation.suggest.fields.${s.field}`) })}
                </p>
                <p className="pre-wrap">{s.text}</p>
                <div className="inline-row">
                  <button
                    type="button"
                    className="button button--small button--primary"
                    aria-label={t("preparation.suggest.acceptLabel", label)}
                    onClick={() => void act({ type: "acceptSuggestion", suggestionId: s.id })}
                  >
                    {t("preparation.suggest.accept")}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t("preparation.suggest.dismissLabel", label)}
                    onClick={() => void act({ type: "dismissSuggestion", suggestionId: s.id })}
                  >
                    {t("preparation.suggest.dismiss")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
