// Rebuilds a table's state from its creation and log, with the same pure rules that accepted each entry.
// Undone actions are left out: first every undo entry names what it undoes, then the rest is applied in order.
import type { TableState } from "#shared/model.ts";
import { applyAction, isWorkshopActor, join } from "#shared/rules/index.ts";
import type { ActionEntry, LogEntry, StoredTable } from "./table-store.ts";

export interface Replayed {
  state: TableState;
  /** participantId of each seat key hash, to bring people back to their own seat. */
  seats: Map<string, string>;
  entryIds: Set<string>;
  lastSeq: number;
}

/** Applies one logged entry; a stored entry was accepted once, so a refusal now means the log or the rules are broken. */
export function applyEntry(state: TableState, { entry, at, seq }: LogEntry): TableState {
  const ctx = { actorId: entry.kind === "join" ? entry.participantId : entry.actorId, now: at };
  const outcome =
    entry.kind === "join"
      ? join(state, { name: entry.name, role: entry.role, facilitator: entry.facilitator, ...(entry.zone && { zone: entry.zone }) }, ctx)
      : // An undo goes through the rules too (its permission, whatever the rules record of it); its effect is the skip.
        applyAction(state, entry.kind === "undo" ? { type: "undo" } : entry.action, ctx);
  if (!outcome.ok) throw new Error(`log entry ${seq} no longer applies: ${outcome.refusal.code}`);
  return outcome.state;
}

/** The entry ids that some undo entry of the log undoes. */
export function undoneIds(log: readonly LogEntry[]): Set<string> {
  const undone = new Set<string>();
  for (const { entry } of log) if (entry.kind === "undo") undone.add(entry.undoes);
  return undone;
}

/**
 * What an undo would undo now: the last action that is not undone already. Joins and undos are never undone, nor is an
 * anonymisation: the real name is gone from the log, so undoing it could not bring it back, only hide the undo's effect.
 * Nor is what the workshop facilitator did to every table (WORKSHOP_ACTOR_ID): a table's undo takes back what was done
 * at the table; someone moved away is seated elsewhere by then.
 */
export function undoTarget(log: readonly LogEntry[]): string | undefined {
  const undone = undoneIds(log);
  for (let i = log.length - 1; i >= 0; i--) {
    const logged = log[i];
    if (logged?.entry.kind !== "action" || isAnonymisation(logged) || isWorkshopActor(logged.entry.actorId)) continue;
    if (!undone.has(logged.entryId)) return logged.entryId;
  }
  return undefined;
}

/** Who this entry anonymises (the actor themself, or the person a facilitator names), or undefined for any other entry. */
export function anonymised({ entry }: LogEntry): string | undefined {
  if (entry.kind !== "action") return undefined;
  if (entry.action.type === "anonymise") return entry.actorId;
  if (entry.action.type === "anonymiseParticipant") return entry.action.participantId;
  return undefined;
}

/** A change of hat by this person (changeRole): its role is rewritten in storage when they are anonymised. */
export function isHatOf(
  entry: LogEntry["entry"],
  participantId: string,
): entry is ActionEntry & { action: Extract<ActionEntry["action"], { type: "changeRole" }> } {
  return entry.kind === "action" && entry.actorId === participantId && entry.action.type === "changeRole";
}

function isAnonymisation(logged: LogEntry): boolean {
  return anonymised(logged) !== undefined;
}

export function replay({ table, log }: StoredTable): Replayed {
  const undone = undoneIds(log);
  let state = table.initial;
  const seats = new Map<string, string>();
  const entryIds = new Set<string>();
  let lastSeq = 0;
  for (const logged of log) {
    if (!undone.has(logged.entryId)) state = applyEntry(state, logged);
    if (logged.entry.kind === "join") seats.set(logged.entry.seatKeyHash, logged.entry.participantId);
    entryIds.add(logged.entryId);
    lastSeq = logged.seq;
  }
  return { state, seats, entryIds, lastSeq };
}

/** The weight of log entries as stored (their JSON), which the table's log limit counts. */
export function logBytes(entries: readonly LogEntry[]): number {
  let bytes = 0;
  for (const { entry } of entries) bytes += Buffer.byteLength(JSON.stringify(entry));
  return bytes;
}
