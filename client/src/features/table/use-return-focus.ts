// Gives the focus on when a form or a control closes, to what replaces it, so that it does not fall to the page.
import { useEffect, useRef } from "react";
import { focusStayedIn } from "./focus-section.ts";

type Target = () => HTMLElement | null | undefined;

/**
 * For something shown while `open`: `returnFocus(within, target)`, called as it closes, notes whether the focus is still
 * within it (focusStayedIn); once `open` is false on the screen, `target()` gets the focus if so.
 */
export function useReturnFocus(open: boolean): (within: Element | null, target: Target) => void {
  const pending = useRef<Target | null>(null);
  useEffect(() => {
    if (!open) pending.current?.()?.focus();
    pending.current = null;
  }, [open]);
  return (within, target) => {
    pending.current = focusStayedIn(within) ? target : null;
  };
}
