// The seated table's screens, loaded with the table rather than with the join page (client/src/lazy-part.tsx): the
// join page stays small on a phone, and the table's code (and the SDK's, net/connection.ts) is fetched as soon as
// the person starts to join.
import { useEffect } from "react";
import { lazyPart } from "#client/lazy-part.tsx";
import { loadSdk } from "#client/net/connection.ts";
import { prepareSeatSocket } from "#client/net/seat-socket.ts";
import { useTableStore } from "#client/store/table-store.ts";

export const TableScreen = lazyPart(() => import("./TableScreen.tsx").then((m) => m.TableScreen), "loading.table");
export const PresentationScreen = lazyPart(
  () => import("../present/PresentationScreen.tsx").then((m) => m.PresentationScreen),
  "loading.table",
);

/**
 * Fetches the table's code ahead of need: at once when the page joins by itself (a seat this browser holds, the
 * facilitator from the setup form, an observer's link), otherwise as soon as the person touches the join form, so
 * that it arrives while they type their name and the server seats them. The SDK and the screens together: the join's
 * WebSocket opens alongside the join (net/seat-socket.ts) without waiting for the SDK, so that what the seat waits for
 * is all of it; on a phone's network the screens' chunks, fetched once the SDK was here, arrived last
 * (bench/page-load.ts).
 */
export function usePreloadTable(joinsByItself: boolean, presenting: boolean): void {
  useEffect(() => {
    const screen = presenting ? PresentationScreen : TableScreen;
    // A failed fetch shows when the screen renders (client/src/lazy-part.tsx), not here.
    const preload = () => {
      // A person filling the form: the join's WebSocket too (net/seat-socket.ts), its handshake done by the time they
      // press « Rejoindre ». (A page that joins by itself opens it with the join.)
      if (!joinsByItself && useTableStore.getState().me === null) prepareSeatSocket();
      void loadSdk().catch(() => undefined);
      void screen.preload().catch(() => undefined);
    };
    if (joinsByItself) return preload();
    const events = ["focusin", "pointerdown", "keydown"] as const;
    const start = () => {
      for (const event of events) window.removeEventListener(event, start, true);
      preload();
    };
    for (const event of events) window.addEventListener(event, start, true);
    return () => {
      for (const event of events) window.removeEventListener(event, start, true);
    };
  }, [joinsByItself, presenting]);
}
