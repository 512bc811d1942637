// The facilitator's timer: for a turn or a phase, seen by all. It never penalises anyone: at zero it just shows zero.
import { LIMITS, type Timer } from "#shared/model.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import { oneLine, type MovesOf } from "./move.ts";

/** Longest label of a timer ("Tour de Bastien", "Débrief"…). */
export const TIMER_LABEL_LENGTH = 80;
const MINUTE = 60_000;

/** Time left at `now`, never below zero. */
export function timeLeft(timer: Timer, now: number): number {
  const elapsed = timer.runningSince === null ? 0 : now - timer.runningSince;
  return Math.max(0, timer.remainingMs - elapsed);
}

function checkMinutes(minutes: number): Outcome<true> {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > LIMITS.timerMinutes) {
    return refuse("timerMinutesInvalid", { max: LIMITS.timerMinutes });
  }
  return accept(true);
}

export const TIMER_MOVES: MovesOf<"startTimer" | "pauseTimer" | "resumeTimer" | "extendTimer" | "clearTimer"> = {
  startTimer(state, _actor, { minutes, label }, ctx) {
    const valid = checkMinutes(minutes);
    if (!valid.ok) return valid;
    const name = oneLine(label);
    if (name.length > TIMER_LABEL_LENGTH) return refuse("timerLabelTooLong", { max: TIMER_LABEL_LENGTH });
    state.timer = { label: name, durationMs: minutes * MINUTE, remainingMs: minutes * MINUTE, runningSince: ctx.now };
    return accept(state);
  },

  pauseTimer(state, _actor, _action, ctx) {
    const { timer } = state;
    if (!timer) return refuse("noTimer");
    if (timer.runningSince === null) return refuse("timerAlreadyPaused");
    timer.remainingMs = timeLeft(timer, ctx.now);
    timer.runningSince = null;
    return accept(state);
  },

  resumeTimer(state, _actor, _action, ctx) {
    const { timer } = state;
    if (!timer) return refuse("noTimer");
    if (timer.runningSince !== null) return refuse("timerAlreadyRunning");
    timer.runningSince = ctx.now;
    return accept(state);
  },

  extendTimer(state, _actor, { minutes }, ctx) {
    const valid = checkMinutes(minutes);
    if (!valid.ok) return valid;
    const { timer } = state;
    if (!timer) return refuse("noTimer");
    // Counted from what is left now (zero if it already ran out), so that a late extension gives the full minutes.
    timer.remainingMs = timeLeft(timer, ctx.now) + minutes * MINUTE;
    if (timer.runningSince !== null) timer.runningSince = ctx.now;
    timer.durationMs += minutes * MINUTE;
    return accept(state);
  },

  clearTimer(state) {
    if (!state.timer) return refuse("noTimer");
    state.timer = null;
    return accept(state);
  },
};
