// The turn order: who plays next, and how people enter and leave it. Facilitators are never in it.
import type { TableState } from "../model.ts";

/** The one after `current` in the order, wrapping; the first when nobody's turn it is; null when the order is empty. */
export function nextInOrder(order: readonly string[], current: string | null): string | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  return order[(at + 1) % order.length] ?? null;
}

/** Puts someone at the end of the order; in turns mode, with nobody's turn, it becomes theirs. */
export function enterOrder(state: TableState, participantId: string): void {
  const { turns } = state;
  if (!turns.order.includes(participantId)) turns.order.push(participantId);
  if (turns.mode === "turns" && turns.current === null) turns.current = participantId;
}

/** Takes someone out of the order; if it was their turn, the next one plays. */
export function leaveOrder(state: TableState, participantId: string): void {
  const { turns } = state;
  if (turns.current === participantId) {
    const next = nextInOrder(turns.order, participantId);
    turns.current = next === participantId ? null : next;
  }
  turns.order = turns.order.filter((id) => id !== participantId);
}

/** Those who play, in order of arrival: seated, not facilitating, not removed. */
export function players(state: TableState): string[] {
  return state.participants.filter((p) => !p.facilitator && !p.removed).map((p) => p.id);
}
