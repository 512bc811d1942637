// Durable without stalling the event loop. node:sqlite is synchronous: with synchronous=FULL every commit's fsync
// blocked the one thread that serves every table (on a busy disk, for tens or hundreds of milliseconds). Here the
// connection commits with synchronous=NORMAL, which writes the WAL without syncing it, and:
// - `durable()` fdatasyncs the WAL file on libuv's thread pool; a write is answered only once that sync, started
//   after it, is done. Syncs are shared: whoever asks while one runs waits for the next, one for all of them.
// - checkpoints (copying the WAL into the database file, with their own fsyncs) run on a worker thread with its own
//   connection, never on the event loop (the connection's automatic checkpoint is off).
import { closeSync, fdatasync, openSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { CheckpointRequest, CheckpointResponse } from "./wal-checkpointer.ts";

/** How often the WAL is copied into the database file while there are writes (and at most this late after one). */
export const CHECKPOINT_EVERY_MS = 1000;

export interface WalDurabilityOptions {
  /** Syncs the WAL file (fdatasync by default; tests hold it to check that nothing is answered before it is done). */
  sync?: (fd: number) => Promise<void>;
  checkpointEveryMs?: number;
}

export class WalDurability {
  readonly #fd: number;
  readonly #sync: (fd: number) => Promise<void>;
  readonly #databaseFile: string;
  /** Started at the first checkpoint, so that opening the store (a restart reopening tables) does not wait on it. */
  #checkpointer: Worker | null = null;
  readonly #timer: NodeJS.Timeout;
  /** Commits counted so far (wrote()), and the sync under way with the count it covers (those before it started). */
  #commits = 0;
  #running: { covers: number; done: Promise<void> } | null = null;
  #waiting: Promise<void> | null = null;
  #written = false;
  #checkpointing: Promise<CheckpointResponse> | null = null;
  #closed = false;
  #closing: Promise<void> | null = null;
  /** The commits the last finished sync covers. */
  #synced = 0;
  /** Syncs done, checkpoints done (for the write statistics). */
  readonly counts = { syncs: 0, checkpoints: 0 };

  /** For the SQLite file `databaseFile`, already open in WAL mode (so that its `-wal` file exists). */
  constructor(databaseFile: string, options: WalDurabilityOptions = {}) {
    this.#fd = openSync(`${databaseFile}-wal`, "r");
    this.#sync = options.sync ?? datasync;
    this.#databaseFile = databaseFile;
    this.#timer = setInterval(() => void this.checkpoint(), options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS);
    this.#timer.unref();
  }

  /** The connection committed a write (called right after each commit, before durable()). */
  wrote(): void {
    this.#commits += 1;
    this.#written = true;
  }

  /** Resolves once every commit counted by wrote() before this call is on disk. */
  durable(): Promise<void> {
    // Closing: its last sync covers every commit (and the connection's close checkpoints them into the file).
    if (this.#closing) return this.#closing;
    // A sync that started after the last commit covers it: the commits of one batch, asked for one by one, share it.
    if (this.#running && this.#running.covers >= this.#commits) return this.#running.done;
    if (this.#waiting) return this.#waiting;
    if (!this.#running) return this.#start();
    // The sync under way started before this commit: the next one, shared by all who ask meanwhile, covers it.
    const next = () => {
      this.#waiting = null;
      return this.#start();
    };
    this.#waiting = this.#running.done.then(next, next);
    return this.#waiting;
  }

  #start(): Promise<void> {
    const covers = this.#commits;
    const done = this.#sync(this.#fd)
      .then(() => {
        this.#synced = Math.max(this.#synced, covers);
      })
      .finally(() => {
        this.counts.syncs += 1;
        this.#running = null;
      });
    this.#running = { covers, done };
    return done;
  }

  /** Copies the WAL into the database file on the worker thread, when something was written since the last time. */
  checkpoint(): Promise<CheckpointResponse> | undefined {
    if (this.#closed || this.#checkpointing || !this.#written) return this.#checkpointing ?? undefined;
    this.#written = false;
    const checkpointer = (this.#checkpointer ??= new Worker(new URL("./wal-checkpointer.ts", import.meta.url), {
      workerData: { file: this.#databaseFile },
    }));
    checkpointer.ref();
    this.#checkpointing = new Promise<CheckpointResponse>((resolve, reject) => {
      const done = (response: CheckpointResponse) => {
        checkpointer.off("error", failed);
        resolve(response);
      };
      const failed = (error: Error) => {
        checkpointer.off("message", done);
        reject(error);
      };
      checkpointer.once("message", done);
      checkpointer.once("error", failed);
      checkpointer.postMessage("checkpoint" satisfies CheckpointRequest);
    }).finally(() => {
      this.counts.checkpoints += 1;
      this.#checkpointing = null;
      if (!this.#closed) checkpointer.unref();
    });
    // A failed checkpoint loses nothing (the WAL keeps every commit); the next tick tries again.
    this.#checkpointing.catch(() => {
      this.#written = true;
    });
    return this.#checkpointing;
  }

  /** Waits for the sync and the checkpoint under way, then stops the worker (before the connection closes). */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await Promise.allSettled([this.#waiting ?? this.#running?.done, this.#checkpointing]);
    // A commit answered by nothing yet (its batch was written as the store closed): one last sync for it.
    if (this.#commits > this.#synced) await this.#sync(this.#fd).catch(() => undefined);
    await this.#checkpointer?.terminate();
    closeSync(this.#fd);
  }
}

/** fdatasync on libuv's thread pool: the event loop goes on meanwhile. */
function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
