// Rebuilds a table's state from its creation and log, with the same pure rules that accepted each entry.
// Undone actions are left out: first every undo entry names what it undoes, then the rest is applied in order.
// With a snapshot (the state after some entry) that the log allows, only the entries after it are applied.
import type { TableState } from "#shared/model.ts";
import { applyAction, isWorkshopActor, join } from "#shared/rules/index.ts";
import type { ActionEntry, LogEntry, Snapshot, StoredTable } from "./table-store.ts";

export interface Replayed {
  state: TableState;
  /** participantId of each seat key hash, to bring people back to their own seat. */
  seats: Map<string, string>;
  entryIds: Set<string>;
  lastSeq: number;
  /** The seq of the snapshot replay started from, 0 when it started from the table's first state. */
  from: number;
}

/** Applies one logged entry; a stored entry was accepted once, so a refusal now means the log or the rules are broken. */
export function applyEntry(state: TableState, { entry, at, seq }: LogEntry): TableState {
  const ctx = { actorId: entry.kind === "join" ? entry.participantId : entry.actorId, now: at };
  const outcome =
    entry.kind === "join"
      ? join(
          state,
          {
            name: entry.name,
            role: entry.role,
            facilitator: entry.facilitator,
            ...(entry.zone && { zone: entry.zone }),
          },
          ctx,
        )
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

/**
 * Whether replay may start from this snapshot: taken within the log, and no undo after it takes back an entry before
 * it (the snapshot holds that entry's effect, which the replay must leave out).
 */
export function snapshotFits(snapshot: Snapshot, log: readonly LogEntry[]): boolean {
  const last = log.at(-1)?.seq ?? 0;
  if (snapshot.seq > last || (log[0] && log[0].seq > snapshot.seq + 1)) return false;
  const seqOf = new Map(log.map((logged) => [logged.entryId, logged.seq]));
  return log.every(({ seq, entry }) => {
    if (entry.kind !== "undo" || seq <= snapshot.seq) return true;
    const undone = seqOf.get(entry.undoes);
    return undone !== undefined && undone > snapshot.seq;
  });
}

/**
 * The table its log leads to. From `snapshot` when it fits the log, else from the first state; a log given without its
 * beginning (the entries after the snapshot only) must come with a snapshot that fits.
 */
export function replay({ table, log, snapshot }: StoredTable): Replayed {
  const base = snapshot && snapshotFits(snapshot, log) ? snapshot : undefined;
  if (!base && log[0] && log[0].seq !== 1)
    throw new Error(`the log starts at entry ${log[0].seq} without a snapshot that fits it`);
  const undone = undoneIds(log);
  const from = base?.seq ?? 0;
  let state = base?.state ?? table.initial;
  const seats = new Map<string, string>();
  const entryIds = new Set<string>();
  let lastSeq = from;
  for (const logged of log) {
    if (logged.seq > from && !undone.has(logged.entryId)) state = applyEntry(state, logged);
    if (logged.entry.kind === "join") seats.set(logged.entry.seatKeyHash, logged.entry.participantId);
    entryIds.add(logged.entryId);
    lastSeq = Math.max(lastSeq, logged.seq);
  }
  return { state, seats, entryIds, lastSeq, from };
}

/** The weight of log entries as stored (their JSON), which the table's log limit counts. */
export function logBytes(entries: readonly LogEntry[]): number {
  let bytes = 0;
  for (const { entry } of entries) bytes += Buffer.byteLength(JSON.stringify(entry));
  return bytes;
}
