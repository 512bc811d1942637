// The story as versioned JSON: a complete copy of a table an organiser can keep, check and import to play on from it.
// TableState holds no secret (link secrets live only in the store, hashed), so the export is the table itself.
import { z } from "zod";
import { cardSchema, DECK_NAMES } from "../../cards/schema.ts";
import { t } from "../i18n/translate.ts";
import { LIMITS, PHASES, type DeckName, type TableState } from "../model.ts";
import { checkIdentity, checkSetup } from "../rules/index.ts";

export const STORY_FORMAT = "jeu-des-transitions/story";
export const STORY_VERSION = 1;

// Generous caps that only cut garbage short; the limits a person can hit are checked against LIMITS below.
const id = z.string().min(1).max(200);
const text = z.string().max(20_000);
/** Milliseconds since the epoch, as in TableState. */
const timestamp = z.number().int().nonnegative();

const stepSchema = z.strictObject({
  id,
  cardId: id,
  placedBy: id,
  placedAt: timestamp,
  narration: text,
  narratedAt: timestamp.nullable(),
});

const setupSchema = z.strictObject({
  title: text,
  system: text,
  presentState: text,
  horizonYear: z.number().int(),
  desirableFuture: text,
  framingChallengeId: id.nullable(),
  framingChallengeText: text,
});

const participantSchema = z.strictObject({
  id,
  name: text,
  role: text,
  facilitator: z.boolean(),
  joinedAt: timestamp,
  /** Card ids in the order drawn. */
  hand: z.array(id),
});

const tableSchema = z.strictObject({
  id,
  createdAt: timestamp,
  setup: setupSchema,
  phase: z.enum(PHASES),
  participants: z.array(participantSchema),
  piles: z.strictObject({ challenge: z.array(id), lever: z.array(id), pitfall: z.array(id) }),
  discard: z.array(id),
  path: z.array(stepSchema),
  removedSteps: z.array(stepSchema),
  nextStepNumber: z.number().int().positive(),
  cards: z.record(id, cardSchema),
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

export interface StoryJsonMeta {
  exportedAt: Date;
  attribution: string;
}

/** The whole table as a versioned export: setup, people with their hands, piles, path, removed steps, cards. */
export function storyJson(state: TableState, meta: StoryJsonMeta): StoryExport {
  const s = structuredClone(state);
  return {
    format: STORY_FORMAT,
    version: STORY_VERSION,
    exportedAt: meta.exportedAt.toISOString(),
    attribution: meta.attribution,
    table: {
      id: s.id,
      createdAt: s.createdAt,
      setup: s.setup,
      phase: s.phase,
      participants: s.participants.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        facilitator: p.facilitator,
        joinedAt: p.joinedAt,
        hand: p.hand,
      })),
      piles: { challenge: s.piles.challenge, lever: s.piles.lever, pitfall: s.piles.pitfall },
      discard: s.discard,
      path: s.path.map((step) => ({ ...step })),
      removedSteps: s.removedSteps.map((step) => ({ ...step })),
      nextStepNumber: s.nextStepNumber,
      cards: s.cards,
    },
  };
}

type IssuePath = readonly PropertyKey[];
interface Issue {
  path: IssuePath;
  message: string;
}

const frenchLocale = z.locales.fr();

// Per-parse error map, as in cards/load.ts: the French locale must not leak into the rest of the app.
const frenchErrors: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? t("export.json.missingField") : frenchLocale.localeError(issue);

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

/** Reads an export (already JSON-parsed): its format and version, every field, then what the fields say of each other. */
export function parseStoryJson(json: unknown): { ok: true; story: StoryExport } | { ok: false; message: string } {
  if (!isRecord(json) || json["format"] !== STORY_FORMAT) {
    return { ok: false, message: t("export.json.notAStory", { format: STORY_FORMAT }) };
  }
  if (json["version"] !== STORY_VERSION) {
    const version = JSON.stringify(json["version"] ?? null).slice(0, 20);
    return { ok: false, message: t("export.json.wrongVersion", { version, expected: STORY_VERSION }) };
  }
  const parsed = storyExportSchema.safeParse(json, { error: frenchErrors });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issue.code === "unrecognized_keys"
        ? { path: [...issue.path, issue.keys.join(", ")], message: t("export.json.unknownField") }
        : { path: issue.path, message: issue.message },
    );
    return { ok: false, message: summarize(issues) };
  }
  const issues = crossCheck(parsed.data.table);
  if (issues.length) return { ok: false, message: summarize(issues) };
  return { ok: true, story: parsed.data };
}

/** What the schema cannot see alone: references between fields, unique ids, and the limits of the rules. */
function crossCheck(table: StoryTable): Issue[] {
  const issues: Issue[] = [];
  const add = (path: IssuePath, message: string) => issues.push({ path: ["table", ...path], message });
  const cardExists = (cardId: string, path: IssuePath) => {
    if (table.cards[cardId]) return true;
    add(path, t("export.json.unknownCard", { cardId }));
    return false;
  };

  for (const [key, card] of Object.entries(table.cards)) {
    if (card.id !== key) add(["cards", key, "id"], t("export.json.cardKeyMismatch", { key, cardId: card.id }));
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

  if (table.participants.length > LIMITS.participants) {
    add(["participants"], t("export.json.tooManyParticipants", { max: LIMITS.participants }));
  }
  const people = new Set<string>();
  table.participants.forEach((p, i) => {
    if (people.has(p.id)) add(["participants", i, "id"], t("export.json.duplicateParticipant", { participantId: p.id }));
    people.add(p.id);
    const identity = checkIdentity(p.name, p.role);
    if (!identity.ok) {
      const field = identity.refusal.code.startsWith("role") ? "role" : "name";
      add(["participants", i, field], identity.refusal.message);
    }
    if (p.hand.length > LIMITS.handSize) add(["participants", i, "hand"], t("export.json.handTooBig", { max: LIMITS.handSize }));
    p.hand.forEach((cardId, j) => place(cardId, ["participants", i, "hand", j]));
  });

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

  const steps = new Set<string>();
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
      if (!people.has(step.placedBy)) add([list, i, "placedBy"], t("export.json.unknownAuthor", { participantId: step.placedBy }));
      if (step.narration.length > LIMITS.narrationLength) {
        add([list, i, "narration"], t("refusal.narrationTooLong", { max: LIMITS.narrationLength }));
      }
    });
  }
  // New steps are numbered from nextStepNumber: it must not give an id that is already taken.
  if (table.nextStepNumber <= highestStep) {
    add(["nextStepNumber"], t("export.json.stepNumberTooLow", { min: highestStep + 1 }));
  }
  return issues;
}

export interface NewTableFromStory {
  id: string;
  now: number;
}

/**
 * A new table that continues a story read by parseStoryJson (which refuses one breaking the rules' limits): same setup,
 * cards, piles, path and removed steps; the same people, so steps keep their authors, but with empty hands (each hand
 * goes back on top of its piles, in the order drawn); in preparation, so the facilitator starts play again.
 */
export function tableFromStory(story: StoryExport, { id, now }: NewTableFromStory): TableState {
  const table = structuredClone(story.table);
  const returned: Record<DeckName, string[]> = { challenge: [], lever: [], pitfall: [] };
  for (const p of table.participants) {
    for (const cardId of p.hand) {
      const card = table.cards[cardId];
      if (!card) throw new Error(`card ${cardId} is not in the story's cards: read the story with parseStoryJson first`);
      returned[card.deck].push(cardId);
    }
  }
  // The setup was checked by parseStoryJson; checking again here only trims it the way the rules store it.
  const setup = checkSetup(table.setup, table.cards);
  return {
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
    discard: table.discard,
    path: table.path,
    removedSteps: table.removedSteps,
    nextStepNumber: table.nextStepNumber,
    cards: table.cards,
  };
}
