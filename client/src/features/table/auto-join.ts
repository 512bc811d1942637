// Carries the facilitator's name from the setup form to the table page, so they are seated without a second form.
import type { ActorZone } from "#shared/model.ts";

const key = (tableId: string) => `jdt:auto-join:${tableId}`;

export interface Identity {
  name: string;
  role: string;
  /** Where they stand on the kit's actor map; absent for a facilitator who skipped it. */
  zone?: ActorZone;
}

export function rememberAutoJoin(tableId: string, identity: Identity): void {
  sessionStorage.setItem(key(tableId), JSON.stringify(identity));
}

/** After opening a table: remembers who the facilitator is and returns the in-app path of their link (path + fragment). */
export function enterAsFacilitator(created: { tableId: string; facilitatorLink: string }, identity: Identity): string {
  rememberAutoJoin(created.tableId, identity);
  const link = new URL(created.facilitatorLink);
  return `${link.pathname}${link.hash}`;
}

/** Returns the remembered identity once, then forgets it. */
export function takeAutoJoin(tableId: string): Identity | null {
  const raw = sessionStorage.getItem(key(tableId));
  sessionStorage.removeItem(key(tableId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Identity;
  } catch {
    return null;
  }
}
