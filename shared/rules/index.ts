// The rules' front door: join a table, ask whether someone may act, apply an action, tell whether the table has won.
// Seat, role, phase and turn come from the permission table (permissions.ts); then the move itself decides.
import { createDraft, enableArrayMethods, finishDraft, type Draft } from "immer";
import {
  LIMITS,
  type Action,
  type ActionContext,
  type JoinRequest,
  type Participant,
  type TableState,
} from "../model.ts";
import { t } from "../i18n/translate.ts";
import { cleanName, nameKey } from "../text.ts";
import { MOVES } from "./actions.ts";
import { checkRole, checkZone } from "./moves/actors.ts";
import { isAnonymousName } from "./moves/anonymise.ts";
import { JOIN_PHASES } from "./permissions.ts";
import { blockerOf } from "./may-act.ts";
import { accept, refuse, type Outcome } from "./result.ts";
import { enterOrder } from "./turns.ts";
import { isWorkshopActor, workshopActor } from "./workshop-actor.ts";

export { createTable, checkSetup, knownThemes, type SetupInput, type NewTable } from "./setup.ts";
export { ACTION_RULES, JOIN_PHASES, PHASE_ORDER, PHASE_GUIDE, type ActionRule, type Who } from "./permissions.ts";
export { timeLeft, TIMER_LABEL_LENGTH } from "./moves/timer.ts";
export { nextInOrder } from "./turns.ts";
export { hasWon } from "./won.ts";
export { isWorkshopActor } from "./workshop-actor.ts";
export { blockerOf, type Blocker, type Seating } from "./may-act.ts";
export { anonymiseIn, anonymisedCopy, anonymousIdentity, isAnonymousName } from "./moves/anonymise.ts";
export type { Outcome, Refusal, RefusalCode } from "./result.ts";

/** Checks a display name and role as a person typed them; returns them clean (text.ts): one line, nothing invisible. */
export function checkIdentity(name: string, role: string): Outcome<{ name: string; role: string }> {
  const clean = cleanName(name);
  if (!clean) return refuse("nameRequired");
  if (clean.length > LIMITS.nameLength) return refuse("nameTooLong", { max: LIMITS.nameLength });
  const checked = checkRole(role);
  return checked.ok ? accept({ name: clean, role: checked.state }) : checked;
}

/**
 * The state for the rules to change: an Immer draft, so that a move writes as if in place while the given state stays as
 * it is. Only what a move touches is copied; everything else (the other steps, the card catalogue…) is shared with the
 * state before, which lets the room's projection skip what did not change. A refused move's draft is simply dropped.
 */
// Array methods on a draft (splice, push, find, indexOf…) work on the copy without a proxy per element: drawing from a
// pile of 700 cards or inserting a step in a 500-step path costs a copy of the array, not 700 proxy traps.
enableArrayMethods();

function draft(state: TableState): Draft<TableState> {
  return createDraft(state);
}

/** The state a move led to: its draft, finished (frozen, sharing every part it did not touch); or its refusal. */
function finished(outcome: Outcome, next: Draft<TableState>): Outcome {
  if (!outcome.ok) return outcome;
  if (outcome.state !== next) throw new Error("a move must return the draft it was given");
  return accept(finishDraft(next));
}

/**
 * Whether a newcomer may take this name: names are compared as they look, so that nobody sits as "Awa" plus an
 * invisible character beside the facilitator Awa; removed people count too, the story still signs with their name.
 * The facilitator secret may sit again under its own name (a new device, a story continued in a new table): it gives
 * every right anyway. Checked by the server when someone arrives, not by join(): logs written before this rule still
 * replay.
 */
export function nameAvailable(state: TableState, request: JoinRequest): Outcome<true> {
  // « Participant·e N » would pass for someone anonymised (and could take the name an anonymised person gets later).
  if (isAnonymousName(request.name)) return refuse("nameReserved", { name: cleanName(request.name) });
  if (request.facilitator) return accept(true);
  const key = nameKey(cleanName(request.name));
  const namesake = state.participants.find((p) => nameKey(p.name) === key);
  return namesake ? refuse("nameTaken", { name: namesake.name }) : accept(true);
}

/** Seats a new person (id chosen by the server). Whether they are facilitator was decided by the server from the secret they hold. */
export function join(state: TableState, request: JoinRequest, ctx: ActionContext): Outcome {
  if (!JOIN_PHASES.includes(state.phase)) return refuse("storyClosed");
  // The facilitator secret gives every right: a facilitator on a new device still gets in.
  if (state.locked && !request.facilitator) return refuse("tableLocked");
  // People the facilitator removed no longer take a place: bots filling the table can be cleared away.
  const seated = state.participants.filter((p) => !p.removed).length;
  if (seated >= LIMITS.participants) return refuse("tableFull", { max: LIMITS.participants });
  const identity = checkIdentity(request.name, request.role);
  if (!identity.ok) return identity;
  const zone = checkZone(request.zone);
  if (!zone.ok) return zone;
  const next = draft(state);
  next.participants.push({
    id: ctx.actorId,
    name: identity.state.name,
    role: identity.state.role,
    ...(zone.state && { zone: zone.state }),
    facilitator: request.facilitator,
    hand: [],
    joinedAt: ctx.now,
    removed: false,
    debrief: "",
    debriefAt: null,
  });
  if (!request.facilitator) enterOrder(next, ctx.actorId);
  return finished(accept(next), next);
}

/**
 * Whether this person could do this kind of action now: for the server's checks and for shaping the UI. The workshop
 * facilitator acting from the overview (WORKSHOP_ACTOR_ID) sits at no table: the rules ask only whether the permission
 * table lets the workshop do it, and in which phases.
 */
export function canAct(state: TableState, actorId: string, type: Action["type"]): Outcome<true> {
  const blocker = blockerOf(state, actorId, type);
  switch (blocker) {
    case null:
      return accept(true);
    case "participantMoved":
      return refuse(blocker, { table: state.participants.find((p) => p.id === actorId)?.movedTo ?? "" });
    case "wrongPhase":
      return refuse(blocker, { phase: t(`phase.${state.phase}`) });
    case "notYourTurn": {
      const player: Participant | undefined = state.participants.find((p) => p.id === state.turns.current);
      return player ? refuse(blocker, { name: player.name }) : refuse("nobodysTurn");
    }
    default:
      return refuse(blocker);
  }
}

/** Applies one action for one person; the given state is never modified, not even by a refused action. */
export function applyAction(state: TableState, action: Action, ctx: ActionContext): Outcome {
  const allowed = canAct(state, ctx.actorId, action.type);
  if (!allowed.ok) return allowed;
  const next = draft(state);
  const actor = isWorkshopActor(ctx.actorId) ? workshopActor() : next.participants.find((p) => p.id === ctx.actorId);
  if (!actor) return refuse("notSeated");
  const move = MOVES[action.type] as (s: TableState, a: Participant, x: Action, c: ActionContext) => Outcome;
  return finished(move(next, actor, action, ctx), next);
}
