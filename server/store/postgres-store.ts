// The store for bigger deployments: the same tables and log on PostgreSQL (DATABASE_URL), through a pg connection pool.
// Appends of the same tick, from every table, are one multi-row INSERT (one transaction, synchronous_commit on): each
// resolves once that commit is flushed to disk. Snapshots of tables (a cache of the log) sit beside them.
import pg from "pg";
import type { TableState } from "#shared/model.ts";
import { newJoinCode, newSecret } from "../secrets.ts";
import { GroupCommit, type EntryOutcomes } from "./group-commit.ts";
import {
  SNAPSHOT_FORMAT,
  SNAPSHOTS_KEPT,
  SnapshotKeeper,
  type KeeperOptions,
  type SnapshotSource,
} from "./snapshots.ts";
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

export interface PostgresStoreOptions {
  /** Where the tables live (created if missing); "public" by default. Tests use a throwaway schema. */
  schema?: string;
  /** An idle pooled connection broke (server restart…): the pool drops it and the next query reconnects. */
  onIdleError?: (error: Error) => void;
  /** Where join codes come from (tests force collisions with their own); server/secrets.ts newJoinCode by default. */
  newJoinCode?: JoinCodeMaker;
  /** A snapshot every this many entries of a table (server/store/snapshots.ts SNAPSHOT_EVERY by default). */
  snapshotEvery?: number;
  /** The most entries per transaction; 1 gives one commit per entry, as before group commit (the benchmark's baseline). */
  maxBatch?: number;
}

/** The most entries one INSERT carries; a larger burst goes in several, one after the other. */
export const POSTGRES_MAX_BATCH = 500;

const UNIQUE_VIOLATION = "23505";
// Any constant shared by every process that opens the store: two servers starting at once create the tables once.
const SCHEMA_LOCK = 7_126_530_418;
/** The unique index that finds a table by its join code (and refuses a code another table has). */
const JOIN_CODE_INDEX = "tables_join_code";
/** The same for workshops. */
const WORKSHOP_JOIN_CODE_INDEX = "workshops_join_code";

interface TableRow {
  id: string;
  created_at: string;
  facilitator_key_hash: string;
  invite: string;
  observer_key: string;
  join_code: string;
  workshop_id: string | null;
  initial: TableState;
}

interface WorkshopRow {
  id: string;
  created_at: string;
  title: string;
  date: string;
  facilitator_key_hash: string;
  invite: string;
  observer_key: string;
  join_code: string;
  arrivals_open: boolean;
  seats_per_table: number;
  message: string;
  tables: WorkshopTable[];
}

interface LogRow {
  seq: number;
  entry_id: string;
  at: string;
  entry: LogEntry["entry"];
}

export class PostgresTableStore implements TableStore, SnapshotSource {
  #pool: pg.Pool;
  #tables: string;
  #log: string;
  #workshops: string;
  #snapshots: string;
  #closed = false;
  #newJoinCode: JoinCodeMaker;
  #batches: GroupCommit<Appended>;
  #keeper: SnapshotKeeper;

  private constructor(
    pool: pg.Pool,
    schema: string,
    makeJoinCode: JoinCodeMaker,
    maxBatch: number,
    keeper: KeeperOptions,
  ) {
    this.#pool = pool;
    this.#newJoinCode = makeJoinCode;
    this.#tables = `${pg.escapeIdentifier(schema)}.tables`;
    this.#log = `${pg.escapeIdentifier(schema)}.log`;
    this.#workshops = `${pg.escapeIdentifier(schema)}.workshops`;
    this.#snapshots = `${pg.escapeIdentifier(schema)}.snapshots`;
    // One batch in flight at a time: what arrives meanwhile forms the next one (and one table's entries keep their order).
    this.#batches = new GroupCommit((batch) => this.#commit(batch), maxBatch);
    this.#keeper = new SnapshotKeeper(this, keeper);
  }

  /** Connects, creates the schema and tables if missing, and returns the store; fails if the database cannot be reached. */
  static async open(
    url: string,
    {
      schema = "public",
      onIdleError,
      newJoinCode: makeJoinCode = newJoinCode,
      snapshotEvery,
      maxBatch = POSTGRES_MAX_BATCH,
    }: PostgresStoreOptions = {},
  ): Promise<PostgresTableStore> {
    // synchronous_commit is forced on for these connections, whatever the server's default: durable means on disk.
    // A host that never answers fails within 10 s instead of holding the start-up (pg waits forever by default).
    const pool = new pg.Pool({
      connectionString: url,
      options: "-c synchronous_commit=on",
      connectionTimeoutMillis: 10_000,
    });
    pool.on(
      "error",
      onIdleError ?? ((error) => console.error(`PostgreSQL : connexion inactive perdue : ${error.message}`)),
    );
    const store = new PostgresTableStore(
      pool,
      schema,
      makeJoinCode,
      maxBatch,
      snapshotEvery ? { every: snapshotEvery } : {},
    );
    try {
      await store.#createTables(schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async #createTables(schema: string): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.#tables} (
          id text PRIMARY KEY,
          created_at bigint NOT NULL,
          facilitator_key_hash text NOT NULL,
          invite text NOT NULL,
          initial jsonb NOT NULL,
          observer_key text NOT NULL DEFAULT ''
        )`);
      // Databases made before the observer link existed: add the column, then give each table its own secret.
      await client.query(`ALTER TABLE ${this.#tables} ADD COLUMN IF NOT EXISTS observer_key text NOT NULL DEFAULT ''`);
      const missing = await client.query<{ id: string }>(`SELECT id FROM ${this.#tables} WHERE observer_key = ''`);
      for (const { id } of missing.rows) {
        await client.query(`UPDATE ${this.#tables} SET observer_key = $1 WHERE id = $2`, [newSecret(), id]);
      }
      // Databases made before the participant link could be changed: no link was ever retired.
      await client.query(
        `ALTER TABLE ${this.#tables} ADD COLUMN IF NOT EXISTS retired_invites jsonb NOT NULL DEFAULT '[]'`,
      );
      // Databases made before join codes existed: each table gets its own code now (like the observer secrets above,
      // once, rather than lazily when its room opens: the column then never holds a "not yet"), then the unique index
      // that finds a table by its code.
      await client.query(`ALTER TABLE ${this.#tables} ADD COLUMN IF NOT EXISTS join_code text NOT NULL DEFAULT ''`);
      const uncoded = await client.query<{ id: string }>(`SELECT id FROM ${this.#tables} WHERE join_code = ''`);
      if (uncoded.rows.length > 0) {
        const coded = await client.query<{ join_code: string }>(
          `SELECT join_code FROM ${this.#tables} WHERE join_code <> ''`,
        );
        const taken = new Set(coded.rows.map((row) => row.join_code));
        for (const { id } of uncoded.rows) {
          const code = untakenJoinCode(this.#newJoinCode, taken);
          taken.add(code);
          await client.query(`UPDATE ${this.#tables} SET join_code = $1 WHERE id = $2`, [code, id]);
        }
      }
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS ${JOIN_CODE_INDEX} ON ${this.#tables} (join_code)`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.#log} (
          table_id text NOT NULL REFERENCES ${this.#tables} (id),
          seq integer NOT NULL,
          entry_id text NOT NULL,
          at bigint NOT NULL,
          entry jsonb NOT NULL,
          PRIMARY KEY (table_id, seq),
          UNIQUE (table_id, entry_id)
        )`);
      // Who ever sat at a table, by seat key (hasSeat): without it each question reads every entry of the table.
      await client.query(
        `CREATE INDEX IF NOT EXISTS log_join_seat ON ${this.#log} (table_id, (entry ->> 'seatKeyHash')) WHERE entry ->> 'kind' = 'join'`,
      );
      // Databases made before workshops existed: their table, and each table's workshop (none for the tables already
      // there). A deleted workshop leaves its tables on their own (ON DELETE SET NULL): its secret opens none of them.
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.#workshops} (
          id text PRIMARY KEY,
          created_at bigint NOT NULL,
          title text NOT NULL,
          date text NOT NULL,
          facilitator_key_hash text NOT NULL,
          invite text NOT NULL,
          observer_key text NOT NULL,
          join_code text NOT NULL,
          arrivals_open boolean NOT NULL,
          seats_per_table integer NOT NULL,
          message text NOT NULL,
          tables jsonb NOT NULL
        )`);
      await client.query(
        `CREATE UNIQUE INDEX IF NOT EXISTS ${WORKSHOP_JOIN_CODE_INDEX} ON ${this.#workshops} (join_code)`,
      );
      await client.query(
        `ALTER TABLE ${this.#tables} ADD COLUMN IF NOT EXISTS workshop_id text REFERENCES ${this.#workshops} (id) ON DELETE SET NULL`,
      );
      await client.query(`CREATE INDEX IF NOT EXISTS tables_workshop ON ${this.#tables} (workshop_id)`);
      // Where a published story's public address points (NULL for the others: a unique index allows that many times).
      await client.query(`ALTER TABLE ${this.#tables} ADD COLUMN IF NOT EXISTS public_id text`);
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS tables_public_id ON ${this.#tables} (public_id)`);
      // The replayed state after entry seq (server/store/snapshots.ts), as text: read back exactly, never queried
      // inside. Databases made before snapshots get this table empty.
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.#snapshots} (
          table_id text NOT NULL REFERENCES ${this.#tables} (id),
          seq integer NOT NULL,
          format integer NOT NULL,
          state text NOT NULL,
          PRIMARY KEY (table_id, seq)
        )`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async create(table: NewTable): Promise<TableCreation> {
    try {
      const joinCode = await this.#withNewJoinCode(async (code) => {
        const { rowCount } = await this.#pool.query(
          `INSERT INTO ${this.#tables} (id, created_at, facilitator_key_hash, invite, observer_key, join_code, workshop_id, initial)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (SELECT 1 FROM ${this.#workshops} WHERE join_code = $6)`,
          [
            table.id,
            table.createdAt,
            table.facilitatorKeyHash,
            table.invite,
            table.observerKey,
            code,
            table.workshopId ?? null,
            JSON.stringify(table.initial),
          ],
        );
        return rowCount === 1;
      });
      return { ...table, workshopId: table.workshopId ?? null, joinCode };
    } catch (error) {
      if (isUniqueViolation(error) && !isJoinCodeTaken(error))
        throw new Error(`table ${table.id} already exists`, { cause: error });
      throw error;
    }
  }

  /**
   * Runs the write with a new join code, and again with another while the code is taken: by a row of the same kind (the
   * unique index throws) or of the other kind (the write's NOT EXISTS wrote nothing: it resolves false). Across the two
   * kinds the guard is that NOT EXISTS: under read committed, two writes at the same instant could both pass it, which
   * takes two draws of the same 39-bit code in that instant. Resolves with the code written.
   */
  async #withNewJoinCode(write: (code: string) => Promise<boolean>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const code = this.#newJoinCode();
      try {
        if (await write(code)) return code;
        if (attempt >= JOIN_CODE_TRIES) throw new Error(`no free join code after ${JOIN_CODE_TRIES} draws`);
      } catch (error) {
        if (!isJoinCodeTaken(error) || attempt >= JOIN_CODE_TRIES) throw error;
      }
    }
  }

  /** The creation, the whole log, and the latest usable snapshot (replay starts from it, server/store/replay.ts). */
  async load(tableId: string): Promise<StoredTable | undefined> {
    // The creation never changes after it is written (but for the invite and an anonymisation, which a live room
    // does after its own writes), so reading it, the log and the snapshot in separate statements is consistent.
    const tables = await this.#pool.query<TableRow>(`SELECT * FROM ${this.#tables} WHERE id = $1`, [tableId]);
    const row = tables.rows[0];
    if (!row) return undefined;
    const [log, snapshot] = await Promise.all([
      this.#pool.query<LogRow>(`SELECT seq, entry_id, at, entry FROM ${this.#log} WHERE table_id = $1 ORDER BY seq`, [
        tableId,
      ]),
      this.snapshot(tableId),
    ]);
    const entries = log.rows.map(entryOf);
    this.#keeper.loaded(tableId, entries.at(-1)?.seq ?? 0, snapshot?.seq ?? 0);
    return { table: creationOf(row), log: entries, ...(snapshot && { snapshot }) };
  }

  /**
   * The latest snapshot before `beforeSeq` of this format that no later undo reaches back past; undefined when there is
   * none, or when it cannot be read (replay then starts from the first state).
   */
  async snapshot(tableId: string, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<Snapshot | undefined> {
    try {
      const { rows } = await this.#pool.query<{ seq: number; state: string }>(
        `SELECT seq, state FROM ${this.#snapshots} s
          WHERE s.table_id = $1 AND s.format = $2 AND s.seq < $3::bigint
            AND NOT EXISTS (
              SELECT 1 FROM ${this.#log} u JOIN ${this.#log} t ON t.table_id = u.table_id AND t.entry_id = u.entry ->> 'undoes'
               WHERE u.table_id = s.table_id AND u.seq > s.seq AND u.entry ->> 'kind' = 'undo' AND t.seq <= s.seq)
          ORDER BY s.seq DESC LIMIT 1`,
        [tableId, SNAPSHOT_FORMAT, beforeSeq],
      );
      const row = rows[0];
      return row && { seq: row.seq, state: JSON.parse(row.state) as TableState };
    } catch {
      return undefined;
    }
  }

  async snapshotBase(tableId: string, seq: number): Promise<StoredTable | undefined> {
    const tables = await this.#pool.query<TableRow>(`SELECT * FROM ${this.#tables} WHERE id = $1`, [tableId]);
    const row = tables.rows[0];
    if (!row) return undefined;
    const snapshot = await this.snapshot(tableId, seq + 1);
    const log = await this.#pool.query<LogRow>(
      `SELECT seq, entry_id, at, entry FROM ${this.#log} WHERE table_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
      [tableId, snapshot?.seq ?? 0, seq],
    );
    return { table: creationOf(row), log: log.rows.map(entryOf), ...(snapshot && { snapshot }) };
  }

  async saveSnapshot(tableId: string, { seq, state }: Snapshot): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        `INSERT INTO ${this.#snapshots} (table_id, seq, format, state) VALUES ($1, $2, $3, $4)
           ON CONFLICT (table_id, seq) DO UPDATE SET format = EXCLUDED.format, state = EXCLUDED.state`,
        [tableId, seq, SNAPSHOT_FORMAT, JSON.stringify(state)],
      );
      await client.query(
        `DELETE FROM ${this.#snapshots} WHERE table_id = $1
            AND seq < (SELECT seq FROM ${this.#snapshots} WHERE table_id = $1 ORDER BY seq DESC LIMIT 1 OFFSET $2)`,
        [tableId, SNAPSHOTS_KEPT - 1],
      );
    });
  }

  snapshotsSettled(): Promise<void> {
    return this.#keeper.settled();
  }

  writeStats(): WriteStats {
    return { ...this.#batches.counts, snapshots: this.#keeper.written };
  }

  async hasSeat(tableId: string, seatKeyHash: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `SELECT 1 FROM ${this.#log} WHERE table_id = $1 AND entry ->> 'kind' = 'join' AND entry ->> 'seatKeyHash' = $2 LIMIT 1`,
      [tableId, seatKeyHash],
    );
    return (rowCount ?? 0) > 0;
  }

  async secrets(tableId: string): Promise<TableSecrets | undefined> {
    const { rows } = await this.#pool.query<
      Pick<TableRow, "facilitator_key_hash" | "invite" | "observer_key"> & {
        retired_invites: string[];
        workshop_key_hash: string | null;
      }
    >(
      `SELECT t.facilitator_key_hash, t.invite, t.observer_key, t.retired_invites, w.facilitator_key_hash AS workshop_key_hash
         FROM ${this.#tables} t LEFT JOIN ${this.#workshops} w ON w.id = t.workshop_id WHERE t.id = $1`,
      [tableId],
    );
    const row = rows[0];
    return (
      row && {
        facilitatorKeyHash: row.facilitator_key_hash,
        invite: row.invite,
        observerKey: row.observer_key,
        retiredInviteHashes: row.retired_invites,
        workshopFacilitatorKeyHash: row.workshop_key_hash,
      }
    );
  }

  /** The old link's hash joins the retired ones, in the same statement that sets the new link and a new join code. */
  async setInvite(tableId: string, invite: string): Promise<string> {
    return this.#withNewJoinCode(async (code) => {
      const { rows } = await this.#pool.query<{ updated: boolean }>(
        `WITH updated AS (
           UPDATE ${this.#tables}
              SET retired_invites = retired_invites || jsonb_build_array(encode(sha256(convert_to(invite, 'UTF8')), 'hex')), invite = $1, join_code = $2
            WHERE id = $3 AND NOT EXISTS (SELECT 1 FROM ${this.#workshops} WHERE join_code = $2)
            RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM updated) AS updated, EXISTS (SELECT 1 FROM ${this.#tables} WHERE id = $3) AS found`,
        [invite, code, tableId],
      );
      const row = rows[0] as { updated: boolean; found: boolean } | undefined;
      if (!row?.found) throw new Error(`no table ${tableId}`);
      return row.updated;
    });
  }

  /** One read on the unique index of join codes. */
  async findByJoinCode(code: string): Promise<JoinCodeMatch | undefined> {
    if (!code) return undefined;
    const { rows } = await this.#pool.query<{ id: string; invite: string }>(
      `SELECT id, invite FROM ${this.#tables} WHERE join_code = $1`,
      [code],
    );
    const row = rows[0];
    return row && { tableId: row.id, invite: row.invite };
  }

  async setPublication(tableId: string, publicId: string | null): Promise<void> {
    await this.#pool.query(`UPDATE ${this.#tables} SET public_id = $1 WHERE id = $2`, [publicId, tableId]);
  }

  /** One read on the unique index of public ids. */
  async findByPublication(publicId: string): Promise<string | undefined> {
    if (!publicId) return undefined;
    const { rows } = await this.#pool.query<{ id: string }>(`SELECT id FROM ${this.#tables} WHERE public_id = $1`, [
      publicId,
    ]);
    return rows[0]?.id;
  }

  async createWorkshop(workshop: NewWorkshop): Promise<WorkshopCreation> {
    try {
      const joinCode = await this.#withNewJoinCode(async (code) => {
        const { rowCount } = await this.#pool.query(
          `INSERT INTO ${this.#workshops}
             (id, created_at, title, date, facilitator_key_hash, invite, observer_key, join_code, arrivals_open, seats_per_table, message, tables)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE NOT EXISTS (SELECT 1 FROM ${this.#tables} WHERE join_code = $8)`,
          [
            workshop.id,
            workshop.createdAt,
            workshop.title,
            workshop.date,
            workshop.facilitatorKeyHash,
            workshop.invite,
            workshop.observerKey,
            code,
            workshop.arrivalsOpen,
            workshop.seatsPerTable,
            workshop.message,
            JSON.stringify(workshop.tables),
          ],
        );
        return rowCount === 1;
      });
      return { ...workshop, joinCode };
    } catch (error) {
      if (isUniqueViolation(error) && !isJoinCodeTaken(error))
        throw new Error(`workshop ${workshop.id} already exists`, { cause: error });
      throw error;
    }
  }

  async loadWorkshop(workshopId: string): Promise<WorkshopCreation | undefined> {
    const { rows } = await this.#pool.query<WorkshopRow>(`SELECT * FROM ${this.#workshops} WHERE id = $1`, [
      workshopId,
    ]);
    return rows[0] && workshopOf(rows[0]);
  }

  /** One UPDATE of the columns given (their names come from this code, never from the caller), returning the row. */
  async updateWorkshop(workshopId: string, changes: WorkshopChanges): Promise<WorkshopCreation | undefined> {
    const columns: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      values.push(value);
      columns.push(`${column} = $${values.length}`);
    };
    if (changes.arrivalsOpen !== undefined) set("arrivals_open", changes.arrivalsOpen);
    if (changes.message !== undefined) set("message", changes.message);
    if (changes.tables !== undefined) set("tables", JSON.stringify(changes.tables));
    if (columns.length === 0) return this.loadWorkshop(workshopId);
    values.push(workshopId);
    const { rows } = await this.#pool.query<WorkshopRow>(
      `UPDATE ${this.#workshops} SET ${columns.join(", ")} WHERE id = $${values.length} RETURNING *`,
      values,
    );
    return rows[0] && workshopOf(rows[0]);
  }

  async findWorkshopByJoinCode(code: string): Promise<WorkshopJoinCodeMatch | undefined> {
    if (!code) return undefined;
    const { rows } = await this.#pool.query<{ id: string; invite: string }>(
      `SELECT id, invite FROM ${this.#workshops} WHERE join_code = $1`,
      [code],
    );
    const row = rows[0];
    return row && { workshopId: row.id, invite: row.invite };
  }

  /** Its tables' workshop_id becomes NULL (ON DELETE SET NULL): the workshop's secret no longer opens them. */
  async deleteWorkshop(workshopId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(`DELETE FROM ${this.#workshops} WHERE id = $1`, [workshopId]);
    return (rowCount ?? 0) > 0;
  }

  /** The index tables_workshop finds a workshop's tables without reading any other. */
  async emptyWorkshops(cutoffMs: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      `SELECT id FROM ${this.#workshops} w
        WHERE created_at < $1 AND NOT EXISTS (SELECT 1 FROM ${this.#tables} t WHERE t.workshop_id = w.id)
        ORDER BY id`,
      [cutoffMs],
    );
    return rows.map((row) => row.id);
  }

  // Queued with the other appends of this tick; resolves once their INSERT is committed and flushed.
  async append(tableId: string, entry: LogEntry): Promise<void> {
    if (this.#closed) throw new Error("the store is closed");
    return this.#batches.add({ tableId, entry });
  }

  /**
   * The whole batch in one statement, so one transaction and one flush. A duplicate (ON CONFLICT DO NOTHING) or an
   * entry of a table that does not exist is left out and refused alone; any other failure fails the statement, and
   * every entry of the batch is refused. An undo drops the snapshots that hold what it undoes, in the same statement.
   */
  async #commit(batch: Appended[]): Promise<EntryOutcomes> {
    const items = batch.map(({ tableId, entry }) => ({
      tableId,
      seq: entry.seq,
      entryId: entry.entryId,
      at: entry.at,
      entry: entry.entry,
    }));
    const { rows } = await this.#pool.query<{
      table_id: string;
      seq: number | null;
      entry_id: string | null;
      unknown: boolean;
    }>(
      `WITH v AS (
         SELECT item ->> 'tableId' AS table_id, (item ->> 'seq')::integer AS seq, item ->> 'entryId' AS entry_id,
                (item ->> 'at')::bigint AS at, item -> 'entry' AS entry, n
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS items (item, n)),
       inserted AS (
         INSERT INTO ${this.#log} (table_id, seq, entry_id, at, entry)
         SELECT v.table_id, v.seq, v.entry_id, v.at, v.entry FROM v
          WHERE EXISTS (SELECT 1 FROM ${this.#tables} t WHERE t.id = v.table_id) ORDER BY v.n
         ON CONFLICT DO NOTHING
         RETURNING table_id, seq, entry_id),
       dropped AS (
         DELETE FROM ${this.#snapshots} s USING v, ${this.#log} t
          WHERE v.entry ->> 'kind' = 'undo' AND s.table_id = v.table_id
            AND t.table_id = v.table_id AND t.entry_id = v.entry ->> 'undoes' AND s.seq >= t.seq)
       SELECT table_id, seq, entry_id, false AS unknown FROM inserted
       UNION ALL
       SELECT DISTINCT v.table_id, NULL::integer, NULL::text, true FROM v WHERE NOT EXISTS (SELECT 1 FROM ${this.#tables} t WHERE t.id = v.table_id)`,
      [JSON.stringify(items)],
    );
    const unknown = new Set(rows.filter((row) => row.unknown).map((row) => row.table_id));
    // What was inserted at each (table, seq), claimed by the first entry of the batch that matches it.
    const inserted = new Map(
      rows.filter((row) => !row.unknown).map((row) => [`${row.table_id}\u0000${row.seq}`, row.entry_id]),
    );
    return batch.map(({ tableId, entry }) => {
      if (unknown.has(tableId)) return new Error(`no table ${tableId}`);
      const key = `${tableId}\u0000${entry.seq}`;
      if (inserted.get(key) !== entry.entryId) return new DuplicateEntryError(tableId, entry);
      inserted.delete(key);
      this.#keeper.appended(tableId, entry.seq);
      return undefined;
    });
  }

  /** Runs `work` in one transaction on one connection of the pool: committed if it resolves, rolled back if not. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** The log rows, then the table row, in one transaction. */
  async delete(tableId: string): Promise<boolean> {
    await this.#batches.drain();
    await this.#keeper.rewriting(tableId);
    return this.#transaction(async (client) => {
      await client.query(`DELETE FROM ${this.#snapshots} WHERE table_id = $1`, [tableId]);
      await client.query(`DELETE FROM ${this.#log} WHERE table_id = $1`, [tableId]);
      const { rowCount } = await client.query(`DELETE FROM ${this.#tables} WHERE id = $1`, [tableId]);
      return (rowCount ?? 0) > 0;
    });
  }

  /** The latest of the creation and the last entry, without reading a whole log: the (table_id, seq) key finds each table's rows. */
  async untouchedSince(cutoffMs: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      `SELECT id FROM ${this.#tables} t
        WHERE created_at < $1 AND NOT EXISTS (SELECT 1 FROM ${this.#log} l WHERE l.table_id = t.id AND l.at >= $1)
        ORDER BY id`,
      [cutoffMs],
    );
    return rows.map((row) => row.id);
  }

  /** One round trip to the database through the pool (a closed pool or an unreachable server rejects). */
  async ping(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  /**
   * The join entry's name and role, the roles of their changes of hat, and the first state when given, in one transaction
   * on one connection. The old row
   * versions are dead tuples until PostgreSQL's (auto)vacuum reclaims them.
   */
  async anonymise(tableId: string, { participantId, name, role, initial }: Anonymisation): Promise<void> {
    // Entries already accepted land first; no snapshot made from the real name is written after this.
    await this.#batches.drain();
    await this.#keeper.rewriting(tableId);
    await this.#transaction(async (client) => {
      const table = await client.query(`SELECT 1 FROM ${this.#tables} WHERE id = $1 FOR UPDATE`, [tableId]);
      if (table.rowCount === 0) throw new Error(`no table ${tableId}`);
      // Snapshots hold the real name: they go, and are made again from the rewritten log.
      await client.query(`DELETE FROM ${this.#snapshots} WHERE table_id = $1`, [tableId]);
      await client.query(
        `UPDATE ${this.#log} SET entry = entry || jsonb_build_object('name', $1::text, 'role', $2::text)
          WHERE table_id = $3 AND entry->>'kind' = 'join' AND entry->>'participantId' = $4`,
        [name, role, tableId, participantId],
      );
      // The hats they changed into (changeRole) are their words too.
      await client.query(
        `UPDATE ${this.#log} SET entry = jsonb_set(entry, '{action,role}', to_jsonb($1::text))
          WHERE table_id = $2 AND entry->>'kind' = 'action' AND entry->>'actorId' = $3 AND entry->'action'->>'type' = 'changeRole'`,
        [role, tableId, participantId],
      );
      if (initial)
        await client.query(`UPDATE ${this.#tables} SET initial = $1 WHERE id = $2`, [JSON.stringify(initial), tableId]);
    });
  }

  /** Waits for the batch in flight and the snapshot under way, then closes every connection; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#batches.drain();
    await this.#keeper.close();
    await this.#pool.end();
  }
}

interface Appended {
  tableId: string;
  entry: LogEntry;
}

function entryOf(row: LogRow): LogEntry {
  return { seq: row.seq, entryId: row.entry_id, at: Number(row.at), entry: row.entry };
}

function creationOf(row: TableRow): TableCreation {
  return {
    id: row.id,
    createdAt: Number(row.created_at),
    facilitatorKeyHash: row.facilitator_key_hash,
    invite: row.invite,
    observerKey: row.observer_key,
    joinCode: row.join_code,
    workshopId: row.workshop_id,
    initial: row.initial,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

/** A unique index on join codes refused the row: another table (or workshop) has this code. */
function isJoinCodeTaken(error: unknown): boolean {
  const constraint = (error as { constraint?: unknown }).constraint;
  return isUniqueViolation(error) && (constraint === JOIN_CODE_INDEX || constraint === WORKSHOP_JOIN_CODE_INDEX);
}

function workshopOf(row: WorkshopRow): WorkshopCreation {
  return {
    id: row.id,
    createdAt: Number(row.created_at),
    title: row.title,
    date: row.date,
    facilitatorKeyHash: row.facilitator_key_hash,
    invite: row.invite,
    observerKey: row.observer_key,
    joinCode: row.join_code,
    arrivalsOpen: row.arrivals_open,
    seatsPerTable: row.seats_per_table,
    message: row.message,
    tables: row.tables,
  };
}
