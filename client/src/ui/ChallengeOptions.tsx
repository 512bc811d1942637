// The challenge cards of a deck as <option>s grouped by theme, for any <select> that picks a framing challenge.
import type { DeckFile } from "../../../cards/schema.ts";

export function ChallengeOptions({ deck }: { deck: DeckFile }) {
  const playable = deck.cards.filter((c) => !c.blank);
  return (
    <>
      <option value="">—</option>
      {(deck.themes ?? []).map((theme) => (
        <optgroup key={theme.id} label={theme.label}>
          {playable
            .filter((c) => c.theme === theme.id)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
