// The timer's countdown, computed in the browser from what the server synced: no tick ever crosses the network.
import type { TimerView } from "#shared/view.ts";

/** Time left (ms, ≥ 0) at a given server time. */
export function remainingAt(timer: TimerView, serverNow: number): number {
  if (!timer.runningSince) return Math.max(0, timer.remainingMs);
  return Math.max(0, timer.remainingMs - Math.max(0, serverNow - timer.runningSince));
}

/** "mm:ss", rounded up so that "00:00" means the time is really out. */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return `${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}`;
}

/** serverTime ≈ Date.now() + offset */
export interface ClockAnchor {
  offset: number;
}

export const LOCAL_CLOCK: ClockAnchor = { offset: 0 };

/** A change received now that the server made at `serverTime`: the network's delay is small next to a second. */
export function anchorFromLiveChange(serverTime: number, receivedAt: number): ClockAnchor {
  return { offset: serverTime - receivedAt };
}

/** The server's time of the timer's last change, when the synced timer carries it (0 otherwise). */
export function serverNowOf(timer: TimerView): number {
  const value = timer.serverNow;
  return typeof value === "number" ? value : 0;
}

/** The moments worth telling a screen reader about: not every second. */
export type TimerMoment = "running" | "lastMinute" | "done";

export function momentOf(remainingMs: number): TimerMoment {
  if (remainingMs <= 0) return "done";
  if (remainingMs <= 60_000) return "lastMinute";
  return "running";
}
