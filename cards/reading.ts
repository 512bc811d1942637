// How a card reads wherever it is shown, whatever file or stored table it comes from: its name, our label, its themes.
import type { Card } from "./schema.ts";

type AnyCard = Card & { writtenBy?: string };

/** A challenge from a deck (not a blank, not written at this table): its question is its face, never a title of ours. */
export function isDeckChallenge(card: AnyCard): boolean {
  return card.deck === "challenge" && !card.blank && !card.writtenBy;
}

/** What a card is called everywhere (pickers, hand, path, exports): a deck challenge's question, else its title. */
export function cardName(card: AnyCard): string {
  return isDeckChallenge(card) ? card.text : (card.title ?? card.text);
}

/**
 * The short label we added to a challenge, "" when none. Deck files and tables made before it had a `title` on every
 * challenge, ours too: it is read as a label, never as the face.
 */
export function cardLabel(card: AnyCard): string {
  if (!isDeckChallenge(card)) return "";
  const label = card.label ?? card.title ?? "";
  // A label the question already begins with (« Chauffer les gens, pas les lieux ») adds nothing: not shown.
  return card.text.startsWith(label) ? "" : label;
}

/** A challenge's themes: `themes`, or the single `theme` of older deck files and stored tables. */
export function cardThemes(card: Pick<Card, "theme" | "themes">): string[] {
  return card.themes ?? (card.theme === undefined ? [] : [card.theme]);
}
