// Every field of the live table reaches an export (the story file, Markdown or HTML), or is on the list below of what
// is deliberately kept out, with why. A field added to shared/model.ts and forgotten by the exports fails here, named.
import { describe, expect, it } from "vitest";
import type { TableCard, TableState } from "#shared/model.ts";
import { storyHtml } from "#shared/story/html.ts";
import { parseStoryJson, storyJson } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import { EXPORT_META, hostileStory, IDS } from "../story-fixtures.ts";

/**
 * Every field of the table set: optional ones present, nullable ones not null (lists walked through). The cards are the
 * decks' own format (cards/schema.ts), kept as the session dealt them. A field added to TableState makes this type ask
 * for it, so the fixture below cannot leave it unset.
 */
type Complete<T> = T extends readonly (infer E)[]
  ? Complete<E>[]
  : T extends object
    ? { [K in keyof T]-?: Complete<NonNullable<T[K]>> }
    : T;
type FullTable = Complete<Omit<TableState, "cards">> & Pick<TableState, "cards">;

/** Fields of the table no export carries, on purpose (paths as reported below: lists as `[]`). */
const NOT_EXPORTED: Record<string, string> = {
  // The public page's address and each person's say on their name in it belong to the table's publication, not to its
  // story: an imported table is unpublished, and asks everyone again (shared/story/json.ts LEFT_OUT_OF_STORY).
  "publication.id": "publication",
  "publication.at": "publication",
  "participants[].namedInPublication": "publication",
};

const REMOVED_CONTRIBUTION_NUMBER = 7830;
/** A challenge still in its pile once the other frames the story (the session's own two are framing and on the path). */
const SPARE_CHALLENGE: TableCard = {
  id: "challenge-couverture",
  deck: "challenge",
  title: "Défi-7840",
  text: "Texte-7841",
  themes: ["mobilite"],
  source: "Source-7842",
};

/** The hostile session played through the rules (tests/story-fixtures.ts), with what it leaves unset filled in. */
function everyFieldSet(): FullTable {
  const { state } = hostileStory();
  const timer = state.timer;
  const current = state.turns.current;
  if (!timer || current === null) throw new Error("the hostile story runs a timer and turns");
  const framingChallengeId = Object.keys(state.cards).find(
    (id) => id.startsWith("challenge-") && !state.path.some((s) => s.cardId === id),
  );
  if (!framingChallengeId) throw new Error("no challenge left to frame the story");
  return {
    ...state,
    setup: {
      ...state.setup,
      framingChallengeId,
      themesInPlay: ["mobilite"],
      stakes: {
        ifNothing: "Enjeu-si-rien-7731",
        objectives: [{ text: "Objectif-7732", priority: 2 }],
        quickWins: ["Victoire-7733"],
        indicators: ["Indicateur-7734"],
      },
    },
    piles: {
      ...state.piles,
      challenge: [...state.piles.challenge.filter((id) => id !== framingChallengeId), SPARE_CHALLENGE.id],
    },
    cards: { ...state.cards, [SPARE_CHALLENGE.id]: SPARE_CHALLENGE },
    nextId: REMOVED_CONTRIBUTION_NUMBER + 1,
    participants: state.participants.map((p, i) => ({
      ...p,
      zone: "civilSociety",
      debriefAt: p.debriefAt ?? 7_700_000 + i,
      commitment: p.commitment ?? `Engagement-${7740 + i}`,
      movedTo: `Table-${7750 + i}`,
      namedInPublication: true,
    })),
    path: state.path.map(complete),
    // The removed step had no "oui, et…" nor reaction: one of each, so that their fields are checked there too.
    removedSteps: state.removedSteps.map(complete).map((step) => ({
      ...step,
      contributions: [
        {
          id: `contribution-${REMOVED_CONTRIBUTION_NUMBER}`,
          authorId: IDS.chloe,
          kind: "yesAnd",
          text: "Retiré-7820",
          at: 7_820_001,
          authorRole: "Rôle-7821",
        },
      ],
      reactions: { plausible: [IDS.chloe], desirable: [IDS.mallory] },
    })),
    turns: { ...state.turns, current },
    timer: { ...timer, runningSince: timer.runningSince ?? 7_760_000 },
    // A pitfall dealt into a hand and not yet played (the session's two were played).
    dealtCards: [...state.dealtCards, ...state.participants.flatMap((p) => p.hand).slice(0, 1)],
    announcement: { text: "Annonce-7770", at: 7_770_001 },
    publication: { id: "Publication-7780-xxxxxxxxxxxxxxxx", at: 7_780_001 },
  };

  function complete(step: TableState["path"][number], i: number): FullTable["path"][number] {
    return {
      ...step,
      authorRole: step.authorRole ?? `Rôle-${7790 + i}`,
      narratedAt: step.narratedAt ?? 7_790_000 + i,
      contributions: step.contributions.map((c, j) => ({ ...c, authorRole: c.authorRole ?? `Rôle-${7800 + j}` })),
    };
  }
}

type Leaf = { path: string; at: (string | number)[]; value: unknown };

/** Every leaf of a value: its path with lists as `[]` (what NOT_EXPORTED names) and its exact place. */
function leaves(value: unknown, path = "", at: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}[]`, [...at, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => {
      // The cards are keyed by id: one path for them all.
      const name = path === "cards" ? "*" : key;
      return leaves(inner, path ? `${path}.${name}` : name, [...at, key]);
    });
  }
  return [{ path, at, value }];
}

/** Lists empty wherever they occur (a list empty in one step and full in another is fine: its items are checked). */
function emptyLists(root: unknown): string[] {
  const lists = new Map<string, boolean>();
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      lists.set(path, (lists.get(path) ?? false) || value.length > 0);
      value.forEach((item) => walk(item, `${path}[]`));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value))
        walk(inner, path ? `${path}.${path === "cards" ? "*" : key}` : key);
    }
  };
  walk(root, "");
  return [...lists].filter(([, full]) => !full).map(([path]) => path);
}

function valueAt(root: unknown, at: readonly (string | number)[]): unknown {
  return at.reduce<unknown>(
    (node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    root,
  );
}

/** Field paths of the table that reach no export and are not on NOT_EXPORTED. */
function unexported(table: TableState): string[] {
  const sent = JSON.parse(JSON.stringify(storyJson(table, EXPORT_META))) as unknown;
  const read = parseStoryJson(sent);
  // The story file is the archive only if it reads back: a field the schema does not know makes it unreadable.
  if (!read.ok) return [`story JSON does not read back: ${read.message}`];
  const texts = [storyMarkdown(table, EXPORT_META), storyHtml(table, EXPORT_META)];
  const missing = new Set<string>();
  for (const leaf of leaves(table)) {
    if (leaf.path in NOT_EXPORTED) continue;
    const archived = JSON.stringify(valueAt(read.story.table, leaf.at)) === JSON.stringify(leaf.value);
    const told =
      (typeof leaf.value === "string" && leaf.value !== "") || typeof leaf.value === "number"
        ? texts.some((text) => text.includes(String(leaf.value)))
        : false;
    if (!archived && !told) missing.add(leaf.path);
  }
  return [...missing];
}

describe("the table's fields and the exports", () => {
  const table = everyFieldSet() as TableState;

  it("sets every field of the table in the fixture, and no list is empty (the fields of its items are checked too)", () => {
    expect(emptyLists(table)).toEqual([]);
    expect(table.participants.find((p) => p.id === IDS.zoe)?.removed).toBe(true);
  });

  it("carries every field to the story file, the Markdown or the HTML, but those kept out on purpose", () => {
    expect(unexported(table)).toEqual([]);
  });

  it("names a field nothing exports", () => {
    // What a field added to the model and to no export would look like: the test above then fails naming it.
    const withMood = { ...table, participants: table.participants.map((p) => ({ ...p, mood: "Humeur-7810" })) };
    expect(unexported(withMood)).toEqual([expect.stringContaining("participants[0].mood")]);
  });

  it("kept-out fields are fields of the table, so the list does not outlive them", () => {
    const paths = new Set(leaves(table).map((leaf) => leaf.path));
    expect(Object.keys(NOT_EXPORTED).filter((path) => !paths.has(path))).toEqual([]);
  });
});
