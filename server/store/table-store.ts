// Where tables live between actions. The room writes before it tells anyone an action happened.
import type { TableState } from "../../shared/model.ts";

export interface TableRecord {
  id: string;
  createdAt: number;
  facilitatorKeyHash: string;
  /** The participant link secret, kept so the facilitator can show the link again; never synced. */
  invite: string;
  state: TableState;
}

export interface TableStore {
  insert(record: TableRecord): Promise<void>;
  load(tableId: string): Promise<TableRecord | undefined>;
  saveState(tableId: string, state: TableState): Promise<void>;
}

/** Keeps tables in this process's memory. */
export class MemoryTableStore implements TableStore {
  #tables = new Map<string, TableRecord>();

  async insert(record: TableRecord): Promise<void> {
    if (this.#tables.has(record.id)) throw new Error(`table ${record.id} exists already`);
    this.#tables.set(record.id, structuredClone(record));
  }

  async load(tableId: string): Promise<TableRecord | undefined> {
    const record = this.#tables.get(tableId);
    return record && structuredClone(record);
  }

  async saveState(tableId: string, state: TableState): Promise<void> {
    const record = this.#tables.get(tableId);
    if (!record) throw new Error(`table ${tableId} is unknown`);
    record.state = structuredClone(state);
  }
}
