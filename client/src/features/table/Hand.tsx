// My hand: private cards in a row (scrolled sideways on a phone), each to place on the path — « Placer » opens the spot
// chooser, or drag the card — or to discard. A card just drawn flies in from its pile.
import { useDraggable } from "@dnd-kit/core";
import { AnimatePresence, m } from "framer-motion";
import { useLayoutEffect, useRef } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import type { HandCard as Face } from "#client/net/types.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace, DeckIcon } from "#client/ui/CardFace.tsx";
import { blockedText } from "../play/blocked-text.ts";
import { useBlocker } from "#client/store/can.ts";
import { isDealt } from "../play/dealt.ts";
import { WriteBlankCard } from "../play/WriteBlankCard.tsx";
import { DrawFlight } from "./DrawFlight.tsx";
import { focusStayedIn } from "./focus-section.ts";
import { SpotChooser } from "./SpotChooser.tsx";
import { choosePlacing, openChooser, usePlacing } from "./ui-store.ts";
import "./hand.css";

const NO_CARDS: Face[] = [];

export function Hand() {
  const { t } = useTranslation();
  const hand = useTableStore((s) => s.table?.myHand ?? NO_CARDS);
  const placingCardId = usePlacing((s) => (s.dragging ? null : s.placingCardId));
  const placing = hand.find((c) => c.id === placingCardId);
  const placeBlocker = useBlocker("place");
  // In turns mode, out of turn: the cards stay visible, the moves wait (and the reason is said).
  const playing = placeBlocker === null;
  const why = useTableStore((s) => (placeBlocker === "notYourTurn" ? blockedText(placeBlocker, s.table, t) : null));
  useArrivals(hand);
  useFocusOnWritten(hand);

  return (
    <section id="hand" className="panel hand" aria-labelledby="hand-heading">
      <h2 id="hand-heading">
        {t("hand.heading")}{" "}
        <span className="panel__count">{t("hand.count", { count: hand.length, max: LIMITS.handSize })}</span>
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
          {playing && <p className="field__hint">{t("cards.hand.hint")}</p>}
          {why && <p className="field__hint">{why}</p>}
          <ul className="hand__cards">
            <AnimatePresence initial={false}>
              {hand.map((card) => (
                <m.li
                  key={card.id}
                  className="hand__slot"
                  layout="position"
                  // Only opacity as it arrives: a card flying in from its pile must land where it will stay.
                  initial={{ opacity: 0 }}
                  animate={{ opacity: 1 }}
                  exit={{ opacity: 0, y: -30 }}
                  transition={{ duration: 0.25 }}
                >
                  <HandCard card={card} playing={playing} chosen={card.id === placingCardId} />
                </m.li>
              ))}
            </AnimatePresence>
          </ul>
        </>
      )}
      <SpotChooser />
      <DrawFlight />
    </section>
  );
}

/**
 * When a card asked from a pile arrives: bring it into view, let it fly in from the pile (if motion is allowed), and
 * give it the focus — its « Placer », or the title of a blank card to write first — as a keyboard user goes on with it
 * (the pile they drew from may even be disabled now, the hand full). Only when the focus was still on the piles (or
 * fell to the page): not when they went elsewhere while the card was coming.
 */
function useArrivals(hand: Face[]) {
  useLayoutEffect(() => {
    const pending = usePlacing.getState().pendingDraw;
    if (!pending) return;
    const arrived = hand.find((c) => c.deck === pending.deck && !pending.handBefore.includes(c.id));
    if (!arrived) return;
    usePlacing.setState({
      pendingDraw: null,
      flight: pending.animate ? { cardId: arrived.id, from: pending.from } : null,
    });
    const element = document.querySelector<HTMLElement>(`[data-hand-card="${CSS.escape(arrived.id)}"]`);
    element?.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (element && focusStayedIn(document.getElementById("piles"))) focusCard(element, arrived.id);
  }, [hand]);
}

/** The focus on a card of my hand: its « Placer », else the title field of a blank to write, else the card itself. */
function focusCard(element: HTMLElement, cardId: string) {
  const place = element.querySelector<HTMLButtonElement>(`[data-place-card="${CSS.escape(cardId)}"]:enabled`);
  const write = element.querySelector<HTMLInputElement>(".write-blank input");
  const face = element.querySelector<HTMLElement>(".card");
  const target = place ?? write ?? face;
  if (!target) return;
  if (target === face) face.tabIndex = -1;
  // Already brought into view (above the bar of quick links on a phone): the focus does not scroll again.
  target.focus({ preventScroll: true });
}

/**
 * A blank card written in my hand comes back as another card in its place (a new id): its form, and the focus in it, are
 * gone. The focus goes on to the written card — its « Placer », else the card — so a keyboard user goes on from there
 * rather than from the top of the page. Only when the focus was in that form (or fell to the page): not when I was busy
 * elsewhere meanwhile, nor for a card written from another tab of mine.
 */
function useFocusOnWritten(hand: Face[]) {
  const previous = useRef(hand);
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = hand;
    before.forEach((card, at) => {
      const now = hand[at];
      const replaced = now && !before.some((c) => c.id === now.id) && !hand.some((c) => c.id === card.id);
      if (!card.blank || !replaced) return;
      // The blank's card is still in the page while it fades out, the focus with it.
      const old = document.querySelector(`[data-hand-card="${CSS.escape(card.id)}"]`);
      const active = document.activeElement;
      if (active && active !== document.body && !old?.contains(active)) return;
      const written = document.querySelector<HTMLElement>(`[data-hand-card="${CSS.escape(now.id)}"]`);
      const place = written?.querySelector<HTMLButtonElement>(`[data-place-card="${CSS.escape(now.id)}"]:enabled`);
      const face = written?.querySelector<HTMLElement>(".card");
      if (place) {
        place.focus();
      } else if (face) {
        face.tabIndex = -1;
        face.focus();
      }
    });
  }, [hand]);
}

function HandCard({ card, playing, chosen }: { card: Face; playing: boolean; chosen: boolean }) {
  const { t } = useTranslation();
  // A blank card is written before it is placed (the rules refuse an unwritten one): no drag, « Placer » waits.
  const placeable = playing && !card.blank;
  const { listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, disabled: !placeable });
  const flying = usePlacing((s) => s.flight?.cardId === card.id);
  const dealt = isDealt(card);
  const classes = [
    "hand-card",
    chosen && "hand-card--chosen",
    isDragging && "hand-card--dragging",
    dealt && "hand-card--dealt",
  ];
  // « Placer » and « Défausser » are seen short; they are heard with the card's title (and tests find them so).
  const titled = <span className="visually-hidden">{t("cards.hand.titled", { card: card.title })}</span>;

  return (
    <div
      className={classes.filter(Boolean).join(" ")}
      data-hand-card={card.id}
      style={flying ? { opacity: 0 } : undefined}
    >
      {dealt && (
        <p className="hand-card__dealt">
          <DeckIcon deck="pitfall" />
          {t("play.pitfall.dealtInHand")}
        </p>
      )}
      {/* Dragged with the mouse, or after a long press on a touch screen; the keyboard uses « Placer ». */}
      <div ref={setNodeRef} className="hand-card__grip" {...(placeable ? listeners : {})}>
        <CardFace card={card} sized />
      </div>
      {/* A blank card (« Défi à écrire », « Écueil à écrire ») is written here, before it is placed (nothing for another card). */}
      <WriteBlankCard card={card} />
      {playing && (
        <div className="hand-card__actions">
          <button
            type="button"
            className="button button--primary hand-card__place"
            aria-haspopup="dialog"
            data-place-card={card.id}
            disabled={!placeable}
            // A click from the keyboard (detail 0) opens the chooser on the step number; a tap, on the list.
            onClick={(event) => openChooser(card.id, event.detail === 0)}
          >
            {t("cards.hand.place")}
            {titled}
          </button>
          {/* A dealt pitfall is to be played, not thrown away. */}
          {!dealt && (
            <button
              type="button"
              className="button button--small hand-card__discard"
              onClick={() => void act({ type: "discard", cardId: card.id })}
            >
              {t("cards.hand.discard")}
              {titled}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
