// The challenge cards of a deck as <option>s grouped by theme, for any <select> that picks a framing challenge. Each
// option is the kit's question (its face, never a label of ours); a card of several themes is under each of them.
import type { ReactNode } from "react";
import { cardName, cardThemes } from "#cards/reading.ts";
import type { DeckFile } from "#cards/schema.ts";

/** `emptyLabel` names the first option (no card); `children`: options of the caller's, listed right after it. */
export function ChallengeOptions({
  deck,
  emptyLabel = "—",
  children,
}: {
  deck: DeckFile;
  emptyLabel?: string;
  children?: ReactNode;
}) {
  const playable = deck.cards.filter((c) => !c.blank);
  return (
    <>
      <option value="">{emptyLabel}</option>
      {children}
      {(deck.themes ?? []).map((theme) => (
        <optgroup key={theme.id} label={theme.label}>
          {playable
            .filter((c) => cardThemes(c).includes(theme.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {cardName(c)}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
