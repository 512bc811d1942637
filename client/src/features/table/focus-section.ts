// Brings a section of the table into view and gives it the focus (a skip link, a phase change), without writing to
// the address: its fragment holds the link's secret.
import { scrollBehavior } from "#client/ui/scroll-behavior.ts";

/** Scrolls to the element with this id and focuses it (or its heading); false when it is not on the screen. */
export function focusSection(id: string, options: { scroll?: "section" | "top" } = {}): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  // A section is focused through its heading when it has one: a screen reader then says where it landed.
  const labelledBy = element.getAttribute("aria-labelledby");
  const target = (labelledBy && document.getElementById(labelledBy)) || element;
  if (!isFocusable(target)) target.setAttribute("tabindex", "-1");
  if (options.scroll === "top") window.scrollTo({ top: 0, behavior: scrollBehavior() });
  else element.scrollIntoView({ block: "start", behavior: scrollBehavior() });
  target.focus({ preventScroll: true });
  return true;
}

function isFocusable(element: HTMLElement): boolean {
  return element.tabIndex >= 0 || element.hasAttribute("tabindex");
}

/**
 * Whether the focus is still where a form or a button was: inside this element, or fallen to the page's body (the
 * focused button was disabled while its action went to the server, or left the page with its form). Whatever replaces
 * them takes the focus only then: never away from someone busy elsewhere meanwhile (typing in another field, say).
 */
export function focusStayedIn(element: Element | null): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (element?.contains(active) ?? false);
}
