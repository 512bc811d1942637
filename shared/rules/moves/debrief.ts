// Debrief: each person writes where they stand in the desirable future and how they act in this transition, and what
// they commit to (« Je m'engage à… », as in the workshop format).
import { LIMITS } from "#shared/model.ts";
import { accept, refuse } from "../result.ts";
import type { MovesOf } from "./move.ts";

export const DEBRIEF_MOVES: MovesOf<"writeDebrief"> = {
  writeDebrief(state, actor, { text, commitment }, ctx) {
    const debrief = text.trim();
    if (!debrief) return refuse("debriefEmpty");
    if (debrief.length > LIMITS.debriefLength) return refuse("debriefTooLong", { max: LIMITS.debriefLength });
    const committed = commitment?.trim();
    if (committed !== undefined && committed.length > LIMITS.commitmentLength) {
      return refuse("commitmentTooLong", { max: LIMITS.commitmentLength });
    }
    actor.debrief = debrief;
    actor.debriefAt = ctx.now;
    // Left out by a log written before commitments: the one held stays. An empty one takes it back.
    if (committed === "") delete actor.commitment;
    else if (committed !== undefined) actor.commitment = committed;
    return accept(state);
  },
};
