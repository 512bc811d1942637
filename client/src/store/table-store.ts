// The browser's read-only picture of the table: written only by net/connection.ts, read by components through narrow selectors.
import { create } from "zustand";
import type { Whoami } from "../../../shared/protocol.ts";
import type { ConnectionStatus, TableView } from "../net/types.ts";

export interface Notice {
  id: number;
  kind: "error" | "info";
  text: string;
}

export interface TableStoreState {
  connection: { status: ConnectionStatus; error: string | null };
  table: TableView | null;
  me: Whoami | null;
  notice: Notice | null;
  /** Actions in the outbox, not yet answered by the server. */
  pending: number;
  /** The links a facilitator shares (participant, observer), once asked for; null for everyone else. */
  shareLinks: ShareAddresses | null;
  /** Set when the table no longer exists (deleted, or never was): the reason, shown instead of the table. */
  gone: string | null;
}

/** The links a facilitator shares, as full addresses (this site + path and fragment). */
export interface ShareAddresses {
  participant: string;
  /** Read-only: for a projector or a guest. */
  observer: string;
}

export const useTableStore = create<TableStoreState>(() => ({
  connection: { status: "idle", error: null },
  table: null,
  me: null,
  notice: null,
  pending: 0,
  shareLinks: null,
  gone: null,
}));

let noticeId = 0;
export function showNotice(kind: Notice["kind"], text: string): void {
  noticeId += 1;
  useTableStore.setState({ notice: { id: noticeId, kind, text } });
}
export function clearNotice(): void {
  useTableStore.setState({ notice: null });
}

/** Selectors: components subscribe to the slice they show, not the whole table. */
export const selectTable = (s: TableStoreState) => s.table;
export const selectMe = (s: TableStoreState) => s.me;
export const selectConnection = (s: TableStoreState) => s.connection;
