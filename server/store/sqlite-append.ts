// Writing one batch of log entries to SQLite: one transaction for all of them, shared by the store on the event loop
// (":memory:" stores, tests) and by its writer thread (sqlite-writer.ts), which keeps the commit's fsync off the event loop.
import type { DatabaseSync, StatementSync } from "node:sqlite";

/** One entry as written: its log row, and what an undo entry undoes (its snapshots from there on are dropped). */
export interface EntryRow {
  tableId: string;
  seq: number;
  entryId: string;
  at: number;
  /** The entry as JSON. */
  entry: string;
  undoes?: string;
}

/** What became of each entry of a batch, in order: stored (null), or refused on its own. */
export type RowOutcome = null | "duplicate" | "unknownTable";

const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;

export function isDuplicate(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return code === SQLITE_CONSTRAINT_PRIMARYKEY || code === SQLITE_CONSTRAINT_UNIQUE;
}

export function isUnknownTable(error: unknown): boolean {
  return (error as { errcode?: unknown } | null)?.errcode === SQLITE_CONSTRAINT_FOREIGNKEY;
}

/** The statements a batch needs, prepared once on the connection that writes. */
export interface AppendStatements {
  insertEntry: StatementSync;
  dropUndoneSnapshots: StatementSync;
}

export function appendStatements(db: DatabaseSync): AppendStatements {
  return {
    insertEntry: db.prepare("INSERT INTO log (table_id, seq, entry_id, at, entry) VALUES (?, ?, ?, ?, ?)"),
    // An undo makes every snapshot from the undone entry on unusable (they hold its effect).
    dropUndoneSnapshots: db.prepare(
      "DELETE FROM snapshots WHERE table_id = ?1 AND seq >= (SELECT seq FROM log WHERE table_id = ?1 AND entry_id = ?2)",
    ),
  };
}

/**
 * One transaction for the whole batch. A duplicate, or an entry of a table that does not exist, fails its own
 * statement only (SQLite rolls back that statement, the transaction goes on): that entry alone is refused. Any other
 * failure (disk full, I/O error, the commit itself) rolls the whole batch back and throws: every entry is refused.
 */
export function appendBatch(db: DatabaseSync, statements: AppendStatements, rows: readonly EntryRow[]): RowOutcome[] {
  const outcomes: RowOutcome[] = [];
  transaction(db, () => {
    for (const row of rows) {
      try {
        statements.insertEntry.run(row.tableId, row.seq, row.entryId, row.at, row.entry);
      } catch (error) {
        if (isDuplicate(error)) outcomes.push("duplicate");
        else if (isUnknownTable(error)) outcomes.push("unknownTable");
        else throw error;
        continue;
      }
      if (row.undoes !== undefined) statements.dropUndoneSnapshots.run(row.tableId, row.undoes);
      outcomes.push(null);
    }
  });
  return outcomes;
}

/** Runs `work` in one write transaction (taken at once: BEGIN IMMEDIATE), committed if it returns, rolled back if it throws. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
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
