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
  readonly #checkpointer: Worker;
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> | null = null;
  #waiting: Promise<void> | null = null;
  #written = false;
  #checkpointing: Promise<CheckpointResponse> | null = null;
  #closed = false;
  /** Syncs done, checkpoints done (for the write statistics). */
  readonly counts = { syncs: 0, checkpoints: 0 };

  /** For the SQLite file `databaseFile`, already open in WAL mode (so that its `-wal` file exists). */
  constructor(databaseFile: string, options: WalDurabilityOptions = {}) {
    this.#fd = openSync(`${databaseFile}-wal`, "r");
    this.#sync = options.sync ?? datasync;
    this.#checkpointer = new Worker(new URL("./wal-checkpointer.ts", import.meta.url), {
      workerData: { file: databaseFile },
    });
    this.#checkpointer.unref();
    this.#timer = setInterval(() => void this.checkpoint(), options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS);
    this.#timer.unref();
  }

  /** Resolves once everything committed before this call is on disk. */
  durable(): Promise<void> {
    this.#written = true;
    if (this.#waiting) return this.#waiting;
    if (!this.#running) return this.#start();
    // The sync under way may have started before this commit: the next one, shared by all who ask meanwhile, covers it.
    const next = () => {
      this.#waiting = null;
      return this.#start();
    };
    this.#waiting = this.#running.then(next, next);
    return this.#waiting;
  }

  #start(): Promise<void> {
    const run = this.#sync(this.#fd).finally(() => {
      this.counts.syncs += 1;
      this.#running = null;
    });
    this.#running = run;
    return run;
  }

  /** Copies the WAL into the database file on the worker thread, when something was written since the last time. */
  checkpoint(): Promise<CheckpointResponse> | undefined {
    if (this.#closed || this.#checkpointing || !this.#written) return this.#checkpointing ?? undefined;
    this.#written = false;
    this.#checkpointer.ref();
    this.#checkpointing = new Promise<CheckpointResponse>((resolve, reject) => {
      const done = (response: CheckpointResponse) => {
        this.#checkpointer.off("error", failed);
        resolve(response);
      };
      const failed = (error: Error) => {
        this.#checkpointer.off("message", done);
        reject(error);
      };
      this.#checkpointer.once("message", done);
      this.#checkpointer.once("error", failed);
      this.#checkpointer.postMessage("checkpoint" satisfies CheckpointRequest);
    }).finally(() => {
      this.counts.checkpoints += 1;
      this.#checkpointing = null;
      if (!this.#closed) this.#checkpointer.unref();
    });
    // A failed checkpoint loses nothing (the WAL keeps every commit); the next tick tries again.
    this.#checkpointing.catch(() => {
      this.#written = true;
    });
    return this.#checkpointing;
  }

  /** Waits for the sync and the checkpoint under way, then stops the worker (before the connection closes). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await Promise.allSettled([this.#waiting ?? this.#running, this.#checkpointing]);
    await this.#checkpointer.terminate();
    closeSync(this.#fd);
  }
}

/** fdatasync on libuv's thread pool: the event loop goes on meanwhile. */
function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}
