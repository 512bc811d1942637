// Who sees what: the public projection of a table, and the private hand of one participant.
import type { Card, DeckName, Phase, TableState } from "./model.ts";

export interface CardFace {
  id: string;
  deck: DeckName;
  title: string;
  text: string;
  theme: string;
  keywords: string[];
  examples: string[];
  blank: boolean;
  source: string;
}

export interface ParticipantView {
  id: string;
  name: string;
  role: string;
  facilitator: boolean;
  handCount: number;
  joinedAt: number;
}

export interface StepView {
  id: string;
  card: CardFace;
  placedBy: string;
  placedAt: number;
  narration: string;
  /** 0 until narrated. */
  narratedAt: number;
}

export interface PublicTable {
  id: string;
  phase: Phase;
  title: string;
  system: string;
  presentState: string;
  horizonYear: number;
  desirableFuture: string;
  framingChallenge: CardFace | null;
  framingChallengeText: string;
  participants: ParticipantView[];
  path: StepView[];
  piles: Record<DeckName, number>;
  discardCount: number;
}

export function cardFace(card: Card): CardFace {
  return {
    id: card.id,
    deck: card.deck,
    title: card.title,
    text: card.text,
    theme: card.theme ?? "",
    keywords: card.keywords ?? [],
    examples: card.examples ?? [],
    blank: card.blank ?? false,
    source: card.source,
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
    framingChallenge: setup.framingChallengeId ? faceOf(state, setup.framingChallengeId) : null,
    framingChallengeText: setup.framingChallengeText,
    participants: state.participants.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      facilitator: p.facilitator,
      handCount: p.hand.length,
      joinedAt: p.joinedAt,
    })),
    path: state.path.map((s) => ({
      id: s.id,
      card: faceOf(state, s.cardId),
      placedBy: s.placedBy,
      placedAt: s.placedAt,
      narration: s.narration,
      narratedAt: s.narratedAt ?? 0,
    })),
    piles: { challenge: state.piles.challenge.length, lever: state.piles.lever.length, pitfall: state.piles.pitfall.length },
    discardCount: state.discard.length,
  };
}

/** The cards one participant holds: for their eyes only. */
export function handOf(state: TableState, participantId: string): CardFace[] {
  const p = state.participants.find((x) => x.id === participantId);
  return p ? p.hand.map((id) => faceOf(state, id)) : [];
}
