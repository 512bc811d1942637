// Play: drawing, placing, narrating, discarding, writing our own cards, "oui, et…", reactions, and pitfalls dealt into the story.
import { cardName } from "#cards/reading.ts";
import { LIMITS, type DeckName, type Participant, type TableCard, type TableState } from "#shared/model.ts";
import { t } from "#shared/i18n/translate.ts";
import { cleanText } from "#shared/text.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import { fitsThemes } from "../setup.ts";
import { cardsOf, findStep, insertionIndex, newStep, nextNumber, oneLine, refreshOpen, type MovesOf } from "./move.ts";

type PlayMove =
  "draw" | "place" | "narrate" | "discard" | "writeCard" | "writeBlank" | "contribute" | "react" | "dealPitfall";

/** A card's title (one line) and text as typed, cleaned (text.ts) and checked against the limits of written cards. */
function checkCardTexts(title: string, text: string): Outcome<{ title: string; text: string }> {
  const cardTitle = oneLine(cleanText(title));
  const cardText = cleanText(text).trim();
  if (!cardTitle) return refuse("cardTitleRequired");
  if (cardTitle.length > LIMITS.customCardTitle) return refuse("cardTitleTooLong", { max: LIMITS.customCardTitle });
  if (!cardText) return refuse("cardTextRequired");
  if (cardText.length > LIMITS.customCardText) return refuse("cardTextTooLong", { max: LIMITS.customCardText });
  return accept({ title: cardTitle, text: cardText });
}

/** A new card of this table, written by this person, added to the catalogue (a copy of it: the record is shared between states). */
function addWrittenCard(
  state: TableState,
  writer: Participant,
  deck: DeckName,
  texts: { title: string; text: string },
): TableCard {
  const card: TableCard = {
    id: `written-${nextNumber(state)}`,
    deck,
    title: texts.title,
    text: texts.text,
    source: t("moderation.writtenCardSource", { name: writer.name }),
    writtenBy: writer.id,
  };
  state.cards = { ...cardsOf(state), [card.id]: card };
  return card;
}

/**
 * A blank card once written: a new card of the table (its own id, `written-N`, like the cards written with writeCard)
 * takes the blank's place wherever it lies, and the blank placeholder leaves the catalogue, used up like the paper card
 * it stands for. A new id rather than the blank's: the kit's « pitfall-blank-1 » keeps meaning the blank card, so the
 * table's exported deck imports at another table beside the kit (same id, other text would be refused there).
 */
function writeBlankCard(
  state: TableState,
  writer: Participant,
  blank: TableCard,
  texts: { title: string; text: string },
): TableCard {
  const card = addWrittenCard(state, writer, blank.deck, texts);
  const { [blank.id]: _usedUp, ...rest } = cardsOf(state);
  state.cards = rest;
  return card;
}

function replaceId(ids: string[], from: string, to: string): string[] {
  return ids.map((id) => (id === from ? to : id));
}

export const PLAY_MOVES: MovesOf<PlayMove> = {
  draw(state, actor, { deck }) {
    if (!state.setup.decksInPlay.includes(deck)) return refuse("deckNotInPlay", { deck: t(`deck.${deck}`) });
    if (actor.hand.length >= LIMITS.handSize) return refuse("handFull", { max: LIMITS.handSize });
    const pile = state.piles[deck];
    if (pile.length === 0) return refuse("deckEmpty", { deck: t(`deck.${deck}`) });
    // Challenges of themes out of play stay in the pile, in their place.
    const at =
      deck === "challenge" ? pile.findIndex((id) => fitsThemes(cardsOf(state)[id], state.setup.themesInPlay)) : 0;
    const cardId = pile[at];
    if (cardId === undefined) return refuse("noChallengeOfThemes");
    pile.splice(at, 1);
    actor.hand.push(cardId);
    return accept(state);
  },

  place(state, actor, { cardId, afterStepId }, ctx) {
    const inHand = actor.hand.indexOf(cardId);
    if (inHand < 0) return refuse("cardNotInHand");
    if (cardsOf(state)[cardId]?.blank) return refuse("blankToWrite");
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
    // The narration is the step's words: told in the hat its placer wears now.
    step.authorRole = actor.role;
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
    const texts = checkCardTexts(title, text);
    if (!texts.ok) return texts;
    if (actor.hand.length >= LIMITS.handSize) return refuse("handFull", { max: LIMITS.handSize });
    const card = addWrittenCard(state, actor, deck, texts.state);
    actor.hand.push(card.id);
    return accept(state);
  },

  // A blank in my hand (drawn, or dealt to me: it stays dealt), or one on the path, for whoever placed it or a facilitator.
  writeBlank(state, actor, { cardId, title, text }) {
    const inHand = actor.hand.indexOf(cardId);
    const step = inHand < 0 ? state.path.find((s) => s.cardId === cardId) : undefined;
    // In someone else's hand, in a pile or nowhere: not for me to write. One refusal for all three, so that trying
    // every card's id tells nobody what the others hold.
    if (inHand < 0 && !step) return refuse("blankNotFound");
    if (step && step.placedBy !== actor.id && !actor.facilitator) return refuse("blankNotYours");
    const blank = cardsOf(state)[cardId];
    if (!blank?.blank) return refuse("cardNotBlank");
    const texts = checkCardTexts(title, text);
    if (!texts.ok) return texts;
    const card = writeBlankCard(state, actor, blank, texts.state);
    if (step) step.cardId = card.id;
    else actor.hand[inHand] = card.id;
    state.dealtCards = replaceId(state.dealtCards, cardId, card.id);
    return accept(state);
  },

  contribute(state, actor, { stepId, kind, text }, ctx) {
    const step = findStep(state, stepId);
    if (!step) return refuse("stepNotFound");
    const written = text.trim();
    if (!written) return refuse("contributionEmpty");
    if (written.length > LIMITS.contributionLength)
      return refuse("contributionTooLong", { max: LIMITS.contributionLength });
    if (kind === "answer" && !step.open) return refuse("stepNotOpen");
    step.contributions.push({
      id: `contribution-${nextNumber(state)}`,
      authorId: actor.id,
      kind,
      text: written,
      at: ctx.now,
      authorRole: actor.role,
    });
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

  // The top of the pile, as drawn. A blank one is written by the facilitator (title and text) before it lies on the path;
  // dealt into a hand, its holder writes it before placing it (unless the facilitator wrote it already).
  dealPitfall(state, actor, { to, afterStepId, title, text }, ctx) {
    const top = state.piles.pitfall[0];
    if (top === undefined) return refuse("deckEmpty", { deck: t("deck.pitfall") });
    const topCard = cardsOf(state)[top];
    const writing = title !== undefined || text !== undefined;
    if (writing && !topCard?.blank) return refuse("pitfallNotBlank");
    if (!writing && topCard?.blank && to === null) return refuse("dealtBlankToWrite", { title: cardName(topCard) });
    const texts = writing ? checkCardTexts(title ?? "", text ?? "") : null;
    if (texts && !texts.ok) return texts;
    let target: Participant | undefined;
    if (to !== null) {
      target = state.participants.find((p) => p.id === to && !p.removed);
      if (!target) return refuse("participantNotFound");
      if (target.hand.length >= LIMITS.handSize)
        return refuse("dealHandFull", { name: target.name, max: LIMITS.handSize });
    }
    const at = target ? 0 : insertionIndex(state.path, afterStepId);
    if (at < 0) return refuse("anchorNotFound");
    state.piles.pitfall.shift();
    const cardId = texts && topCard ? writeBlankCard(state, actor, topCard, texts.state).id : top;
    if (target) {
      target.hand.push(cardId);
      state.dealtCards.push(cardId);
      return accept(state);
    }
    state.path.splice(at, 0, newStep(state, cardId, actor.id, ctx.now, true));
    return accept(state);
  },
};
