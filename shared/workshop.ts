// A workshop: several tables played at once under one facilitator, one way in for the whole room, a live overview,
// a plenary and one book of stories. Names, routes, links and the shapes that travel; no validation here (the browser
// imports this module; the zod schemas are in shared/workshop-protocol.ts, server side).
import type { Phase, Timer } from "./model.ts";
import { LINK_KEYS } from "./protocol-constants.ts";
import type { StoryFormat } from "./protocol-constants.ts";

/** The Colyseus room of a workshop's live overview (the dashboard and the plenary screen connect to it). */
export const WORKSHOP_ROOM_NAME = "workshop";

/**
 * The actor of what the workshop facilitator does to every table at once from the overview (a message, a timer, the
 * next phase, closing arrivals, moving someone). Logged at each table like a seated person's action, under this id.
 */
export const WORKSHOP_ACTOR_ID = "atelier";

export const WORKSHOP_LIMITS = {
  titleLength: 120,
  minTables: 2,
  maxTables: 20,
  /** Seats offered at each table by the workshop's lobby (the paper game: tables of about ten). */
  minSeatsPerTable: 2,
  maxSeatsPerTable: 40,
  defaultSeatsPerTable: 10,
  tableNameLength: 60,
  /** A message shown on every screen of every table. */
  messageLength: 280,
} as const;

/** The path and fragment of a workshop link (participants: invitation; workshop facilitator: animation; plenary screen: observation). */
export function workshopLink(workshopId: string, kind: keyof typeof LINK_KEYS, secret: string): string {
  return `/a/${encodeURIComponent(workshopId)}#${LINK_KEYS[kind]}=${secret}`;
}

export const WORKSHOP_API = {
  /** POST CreateWorkshopBody → CreatedWorkshop (limited per address, like creating a table). */
  create: "/api/workshops",
  /** POST a workshop JSON file (the book's JSON) → CreatedWorkshop: a new workshop, one table per story, continuing it. */
  importBook: "/api/workshops/import",
  /** POST WorkshopKeyRequest (any of the workshop's three secrets) → WorkshopLobby. */
  lobby: (id: string) => `/api/workshops/${encodeURIComponent(id)}/lobby`,
  /** POST SeatRequest → SeatAnswer: the participant link of the table picked (or the least full), while arrivals are open. */
  seat: (id: string) => `/api/workshops/${encodeURIComponent(id)}/seat`,
  /** POST WorkshopJoinRequest → a seat reservation of the workshop room (facilitator or observer secret). */
  join: (id: string) => `/api/workshops/${encodeURIComponent(id)}/join`,
  /** POST WorkshopKeyRequest (facilitator or observer secret) → WorkshopStories: every table's story, for the plenary. */
  stories: (id: string) => `/api/workshops/${encodeURIComponent(id)}/stories`,
  /** GET with the workshop facilitator secret (Authorization: Bearer): the whole workshop as one file. */
  book: (id: string, format: StoryFormat) => `/api/workshops/${encodeURIComponent(id)}/book.${format}`,
} as const;

/**
 * A participant's own downloads once their table's story is closed: POST TakeHomeRequest (their seat key, which only
 * their browser holds; an observer or another table's participant has none that matches).
 */
export const TAKE_HOME_API = {
  /** The table's whole story, as the facilitator's export. */
  story: (tableId: string, format: StoryFormat) => `/api/tables/${encodeURIComponent(tableId)}/my-story.${format}`,
  /** A page of one's own: the system and the future, my steps, my « oui, et… », my debrief. */
  mine: (tableId: string, format: "html" | "md") => `/api/tables/${encodeURIComponent(tableId)}/mine.${format}`,
} as const;

/** Body of POST WORKSHOP_API.create. */
export interface CreateWorkshopBody {
  title: string;
  /** The day of the workshop, YYYY-MM-DD (empty when not said). */
  date: string;
  tableCount: number;
  seatsPerTable: number;
  /** "shared": every table starts from `setup`; "perTable": each table is named and framed on its own (`tables`). */
  setupMode: "shared" | "perTable";
  /** The setup every table starts from (the same fields as opening one table). */
  setup: {
    system: string;
    presentState: string;
    horizonYear: number;
    desirableFuture: string;
    framingChallengeId: string | null;
    framingChallengeText: string;
  };
  /** Per table, in order (setupMode "perTable"): its name and its own system; empty fields take the shared setup's. */
  tables: { name: string; system: string; framingChallengeId: string | null; framingChallengeText: string }[];
  /** Decks and themes in play at every table (themes empty: every theme). */
  decks: ("challenge" | "lever" | "pitfall")[];
  themes: string[];
  /** The workshop facilitator's name, seated as facilitator at a table they open. */
  facilitatorName: string;
}

/** Answer of POST WORKSHOP_API.create and importBook. Links carry their secret in the fragment. */
export interface CreatedWorkshop {
  workshopId: string;
  /** For the whole room: the lobby. */
  participantLink: string;
  /** The workshop facilitator's: the overview, and full rights at every table. */
  facilitatorLink: string;
  /** The plenary screen (read only). */
  observerLink: string;
  /** The workshop's short code (shared/join-code.ts), unformatted. */
  joinCode: string;
}

/** Body of the lobby and stories requests: the secret of the workshop link the page was opened with. */
export interface WorkshopKeyRequest {
  invite?: string;
  facilitatorKey?: string;
  observerKey?: string;
}

/** What the room's lobby shows a participant. */
export interface WorkshopLobby {
  workshopId: string;
  title: string;
  date: string;
  arrivalsOpen: boolean;
  tables: LobbyTable[];
}

export interface LobbyTable {
  tableId: string;
  name: string;
  /** The table's own title (its setup). */
  title: string;
  phase: Phase;
  /** Names of the people seated (facilitators included), in order of arrival. */
  seated: string[];
  seatsLeft: number;
  /** Whether a newcomer may sit there now (seats left, not locked, story not closed). */
  open: boolean;
  /** Why not, when not open (the first reason, shared/workshop-seating.ts): the lobby says it beside the table. */
  refusal: "arrivalsClosed" | "storyClosed" | "tableLocked" | "tableFull" | null;
}

/** Body of POST WORKSHOP_API.seat: a table of the lobby, or null for « placez-moi ». */
export interface SeatRequest {
  invite: string;
  tableId: string | null;
}

/** The table to join: the browser opens `path` (that table's participant link) and remembers it for this workshop. */
export interface SeatAnswer {
  tableId: string;
  name: string;
  path: string;
}

/** Body of POST WORKSHOP_API.join. */
export interface WorkshopJoinRequest {
  protocolVersion: number;
  facilitatorKey?: string;
  observerKey?: string;
}

/** A seated person as the overview shows them. */
export interface SummaryPerson {
  id: string;
  name: string;
  role: string;
  facilitator: boolean;
  online: boolean;
}

/** One table as the overview shows it: computed by the table's room (shared/workshop-summary.ts), pushed on each change. */
export interface TableSummary {
  tableId: string;
  /** The workshop's name for it (« Table 1 »…). */
  name: string;
  /** Its setup's title. */
  title: string;
  phase: Phase;
  locked: boolean;
  /** Seated, not removed nor moved away, in order of arrival. */
  people: SummaryPerson[];
  steps: number;
  /** « Oui, et… » and answers written on the path: how lively the table is. */
  contributions: number;
  openPitfalls: number;
  /** Debriefs written, out of the seated participants (facilitators not counted). */
  debrief: { written: number; of: number };
  timer: Timer | null;
  /** The server's clock when this summary was made: a browser counts the timer down from it. */
  serverNow: number;
  latestStep: { number: number; title: string; narration: string } | null;
  /** When it changed (ms, server clock). */
  updatedAt: number;
}

/** What the overview holds (the workshop room's state, as the dashboard reads it). */
export interface WorkshopOverview {
  workshopId: string;
  title: string;
  date: string;
  arrivalsOpen: boolean;
  seatsPerTable: number;
  /** The message shown on every screen, or "" when none. */
  message: string;
  tables: TableSummary[];
  /** The server's clock when this overview was sent: the browser counts the tables' timers down from it. */
  serverNow: number;
}

/** Requests the workshop facilitator sends to the workshop room (the overview acts on every table at once). */
export const WORKSHOP_REQUEST = "workshop";
export type WorkshopCommand =
  | { type: "message"; text: string }
  | { type: "timer"; minutes: number; label: string }
  | { type: "clearTimer" }
  | { type: "nextPhase" }
  | { type: "arrivals"; open: boolean }
  | { type: "move"; fromTableId: string; participantId: string; toTableId: string }
  | { type: "addTables"; count: number }
  /** The table facilitator link of one table: rights on that table only, to hand it to a helper. */
  | { type: "tableLink"; tableId: string }
  /**
   * The workshop's participant link and join code, to show the room, and its observer link, for the projector or a
   * guest (facilitators only: an observer never gets them).
   */
  | { type: "shareLinks" };

/**
 * What the workshop room says besides answering commands: the whole overview (the answer of WORKSHOP_OVERVIEW_REQUEST,
 * asked on joining and after each reconnection; broadcast again when the workshop itself changes) and one table's new
 * summary (broadcast on each change at that table).
 */
export const WORKSHOP_OVERVIEW_REQUEST = "overview";
export const WORKSHOP_OVERVIEW_MESSAGE = "overview";
export const WORKSHOP_TABLE_MESSAGE = "table";

/** The workshop room's answer: per table, done or refused with its reason (a broadcast may partly fail). */
export interface WorkshopCommandReply {
  ok: boolean;
  results: { tableId: string; ok: boolean; message?: string }[];
  /** Why the command as a whole was refused (e.g. adding tables past the maximum). */
  message?: string;
  /** For "tableLink": the path and fragment of that table's facilitator link; for "shareLinks": the workshop's participant link. */
  path?: string;
  /** For "shareLinks": the workshop's join code, unformatted. */
  joinCode?: string;
  /** For "shareLinks": the path and fragment of the workshop's observer link (the plenary screen, read-only). */
  observerPath?: string;
}

/** Close code of a connection whose person the workshop facilitator moved to another table; the message is the new table's path. */
export const MOVED_CLOSE_CODE = 4307;

/**
 * Answer of a table room's workshopAct(action) and moveOut(participantId, to) (called with matchMaker.remoteRoomCall):
 * done, or refused with the rules' reason (code and French message), nothing changed.
 */
export type WorkshopActReply = { ok: true } | { ok: false; code: string; message: string };

/** Answer of WORKSHOP_API.stories: every table's story in the JSON export's form (shared/story/json.ts), in the workshop's order. */
export interface WorkshopStories {
  workshopId: string;
  title: string;
  date: string;
  tables: { tableId: string; name: string; story: unknown }[];
}

/** Body of the TAKE_HOME_API requests. */
export interface TakeHomeRequest {
  seatKey: string;
}
