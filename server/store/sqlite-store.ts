// The embedded default store: one SQLite file through Node's built-in node:sqlite (no server, no native addon).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { TableState } from "../../shared/model.ts";
import type { TableRecord, TableStore } from "./table-store.ts";

export class SqliteTableStore implements TableStore {
  #db: DatabaseSync;

  /** `file` is a path, or ":memory:" for a throwaway store. */
  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new DatabaseSync(file);
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS tables (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        facilitator_key_hash TEXT NOT NULL,
        invite TEXT NOT NULL,
        state TEXT NOT NULL
      );
    `);
  }

  async insert(record: TableRecord): Promise<void> {
    this.#db
      .prepare("INSERT INTO tables (id, created_at, facilitator_key_hash, invite, state) VALUES (?, ?, ?, ?, ?)")
      .run(record.id, record.createdAt, record.facilitatorKeyHash, record.invite, JSON.stringify(record.state));
  }

  async load(tableId: string): Promise<TableRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM tables WHERE id = ?").get(tableId) as
      | { id: string; created_at: number; facilitator_key_hash: string; invite: string; state: string }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      facilitatorKeyHash: row.facilitator_key_hash,
      invite: row.invite,
      state: JSON.parse(row.state) as TableState,
    };
  }

  async saveState(tableId: string, state: TableState): Promise<void> {
    const result = this.#db.prepare("UPDATE tables SET state = ? WHERE id = ?").run(JSON.stringify(state), tableId);
    if (result.changes !== 1) throw new Error(`table ${tableId} is unknown`);
  }

  close(): void {
    this.#db.close();
  }
}
