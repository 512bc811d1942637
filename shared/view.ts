// Who sees what: the public projection of a table, and the private hand of one participant.
import type { ActorZone, Announcement, Contribution, DeckName, Phase, SetupConstraints, SetupStakes, Step, Suggestion, TableCard, TableState, Timer, Turns } from "./model.ts";
import { cardLabel, cardName, cardThemes } from "#cards/reading.ts";
import { hasWon } from "./rules/won.ts";
import { stakesOf } from "./stakes.ts";

export interface CardFace {
  id: string;
  deck: DeckName;
  /** What the card is called (cards/reading.ts): a deck challenge's question, a lever's or a pitfall's name… */
  title: string;
  /** A short label we added to a challenge, shown as ours; "" when none. */
  label: string;
  text: string;
  /** The kit's own words when the card's text changed them (cards/CHANGES.md); "" when the same or not from the kit. */
  kitText: string;
  themes: string[];
  /** The kit gives this challenge no theme: its themes are the game's choice. */
  themeByApp: boolean;
  keywords: string[];
  examples: string[];
  /** A lever: the kit's line applying it to the environment; "" otherwise. */
  environment: string;
  blank: boolean;
  source: string;
  /** Where the card's words are in the kit ("" and 0 for cards written at a table or from other decks), and their licence. */
  kitPart: string;
  kitChapter: string;
  kitLine: number;
  license: string;
  /** Participant id of whoever wrote this card at this table; "" for the kit's cards and imported decks. */
  writtenBy: string;
}

export interface ParticipantView {
  id: string;
  name: string;
  /** Their role now (changing hats changes it; each step and contribution keeps the role of its time). */
  role: string;
  /** Where they stand on the kit's actor map; "" when they said nowhere. */
  zone: ActorZone | "";
  facilitator: boolean;
  handCount: number;
  joinedAt: number;
  removed: boolean;
  /** The name of the workshop's table they were moved to (then also removed here); "" for everyone else. */
  movedTo: string;
  /** Public: the debrief is part of the story. "" until written. */
  debrief: string;
  /** They agreed, at the closed table, that their name appears in the published story (shared/story/published.ts). */
  namedInPublication: boolean;
  /** « Je m'engage à… », written with the debrief; "" until written. */
  commitment: string;
}

export interface StepView {
  id: string;
  card: CardFace;
  placedBy: string;
  placedAt: number;
  /** The placer's role when they placed and told it; "" in tables older than changing hats (then their role now). */
  authorRole: string;
  narration: string;
  /** 0 until narrated. */
  narratedAt: number;
  dealt: boolean;
  /** A dealt pitfall nobody has answered yet. */
  open: boolean;
  contributions: Contribution[];
  /** Participant ids who find this step plausible / desirable. */
  plausible: string[];
  desirable: string[];
}

/** A card in my hand: dealt by the facilitator (a pitfall I must play), or drawn. */
export interface HandCard extends CardFace {
  dealt: boolean;
}

export interface TimerView {
  label: string;
  durationMs: number;
  remainingMs: number;
  /** Server time (ms) when it was last started; 0 while paused. */
  runningSince: number;
  /** The server's clock when the timer last changed or this browser arrived (set by the server's projection). */
  serverNow?: number;
}

export interface PublicTable {
  id: string;
  phase: Phase;
  title: string;
  system: string;
  presentState: string;
  horizonYear: number;
  desirableFuture: string;
  otherFutures: string[];
  constraints: SetupConstraints;
  /** What is at stake (the kit's « enjeux », objectives, quick wins, indicators); empty fields when none. */
  stakes: SetupStakes;
  decksInPlay: DeckName[];
  themesInPlay: string[];
  framingChallenge: CardFace | null;
  framingChallengeText: string;
  participants: ParticipantView[];
  path: StepView[];
  piles: Record<DeckName, number>;
  discardCount: number;
  locked: boolean;
  turns: Turns;
  timer: TimerView | null;
  suggestions: Suggestion[];
  /** Every participant (not removed, not facilitating) has written their debrief: the table has won. */
  won: boolean;
  /** The facilitation's message, shown on every screen of the table until cleared or replaced. */
  announcement: Announcement | null;
  /**
   * The id of the published story's public address (publicStoryPath), "" when not published. Everyone at the table sees
   * it: the page is public, and each person may want to read what is published under their name.
   */
  publicationId: string;
}

export function cardFace(card: TableCard): CardFace {
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
    participants: state.participants.map((p) => ({
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
    })),
    path: state.path.map((s) => stepView(state, s)),
    piles: { challenge: state.piles.challenge.length, lever: state.piles.lever.length, pitfall: state.piles.pitfall.length },
    discardCount: state.discard.length,
    locked: state.locked,
    turns: { mode: state.turns.mode, order: [...state.turns.order], current: state.turns.current },
    timer: state.timer ? timerView(state.timer) : null,
    suggestions: state.suggestions.map((s) => ({ ...s })),
    won: hasWon(state),
    announcement: state.announcement ? { ...state.announcement } : null,
    publicationId: state.publication?.id ?? "",
  };
}

function stepView(state: TableState, step: Step): StepView {
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
    contributions: step.contributions.map((c) => ({ ...c })),
    plausible: [...step.reactions.plausible],
    desirable: [...step.reactions.desirable],
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
