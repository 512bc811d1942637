// Where tables live: each table is its creation (setup, secrets' hashes, first state) plus its ordered log of accepted
// entries. The room appends an entry and awaits it before anyone is told the action happened.
import type { Action, ActorZone, TableState } from "#shared/model.ts";

export interface TableCreation {
  id: string;
  createdAt: number;
  facilitatorKeyHash: string;
  /** The participant link secret, kept so the facilitator can show the link again; never synced. */
  invite: string;
  /** The observer link secret (read-only seat), kept plain for the same reason; never synced. */
  observerKey: string;
  /**
   * The short join code (shared/join-code.ts), typed on the home page instead of opening the participant link: a secret
   * worth that link, kept plain to be shown again like it, and replaced with it. Given by the store, unique among its tables.
   */
  joinCode: string;
  /** The workshop this table is part of (its facilitator has full rights here too), or null for a table on its own. */
  workshopId: string | null;
  /** The state the log starts from: a new table from the setup, or an imported story. */
  initial: TableState;
}

/** Someone took a seat. The seat key's hash lets them (and only them) come back to it. */
export interface JoinEntry {
  kind: "join";
  participantId: string;
  name: string;
  role: string;
  /** Where they stood on the kit's actor map when they sat down; absent in entries written before it, and when skipped. */
  zone?: ActorZone;
  facilitator: boolean;
  seatKeyHash: string;
}

/** An accepted action of a seated person. */
export interface ActionEntry {
  kind: "action";
  actorId: string;
  action: Action;
}

/**
 * The facilitator undid an action: `undoes` is the entryId of the last action that was neither undone nor an undo.
 * Replay leaves the undone entry out; the log itself is never rewritten (but for a join entry's name and role when
 * that person is anonymised), so what happened stays on record.
 */
export interface UndoEntry {
  kind: "undo";
  actorId: string;
  undoes: string;
}

export interface LogEntry {
  /** 1, 2, 3… within a table: the order in which entries were accepted. */
  seq: number;
  /** Chosen by the sender (outbox id) or the server; unique within a table, so a repeat is recognised. */
  entryId: string;
  /** When it was accepted (ms since epoch): replay uses it as the rules' clock. */
  at: number;
  entry: JoinEntry | ActionEntry | UndoEntry;
}

export interface StoredTable {
  table: TableCreation;
  /** Every entry, in seq order (replay may also be given only the entries after `snapshot`). */
  log: LogEntry[];
  /**
   * The table as replay left it after entry `seq` (server/store/snapshots.ts): a cache of the log, never the truth.
   * Replay starts from it when the log allows (no later undo reaches back before it), else from `table.initial`.
   */
  snapshot?: Snapshot;
}

/** The replayed state after the entry `seq` (undos up to that entry applied). */
export interface Snapshot {
  seq: number;
  state: TableState;
}

/** How the store has grouped its writes since it opened (group commit: one transaction, one fsync per batch). */
export interface WriteStats {
  /** Transactions that committed log entries (one per batch). */
  batches: number;
  /** Log entries made durable by them. */
  entries: number;
  /** Batches whose transaction failed: each of their entries was rejected. */
  failedBatches: number;
  /** Snapshots written. */
  snapshots: number;
}

/** What anonymise() writes over: the person's join entry gets this name and role; `initial`, when set, replaces the first state. */
export interface Anonymisation {
  participantId: string;
  name: string;
  role: string;
  initial?: TableState;
}

/** What create() takes: everything but the join code, which the store gives; a table on its own may leave out workshopId. */
export type NewTable = Omit<TableCreation, "joinCode" | "workshopId"> & { workshopId?: string | null };

/** One table of a workshop, in the workshop's order. */
export interface WorkshopTable {
  tableId: string;
  /** The workshop's name for it (« Table 1 »…). */
  name: string;
  /**
   * That table's own facilitator secret (its row keeps only the hash), kept plain like an invite so that the overview
   * can show the « table facilitator » link again, to hand the table to a helper. Never synced.
   */
  handOverKey: string;
}

/** A workshop: several tables under one facilitator, one way in for the whole room (shared/workshop.ts). */
export interface WorkshopCreation {
  id: string;
  createdAt: number;
  title: string;
  /** YYYY-MM-DD, or "" when not said. */
  date: string;
  /** The workshop facilitator's secret, hash only: full rights on the overview and at every table of the workshop. */
  facilitatorKeyHash: string;
  /** The lobby link's secret (participants), kept plain to be shown again; never synced. */
  invite: string;
  /** The plenary screen's secret (read only), kept plain for the same reason. */
  observerKey: string;
  /** The workshop's short code (shared/join-code.ts): unique among tables and workshops, given by the store. */
  joinCode: string;
  /** Whether the lobby seats newcomers (the facilitator closes arrivals once everyone is in). */
  arrivalsOpen: boolean;
  seatsPerTable: number;
  /** The message shown on every screen, "" when none. */
  message: string;
  tables: WorkshopTable[];
}

/** What createWorkshop() takes: everything but the join code, which the store gives. */
export type NewWorkshop = Omit<WorkshopCreation, "joinCode">;

/** What changes in a workshop once created. */
export type WorkshopChanges = Partial<Pick<WorkshopCreation, "arrivalsOpen" | "message" | "tables">>;

/** Makes a candidate join code (server/secrets.ts newJoinCode; tests pass their own to force a collision). */
export type JoinCodeMaker = () => string;

/** How many codes the store tries before giving up (two tables drawing the same one is already a one-in-a-billion event). */
export const JOIN_CODE_TRIES = 10;

/** A code not in `taken` (the migration of tables made before join codes), drawn at most JOIN_CODE_TRIES times. */
export function untakenJoinCode(makeJoinCode: JoinCodeMaker, taken: ReadonlySet<string>): string {
  for (let attempt = 1; attempt <= JOIN_CODE_TRIES; attempt++) {
    const code = makeJoinCode();
    if (!taken.has(code)) return code;
  }
  throw new Error(`no free join code after ${JOIN_CODE_TRIES} draws`);
}

/** What a workshop's join code leads to: the workshop and its lobby link's secret, nothing else. */
export interface WorkshopJoinCodeMatch {
  workshopId: string;
  invite: string;
}

/** What a join code leads to: the table and its current participant link, nothing else. */
export interface JoinCodeMatch {
  tableId: string;
  invite: string;
}

/** Raised by append() when the seq or the entryId is already in the table's log. */
export class DuplicateEntryError extends Error {
  constructor(tableId: string, entry: LogEntry) {
    super(`table ${tableId} already holds seq ${entry.seq} or entry ${entry.entryId}`);
    this.name = "DuplicateEntryError";
  }
}

/** What checking a link needs, read without the log: a request is authorized before the table is ever rebuilt. */
export interface TableSecrets extends Pick<TableCreation, "facilitatorKeyHash" | "invite" | "observerKey"> {
  /** Hashes of the participant links the facilitator replaced: they bring back people already seated, nobody new. */
  retiredInviteHashes: string[];
  /** The hash of the workshop facilitator's secret when the table is part of a workshop (it gives full rights here too), else null. */
  workshopFacilitatorKeyHash: string | null;
}

export interface TableStore {
  /**
   * Stores a new table with a join code no other table nor workshop has (a new one is drawn on a collision); rejects if the id
   * exists. Resolves with the table as stored, its join code included.
   */
  create(table: NewTable): Promise<TableCreation>;
  load(tableId: string): Promise<StoredTable | undefined>;
  /** The table's link secrets only (one small read); undefined when there is no such table. */
  secrets(tableId: string): Promise<TableSecrets | undefined>;
  /**
   * Whether someone sat down at this table with this seat key (its hash, in the join entries of the log): read from
   * the log alone, so that a request without a seat at the table costs no replay (a participant's take-home files).
   */
  hasSeat(tableId: string, seatKeyHash: string): Promise<boolean>;
  /**
   * Replaces the participant link's secret (the facilitator changed the link): the old one lets no newcomer in. The join
   * code is replaced with it, in the same write; resolves with the new code.
   */
  setInvite(tableId: string, invite: string): Promise<string>;
  /** The table this join code (normalised) belongs to, and its participant link: one read on a unique index. */
  findByJoinCode(code: string): Promise<JoinCodeMatch | undefined>;
  /**
   * Where the table's story is published now (the id of its public address, shared/protocol-constants.ts), or null when
   * it is not: kept beside the table so that the public page finds it with one read on a unique index. The log holds
   * the publication itself (the publish action, with its id); the room writes this after each change of it, and again
   * when the table opens.
   */
  setPublication(tableId: string, publicId: string | null): Promise<void>;
  /** The table published at this address: one read on a unique index; undefined for any other id. */
  findByPublication(publicId: string): Promise<string | undefined>;
  /**
   * Resolves once the entry is durable (survives a crash of this process); rejects a duplicate with DuplicateEntryError.
   * Entries appended in the same tick, whatever their table, are committed together (one transaction, one fsync); when
   * that commit fails, every entry of the batch is rejected and none of them is stored.
   */
  append(tableId: string, entry: LogEntry): Promise<void>;
  /**
   * The latest snapshot of the table that replay may start from, taken before the entry `beforeSeq` when given (an
   * undo of that entry replays from there); undefined when there is none, or when it cannot be read.
   */
  snapshot(tableId: string, beforeSeq?: number): Promise<Snapshot | undefined>;
  /** Resolves once every snapshot asked for so far is written or given up (close waits for it; tests and benchmarks too). */
  snapshotsSettled(): Promise<void>;
  /** How writes were grouped so far. */
  writeStats(): WriteStats;
  /**
   * Anonymisation (GDPR): rewrites in place the name and role of this participant's join entry (and the role of their
   * changes of hat, changeRole), and, when they came
   * with an imported story, replaces the table's first state by the given one (rewritten by the rules), in one
   * transaction. The real name then survives nowhere in the table, and replay gives the new name from the start.
   */
  anonymise(tableId: string, change: Anonymisation): Promise<void>;
  /**
   * Deletes the table and everything in it (its log and its creation row), in one transaction; resolves true when
   * there was such a table. Nothing of it remains: no tombstone, so a deleted table and one that never existed look alike.
   */
  delete(tableId: string): Promise<boolean>;
  /** Ids of the tables untouched since `cutoffMs`: created before it, and no log entry at or after it (the retention sweep). */
  untouchedSince(cutoffMs: number): Promise<string[]>;
  /** Stores a new workshop with a join code no table nor workshop has (drawn again on a collision); rejects if the id exists. */
  createWorkshop(workshop: NewWorkshop): Promise<WorkshopCreation>;
  loadWorkshop(workshopId: string): Promise<WorkshopCreation | undefined>;
  /** Changes what is given, in one write; resolves with the workshop as stored, or undefined when there is no such workshop. */
  updateWorkshop(workshopId: string, changes: WorkshopChanges): Promise<WorkshopCreation | undefined>;
  /** The workshop this join code (normalised) belongs to, and its lobby link's secret: one read on a unique index. */
  findWorkshopByJoinCode(code: string): Promise<WorkshopJoinCodeMatch | undefined>;
  /** Deletes the workshop's row (its tables stay, on their own from then on); resolves true when there was one. */
  deleteWorkshop(workshopId: string): Promise<boolean>;
  /** Ids of the workshops created before `cutoffMs` that have no table left (the retention sweep deletes them). */
  emptyWorkshops(cutoffMs: number): Promise<string[]>;
  /** One trivial query (the health check): resolves when the store answers, rejects otherwise. */
  ping(): Promise<void>;
  /** Waits for pending writes (batched entries, snapshots), then releases the store. */
  close(): Promise<void>;
}
