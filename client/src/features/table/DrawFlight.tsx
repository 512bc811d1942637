// A card just drawn flies from its pile to its place in the hand, above the page (never clipped by the sidebar or the
// hand's row); the card in the hand shows once it lands. Only when motion is allowed (see DeckPiles).
import { m } from "framer-motion";
import { useEffect, useLayoutEffect, useState, type CSSProperties } from "react";
import { createPortal } from "react-dom";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace } from "#client/ui/CardFace.tsx";
import { toScreenRect, usePlacing, type ScreenRect } from "./ui-store.ts";

const land = () => usePlacing.setState({ flight: null });

export function DrawFlight() {
  const flight = usePlacing((s) => s.flight);
  const card = useTableStore((s) => (flight ? s.table?.myHand.find((c) => c.id === flight.cardId) : undefined));
  const [to, setTo] = useState<ScreenRect | null>(null);

  // Where the card lands: its place in the hand, measured once it is there (and scrolled into view).
  useLayoutEffect(() => {
    if (!flight) return setTo(null);
    const target = document.querySelector(`[data-hand-card="${CSS.escape(flight.cardId)}"] .card`);
    if (!target) return land();
    setTo(toScreenRect(target.getBoundingClientRect()));
  }, [flight]);

  // Whatever happens to the animation, the card in the hand shows again.
  useEffect(() => {
    if (!flight) return;
    const timer = window.setTimeout(land, 1500);
    return () => window.clearTimeout(timer);
  }, [flight]);

  if (!flight || !card || !to) return null;
  const { from } = flight;
  const dx = from.left + from.width / 2 - (to.left + to.width / 2);
  const dy = from.top + from.height / 2 - (to.top + to.height / 2);
  const style = { left: to.left, top: to.top, width: to.width, "--card-width": `${to.width}px` } as CSSProperties;
  return createPortal(
    <m.div
      className="draw-flight"
      aria-hidden="true"
      style={style}
      initial={{ x: dx, y: dy, scale: Math.min(1, from.width / to.width), rotate: -10, opacity: 0.7 }}
      animate={{ x: 0, y: 0, scale: 1, rotate: 0, opacity: 1 }}
      transition={{ duration: 0.5, ease: [0.2, 0.8, 0.2, 1] }}
      onAnimationComplete={land}
    >
      <CardFace card={card} sized titleAs="p" />
    </m.div>,
    document.body,
  );
}
