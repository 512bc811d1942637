// Moderation by a facilitator: edit, remove or move what was told, lock the table, remove someone, share or hand over the role.
// Every edit or removal of a text is recorded with the text as it was, so the story is never silently rewritten.
import { LIMITS, type Participant, type TableState } from "#shared/model.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import { enterOrder, leaveOrder } from "../turns.ts";
import { findStep, insertionIndex, record, refreshOpen, type MovesOf } from "./move.ts";

type ModerationMove =
  | "editStep"
  | "removeStep"
  | "moveStep"
  | "editContribution"
  | "removeContribution"
  | "undo"
  | "lockTable"
  | "removeParticipant"
  | "setFacilitator"
  | "handOver";

/** Someone still at the table (not removed). */
function seated(state: TableState, participantId: string): Participant | undefined {
  return state.participants.find((p) => p.id === participantId && !p.removed);
}

/**
 * Takes someone off the table (removed, or moved to another table of the workshop): their cards go to the discard, a
 * dealt pitfall among them is dealt no more, and they leave the turn order; what they wrote stays theirs.
 */
export function takeOffTable(state: TableState, person: Participant): void {
  state.discard.push(...person.hand);
  state.dealtCards = state.dealtCards.filter((id) => !person.hand.includes(id));
  person.hand = [];
  person.removed = true;
  leaveOrder(state, person.id);
}

function facilitatorCount(state: TableState): number {
  return state.participants.filter((p) => p.facilitator && !p.removed).length;
}

/** Facilitators have no turns: becoming one leaves the order, ceasing to be one enters it. */
function setRole(state: TableState, person: Participant, facilitator: boolean): void {
  person.facilitator = facilitator;
  if (facilitator) leaveOrder(state, person.id);
  else enterOrder(state, person.id);
}

function checkContributionText(text: string): Outcome<string> {
  const written = text.trim();
  if (!written) return refuse("contributionEmpty");
  if (written.length > LIMITS.contributionLength)
    return refuse("contributionTooLong", { max: LIMITS.contributionLength });
  return accept(written);
}

export const MODERATION_MOVES: MovesOf<ModerationMove> = {
  editStep(state, _actor, { stepId, narration }, ctx) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    const text = narration.trim();
    if (text.length > LIMITS.narrationLength) return refuse("narrationTooLong", { max: LIMITS.narrationLength });
    record(state, ctx, "editStep", stepId, step.narration);
    step.narration = text;
    if (text && step.narratedAt === null) step.narratedAt = ctx.now;
    refreshOpen(step);
    return accept(state);
  },

  removeStep(state, _actor, { stepId }, ctx) {
    const at = state.path.findIndex((s) => s.id === stepId);
    const step = state.path[at];
    if (!step) return refuse("stepNotFound");
    record(state, ctx, "removeStep", stepId, step.narration);
    state.path.splice(at, 1);
    state.removedSteps.push(step);
    state.discard.push(step.cardId);
    return accept(state);
  },

  moveStep(state, _actor, { stepId, afterStepId }, ctx) {
    const from = state.path.findIndex((s) => s.id === stepId);
    const step = state.path[from];
    if (!step) return refuse("stepNotFound");
    if (afterStepId === stepId) return refuse("moveOntoItself");
    const rest = state.path.filter((s) => s.id !== stepId);
    const at = insertionIndex(rest, afterStepId);
    if (at < 0) return refuse("anchorNotFound");
    // "before" says where it was: the step it followed, or "" for the start.
    record(state, ctx, "moveStep", stepId, state.path[from - 1]?.id ?? "");
    rest.splice(at, 0, step);
    state.path = rest;
    return accept(state);
  },

  editContribution(state, _actor, { stepId, contributionId, text }, ctx) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    const contribution = step.contributions.find((c) => c.id === contributionId);
    if (!contribution) return refuse("contributionNotFound");
    const written = checkContributionText(text);
    if (!written.ok) return written;
    record(state, ctx, "editContribution", contributionId, contribution.text);
    contribution.text = written.state;
    return accept(state);
  },

  removeContribution(state, _actor, { stepId, contributionId }, ctx) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    const contribution = step.contributions.find((c) => c.id === contributionId);
    if (!contribution) return refuse("contributionNotFound");
    record(state, ctx, "removeContribution", contributionId, contribution.text);
    step.contributions = step.contributions.filter((c) => c.id !== contributionId);
    // Removing the only answer to a dealt pitfall leaves it open again.
    refreshOpen(step);
    return accept(state);
  },

  // The server undoes by replaying its log without the last action; the rules only say who may ask.
  undo: (state) => accept(state),

  lockTable(state, _actor, { locked }) {
    state.locked = locked;
    return accept(state);
  },

  removeParticipant(state, actor, { participantId }, ctx) {
    if (participantId === actor.id) return refuse("cannotRemoveYourself");
    const person = state.participants.find((p) => p.id === participantId);
    if (!person) return refuse("participantNotFound");
    if (person.removed) return refuse("participantAlreadyRemoved", { name: person.name });
    record(state, ctx, "removeParticipant", participantId, person.name);
    takeOffTable(state, person);
    return accept(state);
  },

  setFacilitator(state, _actor, { participantId, facilitator }) {
    const person = seated(state, participantId);
    if (!person) return refuse("participantNotFound");
    if (person.facilitator === facilitator) {
      return refuse(facilitator ? "alreadyFacilitator" : "notAFacilitator", { name: person.name });
    }
    if (!facilitator && facilitatorCount(state) <= 1) return refuse("lastFacilitator");
    setRole(state, person, facilitator);
    return accept(state);
  },

  handOver(state, actor, { participantId }) {
    if (participantId === actor.id) return refuse("handOverToYourself");
    const person = seated(state, participantId);
    if (!person) return refuse("participantNotFound");
    if (!person.facilitator) setRole(state, person, true);
    setRole(state, actor, false);
    return accept(state);
  },
};
