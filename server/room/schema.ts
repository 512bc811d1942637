// The synced projection of a table (Colyseus schema): field definitions only. Hands are .view(): only their owner receives them.
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
    hand: t.array(CardSchema).view(),
  },
  "Participant",
);
export type ParticipantSchema = SchemaType<typeof ParticipantSchema>;

export const StepSchema = schema(
  {
    id: t.string(),
    card: CardSchema,
    placedBy: t.string(),
    placedAt: t.number(),
    narration: t.string(),
    narratedAt: t.number(),
  },
  "Step",
);
export type StepSchema = SchemaType<typeof StepSchema>;

export const PilesSchema = schema(
  { challenge: t.uint16(), lever: t.uint16(), pitfall: t.uint16() },
  "Piles",
);

export const TableSchema = schema(
  {
    id: t.string(),
    phase: t.string(),
    title: t.string(),
    system: t.string(),
    presentState: t.string(),
    horizonYear: t.uint16(),
    desirableFuture: t.string(),
    framingChallenge: CardSchema,
    framingChallengeText: t.string(),
    participants: t.map(ParticipantSchema),
    path: t.array(StepSchema),
    piles: PilesSchema,
    discardCount: t.uint16(),
  },
  "Table",
);
export type TableSchema = SchemaType<typeof TableSchema>;
