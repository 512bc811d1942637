// The draw piles of the decks in play, with what is left in each; the others shown greyed out. Below, writing our own card.
import { useTranslation } from "react-i18next";
import { DECK_NAMES } from "../../../../cards/schema.ts";
import { LIMITS } from "../../../../shared/model.ts";
import { act } from "../../net/connection.ts";
import { useTableStore } from "../../store/table-store.ts";
import { blockedText } from "../play/blocked-text.ts";
import { useBlocker } from "../play/can.ts";
import { WriteCardForm } from "../play/WriteCardForm.tsx";

export function DeckPiles() {
  const { t } = useTranslation();
  const piles = useTableStore((s) => s.table?.piles);
  const decksInPlay = useTableStore((s) => s.table?.decksInPlay);
  const phase = useTableStore((s) => s.table?.phase);
  const playing = phase === "play";
  const handFull = useTableStore((s) => (s.table?.myHand.length ?? 0) >= LIMITS.handSize);
  const blocker = useBlocker("draw");
  const why = useTableStore((s) => (blocker === "notYourTurn" ? blockedText(blocker, s.table, t) : null));
  if (!piles) return null;
  const inPlay = (deck: (typeof DECK_NAMES)[number]) => !decksInPlay || decksInPlay.length === 0 || decksInPlay.includes(deck);

  return (
    <section className="panel piles" aria-labelledby="piles-heading">
      <h2 id="piles-heading">{t("piles.heading")}</h2>
      <ul className="piles__list">
        {DECK_NAMES.map((deck) =>
          inPlay(deck) ? (
            <li key={deck}>
              <button
                type="button"
                className={`pile pile--${deck}`}
                disabled={blocker !== null || handFull || piles[deck] === 0}
                onClick={() => void act({ type: "draw", deck })}
                aria-describedby={`pile-${deck}-left${why ? " piles-why" : ""}`}
              >
                <span className="pile__name">{t(`piles.draw.${deck}`)}</span>
              </button>
              <span className="pile__left" id={`pile-${deck}-left`}>
                {t("piles.left", { count: piles[deck] })}
              </span>
            </li>
          ) : (
            <li key={deck} className="pile-off">
              <span className={`pile pile--${deck} pile--off`}>
                <span className="pile__name">{t(`deck.${deck}`)}</span>
              </span>
              <span className="pile__left">{t("play.piles.outOfPlay")}</span>
            </li>
          ),
        )}
      </ul>
      {phase === "preparation" && <p className="field__hint">{t("piles.notNow")}</p>}
      {playing && why && (
        <p className="field__hint piles__why" id="piles-why">
          {why}
        </p>
      )}
      {playing && handFull && <p className="field__hint">{t("piles.handFull")}</p>}
      <WriteCardForm />
    </section>
  );
}
