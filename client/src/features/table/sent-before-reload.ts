// A draft this browser kept from before a reload may have been sent already: the outbox kept the action too
// (client/src/net/outbox.ts). Still on its way, the form shows it being sent and hears the server's answer; already at
// the table, it is answered as applied, so that nobody is offered to send it a second time.
import { useEffect } from "react";
import { stillSending } from "#client/net/connection.ts";
import type { RefusalReply, WireAction } from "#shared/protocol.ts";

export interface SentBeforeReload {
  /** Whether the form opened with a kept draft (nothing to look for otherwise). */
  kept: boolean;
  /** Whether an action carries the kept draft. */
  carries: (action: WireAction) => boolean;
  /** Whether the table already holds the kept draft (asked once, as the form opens). */
  arrived: () => boolean;
  /** The kept draft is on its way: the form shows it being sent. */
  sending: () => void;
  /** The server's answer to the kept draft: its refusal, or null once applied. */
  answered: (refusal: RefusalReply | null) => void;
}

/** Looks once, as the form opens, for its kept draft in the outbox, then at the table. */
export function useSentBeforeReload({ kept, carries, arrived, sending, answered }: SentBeforeReload): void {
  useEffect(() => {
    if (!kept) return;
    const waiting = stillSending(carries);
    if (waiting) {
      sending();
      void waiting.then(answered);
    } else if (arrived()) answered(null);
    // Once, for the draft found as the form opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
