// The framing challenge: picked from the deck (by theme), drawn at random, or written by hand.
import { useId } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { DeckFile } from "#cards/schema.ts";
import { LIMITS } from "#shared/model.ts";
import { ChallengeAdvice } from "#client/ui/ChallengeAdvice.tsx";
import { ChallengeOptions } from "#client/ui/ChallengeOptions.tsx";

export interface ChallengeChoice {
  mode: "deck" | "written";
  cardId: string;
  text: string;
}

export function ChallengePicker({
  deck,
  value,
  onChange,
}: {
  deck: DeckFile;
  value: ChallengeChoice;
  onChange: (next: ChallengeChoice) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const playable = deck.cards.filter((c) => !c.blank);
  const chosen = playable.find((c) => c.id === value.cardId);

  function drawAtRandom() {
    const card = playable[Math.floor(Math.random() * playable.length)];
    if (card) onChange({ ...value, mode: "deck", cardId: card.id });
  }

  return (
    <fieldset className="fieldset">
      <legend>{t("home.challengeLegend")}</legend>
      <div className="radio-row">
        <label>
          <input
            type="radio"
            name="challengeMode"
            checked={value.mode === "deck"}
            onChange={() => onChange({ ...value, mode: "deck" })}
          />
          {t("home.challengeFromDeck")}
        </label>
        <label>
          <input
            type="radio"
            name="challengeMode"
            checked={value.mode === "written"}
            onChange={() => onChange({ ...value, mode: "written" })}
          />
          {t("home.challengeWritten")}
        </label>
      </div>
      {value.mode === "deck" ? (
        <div className="field">
          <label htmlFor={`${id}-select`}>{t("home.challengeSelect")}</label>
          <div className="inline-row">
            <select
              id={`${id}-select`}
              required
              value={value.cardId}
              onChange={(e) => onChange({ ...value, cardId: e.target.value })}
            >
              <ChallengeOptions deck={deck} />
            </select>
            <button type="button" className="button" onClick={drawAtRandom}>
              {t("home.challengeRandom")}
            </button>
          </div>
          {chosen && <p className="field__hint">{chosen.text}</p>}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("home.challengeText")}</label>
          <ChallengeAdvice id={`${id}-advice`} />
          <textarea
            id={`${id}-text`}
            aria-describedby={`${id}-advice`}
            required
            rows={3}
            maxLength={LIMITS.setupTextLength}
            value={value.text}
            onChange={(e) => onChange({ ...value, text: e.target.value })}
          />
        </div>
      )}
    </fieldset>
  );
}
