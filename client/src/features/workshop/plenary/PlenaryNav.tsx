// Which table the plenary shows (« Table 2 sur 4 ») and turning to the one before or after: two large buttons, and the
// arrow keys anywhere on the page but in a field. The buttons stay focusable at either end (aria-disabled), so that the
// focus never drops to the page while someone turns with them.
import { useEffect, useRef } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";

/** Keys typed into a field, or with a modifier (the browser's own shortcuts), never turn the page. */
function isPageTurn(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  const target = event.target as HTMLElement | null;
  return !target?.closest("input, textarea, select, [contenteditable='true']");
}

export function PlenaryNav({ index, count, onTurn }: { index: number; count: number; onTurn: (to: number) => void }) {
  const { t } = useTranslation();
  const turn = (to: number) => {
    if (to >= 0 && to < count && to !== index) onTurn(to);
  };
  const latest = useRef(turn);
  latest.current = turn;

  useEffect(() => {
    if (count < 2) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isPageTurn(event)) return;
      if (event.key === "ArrowRight") latest.current(index + 1);
      else if (event.key === "ArrowLeft") latest.current(index - 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, count]);

  const position = t("workshopPlenary.plenary.position", { number: index + 1, count });
  return (
    <nav className="plenary__nav" aria-label={position}>
      <button
        type="button"
        className="button plenary__turn"
        onClick={() => turn(index - 1)}
        aria-disabled={index === 0 || undefined}
        aria-keyshortcuts="ArrowLeft"
      >
        <span aria-hidden="true">← </span>
        {t("workshopPlenary.plenary.previous")}
      </button>
      <p className="plenary__position" aria-live="polite">
        {position}
      </p>
      <button
        type="button"
        className="button plenary__turn"
        onClick={() => turn(index + 1)}
        aria-disabled={index >= count - 1 || undefined}
        aria-keyshortcuts="ArrowRight"
      >
        {t("workshopPlenary.plenary.next")}
        <span aria-hidden="true"> →</span>
      </button>
      <p className="visually-hidden">{t("workshopPlenary.plenary.keysHint")}</p>
    </nav>
  );
}
