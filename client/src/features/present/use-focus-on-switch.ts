// After switching between the table and the shared screen, the focus lands on the new screen's title (the button
// that was pressed is gone), so that keyboard and screen reader users start from the top of what they now see.
import { useEffect, useRef } from "react";
import { takeSwitch } from "./use-presentation.ts";

export function useFocusOnSwitch<T extends HTMLElement>() {
  const title = useRef<T>(null);
  useEffect(() => {
    if (takeSwitch()) title.current?.focus();
  }, []);
  return title;
}
