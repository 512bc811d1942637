// What a browser receives of a table, declared once (shared/fields.ts): the rules' public view (shared/view.ts), the
// Colyseus schema (server/room/schema.ts), its projection and the browser's view (client/src/net/types.ts) derive from it.
// A new synced field is one line here, and the place that computes it (publicTable, or the room for a `room` field).
import type { ActorZone, Contribution, DeckName, Phase, Priority, SuggestField, Turns } from "./model.ts";
import { f, shape } from "./fields.ts";

/** A card as shown: what cards/reading.ts says it is called, the kit's words and place. */
export const CARD = shape("Card", {
  id: f.string(),
  deck: f.string<DeckName>("challenge"),
  /** What the card is called (cards/reading.ts): a deck challenge's question, a lever's or a pitfall's name… */
  title: f.string(),
  /** A short label we added to a challenge, shown as ours; "" when none. */
  label: f.string(),
  text: f.string(),
  /** The kit's own words when the card's text changed them (cards/CHANGES.md); "" when the same or not from the kit. */
  kitText: f.string(),
  themes: f.list(f.string()),
  /** The kit gives this challenge no theme: its themes are the game's choice. */
  themeByApp: f.boolean(),
  keywords: f.list(f.string()),
  examples: f.list(f.string()),
  /** A lever: the kit's line applying it to the environment; "" otherwise. */
  environment: f.string(),
  blank: f.boolean(),
  source: f.string(),
  /** Where the card's words are in the kit ("" and 0 for cards written at a table or from other decks), and their licence. */
  kitPart: f.string(),
  kitChapter: f.string(),
  kitLine: f.number(),
  license: f.string(),
  /** Participant id of whoever wrote this card at this table; "" for the kit's cards and imported decks. */
  writtenBy: f.string(),
  /** In a hand only (so private like the hand): dealt by the facilitator, a pitfall to play. */
  dealt: f.private(f.boolean()),
});

export const PARTICIPANT = shape("Participant", {
  id: f.string(),
  name: f.string(),
  /** Their role now (changing hats changes it; each step and contribution keeps the role of its time). */
  role: f.string(),
  /** Where they stand on the kit's actor map; "" when they said nowhere. */
  zone: f.string<ActorZone | "">(""),
  facilitator: f.boolean(),
  /** Someone has this seat open now (the room's live connections). */
  connected: f.room(f.boolean()),
  handCount: f.uint8(),
  joinedAt: f.number(),
  removed: f.boolean(),
  /** The name of the workshop's table they were moved to (then also removed here); "" for everyone else. */
  movedTo: f.string(),
  /** Public: the debrief is part of the story. "" until written. */
  debrief: f.string(),
  /** « Je m'engage à… », written with the debrief; "" until written. */
  commitment: f.string(),
  /** They agreed, at the closed table, that their name appears in the published story (shared/story/published.ts). */
  namedInPublication: f.boolean(),
  /** Their cards: a StateView field, so only their own browser receives it. */
  hand: f.private(f.list(CARD)),
});

export const CONTRIBUTION = shape("Contribution", {
  id: f.string(),
  authorId: f.string(),
  kind: f.string<Contribution["kind"]>("yesAnd"),
  text: f.string(),
  at: f.number(),
  /** The author's role when they wrote it; "" in tables older than changing hats. */
  authorRole: f.string(),
});

export const STEP = shape("Step", {
  id: f.string(),
  card: f.ref(CARD),
  placedBy: f.string(),
  placedAt: f.number(),
  /** The placer's role when they placed and told it; "" in tables older than changing hats (then their role now). */
  authorRole: f.string(),
  narration: f.string(),
  /** 0 until narrated. */
  narratedAt: f.number(),
  dealt: f.boolean(),
  /** A dealt pitfall nobody has answered yet. */
  open: f.boolean(),
  contributions: f.list(CONTRIBUTION),
  /** Participant ids who find this step plausible / desirable. */
  plausible: f.list(f.string()),
  desirable: f.list(f.string()),
});

export const PILES = shape("Piles", { challenge: f.uint16(), lever: f.uint16(), pitfall: f.uint16() });

export const CONSTRAINTS = shape("Constraints", { time: f.string(), values: f.string(), actors: f.string() });

export const OBJECTIVE = shape("Objective", { text: f.string(), priority: f.uint8<Priority>(1) });

/** What is at stake (shared/stakes.ts): the kit's « enjeux », objectives, quick wins, success indicators. */
export const STAKES = shape("Stakes", {
  ifNothing: f.string(),
  objectives: f.list(OBJECTIVE),
  quickWins: f.list(f.string()),
  indicators: f.list(f.string()),
});

export const TURNS = shape("Turns", {
  mode: f.string<Turns["mode"]>("free"),
  order: f.list(f.string()),
  /** Whose turn it is; nobody's in free play. */
  current: f.stringOrNull(),
});

/** Nothing ticks on the server: browsers count down from remainingMs, runningSince and the server's clock. */
export const TIMER = shape("Timer", {
  label: f.string(),
  durationMs: f.number(),
  remainingMs: f.number(),
  /** Server time (ms) when last started; 0 while paused. */
  runningSince: f.number(),
  /** The server's Date.now() when this timer last changed: a browser's clock may be off, this corrects it. */
  serverNow: f.room(f.number()),
});

/** The facilitation's message on every screen of the table (a workshop's, or this table's facilitator's). */
export const ANNOUNCEMENT = shape("Announcement", { text: f.string(), at: f.number() });

export const SUGGESTION = shape("Suggestion", {
  id: f.string(),
  authorId: f.string(),
  field: f.string<SuggestField>("system"),
  text: f.string(),
  at: f.number(),
});

export const TABLE = shape("Table", {
  id: f.string(),
  phase: f.string<Phase>("preparation"),
  title: f.string(),
  system: f.string(),
  presentState: f.string(),
  horizonYear: f.uint16(),
  desirableFuture: f.string(),
  otherFutures: f.list(f.string()),
  constraints: f.ref(CONSTRAINTS),
  /** What is at stake; empty fields when none. */
  stakes: f.ref(STAKES),
  decksInPlay: f.list(f.string<DeckName>("challenge")),
  themesInPlay: f.list(f.string()),
  framingChallenge: f.optional(CARD),
  framingChallengeText: f.string(),
  /** In order of arrival. */
  participants: f.byId(PARTICIPANT),
  path: f.list(STEP),
  piles: f.ref(PILES),
  discardCount: f.uint16(),
  locked: f.boolean(),
  turns: f.ref(TURNS),
  timer: f.optional(TIMER),
  suggestions: f.list(SUGGESTION),
  /** Every participant (not removed, not facilitating) has written their debrief: the table has won. */
  won: f.boolean(),
  /** The facilitation's message, shown on every screen of the table until cleared or replaced. */
  announcement: f.optional(ANNOUNCEMENT),
  /**
   * The id of the published story's public address (publicStoryPath), "" when not published. Everyone at the table sees
   * it: the page is public, and each person may want to read what is published under their name.
   */
  publicationId: f.string(),
  /** When the retention sweep will delete the table if nobody touches it (ms since epoch): the last entry + RETENTION_DAYS. */
  deleteAfter: f.room(f.numberOrNull()),
});
