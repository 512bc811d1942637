// The wire protocol between browser and server: message names, payload schemas, protocol version.
// These schemas only reject malformed frames; limits a person can hit are checked by the rules, with readable refusals.
import { z } from "zod";
import { DECK_NAMES } from "#cards/schema.ts";
import { ACTOR_ZONES, type Action, type ActionType } from "./model.ts";
import { cleanName, cleanText } from "./text.ts";

// The names and addresses the browser needs too live in a module without zod (the browser validates nothing).
export * from "./protocol-constants.ts";

/**
 * Generous caps: far above any limit of the rules, low enough that garbage is cut short. Free text arrives clean: one kind
 * of line break, no invisible or direction-changing character (text.ts); names and roles on one line besides.
 */
const text = z.string().max(20_000).overwrite(cleanText);
const id = z.string().min(1).max(200);
const deck = z.enum(DECK_NAMES);

const phase = z.enum(["preparation", "play", "debrief", "closed"]);
const futures = z.array(text).max(50);
/** The lists of the stakes; the rules hold them to the kit's « petit nombre ». */
const stakeItems = z.array(text).max(50);
const stakes = z.object({
  ifNothing: text.optional(),
  objectives: z
    .array(z.object({ text, priority: z.literal([1, 2, 3]) }))
    .max(50)
    .optional(),
  quickWins: stakeItems.optional(),
  indicators: stakeItems.optional(),
});

export const actionSchema = z.discriminatedUnion("type", [
  // Preparation
  z.object({
    type: z.literal("editSetup"),
    changes: z.object({
      title: text.optional(),
      system: text.optional(),
      presentState: text.optional(),
      horizonYear: z.number().int().optional(),
      desirableFuture: text.optional(),
      otherFutures: futures.optional(),
      constraints: z.object({ time: text.optional(), values: text.optional(), actors: text.optional() }).optional(),
      stakes: stakes.optional(),
    }),
  }),
  z.object({ type: z.literal("chooseChallenge"), cardId: id.nullable(), text }),
  z.object({ type: z.literal("drawChallenge") }),
  z.object({ type: z.literal("chooseDecks"), decks: z.array(deck).max(3), themes: z.array(id).max(50) }),
  z.object({ type: z.literal("importDeck"), file: z.unknown(), fileName: z.string().max(200).optional() }),
  z.object({
    type: z.literal("suggest"),
    field: z.enum([
      "system",
      "presentState",
      "desirableFuture",
      "constraintTime",
      "constraintValues",
      "constraintActors",
      "framingChallengeText",
    ]),
    text,
  }),
  z.object({ type: z.literal("acceptSuggestion"), suggestionId: id }),
  z.object({ type: z.literal("dismissSuggestion"), suggestionId: id }),
  // Phases
  z.object({ type: z.literal("setPhase"), phase }),
  z.object({ type: z.literal("startPlay") }),
  z.object({ type: z.literal("closeStory") }),
  // Play
  z.object({ type: z.literal("draw"), deck }),
  z.object({ type: z.literal("place"), cardId: id, afterStepId: id.nullable() }),
  z.object({ type: z.literal("narrate"), stepId: id, text }),
  z.object({ type: z.literal("discard"), cardId: id }),
  z.object({ type: z.literal("writeCard"), deck, title: text, text }),
  z.object({ type: z.literal("writeBlank"), cardId: id, title: text, text }),
  z.object({ type: z.literal("contribute"), stepId: id, kind: z.enum(["yesAnd", "answer"]), text }),
  z.object({ type: z.literal("react"), stepId: id, reaction: z.enum(["plausible", "desirable"]) }),
  z.object({ type: z.literal("setTurnMode"), mode: z.enum(["free", "turns"]) }),
  z.object({ type: z.literal("passTurn") }),
  z.object({ type: z.literal("skipTurn") }),
  z.object({ type: z.literal("reorderTurns"), order: z.array(id).max(100) }),
  z.object({ type: z.literal("startTimer"), minutes: z.number(), label: text }),
  z.object({ type: z.literal("pauseTimer") }),
  z.object({ type: z.literal("resumeTimer") }),
  z.object({ type: z.literal("extendTimer"), minutes: z.number() }),
  z.object({ type: z.literal("clearTimer") }),
  z.object({
    type: z.literal("dealPitfall"),
    to: id.nullable(),
    afterStepId: id.nullable(),
    title: text.optional(),
    text: text.optional(),
  }),
  z.object({ type: z.literal("changeRole"), role: text, zone: z.enum(ACTOR_ZONES).optional() }),
  // Debrief
  z.object({ type: z.literal("writeDebrief"), text, commitment: text.optional() }),
  // Moderation
  z.object({ type: z.literal("editStep"), stepId: id, narration: text }),
  z.object({ type: z.literal("removeStep"), stepId: id }),
  z.object({ type: z.literal("moveStep"), stepId: id, afterStepId: id.nullable() }),
  z.object({ type: z.literal("editContribution"), stepId: id, contributionId: id, text }),
  z.object({ type: z.literal("removeContribution"), stepId: id, contributionId: id }),
  z.object({ type: z.literal("undo") }),
  z.object({ type: z.literal("lockTable"), locked: z.boolean() }),
  z.object({ type: z.literal("removeParticipant"), participantId: id }),
  z.object({ type: z.literal("setFacilitator"), participantId: id, facilitator: z.boolean() }),
  z.object({ type: z.literal("handOver"), participantId: id }),
  // Facilitation of a workshop (a table's facilitator may announce too)
  z.object({ type: z.literal("announce"), text }),
  z.object({ type: z.literal("moveAway"), participantId: id, toTableName: z.string().max(1000) }),
  // Anonymisation
  z.object({ type: z.literal("anonymise") }),
  z.object({ type: z.literal("anonymiseParticipant"), participantId: id }),
  // Publishing: the address's id is drawn by the server (server/room/drawn.ts), so a browser sends none.
  z.object({ type: z.literal("publish") }),
  z.object({ type: z.literal("unpublish") }),
  z.object({ type: z.literal("nameInPublication"), named: z.boolean() }),
]);

/** An action as a browser sends it: the rules' Action less what only the server fills in (server/room/drawn.ts). */
export type WireAction = z.infer<typeof actionSchema>;

/** What the server writes into an action before the rules see it (server/room/drawn.ts), by action type. */
type DrawnByServer = { publish: "publicId" };
type AsSent<A> = A extends { type: infer T extends keyof DrawnByServer } ? Omit<A, DrawnByServer[T]> : A;
type Flat<T> = T extends readonly (infer E)[] ? Flat<E>[] : T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
/** Each fits the other (types, optional or not), also once every field is required (no optional field more or less). */
type Fits<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Required_<T> = T extends readonly (infer E)[]
  ? Required_<E>[]
  : T extends object
    ? { [K in keyof T]-?: Required_<Exclude<T[K], undefined>> }
    : T;
type Same<A, B> = Fits<A, B> extends true ? Fits<Required_<A>, Required_<B>> : false;
/** Action types whose schema here and whose type in model.ts differ (a field, its type, or the action itself missing). */
type Disagreeing<T = ActionType | WireAction["type"]> = T extends string
  ? Same<Flat<Extract<WireAction, { type: T }>>, Flat<AsSent<Extract<Action, { type: T }>>>> extends true
    ? never
    : T
  : never;
// The rules' Action and this schema cannot disagree: a new action (or field) in one and not the other does not compile
// (« property 'wave' is missing »), instead of compiling and then being refused as a malformed frame.
const disagreeing: Record<Disagreeing, "differs between actionSchema and model.ts' Action"> = {};
void disagreeing;

/** One action as sent: with the id the sender's outbox gave it, so that a repeat is applied once. */
export const actionRequestSchema = z.object({
  id: z.string().min(8).max(100),
  action: actionSchema,
});
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/**
 * Options a browser passes when joining a table: one of the two link secrets, its seat key, and who they are.
 * The seat key is made by the browser (256 random bits) and kept there: it brings the same person back to the same
 * seat after a reload or a restart; a new browser has a new key, hence a new seat.
 */
export const joinOptionsSchema = z.object({
  protocolVersion: z.number().int(),
  invite: z.string().max(200).optional(),
  facilitatorKey: z.string().max(200).optional(),
  /** The observer link's secret: a read-only seat, not a participant (a projector, a guest). */
  observerKey: z.string().max(200).optional(),
  seatKey: z.string().min(32).max(200),
  name: z.string().max(1000).overwrite(cleanName).default(""),
  role: z.string().max(1000).overwrite(cleanName).default(""),
  /** Where they stand on the kit's actor map: asked of participants (rules arrivalZone), not of facilitators. */
  zone: z.enum(ACTOR_ZONES).optional(),
  /**
   * The browser listens to the room before its WebSocket opens: the room sends the state right after JOIN_ROOM
   * instead of waiting for its acknowledgement (server/room/state-with-join.ts), one round trip less.
   */
  stateWithJoin: z.boolean().optional(),
  /**
   * A one-time random claim: the WebSocket the browser opened on API.seatSocket with it takes the seat this join
   * reserves (server/http/seat-claims.ts), instead of one opened once the answer is here.
   */
  claim: z.string().max(64).optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

/** Body of POST /api/tables. */
export const createTableSchema = z.object({
  title: text,
  system: text,
  presentState: text,
  horizonYear: z.number().int(),
  desirableFuture: text,
  framingChallengeId: id.nullable(),
  framingChallengeText: text,
});
export type CreateTableBody = z.infer<typeof createTableSchema>;

/** Answer of POST /api/tables. Links carry their secret in the fragment (#…), which browsers never send to a server. */
export interface CreatedTable {
  tableId: string;
  participantLink: string;
  facilitatorLink: string;
}

/** What a refused request carries back to its sender (ctx.reject / HTTP 4xx body). */
export interface RefusalReply {
  code: string;
  message: string;
}

/** Who this connection is: a seated person, or an observer (participantId null, read-only). */
export interface Whoami {
  participantId: string | null;
  facilitator: boolean;
  observer: boolean;
}

/** What the facilitator may share again: the participant link and the observer link (path + fragment), and the join code. */
export interface ShareLinks {
  path: string;
  observerPath: string;
  /** The participant link's short code (shared/join-code.ts), unformatted: « K7PQ2MXR ». Replaced with the link. */
  joinCode: string;
}

/** What the room tells a page about to join (server side): the title, and why a newcomer could not sit now (null: they could). */
export interface TableWelcome {
  title: string;
  arrivals: RefusalReply | null;
  /** The workshop the table is part of, or null: said further only to the workshop facilitator's link (TableTitle). */
  workshopId: string | null;
}

/** Body of POST API.resolveJoinCode: the code as typed (the server normalises it, shared/join-code.ts). */
export interface JoinCodeRequest {
  code: string;
}

/**
 * Answer of POST API.resolveJoinCode: no more than the participant link gives. The browser opens `path` (the
 * participant link: path and fragment) and lands on the usual join form; a workshop's code leads to its lobby.
 */
export type ResolvedJoinCode =
  | { kind: "table"; tableId: string; title: string; path: string }
  | { kind: "workshop"; workshopId: string; title: string; path: string };

/** Body of POST API.tableTitle: the secret of the link the page was opened with (one of them). */
export type TableTitleRequest = Pick<JoinOptions, "invite" | "facilitatorKey" | "observerKey">;

/** Answer of POST API.tableTitle. */
export interface TableTitle {
  title: string;
  /**
   * Only when the secret sent is the workshop facilitator's (not the table's own, not a participant's nor an observer's):
   * the workshop this table is part of, whose overview that same secret opens (workshopLink): the table's way back to it.
   */
  workshopId?: string;
}

export interface HostingInfo {
  /** Tables untouched for this many days are deleted (RETENTION_DAYS). */
  retentionDays: number;
}
