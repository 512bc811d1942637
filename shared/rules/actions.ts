// The moves of play and facilitation, each a pure function: (state, actor, payload) → outcome.
import { LIMITS, type Action, type ActionContext, type Participant, type TableState } from "../model.ts";
import { t } from "../i18n/translate.ts";
import { accept, refuse, type Outcome } from "./result.ts";

type Move<A extends Action> = (state: TableState, actor: Participant, action: A, ctx: ActionContext) => Outcome;
type Moves = { [K in Action["type"]]: Move<Extract<Action, { type: K }>> };

export const MOVES: Moves = {
  draw(state, actor, { deck }) {
    if (actor.hand.length >= LIMITS.handSize) return refuse("handFull", { max: LIMITS.handSize });
    const pile = state.piles[deck];
    const cardId = pile[0];
    if (cardId === undefined) return refuse("deckEmpty", { deck: t(`deck.${deck}`) });
    pile.shift();
    actor.hand.push(cardId);
    return accept(state);
  },

  place(state, actor, { cardId, afterStepId }, ctx) {
    const inHand = actor.hand.indexOf(cardId);
    if (inHand < 0) return refuse("cardNotInHand");
    let at = 0;
    if (afterStepId !== null) {
      const anchor = state.path.findIndex((s) => s.id === afterStepId);
      if (anchor < 0) return refuse("anchorNotFound");
      at = anchor + 1;
    }
    actor.hand.splice(inHand, 1);
    state.path.splice(at, 0, {
      id: `step-${state.nextStepNumber}`,
      cardId,
      placedBy: actor.id,
      placedAt: ctx.now,
      narration: "",
      narratedAt: null,
    });
    state.nextStepNumber += 1;
    return accept(state);
  },

  narrate(state, actor, { stepId, text }, ctx) {
    const step = state.path.find((s) => s.id === stepId);
    if (!step) return refuse("stepNotFound");
    if (step.placedBy !== actor.id) return refuse("notYourStep");
    const narration = text.trim();
    if (narration.length > LIMITS.narrationLength) return refuse("narrationTooLong", { max: LIMITS.narrationLength });
    step.narration = narration;
    step.narratedAt = ctx.now;
    return accept(state);
  },

  discard(state, actor, { cardId }) {
    const inHand = actor.hand.indexOf(cardId);
    if (inHand < 0) return refuse("cardNotInHand");
    actor.hand.splice(inHand, 1);
    state.discard.push(cardId);
    return accept(state);
  },

  startPlay(state) {
    state.phase = "play";
    return accept(state);
  },

  removeStep(state, _actor, { stepId }) {
    const at = state.path.findIndex((s) => s.id === stepId);
    const step = state.path[at];
    if (!step) return refuse("stepNotFound");
    state.path.splice(at, 1);
    state.removedSteps.push(step);
    state.discard.push(step.cardId);
    return accept(state);
  },

  closeStory(state) {
    state.phase = "closed";
    return accept(state);
  },
};
