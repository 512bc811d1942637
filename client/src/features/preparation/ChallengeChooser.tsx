// The facilitator chooses the framing challenge: from the deck, drawn at random, or written by hand.
import { useId, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace } from "#client/ui/CardFace.tsx";
import { DraftField } from "./DraftField.tsx";
import { useDecks } from "#client/net/use-decks.ts";
import "./preparation.css";
import { ChallengeOptions } from "#client/ui/ChallengeOptions.tsx";

export function ChallengeChooser() {
  const { t } = useTranslation();
  const id = useId();
  const card = useTableStore((s) => s.table?.framingChallenge ?? null);
  const written = useTableStore((s) => s.table?.framingChallengeText ?? "");
  const { decks, error } = useDecks();
  const [chosenId, setChosenId] = useState("");

  return (
    <fieldset className="fieldset challenge-chooser">
      <legend>{t("preparation.challenge.heading")}</legend>
      <div className="challenge-chooser__current" aria-live="polite">
        <h4>{t("preparation.challenge.current")}</h4>
        {card ? (
          <CardFace card={card} />
        ) : written ? (
          <p className="pre-wrap">{written}</p>
        ) : (
          <p className="panel__empty">{t("preparation.challenge.none")}</p>
        )}
      </div>
      <div>
        <button type="button" className="button" onClick={() => void act({ type: "drawChallenge" })}>
          {t("preparation.challenge.random")}
        </button>
      </div>
      {decks ? (
        <div className="field">
          <label htmlFor={`${id}-select`}>{t("preparation.challenge.fromDeck")}</label>
          <div className="inline-row">
            <select id={`${id}-select`} value={chosenId} onChange={(e) => setChosenId(e.target.value)}>
              <ChallengeOptions deck={decks.challenge} />
            </select>
            <button
              type="button"
              className="button"
              disabled={!chosenId}
              onClick={() =>
                void act({ type: "chooseChallenge", cardId: chosenId, text: "" }).then(
                  (refusal) => !refusal && setChosenId(""),
                )
              }
            >
              {t("preparation.challenge.choose")}
            </button>
          </div>
        </div>
      ) : (
        <p role="status" className="field__hint">
          {error ? t("preparation.challenge.loadFailed", { message: error }) : t("preparation.challenge.loading")}
        </p>
      )}
      <DraftField
        draftKey="framingChallengeText"
        label={t("preparation.challenge.written")}
        hint={t("kitStakes.challengeAdvice")}
        value={card ? "" : written}
        maxLength={LIMITS.setupTextLength}
        onSave={(text) => act({ type: "chooseChallenge", cardId: null, text })}
      />
    </fieldset>
  );
}
