// A table of a workshop tells the overview how it stands (its TableSummary on presence channel `workshop:<id>`), at most
// once per interval: the first change goes at once, the ones that follow within the interval go together at its end,
// so a busy table costs the overview a few messages a second whatever its pace, and its last change always arrives.
import type { Presence } from "@colyseus/core";
import type { TableSummary } from "#shared/workshop.ts";

/** At most one summary per table in this interval (ms). */
export const SUMMARY_INTERVAL_MS = 200;

/** The presence channel a workshop's tables publish on and its overview room listens to. */
export function workshopChannel(workshopId: string): string {
  return `workshop:${workshopId}`;
}

export interface SummaryPublisher {
  /** Something changed at the table: its summary will be published (now, or at the end of the interval). */
  changed(): void;
  /** Publishes what is pending now (the room is closing) and stops. */
  flush(): void;
}

export function summaryPublisher(
  presence: Pick<Presence, "publish">,
  workshopId: string,
  summarize: () => TableSummary,
  intervalMs = SUMMARY_INTERVAL_MS,
): SummaryPublisher {
  const channel = workshopChannel(workshopId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const publish = () => {
    pending = false;
    presence.publish(channel, summarize());
    timer = setTimeout(() => {
      timer = undefined;
      if (pending) publish();
    }, intervalMs);
  };
  return {
    changed() {
      if (timer) pending = true;
      else publish();
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      if (pending) {
        pending = false;
        presence.publish(channel, summarize());
      }
    },
  };
}
