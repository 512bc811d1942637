// The writer thread of a SQLite store: its own connection to the same file commits each batch of log entries, so that
// the fsync of a commit (milliseconds, far more on a busy disk) never stalls the event loop that serves every table.
// The store tells nobody about an entry before this thread answers that its batch is committed.
import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";
import { appendBatch, appendStatements, type EntryRow, type RowOutcome } from "./sqlite-append.ts";

export interface WriterData {
  file: string;
  synchronous: "FULL" | "NORMAL";
}

export interface WriteRequest {
  id: number;
  rows: EntryRow[];
}

export type WriteResponse = { id: number; outcomes: RowOutcome[] } | { id: number; error: string };

const { file, synchronous } = workerData as WriterData;
const db = new DatabaseSync(file);
db.exec(`
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = ${synchronous === "NORMAL" ? "NORMAL" : "FULL"};
  PRAGMA foreign_keys = ON;
  PRAGMA secure_delete = ON;
  PRAGMA busy_timeout = 10000;
`);
const statements = appendStatements(db);

parentPort?.on("message", (request: WriteRequest | "close") => {
  if (request === "close") {
    db.close();
    parentPort?.close();
    return;
  }
  let response: WriteResponse;
  try {
    response = { id: request.id, outcomes: appendBatch(db, statements, request.rows) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
