// Snapshots of tables, so that reopening a table, exporting it or undoing never replays a long log. A snapshot is the
// replay of the log up to one entry, made on the replay worker from the previous snapshot and the entries since: a
// cache of the log, never the truth (a missing, unreadable or unfitting one means replaying from the first state).
import { replayOffThread } from "./replay-off-thread.ts";
import type { Replayed } from "./replay.ts";
import type { Snapshot, StoredTable, TableStore } from "./table-store.ts";

/**
 * A snapshot every this many entries of a table. Each snapshot replays only the entries since the previous one, so the
 * replay work is the same whatever the interval (every entry is replayed once more, on the worker thread); what the
 * interval sets is the tail a reopening or an undo replays (at most 99 entries) against one whole state written per
 * interval (about 50 KB for a long table: some 500 bytes per entry). Measured (bench/results/durable-write.md): a
 * table of 599 entries reopens in 50–105 ms from its snapshot at 500, against 330–360 ms from its whole log; 100
 * keeps the worst tail well inside the 200 ms a reopening may take.
 */
export const SNAPSHOT_EVERY = 100;

/** Snapshots kept per table: the latest few, so that an undo reaching back past the latest one still starts from one. */
export const SNAPSHOTS_KEPT = 3;

/**
 * The shape of the state a snapshot holds. A change of the rules or of TableState that makes an older snapshot differ
 * from the replay of its log must raise it: older snapshots are then ignored (and made again), never trusted.
 */
export const SNAPSHOT_FORMAT = 1;

/** What the keeper needs of a store. */
export interface SnapshotSource {
  /** The table's creation, its latest usable snapshot before entry `seq`, and the entries after it up to `seq`. */
  snapshotBase(tableId: string, seq: number): Promise<StoredTable | undefined>;
  /** Writes the snapshot (and lets go of the older ones beyond SNAPSHOTS_KEPT). */
  saveSnapshot(tableId: string, snapshot: Snapshot): Promise<void>;
}

export interface KeeperOptions {
  every?: number;
  /** How a snapshot is computed: on the replay worker by default. */
  replay?: (stored: StoredTable) => Promise<Replayed>;
}

/**
 * Makes snapshots in the background, one at a time for the whole process: asked after every `every`-th entry of a
 * table, and when a table is loaded with a long tail after its latest snapshot (older databases, an undo that made the
 * latest one unusable). A failure only means no snapshot this time.
 */
export class SnapshotKeeper {
  readonly every: number;
  readonly #source: SnapshotSource;
  readonly #replay: (stored: StoredTable) => Promise<Replayed>;
  /** The highest entry a snapshot is asked for, per table waiting its turn. */
  #asked = new Map<string, number>();
  #queue: Promise<void> = Promise.resolve();
  /** Bumped when a table's log is rewritten (anonymisation): a snapshot computed from the old words is not written. */
  #rewrites = new Map<string, number>();
  /** The write of a snapshot in flight, which a rewrite waits for. */
  #saving: Promise<void> = Promise.resolve();
  #closed = false;
  written = 0;

  constructor(source: SnapshotSource, { every = SNAPSHOT_EVERY, replay = replayOffThread }: KeeperOptions = {}) {
    this.#source = source;
    this.every = every;
    this.#replay = replay;
  }

  /** An entry was acknowledged: every `every`-th one asks for a snapshot at it. */
  appended(tableId: string, seq: number): void {
    if (seq % this.every === 0) this.#ask(tableId, seq);
  }

  /** A table was loaded: a tail of `every` entries or more after its snapshot asks for a newer one. */
  loaded(tableId: string, lastSeq: number, snapshotSeq: number): void {
    if (lastSeq - snapshotSeq >= this.every) this.#ask(tableId, lastSeq - (lastSeq % this.every));
  }

  /**
   * The table's log is about to be rewritten (its snapshots are deleted in the same transaction): no snapshot computed
   * before is written after. Resolves once a write already under way has landed, so that the rewrite deletes it too.
   */
  async rewriting(tableId: string): Promise<void> {
    this.#rewrites.set(tableId, (this.#rewrites.get(tableId) ?? 0) + 1);
    await this.#saving;
  }

  /** Resolves once every snapshot asked for so far is written or given up. */
  async settled(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.#queue) {
      seen = this.#queue;
      await seen;
    }
  }

  /** Takes no new work and waits for the snapshot under way. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.settled();
  }

  #ask(tableId: string, seq: number): void {
    if (this.#closed) return;
    const waiting = this.#asked.get(tableId);
    this.#asked.set(tableId, Math.max(waiting ?? 0, seq));
    if (waiting === undefined) this.#queue = this.#queue.then(() => this.#take(tableId));
  }

  async #take(tableId: string): Promise<void> {
    const seq = this.#asked.get(tableId) ?? 0;
    this.#asked.delete(tableId);
    if (this.#closed) return;
    const generation = this.#rewrites.get(tableId) ?? 0;
    try {
      const base = await this.#source.snapshotBase(tableId, seq);
      // Gone, already snapshotted there, or not that far yet.
      if (!base || (base.snapshot?.seq ?? 0) >= seq || base.log.at(-1)?.seq !== seq) return;
      const { state } = await this.#replay(base);
      if (this.#closed || (this.#rewrites.get(tableId) ?? 0) !== generation) return;
      this.#saving = this.#source.saveSnapshot(tableId, { seq, state });
      await this.#saving;
      this.written += 1;
    } catch {
      // A cache: without this snapshot, replay starts from an older one or from the first state.
    } finally {
      this.#saving = Promise.resolve();
    }
  }
}

/**
 * The table to replay for an undo of `undoneEntryId` (its log ends with the undo): from the nearest snapshot before the
 * undone entry when the store has one, else from the first state. The whole log stays, so replay can still fall back.
 */
export async function beforeUndone(
  store: TableStore,
  stored: StoredTable,
  undoneEntryId: string,
): Promise<StoredTable> {
  const seq = stored.log.find((logged) => logged.entryId === undoneEntryId)?.seq;
  if (seq === undefined) return stored;
  const snapshot = await store.snapshot(stored.table.id, seq).catch(() => undefined);
  return snapshot ? { ...stored, snapshot } : stored;
}
