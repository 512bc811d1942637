// The worker thread that copies a SQLite file's WAL into the database file (a PASSIVE checkpoint: it never waits for
// the writer and never makes it wait), so that the fsyncs of a checkpoint never stall the event loop.
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";

export type CheckpointRequest = "checkpoint";
/** SQLite's answer: busy (1 when it could not finish), frames in the WAL, frames copied. */
export interface CheckpointResponse {
  busy: number;
  log: number;
  checkpointed: number;
}

const db = new DatabaseSync((workerData as { file: string }).file);
db.exec("PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");

parentPort?.on("message", () => {
  parentPort?.postMessage(checkpoint.get() as unknown as CheckpointResponse);
});
