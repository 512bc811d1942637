// Debrief: each person writes where they stand in the desirable future and how they act in this transition.
import { LIMITS } from "../../model.ts";
import { accept, refuse } from "../result.ts";
import type { MovesOf } from "./move.ts";

export const DEBRIEF_MOVES: MovesOf<"writeDebrief"> = {
  writeDebrief(state, actor, { text }, ctx) {
    const debrief = text.trim();
    if (!debrief) return refuse("debriefEmpty");
    if (debrief.length > LIMITS.debriefLength) return refuse("debriefTooLong", { max: LIMITS.debriefLength });
    actor.debrief = debrief;
    actor.debriefAt = ctx.now;
    return accept(state);
  },
};
