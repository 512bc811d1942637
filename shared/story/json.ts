// The story as versioned JSON: a complete copy of a table an organiser can keep, check and import to play on from it.
// TableState holds no secret (link secrets live only in the store, hashed), so the export is the table itself.
import { z } from "zod";
import { cardSchema, DECK_NAMES } from "#cards/schema.ts";
import { t } from "../i18n/translate.ts";
import { ACTOR_ZONES, LIMITS, PHASES, type DeckName, type TableCard, type TableState } from "../model.ts";
import { checkIdentity, checkSetup, isWorkshopActor } from "../rules/index.ts";
import { checkRole } from "../rules/moves/actors.ts";
import { cleanName, cleanText } from "../text.ts";

export const STORY_FORMAT = "jeu-des-transitions/story";
/** 2: the whole session (futures, constraints, contributions, reactions, dealt pitfalls, debriefs, turns, moderation…). */
export const STORY_VERSION = 2;

// Generous caps that only cut garbage short; the limits a person can hit are checked against LIMITS below.
// A story file is typed text too: it comes in as clean as what people type at a table (text.ts).
const id = z.string().min(1).max(200);
const text = z.string().max(20_000).overwrite(cleanText);
const name = z.string().max(20_000).overwrite(cleanName);
const ids = z.array(id);
/** Milliseconds since the epoch, as in TableState. */
const timestamp = z.number().int().nonnegative();
const deckName = z.enum(DECK_NAMES);

const frenchLocale = z.locales.fr();

// Per-parse error map, as in cards/load.ts: the French locale must not leak into the rest of the app.
export const frenchErrors: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined
    ? t("export.json.missingField")
    : frenchLocale.localeError(issue);

// Version 1: the table before sessions had phases of debrief, contributions and moderation. Read, then upgraded.

const stepV1Schema = z.strictObject({
  id,
  cardId: id,
  placedBy: id,
  placedAt: timestamp,
  narration: text,
  narratedAt: timestamp.nullable(),
});

const setupV1Schema = z.strictObject({
  title: text,
  system: text,
  presentState: text,
  horizonYear: z.number().int(),
  desirableFuture: text,
  framingChallengeId: id.nullable(),
  framingChallengeText: text,
});

const participantV1Schema = z.strictObject({
  id,
  name,
  role: name,
  facilitator: z.boolean(),
  joinedAt: timestamp,
  /** Card ids in the order drawn. */
  hand: ids,
});

const tableV1Schema = z.strictObject({
  id,
  createdAt: timestamp,
  setup: setupV1Schema,
  phase: z.enum(["preparation", "play", "closed"]),
  participants: z.array(participantV1Schema),
  piles: z.strictObject({ challenge: ids, lever: ids, pitfall: ids }),
  discard: ids,
  path: z.array(stepV1Schema),
  removedSteps: z.array(stepV1Schema),
  nextStepNumber: z.number().int().positive(),
  cards: z.record(id, cardSchema),
});

const storyV1Schema = z.strictObject({
  format: z.literal(STORY_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  attribution: text,
  table: tableV1Schema,
});

// Version 2: the whole TableState.

const contributionSchema = z.strictObject({
  id,
  authorId: id,
  kind: z.enum(["yesAnd", "answer"]),
  text,
  at: timestamp,
  /** The author's role when they wrote it; absent in stories written before changing hats. */
  authorRole: name.optional(),
});

const stepSchema = stepV1Schema.extend({
  /** The placer's role when they placed and told it; absent in stories written before changing hats. */
  authorRole: name.optional(),
  dealt: z.boolean(),
  open: z.boolean(),
  contributions: z.array(contributionSchema),
  reactions: z.strictObject({ plausible: ids, desirable: ids }),
});

const setupSchema = setupV1Schema.extend({
  otherFutures: z.array(text),
  constraints: z.strictObject({ time: text, values: text, actors: text }),
  decksInPlay: z.array(deckName),
  themesInPlay: ids,
  /** What is at stake; absent when nothing was written, and in stories written before it existed. */
  stakes: z
    .strictObject({
      ifNothing: text,
      objectives: z.array(z.strictObject({ text, priority: z.literal([1, 2, 3]) })),
      quickWins: z.array(text),
      indicators: z.array(text),
    })
    .optional(),
});

const participantSchema = participantV1Schema.extend({
  removed: z.boolean(),
  debrief: text,
  debriefAt: timestamp.nullable(),
  /** Moved to another table of a workshop (its name); absent in stories written before workshops, and for everyone else. */
  movedTo: name.optional(),
  /** Where they stand on the kit's actor map; absent when not said, and in stories written before it. */
  zone: z.enum(ACTOR_ZONES).optional(),
  /** « Je m'engage à… »; absent until written, and in stories written before commitments. */
  commitment: text.optional(),
});

/** A card written at this table: the fields of a deck's card, without what only the kit's cards must carry (keywords…). */
const writtenCardSchema = z.strictObject({ ...cardSchema.shape, writtenBy: id });

/** A card of the table: the kit's or an imported deck's, checked like a deck file's, or one written at this table. */
const tableCardSchema = z.unknown().transform((input, ctx): TableCard => {
  const written = isRecord(input) && input["writtenBy"] !== undefined;
  const parsed = (written ? writtenCardSchema : cardSchema).safeParse(input, { error: frenchErrors });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input } as (typeof ctx.issues)[number]);
  return z.NEVER;
});

const suggestionSchema = z.strictObject({
  id,
  authorId: id,
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
  at: timestamp,
});

const moderationSchema = z.strictObject({
  at: timestamp,
  by: id,
  action: z.enum([
    "editStep",
    "removeStep",
    "moveStep",
    "editContribution",
    "removeContribution",
    "removeParticipant",
    "moveAway",
    "undo",
  ]),
  target: text,
  before: text,
});

const tableSchema = z.strictObject({
  id,
  createdAt: timestamp,
  setup: setupSchema,
  phase: z.enum(PHASES),
  participants: z.array(participantSchema),
  piles: z.strictObject({ challenge: ids, lever: ids, pitfall: ids }),
  discard: ids,
  path: z.array(stepSchema),
  removedSteps: z.array(stepSchema),
  nextStepNumber: z.number().int().positive(),
  cards: z.record(id, tableCardSchema),
  nextId: z.number().int().positive(),
  locked: z.boolean(),
  turns: z.strictObject({ mode: z.enum(["free", "turns"]), order: ids, current: id.nullable() }),
  timer: z
    .strictObject({
      label: text,
      durationMs: z.number().int().nonnegative(),
      remainingMs: z.number().int(),
      runningSince: timestamp.nullable(),
    })
    .nullable(),
  suggestions: z.array(suggestionSchema),
  dealtCards: ids,
  moderationLog: z.array(moderationSchema),
  /** The facilitation's message on screen when the story was saved; absent in stories written before workshops. */
  announcement: z.strictObject({ text, at: timestamp }).optional(),
});

export const storyExportSchema = z.strictObject({
  format: z.literal(STORY_FORMAT),
  version: z.literal(STORY_VERSION),
  exportedAt: z.iso.datetime(),
  attribution: text,
  table: tableSchema,
});

export type StoryExport = z.infer<typeof storyExportSchema>;
export type StoryTable = StoryExport["table"];
type StoryV1 = z.infer<typeof storyV1Schema>;

/**
 * What of the live table the story file deliberately does not carry, and why: everything else of TableState is in
 * tableSchema, and the check below fails to compile when TableState gains a field that is in neither.
 */
export const LEFT_OUT_OF_STORY = {
  /** The public page's address belongs to this table's publication, not to the story: an imported table is unpublished. */
  publication: "publication",
  /** Each person's say on their name in that publication: asked again at the table opened from the file. */
  "participants.namedInPublication": "publication",
} as const;

/** Every field path of a type ("participants.hand"): lists are walked through, records of cards by their values. */
type FieldPaths<T, Prefix extends string = ""> = T extends readonly (infer E)[]
  ? FieldPaths<E, Prefix>
  : T extends object
    ? { [K in keyof T & string]-?: `${Prefix}${K}` | FieldPaths<NonNullable<T[K]>, `${Prefix}${K}.`> }[keyof T & string]
    : never;
type RecordValues<T> = T extends { cards: Record<string, infer C> } ? Omit<T, "cards"> & { cards: C } : T;
type LiveFields = FieldPaths<RecordValues<TableState>>;
type StoryFields = FieldPaths<RecordValues<StoryTable>>;
/** A field of the live table neither in the file nor left out on purpose; a field of the file the live table lacks. */
type LeftOut = keyof typeof LEFT_OUT_OF_STORY;
type NotArchived = Exclude<LiveFields, StoryFields | LeftOut | `${LeftOut}.${string}`>;
type NotLive = Exclude<StoryFields, LiveFields>;
// Fails to compile naming the field (« property 'participants.mood' is missing »): add it to tableSchema (a new
// optional field reads older files; a required one needs STORY_VERSION + 1 and an upgrade), or to LEFT_OUT_OF_STORY.
const notArchived: Record<NotArchived, "in TableState, neither in tableSchema nor in LEFT_OUT_OF_STORY"> = {};
const notLive: Record<NotLive, "in tableSchema, not in TableState"> = {};
void notArchived;
void notLive;

export interface StoryJsonMeta {
  exportedAt: Date;
  attribution: string;
}

/** The whole table as a versioned export: every field of the state, hands, moderation record and suggestions included. */
export function storyJson(state: TableState, meta: StoryJsonMeta): StoryExport {
  // The card catalogue last, whatever order the rules' changes left the keys in: the same table, the same file.
  const { cards, ...rest } = structuredClone(unpublished(state));
  const table: StoryTable = { ...rest, cards };
  return {
    format: STORY_FORMAT,
    version: STORY_VERSION,
    exportedAt: meta.exportedAt.toISOString(),
    attribution: meta.attribution,
    table,
  };
}

/**
 * The state less its publication and each person's say on their name in it: they belong to this table's public page,
 * not to the story. A table opened from the file is not published, and names nobody until each says so there.
 */
function unpublished(state: TableState): TableState {
  const { publication: _publication, ...rest } = state;
  return { ...rest, participants: state.participants.map(({ namedInPublication: _named, ...person }) => person) };
}

/**
 * A version 1 story in today's shape: what it could not hold takes the value a new table starts with (one future, no
 * constraint, every deck and theme, no contribution, reaction, debrief or suggestion, free play, no timer).
 */
function upgradeV1(story: StoryV1): StoryExport {
  const { table } = story;
  const players = table.participants.filter((p) => !p.facilitator).map((p) => p.id);
  const step = (s: StoryV1["table"]["path"][number]): StoryTable["path"][number] => ({
    ...s,
    dealt: false,
    open: false,
    contributions: [],
    reactions: { plausible: [], desirable: [] },
  });
  return {
    ...story,
    version: STORY_VERSION,
    table: {
      ...table,
      setup: {
        ...table.setup,
        otherFutures: [],
        constraints: { time: "", values: "", actors: "" },
        decksInPlay: [...DECK_NAMES],
        themesInPlay: [],
      },
      participants: table.participants.map((p) => ({ ...p, removed: false, debrief: "", debriefAt: null })),
      path: table.path.map(step),
      removedSteps: table.removedSteps.map(step),
      nextId: 1,
      locked: false,
      turns: { mode: "free", order: players, current: null },
      timer: null,
      suggestions: [],
      dealtCards: [],
      moderationLog: [],
    },
  };
}

type IssuePath = readonly PropertyKey[];
interface Issue {
  path: IssuePath;
  message: string;
}

/** "table.path[2].narration", "table.cards["lever-agile"].title": what someone editing the file would search for. */
function pathLabel(path: IssuePath): string {
  let label = "";
  for (const part of path) {
    if (typeof part === "number") label += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$]*$/.test(part)) label += label ? `.${part}` : part;
    else label += `[${JSON.stringify(String(part))}]`;
  }
  return label;
}

function summarize(issues: readonly Issue[]): string {
  const lines = issues.slice(0, 1).map((i) => (i.path.length ? `${pathLabel(i.path)} : ${i.message}` : i.message));
  if (issues.length > 1) lines.push(t("export.json.moreIssues", { count: issues.length - 1 }));
  return lines.join(" ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first problem zod found, in French, with where it is. */
function schemaIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) =>
    issue.code === "unrecognized_keys"
      ? { path: [...issue.path, issue.keys.join(", ")], message: t("export.json.unknownField") }
      : { path: issue.path, message: issue.message },
  );
}

/** What zod found wrong in a file, in French: the first problem and where it is, and how many more (a workshop's book too). */
export function readableIssues(error: z.ZodError): string {
  return summarize(schemaIssues(error));
}

/**
 * Reads an export (already JSON-parsed): its format and version, every field, then what the fields say of each other.
 * A version 1 story is read with the version 1 fields and comes back upgraded to the current version.
 */
export function parseStoryJson(json: unknown): { ok: true; story: StoryExport } | { ok: false; message: string } {
  if (!isRecord(json) || json["format"] !== STORY_FORMAT) {
    return { ok: false, message: t("export.json.notAStory", { format: STORY_FORMAT }) };
  }
  let story: StoryExport;
  if (json["version"] === STORY_VERSION) {
    const parsed = storyExportSchema.safeParse(json, { error: frenchErrors });
    if (!parsed.success) return { ok: false, message: summarize(schemaIssues(parsed.error)) };
    story = parsed.data;
  } else if (json["version"] === 1) {
    const parsed = storyV1Schema.safeParse(json, { error: frenchErrors });
    if (!parsed.success) return { ok: false, message: summarize(schemaIssues(parsed.error)) };
    story = upgradeV1(parsed.data);
  } else {
    const version = JSON.stringify(json["version"] ?? null).slice(0, 20);
    return { ok: false, message: t("storyMore.json.wrongVersion", { version, expected: STORY_VERSION }) };
  }
  const issues = crossCheck(story.table);
  if (issues.length) return { ok: false, message: summarize(issues) };
  return { ok: true, story };
}

type AddIssue = (path: IssuePath, message: string) => void;

/** What the schema cannot see alone: references between fields, unique ids, and the limits of the rules. */
function crossCheck(table: StoryTable): Issue[] {
  const issues: Issue[] = [];
  const add: AddIssue = (path, message) => issues.push({ path: ["table", ...path], message });
  const cardExists = (cardId: string, path: IssuePath) => {
    if (table.cards[cardId]) return true;
    add(path, t("export.json.unknownCard", { cardId }));
    return false;
  };
  const people = new Set(table.participants.map((p) => p.id));
  const isPerson = (participantId: string, path: IssuePath) => {
    if (!people.has(participantId)) add(path, t("export.json.unknownAuthor", { participantId }));
  };

  for (const [key, card] of Object.entries(table.cards)) {
    if (card.id !== key) add(["cards", key, "id"], t("export.json.cardKeyMismatch", { key, cardId: card.id }));
    if (card.writtenBy !== undefined) isPerson(card.writtenBy, ["cards", key, "writtenBy"]);
  }

  // Each card lies in one place only: a pile, a hand, the path, the discard, or framing the story.
  const placeOf = new Map<string, string>();
  const place = (cardId: string, path: IssuePath) => {
    if (!cardExists(cardId, path)) return;
    const label = pathLabel(["table", ...path]);
    const other = placeOf.get(cardId);
    if (other !== undefined) add(path, t("export.json.cardTwice", { cardId, other }));
    else placeOf.set(cardId, label);
  };

  const setupId = table.setup.framingChallengeId;
  if (setupId !== null) place(setupId, ["setup", "framingChallengeId"]);
  if (setupId === null || table.cards[setupId]) {
    const setup = checkSetup(table.setup, table.cards);
    if (!setup.ok) add(["setup"], setup.refusal.message);
  }

  checkParticipants(table, add, place);

  for (const deck of DECK_NAMES) {
    table.piles[deck].forEach((cardId, i) => {
      place(cardId, ["piles", deck, i]);
      const card = table.cards[cardId];
      if (card && card.deck !== deck) {
        add(["piles", deck, i], t("export.json.wrongPile", { cardId, deck: t(`deckOne.${card.deck}`).toLowerCase() }));
      }
    });
  }
  table.discard.forEach((cardId, i) => place(cardId, ["discard", i]));

  checkSteps(table, add, place, cardExists, isPerson);
  checkPlay(table, add, isPerson);
  checkCounter(table, add);
  return issues;
}

/** Contributions, suggestions and written cards are numbered from nextId: it must not give an id that is already taken. */
function checkCounter(table: StoryTable, add: AddIssue): void {
  const numbered = [
    ...Object.keys(table.cards),
    ...[...table.path, ...table.removedSteps].flatMap((step) => step.contributions.map((c) => c.id)),
    ...table.suggestions.map((s) => s.id),
  ];
  let highest = 0;
  for (const taken of numbered) {
    const number = /^(?:written|contribution|suggestion)-(\d+)$/.exec(taken)?.[1];
    if (number !== undefined) highest = Math.max(highest, Number(number));
  }
  if (table.nextId <= highest) add(["nextId"], t("storyMore.json.idTooLow", { min: highest + 1 }));
}

/** Unique people within the rules' limits: name, role, hand size, debrief. */
function checkParticipants(table: StoryTable, add: AddIssue, place: (cardId: string, path: IssuePath) => void): void {
  if (table.participants.length > LIMITS.participants) {
    add(["participants"], t("export.json.tooManyParticipants", { max: LIMITS.participants }));
  }
  const seen = new Set<string>();
  table.participants.forEach((p, i) => {
    if (seen.has(p.id)) add(["participants", i, "id"], t("export.json.duplicateParticipant", { participantId: p.id }));
    seen.add(p.id);
    const identity = checkIdentity(p.name, p.role);
    if (!identity.ok) {
      const field = identity.refusal.code.startsWith("role") ? "role" : "name";
      add(["participants", i, field], identity.refusal.message);
    }
    if (p.hand.length > LIMITS.handSize)
      add(["participants", i, "hand"], t("export.json.handTooBig", { max: LIMITS.handSize }));
    p.hand.forEach((cardId, j) => place(cardId, ["participants", i, "hand", j]));
    if (p.debrief.length > LIMITS.debriefLength) {
      add(["participants", i, "debrief"], t("storyMore.json.debriefTooLong", { max: LIMITS.debriefLength }));
    }
    if ((p.commitment ?? "").length > LIMITS.commitmentLength) {
      add(["participants", i, "commitment"], t("refusal.commitmentTooLong", { max: LIMITS.commitmentLength }));
    }
  });
}

/** Steps on the path and taken off it: unique ids, known cards and authors, contributions and reactions by people of the table. */
function checkSteps(
  table: StoryTable,
  add: AddIssue,
  place: (cardId: string, path: IssuePath) => void,
  cardExists: (cardId: string, path: IssuePath) => boolean,
  isPerson: (participantId: string, path: IssuePath) => void,
): void {
  const steps = new Set<string>();
  const contributions = new Set<string>();
  let highestStep = 0;
  for (const list of ["path", "removedSteps"] as const) {
    table[list].forEach((step, i) => {
      if (steps.has(step.id)) add([list, i, "id"], t("export.json.duplicateStep", { stepId: step.id }));
      steps.add(step.id);
      const number = /^step-(\d+)$/.exec(step.id)?.[1];
      if (number !== undefined) highestStep = Math.max(highestStep, Number(number));
      // A removed step's card went to the discard: it is checked there, not counted twice.
      if (list === "path") place(step.cardId, [list, i, "cardId"]);
      else cardExists(step.cardId, [list, i, "cardId"]);
      isPerson(step.placedBy, [list, i, "placedBy"]);
      roleWithinLimit(step.authorRole, [list, i, "authorRole"], add);
      if (step.narration.length > LIMITS.narrationLength) {
        add([list, i, "narration"], t("refusal.narrationTooLong", { max: LIMITS.narrationLength }));
      }
      if (step.open && !step.dealt) add([list, i, "open"], t("storyMore.json.openNotDealt"));
      step.contributions.forEach((c, j) => {
        const at = [list, i, "contributions", j] as const;
        if (contributions.has(c.id))
          add([...at, "id"], t("storyMore.json.duplicateContribution", { contributionId: c.id }));
        contributions.add(c.id);
        isPerson(c.authorId, [...at, "authorId"]);
        roleWithinLimit(c.authorRole, [...at, "authorRole"], add);
        if (c.text.length > LIMITS.contributionLength) {
          add([...at, "text"], t("storyMore.json.contributionTooLong", { max: LIMITS.contributionLength }));
        }
      });
      for (const reaction of ["plausible", "desirable"] as const) {
        step.reactions[reaction].forEach((who, j) => isPerson(who, [list, i, "reactions", reaction, j]));
      }
    });
  }
  // New steps are numbered from nextStepNumber: it must not give an id that is already taken.
  if (table.nextStepNumber <= highestStep) {
    add(["nextStepNumber"], t("export.json.stepNumberTooLow", { min: highestStep + 1 }));
  }
}

/** A role kept on a step or a contribution (changing hats) holds to the rules' limits, as a person's role does. */
function roleWithinLimit(role: string | undefined, path: IssuePath, add: AddIssue): void {
  if (role === undefined) return;
  const checked = checkRole(role);
  if (!checked.ok) add(path, checked.refusal.message);
}

/** Dealt cards, turns, suggestions and the moderation record point at cards and people of the table. */
function checkPlay(table: StoryTable, add: AddIssue, isPerson: (participantId: string, path: IssuePath) => void): void {
  const inHands = new Set(table.participants.flatMap((p) => p.hand));
  table.dealtCards.forEach((cardId, i) => {
    if (!inHands.has(cardId)) add(["dealtCards", i], t("storyMore.json.notInHand", { cardId }));
  });
  table.turns.order.forEach((who, i) => isPerson(who, ["turns", "order", i]));
  const current = table.turns.current;
  if (current !== null && !table.turns.order.includes(current)) {
    add(["turns", "current"], t("storyMore.json.notInTurns", { participantId: current }));
  }
  if (table.suggestions.length > LIMITS.suggestions) {
    add(["suggestions"], t("storyMore.json.tooManySuggestions", { max: LIMITS.suggestions }));
  }
  table.suggestions.forEach((s, i) => {
    isPerson(s.authorId, ["suggestions", i, "authorId"]);
    if (s.text.length > LIMITS.setupTextLength) {
      add(["suggestions", i, "text"], t("storyMore.json.suggestionTooLong", { max: LIMITS.setupTextLength }));
    }
  });
  // What the workshop facilitator did to every table is recorded under the workshop, seated at no table.
  table.moderationLog.forEach((record, i) => {
    if (!isWorkshopActor(record.by)) isPerson(record.by, ["moderationLog", i, "by"]);
  });
}

export interface NewTableFromStory {
  id: string;
  now: number;
}

/**
 * A new table that continues a story read by parseStoryJson (which refuses one breaking the rules' limits): same setup,
 * cards (those written at the table too), piles, path with its contributions and reactions, removed steps, debriefs,
 * suggestions and moderation record; the same people, so everything keeps its author, but with empty hands (each hand
 * goes back on top of its piles, in the order drawn, and a dealt card is a card like any other again); in preparation,
 * open to newcomers, with no timer running and nobody's turn yet, so the facilitator starts play again.
 */
export function tableFromStory(story: StoryExport, { id, now }: NewTableFromStory): TableState {
  const table = structuredClone(story.table);
  // A message was for the people in the room that day.
  delete table.announcement;
  const returned: Record<DeckName, string[]> = { challenge: [], lever: [], pitfall: [] };
  for (const p of table.participants) {
    for (const cardId of p.hand) {
      const card = table.cards[cardId];
      if (!card)
        throw new Error(`card ${cardId} is not in the story's cards: read the story with parseStoryJson first`);
      returned[card.deck].push(cardId);
    }
  }
  // The setup was checked by parseStoryJson; checking again here only trims it the way the rules store it.
  const setup = checkSetup(table.setup, table.cards);
  return {
    ...table,
    id,
    createdAt: now,
    setup: setup.ok ? setup.state : table.setup,
    phase: "preparation",
    participants: table.participants.map((p) => ({ ...p, hand: [] })),
    piles: {
      challenge: [...returned.challenge, ...table.piles.challenge],
      lever: [...returned.lever, ...table.piles.lever],
      pitfall: [...returned.pitfall, ...table.piles.pitfall],
    },
    locked: false,
    turns: { ...table.turns, current: null },
    timer: null,
    dealtCards: [],
  };
}
