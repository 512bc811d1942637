// Moving between phases: forward or back, by the facilitator.
import type { Phase, TableState } from "../../model.ts";
import { t } from "../../i18n/translate.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import type { MovesOf } from "./move.ts";

/** Enters a phase; entering play in turns mode with nobody's turn gives it to the first in the order. */
export function enterPhase(state: TableState, phase: Phase): Outcome {
  if (state.phase === phase) return refuse("alreadyInPhase", { phase: t(`phase.${phase}`) });
  state.phase = phase;
  const { turns } = state;
  if (phase === "play" && turns.mode === "turns" && turns.current === null) turns.current = turns.order[0] ?? null;
  return accept(state);
}

export const PHASE_MOVES: MovesOf<"setPhase" | "startPlay" | "closeStory"> = {
  setPhase: (state, _actor, { phase }) => enterPhase(state, phase),
  startPlay: (state) => enterPhase(state, "play"),
  closeStory: (state) => enterPhase(state, "closed"),
};
