// Always says whether this browser is connected to the table. Not connected, it floats at the bottom of the screen
// (styles.css): the page then keeps room below its end for it, and what the person is writing is brought above it.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { selectConnection, useTableStore } from "../store/table-store.ts";
import { scrollBehavior } from "./scroll-behavior.ts";

export function ConnectionStatus() {
  const { t } = useTranslation();
  const connection = useTableStore(selectConnection);
  const pending = useSettled(useTableStore((s) => s.pending));
  const notice = useRef<HTMLParagraphElement>(null);
  const floating = connection.status === "offline" || connection.status === "reconnecting";
  useEffect(() => {
    if (floating && notice.current) return keepClear(notice.current);
  }, [floating]);
  return (
    <p ref={notice} className={`connection connection--${connection.status}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {connection.error ?? t(`connection.${connection.status}`)}
      {pending > 0 && <span className="connection__pending"> · {t("connection.pending", { count: pending })}</span>}
    </p>
  );
}

/**
 * The pending count once it has stayed the same for a second: an action answered at once never shows, so the header
 * does not jump under the pointer while someone clicks; one that waits for the network does.
 */
function useSettled(value: number): number {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === 0) return setSettled(0);
    const timer = setTimeout(() => setSettled(value), 1000);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/**
 * While the notice floats: the page keeps room for it below its end (--floating-notice, styles.css), and the form the
 * person is in (the field they type in, the button they just pressed) is scrolled above it if it lies under it. Again
 * whenever the notice changes size (« reconnexion » becoming « hors ligne », a pending count in two lines). The room
 * holds a gap of GAP_PX besides the notice: a form scrolled into view stops clear of it, not a rounding under its edge.
 */
function keepClear(notice: HTMLElement): () => void {
  const root = document.documentElement;
  const place = () => {
    const top = notice.getBoundingClientRect().top;
    root.style.setProperty("--floating-notice", `${Math.ceil(window.innerHeight - top) + GAP_PX}px`);
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return;
    const target = active.closest("form") ?? active;
    if (target.getBoundingClientRect().bottom > top) {
      target.scrollIntoView({ block: "nearest", behavior: scrollBehavior() });
    }
  };
  const resized = new ResizeObserver(place);
  resized.observe(notice);
  return () => {
    resized.disconnect();
    root.style.removeProperty("--floating-notice");
  };
}

const GAP_PX = 8;
