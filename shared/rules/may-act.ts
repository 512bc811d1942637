// "What may this person do now?", asked once for the server and the browser: the permission table (permissions.ts)
// read against a table's seats, phase and turn. The rules' canAct turns the answer into a refusal in words; the
// browser (client/src/store/can.ts) asks the same function of its synced table to decide what to offer.
// Pure and light: no translation and no moves, so the browser loads only this and the permission table.
import type { ActionType, Phase } from "../model.ts";
import { ACTION_RULES } from "./permissions.ts";
import { WORKSHOP_ACTOR_ID } from "../workshop.ts";

/** What canAct needs of a table; both the live table (model.ts) and the synced view (view.ts) have it. */
export interface Seating {
  phase: Phase;
  participants: readonly { id: string; facilitator: boolean; removed: boolean; movedTo?: string | undefined }[];
  turns: { mode: "free" | "turns"; current: string | null };
}

/** Why this person may not do this kind of action now: the refusal's code. */
export type Blocker =
  | "workshopActorNotAllowed"
  | "notSeated"
  | "participantMoved"
  | "participantRemoved"
  | "workshopOnly"
  | "facilitatorOnly"
  | "storyClosed"
  | "wrongPhase"
  | "notYourTurn"
  | "nobodysTurn";

/** null when this person may do this kind of action now; otherwise the first reason they may not, in the rules' order. */
export function blockerOf(table: Seating, actorId: string, type: ActionType): Blocker | null {
  const rule = ACTION_RULES[type];
  const phaseAllows = rule.phases.includes(table.phase);
  const phaseBlocker = table.phase === "closed" ? "storyClosed" : "wrongPhase";
  if (actorId === WORKSHOP_ACTOR_ID) {
    if (!rule.workshop && rule.who !== "workshop") return "workshopActorNotAllowed";
    return phaseAllows ? null : phaseBlocker;
  }
  const actor = table.participants.find((p) => p.id === actorId);
  if (!actor) return "notSeated";
  if (actor.removed) return actor.movedTo ? "participantMoved" : "participantRemoved";
  if (rule.who === "workshop") return "workshopOnly";
  if (rule.who === "facilitator" && !actor.facilitator) return "facilitatorOnly";
  if (!phaseAllows) return phaseBlocker;
  const { turns } = table;
  if (rule.onTurn && turns.mode === "turns" && turns.current !== actor.id)
    return turns.current ? "notYourTurn" : "nobodysTurn";
  return null;
}
