// My hand: private cards, each one to place on the path (drag, click or keyboard) or to discard.
import { useDraggable } from "@dnd-kit/core";
import { AnimatePresence, motion } from "framer-motion";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/model.ts";
import { act } from "../../net/connection.ts";
import type { HandCard as Face } from "../../net/types.ts";
import { useTableStore } from "../../store/table-store.ts";
import { CardFace } from "../../ui/CardFace.tsx";
import { blockedText } from "../play/blocked-text.ts";
import { useBlocker } from "../play/can.ts";
import { isDealt } from "../play/dealt.ts";
import { choosePlacing, usePlacing } from "./ui-store.ts";

export function Hand() {
  const { t } = useTranslation();
  const hand = useTableStore((s) => s.table?.myHand ?? []);
  const placingCardId = usePlacing((s) => s.placingCardId);
  const placing = hand.find((c) => c.id === placingCardId);
  const placeBlocker = useBlocker("place");
  // In turns mode, out of turn: the cards stay visible, the moves wait (and the reason is said).
  const playing = placeBlocker === null;
  const why = useTableStore((s) => (placeBlocker === "notYourTurn" ? blockedText(placeBlocker, s.table, t) : null));

  return (
    <section className="panel hand" aria-labelledby="hand-heading">
      <h2 id="hand-heading">
        {t("hand.heading")} <span className="panel__count">{t("hand.count", { count: hand.length, max: LIMITS.handSize })}</span>
      </h2>
      {placing && (
        <p className="hand__placing" role="status">
          {t("hand.placing", { card: placing.title })}{" "}
          <button type="button" className="link-button" onClick={() => choosePlacing(null)}>
            {t("hand.cancelPlacing")}
          </button>
        </p>
      )}
      {hand.length === 0 ? (
        <p className="panel__empty">{t("hand.empty")}</p>
      ) : (
        <>
          {playing && <p className="field__hint">{t("hand.dragHint")}</p>}
          {why && <p className="field__hint">{why}</p>}
          <ul className="hand__cards">
            <AnimatePresence initial={false}>
              {hand.map((card) => (
                <motion.li
                  key={card.id}
                  layout
                  initial={{ opacity: 0, x: 40, rotate: 4 }}
                  animate={{ opacity: 1, x: 0, rotate: 0 }}
                  exit={{ opacity: 0, y: -30 }}
                  transition={{ duration: 0.25 }}
                >
                  <HandCard card={card} playing={playing} chosen={card.id === placingCardId} />
                </motion.li>
              ))}
            </AnimatePresence>
          </ul>
        </>
      )}
    </section>
  );
}

function HandCard({ card, playing, chosen }: { card: Face; playing: boolean; chosen: boolean }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.id, disabled: !playing });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10 } : undefined;
  return (
    <div className={`hand-card${chosen ? " hand-card--chosen" : ""}${isDragging ? " hand-card--dragging" : ""}`}>
      {isDealt(card) && <p className="hand-card__dealt">{t("play.pitfall.dealtInHand")}</p>}
      <div ref={setNodeRef} style={style} className="hand-card__grip" {...listeners} {...attributes} aria-label={card.title}>
        <CardFace card={card} />
      </div>
      {playing && (
        <div className="hand-card__actions">
          <button type="button" className="button button--primary" aria-pressed={chosen} onClick={() => choosePlacing(chosen ? null : card.id)}>
            {t("hand.place", { card: card.title })}
          </button>
          {/* A dealt pitfall is to be played, not thrown away. */}
          {!isDealt(card) && (
            <button type="button" className="button" onClick={() => void act({ type: "discard", cardId: card.id })}>
              {t("hand.discard", { card: card.title })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
