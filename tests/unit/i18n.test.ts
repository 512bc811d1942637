// One i18n setup for the rules, the server, the exports and the browser: i18next with the French dictionary, typed
// keys (the @ts-expect-error lines below are checked by tsc), and room for a second language.
import { describe, expect, it } from "vitest";
import browserI18n from "#client/i18n/index.ts";
import { fr } from "#shared/i18n/fr.ts";
import { createI18n, DICTIONARIES, i18n, t, type Dictionary } from "#shared/i18n/translate.ts";
import type { Phase } from "#shared/model.ts";

/** A test-only language: every French string, marked, so any string read from French instead would show. */
function marked(node: Dictionary): Dictionary {
  const walk = (value: unknown): unknown =>
    typeof value === "string"
      ? `[xx] ${value}`
      : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, walk(v)]));
  return walk(node) as Dictionary;
}

/** Every key of the dictionary that holds a string, "a.b.c". */
function keysOf(node: object, prefix = ""): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === "string" ? [prefix + key] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe("one translation for the server and the browser", () => {
  it("translates at import time, filling placeholders, with French plurals (0 and 1 take the singular)", () => {
    expect(t("refusal.nameTooLong", { max: 40 })).toBe("Le nom ne doit pas dépasser 40 caractères.");
    expect(t("storyMore.missing", { count: 0 })).toMatch(/^Il manque encore 0 joueur pour/);
    expect(t("storyMore.missing", { count: 1 })).toMatch(/^Il manque encore 1 joueur pour/);
    expect(t("storyMore.missing", { count: 3 })).toMatch(/^Il manque encore 3 joueurs pour/);
    expect(t("board.toolbar.count", { count: 0 })).toBe("Aucune étape");
  });

  it("writes plurals as French does, never « (s) »: a count picks its form", () => {
    const read = i18n.t as (key: string) => string;
    expect(keysOf(fr).filter((key) => read(key).includes("(s)"))).toEqual([]);
    expect(t("piles.left", { count: 1 })).toBe("1 restante");
    expect(t("piles.left", { count: 29 })).toBe("29 restantes");
    expect(t("play.timer.announceStart", { label: "Tour", count: 1 })).toBe("Minuteur « Tour » lancé : 1 minute.");
    expect(t("workshopOverview.someRefused", { count: 2, total: 4 })).toBe("2 tables sur 4 ont refusé.");
  });

  it("leaves typed text as it is: no HTML escaping (the exports and React escape), no $-patterns, no nested placeholders", () => {
    expect(t("refusal.nameTaken", { name: "<b>A&B</b> $& {{max}}" })).toMatch(
      /^« <b>A&B<\/b> \$& \{\{max\}\} » est déjà assis·e/,
    );
  });

  it("elides « de » before a name that starts with a vowel or an h, and keeps it before the others", () => {
    expect(t("play.pitfall.answerBy", { name: "Amina" })).toBe("Réponse d'Amina");
    expect(t("play.pitfall.answerBy", { name: "Élodie" })).toBe("Réponse d'Élodie");
    expect(t("play.pitfall.answerBy", { name: "Hugo" })).toBe("Réponse d'Hugo");
    expect(t("play.pitfall.answerBy", { name: "Bao" })).toBe("Réponse de Bao");
    expect(t("play.pitfall.answerBy", { name: "« Zoé »" })).toBe("Réponse de « Zoé »");
    // @ts-expect-error a formatted placeholder is still required by its name
    expect(t("play.pitfall.answerBy")).toBe("Réponse de {{name}}");
  });

  it("gives the browser the very instance the server uses", () => {
    expect(browserI18n).toBe(i18n);
  });

  it("ships French only", () => {
    expect(Object.keys(DICTIONARIES)).toEqual(["fr"]);
    expect(i18n.language).toBe("fr");
  });
});

describe("typed keys (checked by tsc)", () => {
  it("refuses a key French lacks and a missing placeholder; at run time the key or the placeholder shows", () => {
    // @ts-expect-error a key the dictionary does not have
    expect(t("phase.nowhere")).toBe("phase.nowhere");
    // @ts-expect-error "refusal.nameTooLong" needs {{max}}
    expect(t("refusal.nameTooLong")).toContain("{{max}}");
  });

  it("accepts a key built from a union of known names, not from any string", () => {
    const phase: Phase = "debrief";
    expect(t(`phase.${phase}`)).toBe("Débrief");
    const any: string = "debrief";
    // @ts-expect-error any string may not be a key
    expect(t(`phase.${any}`)).toBe("Débrief");
  });
});

describe("a second language", () => {
  it("is read once the language is switched, every string from its own dictionary, none from French", async () => {
    const both = createI18n({ fr, xx: marked(fr) }, "fr");
    expect(both.t("phase.play")).toBe("Jeu");

    await both.changeLanguage("xx");
    expect(both.t("phase.play")).toBe("[xx] Jeu");
    expect(both.t("refusal.nameTooLong", { max: 40 })).toBe("[xx] Le nom ne doit pas dépasser 40 caractères.");
    const read = both.t as (key: string) => string;
    const fromFrench = keysOf(fr).filter((key) => !read(key).startsWith("[xx] "));
    expect(fromFrench).toEqual([]);
  });

  it("must have every key of French: tsc refuses a partial dictionary (which would fall back to French)", () => {
    // @ts-expect-error a dictionary with only the phases lacks every other key
    const partial = createI18n({ fr, xx: { phase: marked(fr).phase } }, "xx");
    expect(partial.t("phase.play")).toBe("[xx] Jeu");
    expect(partial.t("deck.lever")).toBe("Leviers");
  });
});
