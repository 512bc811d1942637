// Who sees what: the public projection of a table, and the private hand of one participant. Their shapes are
// declared once in shared/synced.ts; a field it gains and publicTable does not fill fails to compile here.
import type { Contribution, Participant, Step, TableCard, TableState, Timer } from "./model.ts";
import type { Public, Seen, Synced } from "./fields.ts";
import type { ANNOUNCEMENT, CARD, CONTRIBUTION, PARTICIPANT, STEP, SUGGESTION, TABLE, TIMER } from "./synced.ts";
import { cardLabel, cardName, cardThemes } from "#cards/reading.ts";
import { hasWon } from "./rules/won.ts";
import { stakesOf } from "./stakes.ts";

/** A card as shown (shared/synced.ts CARD). */
export type CardFace = Public<typeof CARD>;
/** A card in my hand: dealt by the facilitator (a pitfall I must play), or drawn. */
export type HandCard = CardFace & Required<Pick<Synced<typeof CARD>, "dealt">>;
export type ParticipantView = Public<typeof PARTICIPANT>;
export type ContributionView = Public<typeof CONTRIBUTION>;
export type StepView = Public<typeof STEP>;
export type SuggestionView = Public<typeof SUGGESTION>;
export type AnnouncementView = Public<typeof ANNOUNCEMENT>;
/** A timer as the rules give it, with the server's clock when the room has added it (net/types.ts). */
export type TimerView = Public<typeof TIMER> & Partial<Seen<typeof TIMER>>;
/** Everything anyone at the table may see; the synced state adds presence, hands and the room's clock. */
export type PublicTable = Public<typeof TABLE>;

/**
 * Views of parts of the table the rules never change in place (they come out of the rules frozen: Immer, rules/index.ts),
 * kept by the part they show: an unchanged step is the same view object as before, so the room's projection skips it
 * (server/room/projection.ts). A part that is not frozen (built by hand) gets a new view each time.
 */
const faces = new WeakMap<TableCard, CardFace>();
const steps = new WeakMap<Step, { card: TableCard | undefined; view: StepView }>();
const people = new WeakMap<Participant, ParticipantView>();
const contributions = new WeakMap<Contribution, ContributionView>();

/** The view kept for this part when it is frozen (made once, then the same object); a new one otherwise. */
function kept<S extends object, V extends object>(views: WeakMap<S, V>, part: S, make: (part: S) => V): V {
  const known = views.get(part);
  if (known) return known;
  const view = make(part);
  if (Object.isFrozen(part)) views.set(part, Object.freeze(view));
  return view;
}

export function cardFace(card: TableCard): CardFace {
  return kept(faces, card, newCardFace);
}

function newCardFace(card: TableCard): CardFace {
  return {
    id: card.id,
    deck: card.deck,
    title: cardName(card),
    label: cardLabel(card),
    text: card.text,
    kitText: card.kitText !== undefined && card.kitText !== card.text ? card.kitText : "",
    themes: cardThemes(card),
    themeByApp: card.themeByApp ?? false,
    keywords: card.keywords ?? [],
    examples: card.examples ?? [],
    environment: card.environment?.text ?? "",
    blank: card.blank ?? false,
    source: card.source,
    kitPart: card.kit?.part ?? "",
    kitChapter: card.kit?.chapter ?? "",
    kitLine: card.kit?.line ?? 0,
    license: card.kit?.license ?? "",
    writtenBy: card.writtenBy ?? "",
  };
}

function faceOf(state: TableState, cardId: string): CardFace {
  const card = state.cards[cardId];
  if (!card) throw new Error(`card ${cardId} is not in this table's decks`);
  return cardFace(card);
}

/** Everything anyone at the table may see: no hand, only how many cards each one holds. */
export function publicTable(state: TableState): PublicTable {
  const { setup } = state;
  return {
    id: state.id,
    phase: state.phase,
    title: setup.title,
    system: setup.system,
    presentState: setup.presentState,
    horizonYear: setup.horizonYear,
    desirableFuture: setup.desirableFuture,
    otherFutures: [...setup.otherFutures],
    constraints: { ...setup.constraints },
    stakes: stakesOf(setup),
    decksInPlay: [...setup.decksInPlay],
    themesInPlay: [...setup.themesInPlay],
    framingChallenge: setup.framingChallengeId ? faceOf(state, setup.framingChallengeId) : null,
    framingChallengeText: setup.framingChallengeText,
    participants: state.participants.map(participantView),
    path: state.path.map((s) => stepView(state, s)),
    piles: {
      challenge: state.piles.challenge.length,
      lever: state.piles.lever.length,
      pitfall: state.piles.pitfall.length,
    },
    discardCount: state.discard.length,
    locked: state.locked,
    turns: { mode: state.turns.mode, order: [...state.turns.order], current: state.turns.current },
    timer: state.timer ? timerView(state.timer) : null,
    suggestions: state.suggestions.map((s) => ({
      id: s.id,
      authorId: s.authorId,
      field: s.field,
      text: s.text,
      at: s.at,
    })),
    won: hasWon(state),
    announcement: state.announcement ? { text: state.announcement.text, at: state.announcement.at } : null,
    publicationId: state.publication?.id ?? "",
  };
}

function participantView(participant: Participant): ParticipantView {
  return kept(people, participant, newParticipantView);
}

function newParticipantView(p: Participant): ParticipantView {
  return {
    id: p.id,
    name: p.name,
    role: p.role,
    zone: p.zone ?? "",
    facilitator: p.facilitator,
    handCount: p.hand.length,
    joinedAt: p.joinedAt,
    removed: p.removed,
    movedTo: p.movedTo ?? "",
    debrief: p.debrief,
    namedInPublication: p.namedInPublication ?? false,
    commitment: p.commitment ?? "",
  };
}

function stepView(state: TableState, step: Step): StepView {
  const card = state.cards[step.cardId];
  const known = steps.get(step);
  // A blank card written at the table is another record under the same id: the step shows the new one.
  if (known && known.card === card) return known.view;
  const view = newStepView(state, step);
  if (Object.isFrozen(step) && card && Object.isFrozen(card)) steps.set(step, { card, view: Object.freeze(view) });
  return view;
}

function newStepView(state: TableState, step: Step): StepView {
  return {
    id: step.id,
    card: faceOf(state, step.cardId),
    placedBy: step.placedBy,
    placedAt: step.placedAt,
    authorRole: step.authorRole ?? "",
    narration: step.narration,
    narratedAt: step.narratedAt ?? 0,
    dealt: step.dealt,
    open: step.open,
    contributions: step.contributions.map(contributionView),
    plausible: [...step.reactions.plausible],
    desirable: [...step.reactions.desirable],
  };
}

function contributionView(contribution: Contribution): ContributionView {
  return kept(contributions, contribution, newContributionView);
}

function newContributionView(c: Contribution): ContributionView {
  return {
    id: c.id,
    authorId: c.authorId,
    kind: c.kind,
    text: c.text,
    at: c.at,
    authorRole: c.authorRole ?? "",
  };
}

function timerView(timer: Timer): TimerView {
  return {
    label: timer.label,
    durationMs: timer.durationMs,
    remainingMs: timer.remainingMs,
    runningSince: timer.runningSince ?? 0,
  };
}

/** The cards one participant holds: for their eyes only. */
export function handOf(state: TableState, participantId: string): HandCard[] {
  const p = state.participants.find((x) => x.id === participantId);
  return p ? p.hand.map((id) => ({ ...faceOf(state, id), dealt: state.dealtCards.includes(id) })) : [];
}
