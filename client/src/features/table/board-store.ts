// Local, per-browser state of the path as a board: which step is open in full, whether the board follows new steps,
// which step is highlighted for a moment. Nothing here is sent to the server.
import { create } from "zustand";

export type BoardVariant = "table" | "present";

interface BoardState {
  /** The one step open in full on this screen (null: every step is a tile). */
  openStepId: string | null;
  /** Follow mode: each new step scrolls into view and is highlighted. On by default on the shared screen only. */
  follow: Record<BoardVariant, boolean>;
  /** A step highlighted for a moment (just arrived while following, or reached with "go to the latest step"). */
  highlightId: string | null;
}

export const useBoard = create<BoardState>(() => ({
  openStepId: null,
  follow: { table: false, present: true },
  highlightId: null,
}));

export function openStep(stepId: string | null): void {
  useBoard.setState({ openStepId: stepId });
}

export function setFollow(variant: BoardVariant, on: boolean): void {
  useBoard.setState((s) => ({ follow: { ...s.follow, [variant]: on } }));
}

let highlightTimer: ReturnType<typeof setTimeout> | undefined;
/** Highlights a step for a few seconds. */
export function highlightStep(stepId: string): void {
  clearTimeout(highlightTimer);
  useBoard.setState({ highlightId: stepId });
  highlightTimer = setTimeout(() => useBoard.setState({ highlightId: null }), 4000);
}

/** The element of a step on the board (its list item), found by the step id it carries. */
export function stepElement(stepId: string, root: ParentNode = document): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(stepId)}"]`);
}

export { scrollBehavior } from "#client/ui/scroll-behavior.ts";
