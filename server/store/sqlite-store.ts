// The embedded default store: one SQLite file through Node's built-in node:sqlite (no server, no native addon).
// A table is its creation row plus its log rows (and snapshots of it, a cache). Appends of the same tick, from every
// table, are committed by one transaction (group commit): one fsync per batch, not per entry, and never on the event
// loop (server/store/wal-durability.ts syncs the WAL on the thread pool and checkpoints it on a worker thread).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { TableState } from "#shared/model.ts";
import { hashSecret, newJoinCode, newSecret } from "../secrets.ts";
import { GroupCommit, type EntryOutcomes } from "./group-commit.ts";
import { WalDurability, type WalDurabilityOptions } from "./wal-durability.ts";
import { SNAPSHOT_FORMAT, SNAPSHOTS_KEPT, SnapshotKeeper, type SnapshotSource } from "./snapshots.ts";
import {
  DuplicateEntryError,
  JOIN_CODE_TRIES,
  untakenJoinCode,
  type Anonymisation,
  type JoinCodeMaker,
  type JoinCodeMatch,
  type NewTable,
  type NewWorkshop,
  type LogEntry,
  type Snapshot,
  type StoredTable,
  type TableCreation,
  type TableSecrets,
  type TableStore,
  type WriteStats,
  type WorkshopChanges,
  type WorkshopCreation,
  type WorkshopJoinCodeMatch,
  type WorkshopTable,
} from "./table-store.ts";

/**
 * FULL: nothing is answered before its commit is fsynced to the WAL, so an acknowledged entry survives a power cut or
 * an OS crash. The fsync runs on libuv's thread pool (server/store/wal-durability.ts), not on the event loop.
 * NORMAL: the WAL is fsynced only at checkpoints; an entry survives a crash of this process, not of the machine.
 */
export type SqliteSynchronous = "FULL" | "NORMAL";

export interface SqliteStoreOptions {
  /**
   * FULL by default: it closes the window in which a power cut loses entries people were already told about, and
   * since its fsync left the event loop it costs the tables nothing but the wait of the batch being synced.
   */
  synchronous?: SqliteSynchronous;
  /** Where join codes come from (tests force collisions with their own); server/secrets.ts newJoinCode by default. */
  newJoinCode?: JoinCodeMaker;
  /** A snapshot every this many entries of a table (server/store/snapshots.ts SNAPSHOT_EVERY by default). */
  snapshotEvery?: number;
  /** The most entries per transaction; 1 gives one commit per entry, as before group commit (the benchmark's baseline). */
  maxBatch?: number;
  /** How the WAL is synced and how often it is checkpointed (tests hold the sync or hasten the checkpoints). */
  wal?: WalDurabilityOptions;
  /**
   * The store as it was before its fsyncs left the event loop (synchronous on the connection, SQLite's automatic
   * checkpoints): the durability benchmark's baseline only.
   */
  fsyncOnEventLoop?: boolean;
}

/**
 * The most entries one transaction commits: a burst larger than this is written in several batches, one after the
 * other, so that no single commit holds the event loop for long.
 */
export const SQLITE_MAX_BATCH = 256;

// Extended result codes: a PRIMARY KEY or a UNIQUE constraint failed. Anything else (foreign key, disk full…) is not a duplicate.
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;
// A row of the log for a table that does not exist: refused alone, like a duplicate, without failing its batch.
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS tables (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    facilitator_key_hash TEXT NOT NULL,
    invite TEXT NOT NULL,
    initial TEXT NOT NULL,
    observer_key TEXT NOT NULL DEFAULT ''
  ) STRICT;
  CREATE TABLE IF NOT EXISTS log (
    table_id TEXT NOT NULL REFERENCES tables (id),
    seq INTEGER NOT NULL,
    entry_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (table_id, seq),
    UNIQUE (table_id, entry_id)
  ) STRICT;
  -- Who ever sat at a table, by seat key (hasSeat: a participant's take-home files, asked by anyone with a table's id):
  -- without it each question read every entry's JSON of the table (38 ms for 2,000 entries, on the event loop).
  CREATE INDEX IF NOT EXISTS log_join_seat ON log (table_id, entry ->> '$.seatKeyHash') WHERE entry ->> '$.kind' = 'join';
  -- The replayed state after entry seq (server/store/snapshots.ts); files written before snapshots get this table empty.
  CREATE TABLE IF NOT EXISTS snapshots (
    table_id TEXT NOT NULL REFERENCES tables (id),
    seq INTEGER NOT NULL,
    format INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (table_id, seq)
  ) STRICT;
`;

/**
 * The latest snapshot of a table before an entry that replay may start from: of this format, and no undo after it
 * takes back an entry before it (such a snapshot holds what was undone). Parameters: table, format, before seq.
 */
const SELECT_SNAPSHOT = `
  SELECT seq, state FROM snapshots s
   WHERE s.table_id = ?1 AND s.format = ?2 AND s.seq < ?3
     AND NOT EXISTS (
       SELECT 1 FROM log u JOIN log t ON t.table_id = u.table_id AND t.entry_id = u.entry ->> '$.undoes'
        WHERE u.table_id = s.table_id AND u.seq > s.seq AND u.entry ->> '$.kind' = 'undo' AND t.seq <= s.seq)
   ORDER BY s.seq DESC LIMIT 1`;

interface Appended {
  tableId: string;
  entry: LogEntry;
}

interface TableRow {
  id: string;
  created_at: number;
  facilitator_key_hash: string;
  invite: string;
  initial: string;
  observer_key: string;
  join_code: string;
  workshop_id: string | null;
}

interface WorkshopRow {
  id: string;
  created_at: number;
  title: string;
  date: string;
  facilitator_key_hash: string;
  invite: string;
  observer_key: string;
  join_code: string;
  arrivals_open: number;
  seats_per_table: number;
  message: string;
  tables: string;
}

interface LogRow {
  seq: number;
  entry_id: string;
  at: number;
  entry: string;
}

export class SqliteTableStore implements TableStore, SnapshotSource {
  #db: DatabaseSync;
  #batches: GroupCommit<Appended>;
  #keeper: SnapshotKeeper;
  #selectSnapshot: StatementSync;
  #selectTail: StatementSync;
  #insertSnapshot: StatementSync;
  #trimSnapshots: StatementSync;
  #dropUndoneSnapshots: StatementSync;
  #deleteSnapshots: StatementSync;
  #insertTable: StatementSync;
  #insertEntry: StatementSync;
  #selectTable: StatementSync;
  #selectLog: StatementSync;
  #selectSecrets: StatementSync;
  #updateInvite: StatementSync;
  #deleteLog: StatementSync;
  #deleteTable: StatementSync;
  #selectUntouched: StatementSync;
  #selectJoinCode: StatementSync;
  #insertWorkshop: StatementSync;
  #selectWorkshop: StatementSync;
  #selectWorkshopJoinCode: StatementSync;
  #deleteWorkshop: StatementSync;
  #selectEmptyWorkshops: StatementSync;
  #newJoinCode: JoinCodeMaker;
  /** The WAL's syncs and checkpoints off the event loop; null for a ":memory:" store, which has no file. */
  #wal: WalDurability | null = null;
  #syncWrites: boolean;

  /** `file` is a path (its folder is created), or ":memory:" for a throwaway store. */
  constructor(
    file: string,
    {
      synchronous = "FULL",
      newJoinCode: makeJoinCode = newJoinCode,
      snapshotEvery,
      maxBatch = SQLITE_MAX_BATCH,
      wal,
      fsyncOnEventLoop = false,
    }: SqliteStoreOptions = {},
  ) {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      -- Commits write the WAL without syncing it: under FULL, #durable() syncs it off the event loop before answering.
      PRAGMA synchronous = NORMAL;
      -- Checkpoints run on the WAL's worker thread, never in a commit on the event loop.
      PRAGMA wal_autocheckpoint = 0;
      -- The worker's checkpoint can hold a lock an erasure's truncating checkpoint needs for a moment: wait, not fail.
      PRAGMA busy_timeout = 2000;
      PRAGMA foreign_keys = ON;
      -- What is deleted or rewritten (a table, an anonymised name) is overwritten with zeros, not left in free pages.
      PRAGMA secure_delete = ON;
    `);
    migrateStateBlob(this.#db);
    this.#db.exec(SCHEMA);
    addObserverKeys(this.#db);
    addRetiredInvites(this.#db);
    addJoinCodes(this.#db, makeJoinCode);
    addWorkshops(this.#db);
    addPublications(this.#db);
    this.#newJoinCode = makeJoinCode;
    this.#syncWrites = synchronous !== "NORMAL";
    if (fsyncOnEventLoop) {
      this.#db.exec(`PRAGMA synchronous = ${synchronous}; PRAGMA wal_autocheckpoint = 1000;`);
      this.#syncWrites = false;
    } else if (file !== ":memory:") this.#wal = new WalDurability(file, wal);
    // A join code is unique among tables (the unique index) and among workshops (the NOT EXISTS, in the same statement,
    // which SQLite runs under its write lock): a code taken by a workshop inserts nothing, and another is drawn.
    this.#insertTable = this.#db.prepare(
      `INSERT INTO tables (id, created_at, facilitator_key_hash, invite, observer_key, join_code, workshop_id, initial)
       SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM workshops WHERE join_code = ?)`,
    );
    this.#insertEntry = this.#db.prepare("INSERT INTO log (table_id, seq, entry_id, at, entry) VALUES (?, ?, ?, ?, ?)");
    this.#selectSnapshot = this.#db.prepare(SELECT_SNAPSHOT);
    this.#selectTail = this.#db.prepare(
      "SELECT seq, entry_id, at, entry FROM log WHERE table_id = ? AND seq > ? AND seq <= ? ORDER BY seq",
    );
    this.#insertSnapshot = this.#db.prepare(
      "INSERT OR REPLACE INTO snapshots (table_id, seq, format, state) VALUES (?, ?, ?, ?)",
    );
    this.#trimSnapshots = this.#db.prepare(
      "DELETE FROM snapshots WHERE table_id = ?1 AND seq < (SELECT seq FROM snapshots WHERE table_id = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)",
    );
    // An undo makes every snapshot from the undone entry on unusable (they hold its effect).
    this.#dropUndoneSnapshots = this.#db.prepare(
      "DELETE FROM snapshots WHERE table_id = ?1 AND seq >= (SELECT seq FROM log WHERE table_id = ?1 AND entry_id = ?2)",
    );
    this.#deleteSnapshots = this.#db.prepare("DELETE FROM snapshots WHERE table_id = ?");
    this.#batches = new GroupCommit((batch) => this.#commit(batch), maxBatch);
    this.#keeper = new SnapshotKeeper(this, snapshotEvery ? { every: snapshotEvery } : {});
    this.#selectTable = this.#db.prepare("SELECT * FROM tables WHERE id = ?");
    this.#selectLog = this.#db.prepare("SELECT seq, entry_id, at, entry FROM log WHERE table_id = ? ORDER BY seq");
    this.#selectSecrets = this.#db.prepare(
      `SELECT t.facilitator_key_hash, t.invite, t.observer_key, t.retired_invites, w.facilitator_key_hash AS workshop_key_hash
         FROM tables t LEFT JOIN workshops w ON w.id = t.workshop_id WHERE t.id = ?`,
    );
    this.#updateInvite = this.#db.prepare(
      `UPDATE tables SET retired_invites = json_insert(retired_invites, '$[#]', ?), invite = ?, join_code = ?
        WHERE id = ? AND NOT EXISTS (SELECT 1 FROM workshops WHERE join_code = ?)`,
    );
    // The unique index tables_join_code finds the row: a miss reads one index page, never a table row.
    this.#selectJoinCode = this.#db.prepare("SELECT id, invite FROM tables WHERE join_code = ?");
    this.#deleteLog = this.#db.prepare("DELETE FROM log WHERE table_id = ?");
    this.#deleteTable = this.#db.prepare("DELETE FROM tables WHERE id = ?");
    this.#insertWorkshop = this.#db.prepare(
      `INSERT INTO workshops (id, created_at, title, date, facilitator_key_hash, invite, observer_key, join_code, arrivals_open, seats_per_table, message, tables)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tables WHERE join_code = ?)`,
    );
    this.#selectWorkshop = this.#db.prepare("SELECT * FROM workshops WHERE id = ?");
    this.#selectWorkshopJoinCode = this.#db.prepare("SELECT id, invite FROM workshops WHERE join_code = ?");
    this.#deleteWorkshop = this.#db.prepare("DELETE FROM workshops WHERE id = ?");
    // The index tables_workshop finds a workshop's tables without reading any other.
    this.#selectEmptyWorkshops = this.#db.prepare(
      "SELECT id FROM workshops w WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM tables t WHERE t.workshop_id = w.id) ORDER BY id",
    );
    // The latest of the creation and the last entry, compared without reading a whole log: the (table_id, seq) key finds each table's rows.
    this.#selectUntouched = this.#db.prepare(
      "SELECT id FROM tables t WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM log l WHERE l.table_id = t.id AND l.at >= ?) ORDER BY id",
    );
  }

  async create(table: NewTable): Promise<TableCreation> {
    try {
      const joinCode = this.#withNewJoinCode((code) =>
        written(
          this.#insertTable.run(
            table.id,
            table.createdAt,
            table.facilitatorKeyHash,
            table.invite,
            table.observerKey,
            code,
            table.workshopId ?? null,
            JSON.stringify(table.initial),
            code,
          ),
        ),
      );
      await this.#durable();
      return { ...table, workshopId: table.workshopId ?? null, joinCode };
    } catch (error) {
      if (isDuplicate(error) && !isJoinCodeTaken(error))
        throw new Error(`table ${table.id} already exists`, { cause: error });
      throw error;
    }
  }

  /** Resolves once every write committed so far is on disk (at once under NORMAL, or for a ":memory:" store). */
  #durable(): Promise<void> {
    this.#wal?.wrote();
    return this.#syncWrites && this.#wal ? this.#wal.durable() : Promise.resolve();
  }

  /**
   * Runs the write with a new join code, and again with another while the code is taken: by a row of the same kind
   * (the unique index throws) or of the other kind (the write's NOT EXISTS wrote nothing: it returns false).
   * Returns the code written.
   */
  #withNewJoinCode(write: (code: string) => boolean): string {
    for (let attempt = 1; ; attempt++) {
      const code = this.#newJoinCode();
      try {
        if (write(code)) return code;
        if (attempt >= JOIN_CODE_TRIES) throw new Error(`no free join code after ${JOIN_CODE_TRIES} draws`);
      } catch (error) {
        if (!isJoinCodeTaken(error) || attempt >= JOIN_CODE_TRIES) throw error;
      }
    }
  }

  /** The creation, the whole log, and the latest usable snapshot (replay starts from it, server/store/replay.ts). */
  async load(tableId: string): Promise<StoredTable | undefined> {
    const row = this.#selectTable.get(tableId) as TableRow | undefined;
    if (!row) return undefined;
    const log = (this.#selectLog.all(tableId) as unknown as LogRow[]).map(entryOf);
    const snapshot = this.#snapshot(tableId, Number.MAX_SAFE_INTEGER);
    this.#keeper.loaded(tableId, log.at(-1)?.seq ?? 0, snapshot?.seq ?? 0);
    return { table: creationOf(row), log, ...(snapshot && { snapshot }) };
  }

  async snapshot(tableId: string, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<Snapshot | undefined> {
    return this.#snapshot(tableId, beforeSeq);
  }

  /** Undefined when there is none, or when it cannot be read: replay then starts from the first state. */
  #snapshot(tableId: string, beforeSeq: number): Snapshot | undefined {
    try {
      const row = this.#selectSnapshot.get(tableId, SNAPSHOT_FORMAT, beforeSeq) as
        { seq: number; state: string } | undefined;
      return row && { seq: row.seq, state: JSON.parse(row.state) as TableState };
    } catch {
      return undefined;
    }
  }

  async snapshotBase(tableId: string, seq: number): Promise<StoredTable | undefined> {
    const row = this.#selectTable.get(tableId) as TableRow | undefined;
    if (!row) return undefined;
    const snapshot = this.#snapshot(tableId, seq + 1);
    const log = (this.#selectTail.all(tableId, snapshot?.seq ?? 0, seq) as unknown as LogRow[]).map(entryOf);
    return { table: creationOf(row), log, ...(snapshot && { snapshot }) };
  }

  async saveSnapshot(tableId: string, { seq, state }: Snapshot): Promise<void> {
    transaction(this.#db, () => {
      this.#insertSnapshot.run(tableId, seq, SNAPSHOT_FORMAT, JSON.stringify(state));
      this.#trimSnapshots.run(tableId, SNAPSHOTS_KEPT - 1);
    });
  }

  snapshotsSettled(): Promise<void> {
    return this.#keeper.settled();
  }

  writeStats(): WriteStats {
    return { ...this.#batches.counts, snapshots: this.#keeper.written };
  }

  async hasSeat(tableId: string, seatKeyHash: string): Promise<boolean> {
    return (
      this.#db
        .prepare(
          "SELECT 1 FROM log WHERE table_id = ? AND entry ->> '$.kind' = 'join' AND entry ->> '$.seatKeyHash' = ? LIMIT 1",
        )
        .get(tableId, seatKeyHash) !== undefined
    );
  }

  async secrets(tableId: string): Promise<TableSecrets | undefined> {
    const row = this.#selectSecrets.get(tableId) as
      | (Pick<TableRow, "facilitator_key_hash" | "invite" | "observer_key"> & {
          retired_invites: string;
          workshop_key_hash: string | null;
        })
      | undefined;
    return (
      row && {
        facilitatorKeyHash: row.facilitator_key_hash,
        invite: row.invite,
        observerKey: row.observer_key,
        retiredInviteHashes: JSON.parse(row.retired_invites) as string[],
        workshopFacilitatorKeyHash: row.workshop_key_hash,
      }
    );
  }

  /** One statement: the old link's hash joins the retired ones as the new link and a new join code replace them. */
  async setInvite(tableId: string, invite: string): Promise<string> {
    const current = this.#selectSecrets.get(tableId) as { invite: string } | undefined;
    if (!current) throw new Error(`no table ${tableId}`);
    const code = this.#withNewJoinCode((code) =>
      written(this.#updateInvite.run(hashSecret(current.invite), invite, code, tableId, code)),
    );
    await this.#durable();
    return code;
  }

  async findByJoinCode(code: string): Promise<JoinCodeMatch | undefined> {
    if (!code) return undefined;
    const row = this.#selectJoinCode.get(code) as { id: string; invite: string } | undefined;
    return row && { tableId: row.id, invite: row.invite };
  }

  async setPublication(tableId: string, publicId: string | null): Promise<void> {
    this.#db.prepare("UPDATE tables SET public_id = ? WHERE id = ?").run(publicId, tableId);
    await this.#durable();
  }

  // The unique index tables_public_id finds the row: a wrong id reads one index page, never a table row.
  async findByPublication(publicId: string): Promise<string | undefined> {
    if (!publicId) return undefined;
    return (this.#db.prepare("SELECT id FROM tables WHERE public_id = ?").get(publicId) as { id: string } | undefined)
      ?.id;
  }

  async createWorkshop(workshop: NewWorkshop): Promise<WorkshopCreation> {
    try {
      const joinCode = this.#withNewJoinCode((code) =>
        written(
          this.#insertWorkshop.run(
            workshop.id,
            workshop.createdAt,
            workshop.title,
            workshop.date,
            workshop.facilitatorKeyHash,
            workshop.invite,
            workshop.observerKey,
            code,
            workshop.arrivalsOpen ? 1 : 0,
            workshop.seatsPerTable,
            workshop.message,
            JSON.stringify(workshop.tables),
            code,
          ),
        ),
      );
      await this.#durable();
      return { ...workshop, joinCode };
    } catch (error) {
      if (isDuplicate(error) && !isJoinCodeTaken(error))
        throw new Error(`workshop ${workshop.id} already exists`, { cause: error });
      throw error;
    }
  }

  async loadWorkshop(workshopId: string): Promise<WorkshopCreation | undefined> {
    const row = this.#selectWorkshop.get(workshopId) as WorkshopRow | undefined;
    return row && workshopOf(row);
  }

  /** One UPDATE of the columns given (their names come from this code, never from the caller). */
  async updateWorkshop(workshopId: string, changes: WorkshopChanges): Promise<WorkshopCreation | undefined> {
    const columns: string[] = [];
    const values: (string | number)[] = [];
    const set = (column: string, value: string | number) => {
      columns.push(`${column} = ?`);
      values.push(value);
    };
    if (changes.arrivalsOpen !== undefined) set("arrivals_open", changes.arrivalsOpen ? 1 : 0);
    if (changes.message !== undefined) set("message", changes.message);
    if (changes.tables !== undefined) set("tables", JSON.stringify(changes.tables));
    if (columns.length > 0) {
      this.#db.prepare(`UPDATE workshops SET ${columns.join(", ")} WHERE id = ?`).run(...values, workshopId);
      await this.#durable();
    }
    return this.loadWorkshop(workshopId);
  }

  async findWorkshopByJoinCode(code: string): Promise<WorkshopJoinCodeMatch | undefined> {
    if (!code) return undefined;
    const row = this.#selectWorkshopJoinCode.get(code) as { id: string; invite: string } | undefined;
    return row && { workshopId: row.id, invite: row.invite };
  }

  /** Its tables' workshop_id becomes NULL (ON DELETE SET NULL): the workshop's secret no longer opens them. */
  async deleteWorkshop(workshopId: string): Promise<boolean> {
    const deleted = Number(this.#deleteWorkshop.run(workshopId).changes) > 0;
    await this.#durable();
    return deleted;
  }

  async emptyWorkshops(cutoffMs: number): Promise<string[]> {
    return (this.#selectEmptyWorkshops.all(cutoffMs) as { id: string }[]).map((row) => row.id);
  }

  /**
   * The join entry's name and role, the roles of their changes of hat, and the first state when given, in one transaction; then the WAL is checkpointed
   * and truncated, so that the page that held the real name is not left behind in it.
   */
  async anonymise(tableId: string, { participantId, name, role, initial }: Anonymisation): Promise<void> {
    // Entries already accepted land first; no snapshot made from the real name is written after this.
    await this.#batches.drain();
    await this.#keeper.rewriting(tableId);
    transaction(this.#db, () => {
      if (!this.#selectTable.get(tableId)) throw new Error(`no table ${tableId}`);
      // Snapshots hold the real name: they go, and are made again from the rewritten log.
      this.#deleteSnapshots.run(tableId);
      this.#db
        .prepare(
          `UPDATE log SET entry = json_set(entry, '$.name', ?, '$.role', ?)
            WHERE table_id = ? AND json_extract(entry, '$.kind') = 'join' AND json_extract(entry, '$.participantId') = ?`,
        )
        .run(name, role, tableId, participantId);
      // The hats they changed into (changeRole) are their words too.
      this.#db
        .prepare(
          `UPDATE log SET entry = json_set(entry, '$.action.role', ?)
            WHERE table_id = ? AND json_extract(entry, '$.kind') = 'action' AND json_extract(entry, '$.actorId') = ?
              AND json_extract(entry, '$.action.type') = 'changeRole'`,
        )
        .run(role, tableId, participantId);
      if (initial) this.#db.prepare("UPDATE tables SET initial = ? WHERE id = ?").run(JSON.stringify(initial), tableId);
    });
    this.#db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  // Queued with the other appends of this tick; resolves once their transaction is committed (fsynced under FULL).
  async append(tableId: string, entry: LogEntry): Promise<void> {
    if (!this.#db.isOpen) throw new Error("the store is closed");
    await this.#batches.add({ tableId, entry });
    // Committed; answered once a sync started after that commit is done. The next batches are committed meanwhile.
    if (this.#syncWrites) await this.#wal?.durable();
  }

  /**
   * One transaction for the whole batch. A duplicate, or an entry of a table that does not exist, fails its own
   * statement only (SQLite rolls back that statement, the transaction goes on): that entry alone is refused. Any
   * other failure (disk full, I/O error, the commit itself) rolls the whole batch back, and every entry is refused.
   */
  #commit(batch: Appended[]): EntryOutcomes {
    const outcomes: EntryOutcomes = [];
    transaction(this.#db, () => {
      for (const { tableId, entry } of batch) {
        try {
          this.#insertEntry.run(tableId, entry.seq, entry.entryId, entry.at, JSON.stringify(entry.entry));
        } catch (error) {
          if (isDuplicate(error)) outcomes.push(new DuplicateEntryError(tableId, entry));
          else if (isUnknownTable(error)) outcomes.push(new Error(`no table ${tableId}`, { cause: error }));
          else throw error;
          continue;
        }
        if (entry.entry.kind === "undo") this.#dropUndoneSnapshots.run(tableId, entry.entry.undoes);
        outcomes.push(undefined);
      }
    });
    this.#wal?.wrote();
    batch.forEach(({ tableId, entry }, i) => {
      if (!outcomes[i]) this.#keeper.appended(tableId, entry.seq);
    });
    return outcomes;
  }

  /** The log rows, then the table row, in one transaction: a crash in between leaves the table whole. */
  async delete(tableId: string): Promise<boolean> {
    await this.#batches.drain();
    await this.#keeper.rewriting(tableId);
    const deleted = transaction(this.#db, () => {
      this.#deleteSnapshots.run(tableId);
      this.#deleteLog.run(tableId);
      return Number(this.#deleteTable.run(tableId).changes) > 0;
    });
    await this.#durable();
    return deleted;
  }

  async untouchedSince(cutoffMs: number): Promise<string[]> {
    return (this.#selectUntouched.all(cutoffMs, cutoffMs) as { id: string }[]).map((row) => row.id);
  }

  /** Throws when the file is closed or unreadable (node:sqlite raises on a closed database). */
  async ping(): Promise<void> {
    this.#db.prepare("SELECT 1").get();
  }

  // The batch waiting for its tick is committed, the snapshot under way written; closing twice is harmless.
  async close(): Promise<void> {
    if (!this.#db.isOpen) return;
    await this.#batches.drain();
    await this.#keeper.close();
    await this.#wal?.close();
    if (this.#db.isOpen) this.#db.close();
  }
}

function entryOf(row: LogRow): LogEntry {
  return { seq: row.seq, entryId: row.entry_id, at: row.at, entry: JSON.parse(row.entry) as LogEntry["entry"] };
}

function creationOf(row: TableRow): TableCreation {
  return {
    id: row.id,
    createdAt: row.created_at,
    facilitatorKeyHash: row.facilitator_key_hash,
    invite: row.invite,
    observerKey: row.observer_key,
    joinCode: row.join_code,
    workshopId: row.workshop_id,
    initial: JSON.parse(row.initial) as TableState,
  };
}

/** Whether an INSERT … WHERE NOT EXISTS or an UPDATE wrote its row (false: the join code is a row's of the other kind). */
function written(result: { changes: number | bigint }): boolean {
  return Number(result.changes) > 0;
}

function workshopOf(row: WorkshopRow): WorkshopCreation {
  return {
    id: row.id,
    createdAt: row.created_at,
    title: row.title,
    date: row.date,
    facilitatorKeyHash: row.facilitator_key_hash,
    invite: row.invite,
    observerKey: row.observer_key,
    joinCode: row.join_code,
    arrivalsOpen: row.arrivals_open === 1,
    seatsPerTable: row.seats_per_table,
    message: row.message,
    tables: JSON.parse(row.tables) as WorkshopTable[],
  };
}

function isDuplicate(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return code === SQLITE_CONSTRAINT_PRIMARYKEY || code === SQLITE_CONSTRAINT_UNIQUE;
}

function isUnknownTable(error: unknown): boolean {
  return (error as { errcode?: unknown } | null)?.errcode === SQLITE_CONSTRAINT_FOREIGNKEY;
}

/** A unique index on join codes refused the row: another table (or workshop) has this code. */
function isJoinCodeTaken(error: unknown): boolean {
  const { errcode, message } = (error ?? {}) as { errcode?: unknown; message?: unknown };
  return (
    errcode === SQLITE_CONSTRAINT_UNIQUE &&
    typeof message === "string" &&
    /\b(tables|workshops)\.join_code\b/.test(message)
  );
}

// Files written before the log existed kept one state blob per table: it becomes the table's starting state, with an empty log.
function migrateStateBlob(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('tables')").all() as { name: string }[];
  if (columns.some((c) => c.name === "state") && !columns.some((c) => c.name === "initial")) {
    db.exec("ALTER TABLE tables RENAME COLUMN state TO initial");
  }
}

// Files written before the observer link existed: the column is added, and each table gets its own observer secret.
function addObserverKeys(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('tables')").all() as { name: string }[];
  if (!columns.some((c) => c.name === "observer_key")) {
    db.exec("ALTER TABLE tables ADD COLUMN observer_key TEXT NOT NULL DEFAULT ''");
  }
  const missing = db.prepare("SELECT id FROM tables WHERE observer_key = ''").all() as { id: string }[];
  if (missing.length === 0) return;
  const update = db.prepare("UPDATE tables SET observer_key = ? WHERE id = ?");
  transaction(db, () => {
    for (const { id } of missing) update.run(newSecret(), id);
  });
}

/** Runs `work` in one write transaction (taken at once: BEGIN IMMEDIATE), committed if it returns, rolled back if it throws. */
function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    // A failed COMMIT may have ended the transaction already (SQLite rolls back on some errors by itself).
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

// Files written before the participant link could be changed: no link was ever retired.
function addRetiredInvites(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('tables')").all() as { name: string }[];
  if (!columns.some((c) => c.name === "retired_invites")) {
    db.exec("ALTER TABLE tables ADD COLUMN retired_invites TEXT NOT NULL DEFAULT '[]'");
  }
}

// Files written before join codes existed: the column is added, each table gets its own code (drawn until it is unique
// among them), then the unique index that finds a table by its code. Done once when the store opens, like the observer
// secrets, rather than lazily when a table's room opens: every row then has its code and the column never holds a
// "not yet" value that each read path would have to handle; it costs one UPDATE per old table, once.
function addJoinCodes(db: DatabaseSync, makeJoinCode: JoinCodeMaker): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('tables')").all() as { name: string }[];
  if (!columns.some((c) => c.name === "join_code")) {
    db.exec("ALTER TABLE tables ADD COLUMN join_code TEXT NOT NULL DEFAULT ''");
  }
  const missing = db.prepare("SELECT id FROM tables WHERE join_code = ''").all() as { id: string }[];
  if (missing.length > 0) {
    const taken = new Set(
      (db.prepare("SELECT join_code FROM tables WHERE join_code <> ''").all() as { join_code: string }[]).map(
        (r) => r.join_code,
      ),
    );
    const update = db.prepare("UPDATE tables SET join_code = ? WHERE id = ?");
    transaction(db, () => {
      for (const { id } of missing) {
        const code = untakenJoinCode(makeJoinCode, taken);
        taken.add(code);
        update.run(code, id);
      }
    });
  }
  db.exec("CREATE UNIQUE INDEX IF NOT EXISTS tables_join_code ON tables (join_code)");
}

// Files written before workshops existed: their table, and each table's workshop (none for the tables already there).
// A deleted workshop leaves its tables on their own (ON DELETE SET NULL): its secret opens none of them from then on.
function addWorkshops(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS workshops (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      title TEXT NOT NULL,
      date TEXT NOT NULL,
      facilitator_key_hash TEXT NOT NULL,
      invite TEXT NOT NULL,
      observer_key TEXT NOT NULL,
      join_code TEXT NOT NULL,
      arrivals_open INTEGER NOT NULL,
      seats_per_table INTEGER NOT NULL,
      message TEXT NOT NULL,
      tables TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX IF NOT EXISTS workshops_join_code ON workshops (join_code);
  `);
  const columns = db.prepare("SELECT name FROM pragma_table_info('tables')").all() as { name: string }[];
  if (!columns.some((c) => c.name === "workshop_id")) {
    db.exec("ALTER TABLE tables ADD COLUMN workshop_id TEXT REFERENCES workshops (id) ON DELETE SET NULL");
  }
  db.exec("CREATE INDEX IF NOT EXISTS tables_workshop ON tables (workshop_id)");
}

// Files written before stories could be published: the column where a published table keeps its public address's id
// (NULL for every other table, which a unique index allows any number of times).
function addPublications(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('tables')").all() as { name: string }[];
  if (!columns.some((c) => c.name === "public_id")) db.exec("ALTER TABLE tables ADD COLUMN public_id TEXT");
  db.exec("CREATE UNIQUE INDEX IF NOT EXISTS tables_public_id ON tables (public_id)");
}
