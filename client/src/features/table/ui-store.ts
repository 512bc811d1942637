// Local, per-browser UI state of the table: which hand card is being placed, whether a drag is under way.
import { create } from "zustand";

interface PlacingState {
  /** The hand card chosen for placing (keyboard and click), or being dragged. */
  placingCardId: string | null;
  dragging: boolean;
  /** The step whose narration editor should open (the step just placed). */
  focusStepId: string | null;
}

export const usePlacing = create<PlacingState>(() => ({ placingCardId: null, dragging: false, focusStepId: null }));

export function choosePlacing(cardId: string | null): void {
  usePlacing.setState({ placingCardId: cardId });
}
