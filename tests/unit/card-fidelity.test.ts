// The cards say what the kit says: every card's kit text, examples, keywords and lines are found in the Kit AgirLocal
// itself (seeds/001), a card's face differs from the kit only where cards/CHANGES.md says so, and no card shows a
// title the kit does not have unless it is marked as ours.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDecks } from "#cards/files.ts";
import { cardName } from "#cards/reading.ts";
import type { Card } from "#cards/schema.ts";
import { cardFace } from "#shared/view.ts";

const root = join(import.meta.dirname, "..", "..");
// The kit's text version (the seed 001, CC BY 3.0 FR like the cards), kept in the repository so this test always runs.
const SEED = join(root, "cards", "kit", "kit-agirlocal-v2.txt");
const kitLines = readFileSync(SEED, "utf8").split("\n");
const changes = readFileSync(join(root, "cards", "CHANGES.md"), "utf8");

/**
 * What the text conversion of the kit (a PDF made Markdown) adds, taken away before comparing, and nothing more:
 * - a list item's marker at the start of a line (« - ✳ », « - > », « \* ») and Markdown emphasis (« ** », « * »,
 *   « <sup> »);
 * - a word cut by a hyphen at the end of a line (« ac-⏎teurs ») is joined again (a hyphen inside a line stays);
 * - every run of white space (line breaks, paragraph breaks, non-breaking spaces) is one space;
 * - the space before « ? ! : ; » is left out: the kit's sheets write « maison? » where its chapters write « maison ? ».
 * The annex's card sheets are set in capitals: a card placed there is compared without case.
 */
export function normalise(text: string): string {
  return text
    .replace(/^[ \t]*(?:[-*][ \t]*(?:[✳✱>][ \t]*)?|\\\*[ \t]*)/gm, "")
    .replace(/<\/?sup>/g, "")
    .replace(/\\\*|\*\*|\*/g, "")
    .replace(/(?<=\p{L})-[ \t]*\n[ \t]*/gu, "")
    .replace(/\s+/g, " ")
    .replace(/ (?=[?!:;])/g, "")
    .trim();
}

const normalisedKit = normalise(kitLines.join("\n"));

/** Whether the kit holds these words, starting at or after a line (a card's `kit.line`), within a few lines. */
function foundAt(words: string, line: number, capitals: boolean): boolean {
  const fold = (s: string) => (capitals ? s.toLocaleUpperCase("fr") : s);
  const wanted = fold(normalise(words));
  const window = fold(normalise(kitLines.slice(line - 1, line - 1 + 40).join("\n")));
  return window.includes(wanted);
}

function foundAnywhere(words: string): boolean {
  return normalisedKit.includes(normalise(words));
}

const decks = loadDecks();
const cards: Card[] = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];
const inAnnex = (card: Card) => card.kit?.part.startsWith("Annexe") ?? false;
const listedInChanges = (card: Card) => changes.includes(`\`${card.id}\``);

describe("the cards against the kit (seeds/001)", () => {
  it.each(cards.map((card) => [card.id, card] as const))("%s: its kit text is the kit's, at its line", (_, card) => {
    expect(card.kitText, "every card carries the kit's words").toBeDefined();
    expect(card.kit, "every card says where they are").toBeDefined();
    const kitText = card.kitText ?? "";
    const line = card.kit?.line ?? 0;
    expect(foundAt(kitText, line, inAnnex(card)), `« ${kitText} » at line ${line}`).toBe(true);
    // The words start on that line, not further down.
    expect(foundAt(kitText, line + 1, inAnnex(card))).toBe(false);
    expect(card.kit?.license).toBe(decks.attribution.license);
  });

  it.each(cards.map((card) => [card.id, card] as const))(
    "%s: its face is the kit's text, or the change is listed",
    (_, card) => {
      if (normalise(card.text) === normalise(card.kitText ?? "")) return;
      expect(listedInChanges(card), `${card.id} differs from the kit and is not in cards/CHANGES.md`).toBe(true);
    },
  );

  it("finds every example and keyword of a card in the kit", () => {
    const missing = cards.flatMap((card) =>
      [...(card.examples ?? []), ...(card.keywords ?? [])]
        .filter((w) => !foundAnywhere(w))
        .map((w) => `${card.id}: ${w}`),
    );
    expect(missing).toEqual([]);
  });

  it("gives each lever the kit's line applying it to the environment (lines 1493–1499)", () => {
    for (const card of decks.lever.cards) {
      const environment = card.environment;
      expect(environment, card.id).toBeDefined();
      expect(environment?.line).toBeGreaterThanOrEqual(1493);
      expect(environment?.line).toBeLessThanOrEqual(1499);
      expect(foundAt(environment?.text ?? "", environment?.line ?? 0, false), card.id).toBe(true);
    }
    const optimal = decks.lever.cards.find((card) => card.id === "lever-optimal");
    expect(optimal?.environment?.text).toMatch(/^mesurer la qualité de l'air/);
  });

  it("gives a blank pitfall the kit's words: a list to complete by the kit's future users", () => {
    for (const card of decks.pitfall.cards.filter((c) => c.blank))
      expect(card.text).toContain("à compléter par les usagers futurs");
  });

  it("shows no title the kit does not have, unless it is marked as ours", () => {
    for (const card of cards) {
      const face = cardFace(card);
      // A face changed from the kit (a typo fixed) is listed in CHANGES.md: its kit words are checked instead.
      const name = listedInChanges(card) && cardName(card) === card.text ? (card.kitText ?? "") : cardName(card);
      // A blank card's name (« Défi à écrire ») is the game's instruction, and the card is marked blank.
      if (card.blank) continue;
      const capitals = inAnnex(card) || card.deck !== "challenge";
      const fold = (s: string) => (capitals ? s.toLocaleUpperCase("fr") : s);
      expect(fold(normalisedKit).includes(fold(normalise(name))), `${card.id}: « ${name} » is not in the kit`).toBe(
        true,
      );
      // Anything else we wrote about it is a label, shown as ours, never as its name.
      if (card.label) {
        expect(face.title).not.toBe(card.label);
        // Shown as ours, unless the question already begins with it (then it adds nothing and is left out).
        expect(face.label).toBe(card.text.startsWith(card.label) ? "" : card.label);
      }
    }
  });

  it("faces a challenge with its question, and reads a title of an older table as our label", () => {
    const card = decks.challenge.cards.find((c) => c.id === "challenge-proximite-07");
    expect(card?.label).toBe("Et si le numérique relocalisait ?");
    const face = cardFace(card as Card);
    expect(face.title).toBe(card?.text);
    expect(face.label).toBe("Et si le numérique relocalisait ?");
    const stored = {
      id: "challenge-proximite-07",
      deck: "challenge",
      title: "Et si le numérique relocalisait ?",
      text: card?.text ?? "",
      theme: "proximite",
      source: "Kit AgirLocal",
    } as const;
    const old = cardFace(stored);
    expect(old.title).toBe(card?.text);
    expect(old.label).toBe("Et si le numérique relocalisait ?");
    expect(old.themes).toEqual(["proximite"]);
  });

  it("marks the themes of the annex's challenges as the game's choice, and lets a challenge have several", () => {
    for (const card of decks.challenge.cards.filter((c) => !c.blank)) {
      expect(card.themeByApp === true, card.id).toBe(inAnnex(card));
    }
    expect(decks.challenge.cards.some((card) => (card.themes?.length ?? 0) > 1)).toBe(true);
  });

  it("names in CHANGES.md only cards that exist, with the kit's line", () => {
    const ids = new Set(cards.map((card) => card.id));
    const named = [...changes.matchAll(/`((?:challenge|lever|pitfall)-[a-z0-9-]+)`/g)].map((m) => m[1] ?? "");
    for (const id of named) expect(ids.has(id), id).toBe(true);
    for (const row of changes.split("\n").filter((l) => l.startsWith("| `"))) expect(row).toMatch(/\| \d{3,4}/);
  });
});
