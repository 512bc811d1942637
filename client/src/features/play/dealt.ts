// Whether a card of my hand was dealt by the facilitator (a pitfall to play).
import type { HandCard } from "#client/net/types.ts";

export function isDealt(card: HandCard): boolean {
  return card.dealt;
}
