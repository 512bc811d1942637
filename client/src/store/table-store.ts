// The browser's read-only picture of the table: written only by net/connection.ts, read by components through narrow selectors.
// Notices are the one exception: any feature may show one (showNotice), and the store clears them when the phase changes.
import { create } from "zustand";
import type { ActorZone } from "#shared/model.ts";
import type { Whoami } from "#shared/protocol.ts";
import type { ConnectionStatus, TableView } from "../net/types.ts";

export interface Notice {
  id: number;
  /** info: polite, fades by itself; error: a refusal, announced at once, stays until closed. */
  kind: "error" | "info";
  text: string;
}

export interface TableStoreState {
  connection: { status: ConnectionStatus; error: string | null };
  table: TableView | null;
  me: Whoami | null;
  /** The latest message of each kind: an information never hides a refusal still to be read. */
  notices: { info: Notice | null; error: Notice | null };
  /** Actions in the outbox, not yet answered by the server. */
  pending: number;
  /** The links a facilitator shares (participant, observer), once asked for; null for everyone else. */
  shareLinks: ShareAddresses | null;
  /** Set when the table no longer exists (deleted, or never was): the reason, shown instead of the table. */
  gone: string | null;
  /** Set when the workshop facilitator moved this person to another table of the workshop: where to go, and as whom. */
  moved: MovedAway | null;
}

export interface MovedAway {
  /** The new table's participant link (path and fragment). */
  path: string;
  /** The workshop's name for it (« Table 2 »); "" if this page did not hear it. */
  table: string;
  /** Who this person was at the old table: they sit at the new one under the same name and role, without a form. */
  name: string;
  role: string;
  /** …and where they stood on the kit's actor map. */
  zone?: ActorZone;
}

/** The links a facilitator shares, as full addresses (this site + path and fragment). */
export interface ShareAddresses {
  participant: string;
  /** Read-only: for a projector or a guest. */
  observer: string;
  /** The short code typed on the home page instead of the link, while the table accepts arrivals. */
  joinCode?: string;
}

export const useTableStore = create<TableStoreState>(() => ({
  connection: { status: "idle", error: null },
  table: null,
  me: null,
  notices: { info: null, error: null },
  pending: 0,
  shareLinks: null,
  gone: null,
  moved: null,
}));

let noticeId = 0;
export function showNotice(kind: Notice["kind"], text: string): void {
  noticeId += 1;
  const notice = { id: noticeId, kind, text };
  useTableStore.setState((s) => ({ notices: { ...s.notices, [kind]: notice } }));
}

/** Closes one message (by its id), or every message. */
export function clearNotice(id?: number): void {
  useTableStore.setState((s) => {
    if (id === undefined) return { notices: { info: null, error: null } };
    const { info, error } = s.notices;
    return { notices: { info: info?.id === id ? null : info, error: error?.id === id ? null : error } };
  });
}

/** Takes back the refusal on screen: for a refusal the screen answers itself (a form that asks what was missing). */
export function dismissRefusal(): void {
  useTableStore.setState((s) => (s.notices.error ? { notices: { ...s.notices, error: null } } : s));
}

// No message outlives its phase: « Écueil distribué. » means nothing once the story is in Débrief.
useTableStore.subscribe((s, before) => {
  const phase = s.table?.phase;
  const was = before.table?.phase;
  if (phase && was && phase !== was && (s.notices.info || s.notices.error)) clearNotice();
});

/** Selectors: components subscribe to the slice they show, not the whole table. */
export const selectTable = (s: TableStoreState) => s.table;
export const selectMe = (s: TableStoreState) => s.me;
export const selectConnection = (s: TableStoreState) => s.connection;
