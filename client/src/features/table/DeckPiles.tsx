// The draw piles of the decks in play, drawn as stacks of the deck's cards (thicker when fuller) with what is left in
// each; the decks out of play greyed out. Drawing sends the card flying to the hand. Below, writing our own card.
import { useReducedMotion } from "framer-motion";
import type { MouseEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { DECK_NAMES, type DeckName } from "#cards/deck-names.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { CardBack } from "#client/ui/CardFace.tsx";
import { blockedText } from "../play/blocked-text.ts";
import { useBlocker } from "#client/store/can.ts";
import { WriteCardForm } from "../play/WriteCardForm.tsx";
import { toScreenRect, usePlacing } from "./ui-store.ts";
import "./hand.css";

/** How many cards show under the top one: none for the last card, three for a full pile. */
function depthOf(left: number): number {
  if (left <= 1) return 0;
  if (left <= 5) return 1;
  if (left <= 15) return 2;
  return 3;
}

export function DeckPiles() {
  const { t } = useTranslation();
  const piles = useTableStore((s) => s.table?.piles);
  const decksInPlay = useTableStore((s) => s.table?.decksInPlay);
  const phase = useTableStore((s) => s.table?.phase);
  const playing = phase === "play";
  const handFull = useTableStore((s) => (s.table?.myHand.length ?? 0) >= LIMITS.handSize);
  const blocker = useBlocker("draw");
  const why = useTableStore((s) => (blocker === "notYourTurn" ? blockedText(blocker, s.table, t) : null));
  const reduced = useReducedMotion();
  if (!piles) return null;
  const inPlay = (deck: DeckName) => !decksInPlay || decksInPlay.length === 0 || decksInPlay.includes(deck);

  async function draw(deck: DeckName, event: MouseEvent<HTMLButtonElement>) {
    const top = event.currentTarget.querySelector(".card-back") ?? event.currentTarget;
    const handBefore = useTableStore.getState().table?.myHand.map((c) => c.id) ?? [];
    usePlacing.setState({
      pendingDraw: { deck, from: toScreenRect(top.getBoundingClientRect()), handBefore, animate: !reduced },
    });
    const refusal = await act({ type: "draw", deck });
    if (refusal) usePlacing.setState({ pendingDraw: null });
  }

  return (
    <section id="piles" className="panel piles" aria-labelledby="piles-heading">
      <h2 id="piles-heading">{t("piles.heading")}</h2>
      <ul className="piles__list">
        {DECK_NAMES.map((deck) =>
          inPlay(deck) ? (
            <li key={deck}>
              <button
                type="button"
                className={`pile pile--${deck} pile--depth-${depthOf(piles[deck])}${piles[deck] === 0 ? " pile--empty" : ""}`}
                disabled={blocker !== null || handFull || piles[deck] === 0}
                onClick={(event) => void draw(deck, event)}
                aria-describedby={`pile-${deck}-left${why ? " piles-why" : ""}${playing && handFull ? " piles-full" : ""}`}
              >
                <span className="pile__stack">{piles[deck] > 0 && <CardBack deck={deck} />}</span>
                <span className="pile__name">{t(`piles.draw.${deck}`)}</span>
              </button>
              <span className="pile__left" id={`pile-${deck}-left`}>
                {piles[deck] === 0 ? t("cards.piles.empty") : t("piles.left", { count: piles[deck] })}
              </span>
            </li>
          ) : (
            <li key={deck} className="pile-off">
              <span className={`pile pile--${deck} pile--off`}>
                <span className="pile__stack">
                  <CardBack deck={deck} />
                </span>
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
      {playing && handFull && (
        <p className="field__hint" id="piles-full">
          {t("piles.handFull", { max: LIMITS.handSize })}
        </p>
      )}
      <WriteCardForm />
    </section>
  );
}
