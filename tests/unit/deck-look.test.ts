// Unit tests of how the decks look: one colour and one pictogram per deck, the same at the table (styles.css) and in
// the exports, readable (WCAG AA) as white on the colour (header bands) and as ink on the tint (card bodies).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DECK_NAMES } from "#cards/schema.ts";
import { DECK_LOOK, pictogramSvg } from "#shared/deck-look.ts";
import { storyHtml } from "#shared/story/html.ts";
import { NOW, tableInPlay } from "../fixtures.ts";

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b2 ?? 0);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const INK = "#1d2a2f";
const MUTED = "#5a6a70";
const css = readFileSync(new URL("../../client/src/styles.css", import.meta.url), "utf8");
const cssVar = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(css)?.[1]?.toLowerCase();

describe("the look of the decks", () => {
  it.each(DECK_NAMES)("given the %s deck, then the table's stylesheet uses its colour and tint", (deck) => {
    expect(cssVar(deck)).toBe(DECK_LOOK[deck].colour);
    expect(cssVar(`${deck}-bg`)).toBe(DECK_LOOK[deck].tint);
  });

  it.each(DECK_NAMES)("given the %s deck, then its band and body read at AA contrast", (deck) => {
    const { colour, tint } = DECK_LOOK[deck];
    expect(contrast("#ffffff", colour)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(INK, tint)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(MUTED, tint)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("given the three decks, then each has its own colour and its own pictogram", () => {
    expect(new Set(DECK_NAMES.map((d) => DECK_LOOK[d].colour)).size).toBe(3);
    expect(new Set(DECK_NAMES.map((d) => pictogramSvg(d))).size).toBe(3);
  });

  it("given a story, then its HTML export shows each card's deck with its pictogram, hidden from screen readers", () => {
    const html = storyHtml(tableInPlay(), {
      attribution: "CC BY 3.0 FR",
      licenseUrl: "https://creativecommons.org/licenses/by/3.0/fr/",
      exportedAt: new Date(NOW),
    });
    expect(html).toContain(`--challenge: ${DECK_LOOK.challenge.colour}`);
    const pictograms = html.match(/<svg[^>]*>/g) ?? [];
    expect(pictograms.length).toBeGreaterThan(0);
    for (const svg of pictograms) expect(svg).toContain('aria-hidden="true"');
  });
});
