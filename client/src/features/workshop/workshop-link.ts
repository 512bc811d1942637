// A workshop link (/a/:workshopId#…): which of its three secrets the page was opened with, and the table this browser
// sat at in that workshop, so that the workshop link brings a person back to their table.
import { parseLinkSecret, parseTableLink, type LinkSecret } from "#shared/protocol-constants.ts";

export type WorkshopSecret = LinkSecret;

/** The secret in the fragment (never sent to the server by the browser); the facilitator's wins if several are there. */
export const workshopSecretFromLocation = parseLinkSecret;

/** Also written by the table when its person is moved to another table of the workshop. */
export const workshopTableKey = (workshopId: string) => `jdt:workshop-table:${workshopId}`;

/** The table this browser took a seat at in this workshop: the path and fragment of its participant link. */
export function rememberedTable(workshopId: string): string | null {
  try {
    const path = localStorage.getItem(workshopTableKey(workshopId));
    // Only a path of this app: the value is read back into the address bar.
    return path?.startsWith("/t/") ? path : null;
  } catch {
    return null;
  }
}

/** The table a remembered path leads to. */
export function tableIdOfPath(path: string): string {
  return parseTableLink(path)?.tableId ?? "";
}

export function forgetTable(workshopId: string): void {
  try {
    localStorage.removeItem(workshopTableKey(workshopId));
  } catch {
    // nothing kept
  }
}

export function rememberTable(workshopId: string, path: string): void {
  try {
    localStorage.setItem(workshopTableKey(workshopId), path);
  } catch {
    // private mode: the lobby shows again on the next visit
  }
}

/** A link the server answered (absolute or not) as the in-app path and fragment the router opens. */
export function inAppPath(link: string): string {
  const url = new URL(link, window.location.origin);
  return `${url.pathname}${url.hash}`;
}
