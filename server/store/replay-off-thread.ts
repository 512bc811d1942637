// Rebuilds a table from its log on a worker thread: the event loop, which serves every table of the process, only
// waits for the answer. One worker, one table at a time: a burst of reopenings queues there, not in front of the players.
import { Worker } from "node:worker_threads";
import type { TableState } from "#shared/model.ts";
import type { Replayed } from "./replay.ts";
import type { ReplayRequest, ReplayResponse } from "./replay-worker.ts";
import type { StoredTable } from "./table-store.ts";

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (replayed: Replayed) => void; reject: (error: Error) => void }>();

function start(): Worker {
  const started = new Worker(new URL("./replay-worker.ts", import.meta.url));
  // An idle worker does not keep the process alive (a clean shutdown does not wait for it).
  started.unref();
  started.on("message", (response: ReplayResponse) => {
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (pending.size === 0) started.unref();
    if (!waiting) return;
    if (!response.ok) return waiting.reject(new Error(response.message));
    waiting.resolve({
      state: response.state as TableState,
      seats: new Map(response.seats),
      entryIds: new Set(response.entryIds),
      lastSeq: response.lastSeq,
      from: response.from,
    });
  });
  // A crashed worker fails what it was doing; the next replay starts a new one.
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(error);
    }
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`replay worker stopped (${code})`)));
  return started;
}

/** The table its log leads to (from its snapshot when it fits, server/store/replay.ts), computed off the event loop. */
export function replayOffThread(stored: StoredTable): Promise<Replayed> {
  worker ??= start();
  const id = nextId++;
  const running = worker;
  running.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    running.postMessage({ id, stored } satisfies ReplayRequest);
  });
}
