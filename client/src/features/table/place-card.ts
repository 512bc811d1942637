// Placing a hand card after a step (or at the start): one function for the spot chooser, drag and drop and slots.
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { usePlacing } from "./ui-store.ts";

/** Places the card; true when the table took it (the new step's narration then opens). */
export async function placeCard(cardId: string, afterStepId: string | null): Promise<boolean> {
  const before = new Set(useTableStore.getState().table?.path.map((s) => s.id));
  usePlacing.setState({ placingCardId: null, dragging: false, chooserCardId: null });
  const refusal = await act({ type: "place", cardId, afterStepId });
  if (refusal) {
    focusHandCard(cardId);
    return false;
  }
  // Open the narration of the step just placed: the new step is the one that was not there before.
  const placed = useTableStore.getState().table?.path.find((s) => !before.has(s.id));
  if (placed) usePlacing.setState({ focusStepId: placed.id });
  return true;
}

/** Puts the focus back on a card of the hand (its « Placer » button), if it is still there. */
export function focusHandCard(cardId: string): void {
  const button = document.querySelector<HTMLButtonElement>(`[data-place-card="${CSS.escape(cardId)}"]`);
  button?.focus();
}

/** The id a drop slot carries for dnd-kit. */
export const slotId = (afterStepId: string | null) => `slot:${afterStepId ?? "start"}`;
export const slotAnchor = (id: string): string | null => {
  const anchor = id.replace(/^slot:/, "");
  return anchor === "start" ? null : anchor;
};
