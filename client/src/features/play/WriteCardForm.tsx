// Our own cards: anyone may write a challenge, a lever or a pitfall during play ("décrivez vos défis et partagez-les !").
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { DECK_NAMES, type DeckName } from "#cards/deck-names.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { showNotice, useTableStore } from "#client/store/table-store.ts";
import { ChallengeAdvice } from "#client/ui/ChallengeAdvice.tsx";
import { useCan } from "#client/store/can.ts";

export function WriteCardForm() {
  const { t } = useTranslation();
  const canWrite = useCan("writeCard");
  const decksInPlay = useTableStore((s) => s.table?.decksInPlay);
  const decks = decksInPlay && decksInPlay.length > 0 ? DECK_NAMES.filter((d) => decksInPlay.includes(d)) : DECK_NAMES;
  const [deck, setDeck] = useState<DeckName | null>(null);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [saving, setSaving] = useState(false);
  const id = useId();
  if (!canWrite) return null;
  const chosenDeck = deck && decks.includes(deck) ? deck : (decks[0] ?? "challenge");
  const advice = chosenDeck === "challenge" ? `${id}-advice` : undefined;

  async function write(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const refusal = await act({ type: "writeCard", deck: chosenDeck, title: title.trim(), text: text.trim() });
    setSaving(false);
    if (refusal) return;
    showNotice("info", t("play.writeCard.done", { title: title.trim() }));
    setTitle("");
    setText("");
  }

  return (
    <details className="write-card">
      <summary>{t("play.writeCard.heading")}</summary>
      <form className="form write-card__form" aria-label={t("play.writeCard.heading")} onSubmit={write}>
        <p className="field__hint">{t("play.writeCard.intro")}</p>
        <div className="field">
          <label htmlFor={`${id}-deck`}>{t("play.writeCard.deck")}</label>
          <select id={`${id}-deck`} value={chosenDeck} onChange={(e) => setDeck(e.target.value as DeckName)}>
            {decks.map((d) => (
              <option key={d} value={d}>
                {t(`deckOne.${d}`)}
              </option>
            ))}
          </select>
        </div>
        {advice && <ChallengeAdvice id={advice} />}
        <div className="field">
          <label htmlFor={`${id}-title`}>{t("play.writeCard.title")}</label>
          <input
            id={`${id}-title`}
            aria-describedby={advice}
            required
            value={title}
            maxLength={LIMITS.customCardTitle}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("play.writeCard.text")}</label>
          <textarea
            id={`${id}-text`}
            aria-describedby={advice}
            required
            rows={3}
            value={text}
            maxLength={LIMITS.customCardText}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={saving || !title.trim() || !text.trim()}>
          {t("play.writeCard.submit")}
        </button>
      </form>
    </details>
  );
}
