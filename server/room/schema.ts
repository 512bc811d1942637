// The synced projection of a table (Colyseus schema): field definitions only, named as in shared/view.ts' PublicTable so
// that a client's `state.toJSON()` reads as a PublicTable (participants keyed by id). Hands are .view(): only their owner
// receives them. Each schema stays far below @colyseus/schema's 63 fields.
import { schema, t, type SchemaType } from "@colyseus/schema";

export const CardSchema = schema(
  {
    id: t.string(),
    deck: t.string(),
    title: t.string(),
    label: t.string(),
    text: t.string(),
    kitText: t.string(),
    themes: t.array("string"),
    themeByApp: t.boolean(),
    keywords: t.array("string"),
    examples: t.array("string"),
    environment: t.string(),
    blank: t.boolean(),
    source: t.string(),
    kitPart: t.string(),
    kitChapter: t.string(),
    kitLine: t.number(),
    license: t.string(),
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
    /** Where they stand on the kit's actor map; "" when nowhere. */
    zone: t.string(),
    facilitator: t.boolean(),
    connected: t.boolean(),
    handCount: t.uint8(),
    joinedAt: t.number(),
    removed: t.boolean(),
    /** The workshop's table they were moved to; "" for everyone else. */
    movedTo: t.string(),
    debrief: t.string(),
    /** « Je m'engage à… », written with the debrief. */
    commitment: t.string(),
    namedInPublication: t.boolean(),
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
    /** The author's role when they wrote it; "" in tables older than changing hats. */
    authorRole: t.string(),
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
    /** The placer's role when they placed and told it; "" in tables older than changing hats. */
    authorRole: t.string(),
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

export const ObjectiveSchema = schema({ text: t.string(), priority: t.uint8() }, "Objective");
export type ObjectiveSchema = SchemaType<typeof ObjectiveSchema>;

/** What is at stake (shared/stakes.ts): the kit's « enjeux », objectives, quick wins, success indicators. */
export const StakesSchema = schema(
  {
    ifNothing: t.string(),
    objectives: t.array(ObjectiveSchema),
    quickWins: t.array("string"),
    indicators: t.array("string"),
  },
  "Stakes",
);

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

/** The facilitation's message on every screen of the table (a workshop's, or this table's facilitator's). */
export const AnnouncementSchema = schema({ text: t.string(), at: t.number() }, "Announcement");
export type AnnouncementSchema = SchemaType<typeof AnnouncementSchema>;

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
    stakes: t.ref(StakesSchema),
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
    announcement: t.ref(AnnouncementSchema).optional(),
    /** The published story's public id ("" when not published): its page is /recit/<id>. */
    publicationId: t.string(),
    /** When the retention sweep will delete the table if nobody touches it (ms since epoch): the last entry + RETENTION_DAYS. */
    deleteAfter: t.number(),
  },
  "Table",
);
export type TableSchema = SchemaType<typeof TableSchema>;
