// The three decks' names, without the schemas of cards/schema.ts (which need zod): what the browser imports.
export const DECK_NAMES = ["challenge", "lever", "pitfall"] as const;
export type DeckName = (typeof DECK_NAMES)[number];
