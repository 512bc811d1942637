// The browser's read-only picture of a workshop's overview: written only by net/workshop-connection.ts, read by the
// dashboard through narrow selectors.
import { create } from "zustand";
import type { TableSummary, WorkshopOverview } from "#shared/workshop.ts";
import type { ConnectionStatus } from "../net/types.ts";

export interface WorkshopStoreState {
  connection: { status: ConnectionStatus; error: string | null };
  overview: WorkshopOverview | null;
  /** The server's clock ≈ Date.now() + clockOffset (from the latest overview or summary received): timers count down from it. */
  clockOffset: number;
}

export const useWorkshopStore = create<WorkshopStoreState>(() => ({
  connection: { status: "idle", error: null },
  overview: null,
  clockOffset: 0,
}));

/** One table's new summary in place of its old one (the others keep their identity: their cards do not re-render). */
export function withTable(overview: WorkshopOverview, summary: TableSummary): WorkshopOverview {
  const index = overview.tables.findIndex((table) => table.tableId === summary.tableId);
  const tables =
    index < 0 ? [...overview.tables, summary] : overview.tables.map((table, i) => (i === index ? summary : table));
  return { ...overview, tables };
}

export const selectOverview = (s: WorkshopStoreState) => s.overview;
export const selectWorkshopConnection = (s: WorkshopStoreState) => s.connection;
