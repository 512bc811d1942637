// Every move of the game, by action type: each a pure function (draft state, actor, payload, context) → outcome.
import type { Action } from "../model.ts";
import { ACTOR_MOVES } from "./moves/actors.ts";
import { ANONYMISE_MOVES } from "./moves/anonymise.ts";
import { DEBRIEF_MOVES } from "./moves/debrief.ts";
import { MODERATION_MOVES } from "./moves/moderation.ts";
import type { MovesOf } from "./moves/move.ts";
import { PHASE_MOVES } from "./moves/phases.ts";
import { PLAY_MOVES } from "./moves/play.ts";
import { PREPARATION_MOVES } from "./moves/preparation.ts";
import { PUBLICATION_MOVES } from "./moves/publication.ts";
import { TIMER_MOVES } from "./moves/timer.ts";
import { TURN_MOVES } from "./moves/turns.ts";
import { WORKSHOP_MOVES } from "./moves/workshop.ts";

/** One move for every action type: the compiler checks none is missing. */
export const MOVES: MovesOf<Action["type"]> = {
  ...PREPARATION_MOVES,
  ...PHASE_MOVES,
  ...PLAY_MOVES,
  ...TURN_MOVES,
  ...TIMER_MOVES,
  ...DEBRIEF_MOVES,
  ...ACTOR_MOVES,
  ...MODERATION_MOVES,
  ...ANONYMISE_MOVES,
  ...WORKSHOP_MOVES,
  ...PUBLICATION_MOVES,
};
