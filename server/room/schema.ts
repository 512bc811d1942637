// The synced projection of a table (Colyseus schema): field definitions only, named as in shared/view.ts' PublicTable so
// that a client's `state.toJSON()` reads as a PublicTable (participants keyed by id). Hands are .view(): only their owner
// receives them. Each schema stays far below @colyseus/schema's 63 fields.
import { schema, t, type SchemaType } from "@colyseus/schema";

export const CardSchema = schema(
  {
    id: t.string(),
    deck: t.string(),
    title: t.string(),
    text: t.string(),
    theme: t.string(),
    keywords: t.array("string"),
    examples: t.array("string"),
    blank: t.boolean(),
    source: t.string(),
    /** Participant id of whoever wrote the card at this table; "" for the kit's and imported cards. */
    writtenBy: t.string(),
    /** In a hand only: dealt by the facilitator, to be played. */
    dealt: t.boolean(),
  },
  "Card",
);
export type CardSchema = SchemaType<typeof CardSchema>;

export const ParticipantSchema = schema(
  {
    id: t.string(),
    name: t.string(),
    role: t.string(),
    facilitator: t.boolean(),
    connected: t.boolean(),
    handCount: t.uint8(),
    joinedAt: t.number(),
    removed: t.boolean(),
    debrief: t.string(),
    hand: t.array(CardSchema).view(),
  },
  "Participant",
);
export type ParticipantSchema = SchemaType<typeof ParticipantSchema>;

export const ContributionSchema = schema(
  {
    id: t.string(),
    authorId: t.string(),
    kind: t.string(),
    text: t.string(),
    at: t.number(),
  },
  "Contribution",
);
export type ContributionSchema = SchemaType<typeof ContributionSchema>;

export const StepSchema = schema(
  {
    id: t.string(),
    card: t.ref(CardSchema),
    placedBy: t.string(),
    placedAt: t.number(),
    narration: t.string(),
    narratedAt: t.number(),
    dealt: t.boolean(),
    open: t.boolean(),
    contributions: t.array(ContributionSchema),
    plausible: t.array("string"),
    desirable: t.array("string"),
  },
  "Step",
);
export type StepSchema = SchemaType<typeof StepSchema>;

export const PilesSchema = schema({ challenge: t.uint16(), lever: t.uint16(), pitfall: t.uint16() }, "Piles");

export const ConstraintsSchema = schema({ time: t.string(), values: t.string(), actors: t.string() }, "Constraints");

export const TurnsSchema = schema(
  {
    mode: t.string(),
    order: t.array("string"),
    /** Whose turn it is; "" in free play or when nobody's. */
    current: t.string(),
  },
  "Turns",
);
export type TurnsSchema = SchemaType<typeof TurnsSchema>;

/** Nothing ticks on the server: clients count down from remainingMs, runningSince and the server's clock. */
export const TimerSchema = schema(
  {
    label: t.string(),
    durationMs: t.number(),
    remainingMs: t.number(),
    /** Server time (ms) when last started; 0 while paused. */
    runningSince: t.number(),
    /** The server's Date.now() when this timer last changed: a client's clock may be off, this corrects it. */
    serverNow: t.number(),
  },
  "Timer",
);
export type TimerSchema = SchemaType<typeof TimerSchema>;

export const SuggestionSchema = schema(
  {
    id: t.string(),
    authorId: t.string(),
    field: t.string(),
    text: t.string(),
    at: t.number(),
  },
  "Suggestion",
);
export type SuggestionSchema = SchemaType<typeof SuggestionSchema>;

export const TableSchema = schema(
  {
    id: t.string(),
    phase: t.string(),
    title: t.string(),
    system: t.string(),
    presentState: t.string(),
    horizonYear: t.uint16(),
    desirableFuture: t.string(),
    otherFutures: t.array("string"),
    constraints: t.ref(ConstraintsSchema),
    decksInPlay: t.array("string"),
    themesInPlay: t.array("string"),
    framingChallenge: t.ref(CardSchema).optional(),
    framingChallengeText: t.string(),
    participants: t.map(ParticipantSchema),
    path: t.array(StepSchema),
    piles: t.ref(PilesSchema),
    discardCount: t.uint16(),
    locked: t.boolean(),
    turns: t.ref(TurnsSchema),
    timer: t.ref(TimerSchema).optional(),
    suggestions: t.array(SuggestionSchema),
    won: t.boolean(),
    /** When the retention sweep will delete the table if nobody touches it (ms since epoch): the last entry + RETENTION_DAYS. */
    deleteAfter: t.number(),
  },
  "Table",
);
export type TableSchema = SchemaType<typeof TableSchema>;
