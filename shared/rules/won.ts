// The winning condition of the game, read by the rules and by the public view.
import type { TableState } from "../model.ts";

/**
 * The game is won when every player has placed themself in the desirable future: at least one participant who is
 * neither facilitating nor removed, and each of them has written their debrief.
 */
export function hasWon(state: TableState): boolean {
  const playing = state.participants.filter((p) => !p.facilitator && !p.removed);
  return playing.length > 0 && playing.every((p) => p.debrief !== "");
}
