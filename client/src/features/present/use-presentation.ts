// Whether the table page shows the shared screen (the presentation view) or the table itself: kept in the address's
// query (?presentation=1 / ?presentation=0), so that a reload of the projector's tab stays on it. The fragment, which
// holds the link's secret, is never touched. An observer (the projector's link) lands on the presentation.
import { useCallback, useState } from "react";

const PARAM = "presentation";

/** Set when the person switches screens: the screen that appears then takes the focus (on its title). */
let switching = false;
/** Whether this screen appears because the person switched to it (read once, by the screen's first render). */
export function takeSwitch(): boolean {
  const was = switching;
  switching = false;
  return was;
}

function fromAddress(byDefault: boolean): boolean {
  const value = new URLSearchParams(window.location.search).get(PARAM);
  if (value === null) return byDefault;
  return value !== "0";
}

export function usePresentationMode(byDefault: boolean): [boolean, (on: boolean) => void] {
  const [asked, setAsked] = useState<boolean | null>(() =>
    new URLSearchParams(window.location.search).has(PARAM) ? fromAddress(false) : null,
  );
  const presenting = asked ?? byDefault;
  const set = useCallback((on: boolean) => {
    const url = new URL(window.location.href);
    url.searchParams.set(PARAM, on ? "1" : "0");
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
    switching = true;
    setAsked(on);
    window.scrollTo(0, 0);
  }, []);
  return [presenting, set];
}

/** This page's address, opening on the shared screen (the fragment, and with it the link's secret, kept). */
export function presentationAddress(): string {
  const url = new URL(window.location.href);
  url.searchParams.set(PARAM, "1");
  return url.href;
}
