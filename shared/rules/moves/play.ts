// Play: drawing, placing, narrating, discarding, writing our own cards, "oui, et…", reactions, and pitfalls dealt into the story.
import { LIMITS, type TableCard } from "../../model.ts";
import { t } from "../../i18n/translate.ts";
import { accept, refuse } from "../result.ts";
import { fitsThemes } from "../setup.ts";
import { findStep, insertionIndex, newStep, nextNumber, oneLine, refreshOpen, type MovesOf } from "./move.ts";

type PlayMove = "draw" | "place" | "narrate" | "discard" | "writeCard" | "contribute" | "react" | "dealPitfall";

export const PLAY_MOVES: MovesOf<PlayMove> = {
  draw(state, actor, { deck }) {
    if (!state.setup.decksInPlay.includes(deck)) return refuse("deckNotInPlay", { deck: t(`deck.${deck}`) });
    if (actor.hand.length >= LIMITS.handSize) return refuse("handFull", { max: LIMITS.handSize });
    const pile = state.piles[deck];
    if (pile.length === 0) return refuse("deckEmpty", { deck: t(`deck.${deck}`) });
    // Challenges of themes out of play stay in the pile, in their place.
    const at = deck === "challenge" ? pile.findIndex((id) => fitsThemes(state.cards[id], state.setup.themesInPlay)) : 0;
    const cardId = pile[at];
    if (cardId === undefined) return refuse("noChallengeOfThemes");
    pile.splice(at, 1);
    actor.hand.push(cardId);
    return accept(state);
  },

  place(state, actor, { cardId, afterStepId }, ctx) {
    const inHand = actor.hand.indexOf(cardId);
    if (inHand < 0) return refuse("cardNotInHand");
    const at = insertionIndex(state.path, afterStepId);
    if (at < 0) return refuse("anchorNotFound");
    const dealt = state.dealtCards.includes(cardId);
    actor.hand.splice(inHand, 1);
    if (dealt) state.dealtCards = state.dealtCards.filter((id) => id !== cardId);
    state.path.splice(at, 0, newStep(state, cardId, actor.id, ctx.now, dealt));
    return accept(state);
  },

  narrate(state, actor, { stepId, text }, ctx) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    if (step.placedBy !== actor.id) return refuse("notYourStep");
    const narration = text.trim();
    if (narration.length > LIMITS.narrationLength) return refuse("narrationTooLong", { max: LIMITS.narrationLength });
    step.narration = narration;
    step.narratedAt = ctx.now;
    refreshOpen(step);
    return accept(state);
  },

  discard(state, actor, { cardId }) {
    const inHand = actor.hand.indexOf(cardId);
    if (inHand < 0) return refuse("cardNotInHand");
    if (state.dealtCards.includes(cardId)) return refuse("dealtPitfallKept");
    actor.hand.splice(inHand, 1);
    state.discard.push(cardId);
    return accept(state);
  },

  writeCard(state, actor, { deck, title, text }) {
    const cardTitle = oneLine(title);
    const cardText = text.trim();
    if (!cardTitle) return refuse("cardTitleRequired");
    if (cardTitle.length > LIMITS.customCardTitle) return refuse("cardTitleTooLong", { max: LIMITS.customCardTitle });
    if (!cardText) return refuse("cardTextRequired");
    if (cardText.length > LIMITS.customCardText) return refuse("cardTextTooLong", { max: LIMITS.customCardText });
    if (actor.hand.length >= LIMITS.handSize) return refuse("handFull", { max: LIMITS.handSize });
    const card: TableCard = {
      id: `written-${nextNumber(state)}`,
      deck,
      title: cardTitle,
      text: cardText,
      source: t("moderation.writtenCardSource", { name: actor.name }),
      writtenBy: actor.id,
    };
    // The catalogue is shared between states: add to a copy of the record, never to the record itself.
    state.cards = { ...state.cards, [card.id]: card };
    actor.hand.push(card.id);
    return accept(state);
  },

  contribute(state, actor, { stepId, kind, text }, ctx) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    const written = text.trim();
    if (!written) return refuse("contributionEmpty");
    if (written.length > LIMITS.contributionLength) return refuse("contributionTooLong", { max: LIMITS.contributionLength });
    if (kind === "answer" && !step.open) return refuse("stepNotOpen");
    step.contributions.push({ id: `contribution-${nextNumber(state)}`, authorId: actor.id, kind, text: written, at: ctx.now });
    refreshOpen(step);
    return accept(state);
  },

  react(state, actor, { stepId, reaction }) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    const who = step.reactions[reaction];
    step.reactions[reaction] = who.includes(actor.id) ? who.filter((id) => id !== actor.id) : [...who, actor.id];
    return accept(state);
  },

  dealPitfall(state, actor, { to, afterStepId }, ctx) {
    const cardId = state.piles.pitfall[0];
    if (cardId === undefined) return refuse("deckEmpty", { deck: t("deck.pitfall") });
    if (to !== null) {
      const target = state.participants.find((p) => p.id === to && !p.removed);
      if (!target) return refuse("participantNotFound");
      if (target.hand.length >= LIMITS.handSize) return refuse("dealHandFull", { name: target.name, max: LIMITS.handSize });
      state.piles.pitfall.shift();
      target.hand.push(cardId);
      state.dealtCards.push(cardId);
      return accept(state);
    }
    const at = insertionIndex(state.path, afterStepId);
    if (at < 0) return refuse("anchorNotFound");
    state.piles.pitfall.shift();
    state.path.splice(at, 0, newStep(state, cardId, actor.id, ctx.now, true));
    return accept(state);
  },
};
