// Local, per-browser UI state of the table: which hand card is being placed (spot chooser, slots on the path, a drag),
// the card being drawn (its flight from the pile), the step to open once placed.
import { create } from "zustand";
import type { DeckName } from "#shared/model.ts";

/** Where something was on screen (viewport coordinates). */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A draw under way: from which pile, which cards were in hand before, when it was asked. */
export interface PendingDraw {
  deck: DeckName;
  from: ScreenRect;
  handBefore: string[];
  /** Whether the card flies in (not when the person asked their system for reduced motion). */
  animate: boolean;
}

interface PlacingState {
  /** The hand card whose spot chooser (the dialog) is open. */
  chooserCardId: string | null;
  /** Whether the chooser was opened from the keyboard (focus on the step number) or by a tap or click (on the list). */
  chooserByKeyboard: boolean;
  /** The hand card being dragged, or chosen to be placed by clicking a slot on the path. */
  placingCardId: string | null;
  dragging: boolean;
  /** The step whose narration editor should open (the step just placed). */
  focusStepId: string | null;
  /** A draw asked for and not yet arrived in the hand: the card is brought into view, and flies in from its pile. */
  pendingDraw: PendingDraw | null;
  /** The card flying from its pile into the hand. */
  flight: { cardId: string; from: ScreenRect } | null;
}

export const usePlacing = create<PlacingState>(() => ({
  chooserCardId: null,
  chooserByKeyboard: false,
  placingCardId: null,
  dragging: false,
  focusStepId: null,
  pendingDraw: null,
  flight: null,
}));

/** Opens the spot chooser for a card (null closes it). */
export function openChooser(cardId: string | null, byKeyboard = false): void {
  usePlacing.setState({ chooserCardId: cardId, chooserByKeyboard: byKeyboard, placingCardId: null });
}

/** Shows the slots on the path for a card, to place it with a click (null: back to nothing chosen). */
export function choosePlacing(cardId: string | null): void {
  usePlacing.setState({ placingCardId: cardId });
}

export function toScreenRect(rect: DOMRect): ScreenRect {
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}
