// How each deck looks, in one place for the table and the exports: its colour, its light tint, and its pictogram
// (24×24 line drawings, decorative: the deck's name is always written next to them).
import type { DeckName } from "./model.ts";

/** One stroke of a pictogram; `fill` paints it solid instead of outlining it. */
export type PictogramShape =
  { kind: "path"; d: string; fill?: boolean } | { kind: "circle"; cx: number; cy: number; r: number; fill?: boolean };

export interface DeckLook {
  /** The deck's colour: header bands (white text on it, WCAG AA at any size) and coloured text on white. */
  colour: string;
  /** A light tint of it, for a card's body (ink text on it, AA). */
  tint: string;
  pictogram: readonly PictogramShape[];
}

// The same values as --challenge, --lever, --pitfall (and their -bg) in client/src/styles.css.
export const DECK_LOOK: Record<DeckName, DeckLook> = {
  // A target: what the story sets out to reach.
  challenge: {
    colour: "#2d5f8b",
    tint: "#e8f0f8",
    pictogram: [
      { kind: "circle", cx: 12, cy: 12, r: 9 },
      { kind: "circle", cx: 12, cy: 12, r: 5 },
      { kind: "circle", cx: 12, cy: 12, r: 1.6, fill: true },
    ],
  },
  // A lever on its fulcrum lifting a weight: what moves the system.
  lever: {
    colour: "#2f7a45",
    tint: "#e7f4ea",
    pictogram: [
      { kind: "path", d: "M2.5 18.2 21.5 9.8" },
      { kind: "path", d: "M12 14 8.5 20h7z" },
      { kind: "circle", cx: 18.4, cy: 7.6, r: 2.3, fill: true },
      { kind: "path", d: "M4.5 6.5v7m-2.5-2.5 2.5 2.5 2.5-2.5" },
    ],
  },
  // A warning sign: what the story runs into.
  pitfall: {
    colour: "#a3541c",
    tint: "#fbeee2",
    pictogram: [
      { kind: "path", d: "M12 3.2 21.8 20H2.2z" },
      { kind: "path", d: "M12 9.5v4.8" },
      { kind: "circle", cx: 12, cy: 17.2, r: 1.2, fill: true },
    ],
  },
};

/** A pictogram as standalone SVG markup (for the HTML export); hidden from screen readers, coloured by the text. */
export function pictogramSvg(deck: DeckName, className = "pictogram"): string {
  const shapes = DECK_LOOK[deck].pictogram.map((shape) => {
    const paint = shape.fill ? ` fill="currentColor" stroke="none"` : "";
    return shape.kind === "path"
      ? `<path d="${shape.d}"${paint}/>`
      : `<circle cx="${shape.cx}" cy="${shape.cy}" r="${shape.r}"${paint}/>`;
  });
  return (
    `<svg class="${className}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" ` +
    `stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes.join("")}</svg>`
  );
}
