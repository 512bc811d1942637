// Who may do what, in which phase: a table of data, read by the rules and by the UI.
import type { ActionType, Phase } from "../model.ts";

export interface ActionRule {
  /** Phases in which the action is possible. */
  phases: readonly Phase[];
  /** Only someone seated as facilitator (with the facilitator secret) may do it. */
  facilitatorOnly: boolean;
}

export const ACTION_RULES: Record<ActionType, ActionRule> = {
  draw: { phases: ["play"], facilitatorOnly: false },
  place: { phases: ["play"], facilitatorOnly: false },
  narrate: { phases: ["play"], facilitatorOnly: false },
  discard: { phases: ["play"], facilitatorOnly: false },
  startPlay: { phases: ["preparation"], facilitatorOnly: true },
  removeStep: { phases: ["play"], facilitatorOnly: true },
  closeStory: { phases: ["play"], facilitatorOnly: true },
};

/** Phases in which newcomers may take a seat. */
export const JOIN_PHASES: readonly Phase[] = ["preparation", "play"];
