// Who may sit where in a workshop's lobby: seats left at a table, whether it takes a newcomer, the least full. Pure.
import { LIMITS } from "./model.ts";
import { JOIN_PHASES } from "./rules/permissions.ts";
import type { LobbyTable, TableSummary } from "./workshop.ts";

/** Why the lobby seats nobody at a table now (the key of its reason in fr-workshop-core.ts), or null. */
export type SeatRefusalCode = "arrivalsClosed" | "storyClosed" | "tableLocked" | "tableFull";

export interface Seating {
  seatsPerTable: number;
  arrivalsOpen: boolean;
}

/**
 * Seats left for participants: the workshop's seats per table minus the participants seated (facilitators, the
 * workshop's included, take none), and never more than the table itself still takes.
 */
export function seatsLeft(summary: TableSummary, seatsPerTable: number): number {
  const participants = summary.people.filter((person) => !person.facilitator).length;
  return Math.max(0, Math.min(seatsPerTable - participants, LIMITS.participants - summary.people.length));
}

/** The first reason a newcomer could not sit at this table from the lobby, or null when they could. */
export function seatRefusal(summary: TableSummary, { seatsPerTable, arrivalsOpen }: Seating): SeatRefusalCode | null {
  if (!arrivalsOpen) return "arrivalsClosed";
  if (!JOIN_PHASES.includes(summary.phase)) return "storyClosed";
  if (summary.locked) return "tableLocked";
  if (seatsLeft(summary, seatsPerTable) === 0) return "tableFull";
  return null;
}

/** A table as the lobby shows it. */
export function lobbyTable(summary: TableSummary, seating: Seating): LobbyTable {
  const refusal = seatRefusal(summary, seating);
  return {
    tableId: summary.tableId,
    name: summary.name,
    title: summary.title,
    phase: summary.phase,
    seated: summary.people.map((person) => person.name),
    seatsLeft: seatsLeft(summary, seating.seatsPerTable),
    open: refusal === null,
    refusal,
  };
}

/**
 * « Placez-moi »: the open table with the fewest participants, counting those just sent there who have not sat down
 * yet (`sent`, by table id), so that people arriving together spread over the tables; the first in order on a tie.
 */
export function leastFull(
  summaries: readonly TableSummary[],
  seating: Seating,
  sent: ReadonlyMap<string, number>,
): TableSummary | undefined {
  let best: { summary: TableSummary; load: number } | undefined;
  for (const summary of summaries) {
    if (seatRefusal(summary, seating) !== null) continue;
    const load = summary.people.filter((person) => !person.facilitator).length + (sent.get(summary.tableId) ?? 0);
    if (!best || load < best.load) best = { summary, load };
  }
  return best?.summary;
}
