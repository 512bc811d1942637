// What this browser keeps when its person is moved to another table of the workshop: who they are (to be seated there
// without a form), the suggestion they had not sent yet (found in the new table's form), the workshop's remembered table
// (so the workshop link leads to the new one), and the notice to show once seated. Written before the page opens the
// new table's link.
import { rememberAutoJoin } from "../table/auto-join.ts";
import { carrySuggestionDraft } from "../table/drafts.ts";
import { tableIdOfPath, workshopTableKey } from "../workshop/workshop-link.ts";
import type { MovedAway } from "#client/store/table-store.ts";

const noticeKey = (tableId: string) => `jdt:moved-to:${tableId}`;

/** A table link of this app (path and fragment): the only kind of address the page opens on the server's word. */
export function isTablePath(path: string): boolean {
  return /^\/t\/[\w-]+#[\w=-]+$/.test(path);
}

export function followMove(fromTableId: string, moved: MovedAway): void {
  const toTableId = tableIdOfPath(moved.path);
  if (moved.name)
    rememberAutoJoin(toTableId, { name: moved.name, role: moved.role, ...(moved.zone && { zone: moved.zone }) });
  carrySuggestionDraft(fromTableId, toTableId);
  try {
    sessionStorage.setItem(noticeKey(toTableId), moved.table);
    // The lobby keeps one table per workshop (any workshop whose remembered table is the old one now points at the new).
    const prefix = workshopTableKey("");
    const names = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? "");
    for (const name of names.filter((n) => n.startsWith(prefix))) {
      const path = localStorage.getItem(name) ?? "";
      if (path.startsWith("/t/") && tableIdOfPath(path) === fromTableId) localStorage.setItem(name, moved.path);
    }
  } catch {
    // storage unavailable: the person is still taken to the new table
  }
}

/** The name of the table this person was just moved to, once (null when they were not); "" when it was not heard. */
export function takeMovedNotice(tableId: string): string | null {
  try {
    const table = sessionStorage.getItem(noticeKey(tableId));
    sessionStorage.removeItem(noticeKey(tableId));
    return table;
  } catch {
    return null;
  }
}
