// Moving between phases: forward or back, by the facilitator.
import type { ActionContext, Phase, TableState } from "#shared/model.ts";
import { t } from "#shared/i18n/translate.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import type { MovesOf } from "./move.ts";
import { timeLeft } from "./timer.ts";

/**
 * Enters a phase; entering play in turns mode with nobody's turn gives it to the first in the order. A timer that has
 * run out is put away: its « Le temps est écoulé » belonged to the phase it timed. Closing the story stops a running
 * timer: it is paused with the time it had left (nothing counts down over a finished story), so a facilitator who goes
 * back to the debrief may resume it.
 */
export function enterPhase(state: TableState, phase: Phase, ctx: ActionContext): Outcome {
  if (state.phase === phase) return refuse("alreadyInPhase", { phase: t(`phase.${phase}`) });
  state.phase = phase;
  const { turns, timer } = state;
  if (phase === "play" && turns.mode === "turns" && turns.current === null) turns.current = turns.order[0] ?? null;
  if (timer && timeLeft(timer, ctx.now) === 0) state.timer = null;
  else if (phase === "closed" && timer && timer.runningSince !== null) {
    timer.remainingMs = timeLeft(timer, ctx.now);
    timer.runningSince = null;
  }
  return accept(state);
}

export const PHASE_MOVES: MovesOf<"setPhase" | "startPlay" | "closeStory"> = {
  setPhase: (state, _actor, { phase }, ctx) => enterPhase(state, phase, ctx),
  startPlay: (state, _actor, _action, ctx) => enterPhase(state, "play", ctx),
  closeStory: (state, _actor, _action, ctx) => enterPhase(state, "closed", ctx),
};
