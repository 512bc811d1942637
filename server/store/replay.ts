// Rebuilds a table's state from its creation and log, with the same pure rules that accepted each entry.
import type { TableState } from "../../shared/model.ts";
import { applyAction, join } from "../../shared/rules/index.ts";
import type { LogEntry, StoredTable } from "./table-store.ts";

export interface Replayed {
  state: TableState;
  /** participantId of each seat key hash, to bring people back to their own seat. */
  seats: Map<string, string>;
  entryIds: Set<string>;
  lastSeq: number;
}

/** Applies one logged entry; a stored entry was accepted once, so a refusal now means the log or the rules are broken. */
export function applyEntry(state: TableState, { entry, at, seq }: LogEntry): TableState {
  const outcome =
    entry.kind === "join"
      ? join(state, { name: entry.name, role: entry.role, facilitator: entry.facilitator }, { actorId: entry.participantId, now: at })
      : applyAction(state, entry.action, { actorId: entry.actorId, now: at });
  if (!outcome.ok) throw new Error(`log entry ${seq} no longer applies: ${outcome.refusal.code}`);
  return outcome.state;
}

export function replay({ table, log }: StoredTable): Replayed {
  let state = table.initial;
  const seats = new Map<string, string>();
  const entryIds = new Set<string>();
  let lastSeq = 0;
  for (const logged of log) {
    state = applyEntry(state, logged);
    if (logged.entry.kind === "join") seats.set(logged.entry.seatKeyHash, logged.entry.participantId);
    entryIds.add(logged.entryId);
    lastSeq = logged.seq;
  }
  return { state, seats, entryIds, lastSeq };
}
