// Placing a hand card after a step (or at the start): one function for drag and drop, click and keyboard.
import { act } from "../../net/connection.ts";
import { useTableStore } from "../../store/table-store.ts";
import { usePlacing } from "./ui-store.ts";

export async function placeCard(cardId: string, afterStepId: string | null): Promise<void> {
  const before = new Set(useTableStore.getState().table?.path.map((s) => s.id));
  usePlacing.setState({ placingCardId: null, dragging: false });
  const refusal = await act({ type: "place", cardId, afterStepId });
  if (refusal) return;
  // Open the narration of the step just placed: the new step is the one that was not there before.
  const placed = useTableStore.getState().table?.path.find((s) => !before.has(s.id));
  if (placed) usePlacing.setState({ focusStepId: placed.id });
}

/** The id a drop slot carries for dnd-kit. */
export const slotId = (afterStepId: string | null) => `slot:${afterStepId ?? "start"}`;
export const slotAnchor = (id: string): string | null => {
  const anchor = id.replace(/^slot:/, "");
  return anchor === "start" ? null : anchor;
};
