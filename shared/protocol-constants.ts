// The protocol's names and addresses: protocol version, room and request names, close codes, link fragments, HTTP
// routes and pages. No validation here: the browser imports this module (and only types from shared/protocol.ts), so
// that zod stays on the server. shared/protocol.ts re-exports all of it.

export const PROTOCOL_VERSION = 1;

/** The one room name, and the one request a seated client sends. */
export const ROOM_NAME = "table";
export const ACTION_REQUEST = "action";

/** URL fragment keys. */
export const LINK_KEYS = { invite: "invitation", facilitator: "animation", observer: "observation" } as const;

export type LinkKind = keyof typeof LINK_KEYS;
export interface LinkSecret {
  kind: LinkKind;
  value: string;
}

/** The path and fragment of a table link; the secret sits in the fragment, which browsers never send to a server. */
export function tableLink(tableId: string, kind: LinkKind, secret: string): string {
  return `/t/${encodeURIComponent(tableId)}#${LINK_KEYS[kind]}=${secret}`;
}

/**
 * The secret in a link's fragment (a table's or a workshop's: both use LINK_KEYS), or null. Should a fragment carry
 * several, the one that gives the most rights wins: the facilitator's, then the participant's, then the observer's.
 */
export function parseLinkSecret(hash: string): LinkSecret | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  for (const kind of ["facilitator", "invite", "observer"] as const) {
    const value = params.get(LINK_KEYS[kind]);
    if (value) return { kind, value };
  }
  return null;
}

/** What tableLink built, read back from its path and fragment (or a whole address): null when it is no table link. */
export function parseTableLink(link: string): { tableId: string; secret: LinkSecret | null } | null {
  const match = /^(?:[a-z]+:\/\/[^/]+)?\/t\/([^/?#]+)\/?(?:\?[^#]*)?(#.*)?$/i.exec(link.trim());
  if (!match?.[1]) return null;
  try {
    return { tableId: decodeURIComponent(match[1]), secret: parseLinkSecret(match[2] ?? "") };
  } catch {
    return null; // a malformed %-escape
  }
}

/** Requests a seated client may send besides actions. */
export const WHOAMI_REQUEST = "whoami";
export const INVITE_LINK_REQUEST = "inviteLink";
/** Facilitator only: a new participant link replaces the old one, which stops letting anyone in. Answers ShareLinks. */
export const ROTATE_INVITE_REQUEST = "rotateInvite";

export type StoryFormat = "md" | "html" | "json";

/**
 * Close code of every connection of a table that was deleted (by its facilitator, or after RETENTION_DAYS untouched):
 * the SDK does not retry it, and the browser shows the reason (« Cette table a été effacée. ») instead of rejoining.
 */
export const TABLE_DELETED_CLOSE_CODE = 4410;

/** The query parameter of API.seatSocket by which a page asks for the join's first frames compressed. */
export const SEAT_SOCKET_DEFLATE = "deflate";
/**
 * First byte of a frame that carries another frame compressed (deflate-raw, RFC 1951), on the join's socket of a page
 * that asked (SEAT_SOCKET_DEFLATE): no frame of Colyseus' protocol starts with it (its codes start at 10).
 */
export const DEFLATED_FRAME = 0;

export const API = {
  createTable: "/api/tables",
  decks: "/api/decks",
  importStory: "/api/tables/import",
  story: (tableId: string, format: StoryFormat) => `/api/tables/${encodeURIComponent(tableId)}/story.${format}`,
  /** GET with the facilitator secret: this table's decks, its own cards included, in the cards/ file format. */
  deck: (tableId: string) => `/api/tables/${encodeURIComponent(tableId)}/deck.json`,
  /** GET with the facilitator secret: only the challenges written at this table, as one challenge deck file of cards/. */
  writtenChallenges: (tableId: string) => `/api/tables/${encodeURIComponent(tableId)}/written-challenges.json`,
  /**
   * POST JoinOptions: checks the link, brings the table back from storage if needed, and answers a seat reservation
   * for the SDK's consumeSeatReservation(). The only way into a table: the matchmaker's own routes are closed.
   */
  join: (tableId: string) => `/api/tables/${encodeURIComponent(tableId)}/join`,
  /**
   * WebSocket ?claim=…: opened alongside a join that carries the same one-time claim (JoinOptions.claim); it becomes
   * the socket of the seat that join reserved, when the room is in the process that answered it
   * (server/http/seat-claims.ts). With `&deflate=1` (SEAT_SOCKET_DEFLATE), the room's description and the table's
   * state come on it compressed (DEFLATED_FRAME).
   */
  seatSocket: "/api/seat",
  /**
   * POST TableTitleRequest: the table's title for the join page and the tab, once the link's secret is checked (before
   * anything else, as for a join). A secret in the body, never in the address.
   */
  tableTitle: (tableId: string) => `/api/tables/${encodeURIComponent(tableId)}/title`,
  /**
   * POST JoinCodeRequest: the table a join code belongs to, and its participant link, while it accepts arrivals.
   * Failed attempts are limited per address (LIMIT_JOIN_CODE_FAILURES_PER_HOUR).
   */
  resolveJoinCode: "/api/join-codes/resolve",
  /** DELETE with the facilitator secret (Authorization: Bearer): the table and everything in it; 204 once gone. */
  table: (tableId: string) => `/api/tables/${encodeURIComponent(tableId)}`,
} as const;

/**
 * A published story's public page (GET, read only, no secret but its address): `/recit/<id>`, the id drawn anew by the
 * server for each publication (192 bits, base64url). Served by the server itself (server/http/published.ts), not the app.
 */
export const PUBLIC_STORY_PREFIX = "/recit/";

export function publicStoryPath(publicId: string): string {
  return `${PUBLIC_STORY_PREFIX}${publicId}`;
}

/** What a publication's id looks like (24 random bytes in base64url): anything else is never looked up. */
export function isPublicStoryId(publicId: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(publicId);
}

/** The privacy page of the web app (served as index.html like /t/:tableId); linked from every page's footer. */
export const PRIVACY_PAGE = "/confidentialite";
/** GET: what the privacy page shows of the host's settings. */
export const HOSTING_API = "/api/hosting";
