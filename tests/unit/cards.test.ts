// Unit tests for the card decks: their content matches the Kit AgirLocal and broken files are reported precisely.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDecks } from "#cards/files.ts";
import { buildDecks, parseDeckFile } from "#cards/load.ts";
import type { DeckSources } from "#cards/load.ts";

const cardsDir = join(import.meta.dirname, "..", "..", "cards");

// Fresh copies each time, so a test can break one without affecting the others.
// `any` because tests deliberately break the files in ways the types would forbid.
/* eslint-disable @typescript-eslint/no-explicit-any */
function rawFiles(): { [K in keyof DeckSources]: any } {
  const read = (name: string): any => JSON.parse(readFileSync(join(cardsDir, name), "utf8"));
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return {
    challenge: read("challenges.json"),
    lever: read("levers.json"),
    pitfall: read("pitfalls.json"),
    attribution: read("attribution.json"),
  };
}

// Counted in /work/shared/seeds/001_2c516223579a919e.txt ("Aller plus loin : LES DÉFIS" lists and the annex
// challenge sheet). Chapter 1 (energy) and chapter 3 (circular economy) have empty lists in the text: their
// défis come from the annex sheet only (10 cards, themed by the chapter that treats their subject).
const EXPECTED_CHALLENGES_PER_THEME = {
  // annex: open energy map, "Chauffer les gens, pas les lieux ?", ultralocal crowdfunding
  energie: 3,
  // chapter 2 list (line ~573): 6 défis; annex: "Diviser le prix de la voiture par 10 ?"
  mobilite: 7,
  // annex: industrials and makers alliances, open plans of industrial objects
  "economie-circulaire": 2,
  // chapter 4 list (line ~881): 9 défis (one, on collaborative consumption, is also an annex card and is kept
  // once); annex: "Déburoiser" the office districts, territorial cloud heating, legal framing of the footprint
  proximite: 12,
  // chapter 5 list (line ~1006): 11 défis
  nature: 11,
} as const;
const EXPECTED_BLANK_CHALLENGES = 3;
// The annex pitfall sheet shows three empty "CARTE ÉCUEIL" cards.
const EXPECTED_BLANK_PITFALLS = 3;

describe("card decks", () => {
  const decks = loadDecks();
  const allCards = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];

  it("loads the three decks and the attribution from the cards folder", () => {
    expect(decks.challenge.deck).toBe("challenge");
    expect(decks.lever.deck).toBe("lever");
    expect(decks.pitfall.deck).toBe("pitfall");
    expect(decks.attribution.title).toContain("Kit AgirLocal");
    expect(decks.byId.size).toBe(allCards.length);
  });

  it("builds the same decks from already-parsed JSON, as the browser does", () => {
    const built = buildDecks(rawFiles());
    expect([...built.byId.keys()]).toEqual([...decks.byId.keys()]);
  });

  it("gives every card an id unique across all decks", () => {
    const ids = allCards.map((card) => card.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const card of allCards) expect(decks.byId.get(card.id)).toBe(card);
  });

  it("gives every card an id, a deck, a text and a source, and a title to every card but the kit's challenges", () => {
    for (const card of allCards) {
      expect(card.id).toMatch(new RegExp(`^${card.deck}-[a-z0-9-]+$`));
      for (const value of [card.text, card.source]) expect(value.trim()).not.toBe("");
      // The kit's défis have no title: their question is their face (a label of ours may go with it).
      if (card.deck === "challenge" && !card.blank) expect(card.title).toBeUndefined();
      else expect(card.title?.trim()).not.toBe("");
    }
  });

  it("has the seven levers in the kit's order, each with keywords and an example", () => {
    expect(decks.lever.cards.map((card) => card.title)).toEqual([
      "Agile",
      "Open",
      "Disruptif",
      "Smart",
      "Optimal",
      "Capacitant, collaboratif",
      "Soft",
    ]);
    for (const card of decks.lever.cards) {
      expect(card.keywords?.length).toBeGreaterThan(0);
      expect(card.examples?.length).toBeGreaterThan(0);
      expect(card.blank).toBeUndefined();
    }
  });

  it("has the five named pitfalls with at least one example each, plus blank pitfalls to write", () => {
    const named = decks.pitfall.cards.filter((card) => !card.blank);
    expect(named.map((card) => card.title)).toEqual([
      "Technicité",
      "Défi démocratique",
      "Défi économique",
      "Segmentations sociales",
      "Effet rebond",
    ]);
    for (const card of named) expect(card.examples?.length).toBeGreaterThan(0);
    // The annex card's two examples, then the kit's bracketed examples of part B (examples, not keywords).
    const rebound = decks.pitfall.cards.find((card) => card.id === "pitfall-effet-rebond");
    expect(rebound?.examples).toHaveLength(5);
    expect(rebound?.examples?.slice(2)).toEqual([
      "voitures hybrides",
      "compteurs intelligents",
      "gains de performance de l'informatique",
    ]);
    for (const card of decks.pitfall.cards) expect(card.keywords).toBeUndefined();
    const blanks = decks.pitfall.cards.filter((card) => card.blank);
    expect(blanks.map((card) => card.id)).toEqual(
      Array.from({ length: EXPECTED_BLANK_PITFALLS }, (_, i) => `pitfall-blank-${i + 1}`),
    );
  });

  it("has as many challenges per theme as the kit", () => {
    const counts: Record<string, number> = {};
    for (const card of decks.challenge.cards) {
      if (card.blank) continue;
      // Counted by the first theme, the one the card's id is numbered by.
      const theme = card.themes?.[0] ?? "(sans thème)";
      counts[theme] = (counts[theme] ?? 0) + 1;
    }
    expect(counts).toEqual(EXPECTED_CHALLENGES_PER_THEME);
    expect(decks.challenge.cards.filter((card) => card.blank)).toHaveLength(EXPECTED_BLANK_CHALLENGES);
  });

  it("numbers challenge ids by theme", () => {
    for (const card of decks.challenge.cards) {
      if (card.blank) expect(card.id).toMatch(/^challenge-blank-\d+$/);
      else expect(card.id).toMatch(new RegExp(`^challenge-${card.themes?.[0]}-\\d{2}$`));
    }
  });

  it("uses every listed theme and lists the five chapters' themes", () => {
    const themeIds = decks.challenge.themes?.map((theme) => theme.id);
    expect(themeIds).toEqual(["energie", "mobilite", "economie-circulaire", "proximite", "nature"]);
    const used = new Set(decks.challenge.cards.flatMap((card) => card.themes ?? []));
    for (const id of themeIds ?? []) expect(used.has(id)).toBe(true);
  });

  it("does not repeat a défi text", () => {
    const texts = decks.challenge.cards.filter((card) => !card.blank).map((card) => card.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("credits the kit under CC BY 3.0 FR", () => {
    expect(decks.attribution.license).toBe("CC BY 3.0 FR");
    expect(decks.attribution.licenseUrl).toBe("https://creativecommons.org/licenses/by/3.0/fr/");
    expect(decks.attribution.text).toContain("CC BY 3.0 FR");
    expect(decks.attribution.text).toContain("La Fing");
  });
});

describe("broken deck files", () => {
  it("rejects a lever without a title, naming the file, the card and the field", () => {
    const files = rawFiles();
    delete files.lever.cards[0].title;
    expect(() => buildDecks(files)).toThrow(/^levers\.json, carte « lever-agile » : champ « title » : champ manquant/);
  });

  it("rejects an empty title after trimming", () => {
    const files = rawFiles();
    files.lever.cards[1].title = "   ";
    expect(() => parseDeckFile("cards/levers.json", files.lever)).toThrow(
      "cards/levers.json, carte « lever-open » : champ « title » : ne doit pas être vide",
    );
  });

  it("names a card without an id by its position", () => {
    const files = rawFiles();
    delete files.pitfall.cards[2].id;
    expect(() => buildDecks(files)).toThrow(/^pitfalls\.json, carte n°3 : champ « id »/);
  });

  it("rejects a challenge with an unknown theme", () => {
    const files = rawFiles();
    files.challenge.cards[0].themes = ["energie", "espace"];
    expect(() => buildDecks(files)).toThrow(
      /^challenges\.json, carte « challenge-energie-01 » : champ « themes » n°2 : thème « espace » inconnu/,
    );
  });

  it("rejects a challenge without a theme", () => {
    const files = rawFiles();
    delete files.challenge.cards[0].themes;
    expect(() => buildDecks(files)).toThrow(/challenges\.json, carte « challenge-energie-01 » : champ « themes »/);
  });

  it("still reads the single theme of a deck file made before themes, and checks it", () => {
    const files = rawFiles();
    delete files.challenge.cards[0].themes;
    files.challenge.cards[0].theme = "energie";
    expect(buildDecks(files).byId.get("challenge-energie-01")?.theme).toBe("energie");
    files.challenge.cards[0].theme = "espace";
    expect(() => buildDecks(files)).toThrow(
      /^challenges\.json, carte « challenge-energie-01 » : champ « theme » : thème « espace » inconnu/,
    );
  });

  it("still reads a challenge titled by a deck file made before labels", () => {
    const files = rawFiles();
    files.challenge.cards[1].title = "Chauffer les gens";
    expect(buildDecks(files).byId.get("challenge-energie-02")?.title).toBe("Chauffer les gens");
  });

  it("rejects an id used twice in a file", () => {
    const files = rawFiles();
    files.pitfall.cards[1].id = files.pitfall.cards[0].id;
    expect(() => buildDecks(files)).toThrow(
      /pitfalls\.json, carte « pitfall-technicite » : champ « id » : identifiant « pitfall-technicite » en double/,
    );
  });

  it("rejects an id used in two decks, naming both files", () => {
    const files = rawFiles();
    files.lever.cards[0].id = "pitfall-technicite";
    expect(() => buildDecks(files)).toThrow(
      "identifiant « pitfall-technicite » en double : levers.json et pitfalls.json",
    );
  });

  it("rejects a card whose deck differs from the file's deck", () => {
    const files = rawFiles();
    files.lever.cards[2].deck = "pitfall";
    expect(() => buildDecks(files)).toThrow(
      /^levers\.json, carte « lever-disruptif » : champ « deck » : « pitfall » alors que le fichier est le paquet « lever »/,
    );
  });

  it("rejects a file holding another deck", () => {
    const files = rawFiles();
    files.lever = files.pitfall;
    expect(() => buildDecks(files)).toThrow(/^levers\.json : champ « deck » : « pitfall »/);
  });

  it("rejects an unknown field on a card", () => {
    const files = rawFiles();
    files.lever.cards[0].titre = "Agile";
    expect(() => buildDecks(files)).toThrow("levers.json, carte « lever-agile » : champ « titre » : champ inconnu");
  });

  it("rejects an attribution without its licence", () => {
    const files = rawFiles();
    delete files.attribution.license;
    expect(() => buildDecks(files)).toThrow(/^attribution\.json : champ « license » : champ manquant/);
  });
});

describe("loading decks from a folder", () => {
  function copyOfCards(): string {
    const dir = mkdtempSync(join(tmpdir(), "cards-"));
    for (const name of ["challenges.json", "levers.json", "pitfalls.json", "attribution.json"]) {
      copyFileSync(join(cardsDir, name), join(dir, name));
    }
    return dir;
  }

  it("names the file whose JSON is malformed", () => {
    const dir = copyOfCards();
    try {
      writeFileSync(join(dir, "pitfalls.json"), '{ "deck": "pitfall", ');
      expect(() => loadDecks(dir)).toThrow(/pitfalls\.json : JSON invalide/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the missing file", () => {
    const dir = copyOfCards();
    try {
      rmSync(join(dir, "attribution.json"));
      expect(() => loadDecks(dir)).toThrow(/attribution\.json : lecture impossible/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the duplicate id and both files, with their paths, when two decks share an id", () => {
    const dir = copyOfCards();
    try {
      const levers = JSON.parse(readFileSync(join(dir, "levers.json"), "utf8"));
      levers.cards[0].id = "challenge-nature-01";
      writeFileSync(join(dir, "levers.json"), JSON.stringify(levers));
      expect(() => loadDecks(dir)).toThrow(
        /identifiant « challenge-nature-01 » en double : .*challenges\.json et .*levers\.json/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
