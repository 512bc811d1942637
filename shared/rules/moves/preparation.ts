// Preparation with the group: the facilitator writes the setup, frames it with a challenge, picks the decks; participants suggest.
import { DECK_NAMES, type DeckFile, type DeckName } from "#cards/schema.ts";
import { parseDeckFile } from "#cards/load.ts";
import {
  LIMITS,
  type SetupChanges,
  type SetupConstraints,
  type SuggestField,
  type Suggestion,
  type TableSetup,
  type TableState,
} from "#shared/model.ts";
import { t } from "#shared/i18n/translate.ts";
import { shuffle } from "#shared/random.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import { checkSetup, fitsThemes } from "../setup.ts";
import { withStakesChanges } from "../stakes.ts";
import { cardsOf, nextNumber, type MovesOf } from "./move.ts";

type PreparationMove =
  | "editSetup"
  | "chooseChallenge"
  | "drawChallenge"
  | "chooseDecks"
  | "importDeck"
  | "suggest"
  | "acceptSuggestion"
  | "dismissSuggestion";

const CONSTRAINT_OF: Partial<Record<SuggestField, keyof SetupConstraints>> = {
  constraintTime: "time",
  constraintValues: "values",
  constraintActors: "actors",
};

/** The setup with only the given changes applied (an absent or undefined field keeps its value). */
function withChanges(setup: TableSetup, changes: SetupChanges): TableSetup {
  const next: TableSetup = { ...setup, constraints: { ...setup.constraints } };
  for (const key of ["title", "system", "presentState", "desirableFuture"] as const) {
    const value = changes[key];
    if (value !== undefined) next[key] = value;
  }
  if (changes.horizonYear !== undefined) next.horizonYear = changes.horizonYear;
  if (changes.otherFutures !== undefined) next.otherFutures = [...changes.otherFutures];
  for (const key of ["time", "values", "actors"] as const) {
    const value = changes.constraints?.[key];
    if (value !== undefined) next.constraints[key] = value;
  }
  if (changes.stakes !== undefined) next.stakes = withStakesChanges(setup.stakes, changes.stakes);
  return next;
}

/** Checks a changed setup like a new one, then keeps it. */
function replaceSetup(state: TableState, setup: TableSetup): Outcome {
  const checked = checkSetup(setup, cardsOf(state));
  if (!checked.ok) return checked;
  state.setup = checked.state;
  return accept(state);
}

/** The framing card, if any, goes back to the bottom of the challenge pile. */
function returnFramingCard(state: TableState): void {
  const previous = state.setup.framingChallengeId;
  if (previous !== null) state.piles.challenge.push(previous);
  state.setup.framingChallengeId = null;
}

/** The three-deck bundle of GET /api/tables/:id/deck.json, as opposed to a single deck file (which has "deck"). */
function isBundle(file: unknown): file is Partial<Record<DeckName, unknown>> {
  return typeof file === "object" && file !== null && !("deck" in file) && DECK_NAMES.some((deck) => deck in file);
}

export const PREPARATION_MOVES: MovesOf<PreparationMove> = {
  editSetup(state, _actor, { changes }) {
    return replaceSetup(state, withChanges(state.setup, changes));
  },

  chooseChallenge(state, _actor, { cardId, text }) {
    if (cardId === null) {
      const written = text.trim();
      if (!written) return refuse("setupChallengeRequired");
      if (written.length > LIMITS.setupTextLength) {
        return refuse("setupTextTooLong", { field: t("setupField.framingChallengeText"), max: LIMITS.setupTextLength });
      }
      returnFramingCard(state);
      state.setup.framingChallengeText = written;
      return accept(state);
    }
    const card = cardsOf(state)[cardId];
    if (!card || card.deck !== "challenge" || card.blank) return refuse("setupChallengeUnknown");
    if (cardId !== state.setup.framingChallengeId) {
      const inPile = state.piles.challenge.indexOf(cardId);
      if (inPile < 0) return refuse("challengeNotInPile");
      state.piles.challenge.splice(inPile, 1);
      returnFramingCard(state);
    }
    state.setup.framingChallengeId = cardId;
    state.setup.framingChallengeText = "";
    return accept(state);
  },

  drawChallenge(state) {
    const pile = state.piles.challenge;
    const at = pile.findIndex((id) => {
      const card = cardsOf(state)[id];
      return fitsThemes(card, state.setup.themesInPlay) && !card?.blank;
    });
    const drawn = pile[at];
    if (drawn === undefined) return refuse("noChallengeToDraw");
    pile.splice(at, 1);
    returnFramingCard(state);
    state.setup.framingChallengeId = drawn;
    state.setup.framingChallengeText = "";
    return accept(state);
  },

  chooseDecks(state, _actor, { decks, themes }) {
    return replaceSetup(state, {
      ...state.setup,
      decksInPlay: DECK_NAMES.filter((d) => decks.includes(d)),
      themesInPlay: themes,
    });
  },

  /**
   * A deck file in the cards/ format, or the bundle a table exports ({ challenge, lever, pitfall }): the cards this
   * table already holds (same id, same text) are skipped, so a table's deck can be carried to another table.
   */
  importDeck(state, _actor, { file, fileName }) {
    const name = fileName?.trim() || t("moderation.importedFile");
    const files = isBundle(file) ? DECK_NAMES.map((deck) => file[deck]).filter((f) => f !== undefined) : [file];
    const cards = { ...cardsOf(state) }; // the catalogue is shared between states: add to a copy, never to the record
    let added = 0;
    for (const deckFile of files) {
      const parsed = readDeckFile(name, deckFile);
      if (!parsed.ok) return parsed;
      const fresh = [];
      for (const card of parsed.state.cards) {
        const held = cards[card.id];
        if (held && held.deck === card.deck && held.title === card.title && held.text === card.text) continue;
        if (held) return refuse("deckCardIdTaken", { file: name, cardId: card.id });
        fresh.push(card);
      }
      for (const card of fresh) cards[card.id] = card;
      const ids = shuffle(
        fresh.map((card) => card.id),
        `${state.id}:${nextNumber(state)}:${parsed.state.deck}`,
      );
      state.piles[parsed.state.deck].push(...ids);
      added += fresh.length;
    }
    if (added === 0) return refuse("deckNothingNew", { file: name });
    state.cards = cards;
    return accept(state);
  },

  suggest(state, actor, { field, text }, ctx) {
    const idea = text.trim();
    if (!idea) return refuse("suggestionEmpty");
    if (idea.length > LIMITS.setupTextLength) return refuse("suggestionTooLong", { max: LIMITS.setupTextLength });
    if (state.suggestions.length >= LIMITS.suggestions)
      return refuse("tooManySuggestions", { max: LIMITS.suggestions });
    const suggestion: Suggestion = {
      id: `suggestion-${nextNumber(state)}`,
      authorId: actor.id,
      field,
      text: idea,
      at: ctx.now,
    };
    state.suggestions.push(suggestion);
    return accept(state);
  },

  acceptSuggestion(state, _actor, { suggestionId }) {
    const suggestion = state.suggestions.find((s) => s.id === suggestionId);
    if (!suggestion) return refuse("suggestionNotFound");
    state.suggestions = state.suggestions.filter((s) => s.id !== suggestionId);
    if (suggestion.field === "framingChallengeText") {
      returnFramingCard(state);
      state.setup.framingChallengeText = suggestion.text;
      return accept(state);
    }
    return replaceSetup(state, withSuggestion(state.setup, suggestion));
  },

  dismissSuggestion(state, _actor, { suggestionId }) {
    if (!state.suggestions.some((s) => s.id === suggestionId)) return refuse("suggestionNotFound");
    state.suggestions = state.suggestions.filter((s) => s.id !== suggestionId);
    return accept(state);
  },
};

/** The deck file checked by the same loader as cards/: its message names the file, the card and the field at fault. */
function readDeckFile(name: string, file: unknown): Outcome<DeckFile> {
  try {
    return accept(parseDeckFile(name, file));
  } catch (error) {
    return refuse("deckFileInvalid", { message: (error as Error).message });
  }
}

/** A future joins the others; a constraint fills an empty one or adds a line; any other field is replaced. */
function withSuggestion(setup: TableSetup, { field, text }: Suggestion): TableSetup {
  if (field === "desirableFuture") {
    return setup.desirableFuture
      ? { ...setup, otherFutures: [...setup.otherFutures, text] }
      : { ...setup, desirableFuture: text };
  }
  const constraint = CONSTRAINT_OF[field];
  if (constraint) {
    const old = setup.constraints[constraint];
    return { ...setup, constraints: { ...setup.constraints, [constraint]: old ? `${old}\n${text}` : text } };
  }
  return { ...setup, [field]: text };
}
