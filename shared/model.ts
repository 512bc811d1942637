// The game's plain data: what a table is, who sits at it, what lies on the path. No I/O.
import type { Card, DeckName } from "../cards/schema.ts";

export type { Card, DeckName };

export const PHASES = ["preparation", "play", "closed"] as const;
export type Phase = (typeof PHASES)[number];

/** Limits a person can hit; each one has its own refusal message. */
export const LIMITS = {
  nameLength: 40,
  roleLength: 60,
  titleLength: 120,
  setupTextLength: 2000,
  narrationLength: 4000,
  handSize: 5,
  participants: 40,
  minHorizonYear: 2025,
  maxHorizonYear: 2200,
} as const;

/** What the facilitator writes when opening a table. */
export interface TableSetup {
  title: string;
  system: string;
  presentState: string;
  horizonYear: number;
  desirableFuture: string;
  /** Id of a challenge card from the deck, or null when written by hand. */
  framingChallengeId: string | null;
  /** The framing challenge written by hand (empty when a card was chosen). */
  framingChallengeText: string;
}

export interface Participant {
  id: string;
  name: string;
  /** Who they are in the system: élu·e, habitant·e, entreprise… */
  role: string;
  facilitator: boolean;
  /** Card ids, in the order drawn. Private: only this participant sees them. */
  hand: string[];
  joinedAt: number;
}

export interface Step {
  id: string;
  cardId: string;
  placedBy: string;
  placedAt: number;
  /** The placer's own narration of what happens at this step. */
  narration: string;
  narratedAt: number | null;
}

export interface TableState {
  id: string;
  createdAt: number;
  setup: TableSetup;
  phase: Phase;
  /** In order of arrival. */
  participants: Participant[];
  /** Draw piles, top of the pile first. */
  piles: Record<DeckName, string[]>;
  discard: string[];
  /** From Aujourd'hui (first) to the horizon (last). */
  path: Step[];
  /** Steps the facilitator took off the path: out of the story, but kept. */
  removedSteps: Step[];
  nextStepNumber: number;
  /** Every card this table can show, by id (the decks in play). */
  cards: Record<string, Card>;
}

/** Who is acting and when; the server fills it in, never the client. */
export interface ActionContext {
  actorId: string;
  now: number;
}

export type Action =
  | { type: "draw"; deck: DeckName }
  | { type: "place"; cardId: string; afterStepId: string | null }
  | { type: "narrate"; stepId: string; text: string }
  | { type: "discard"; cardId: string }
  | { type: "startPlay" }
  | { type: "removeStep"; stepId: string }
  | { type: "closeStory" };

export type ActionType = Action["type"];

export interface JoinRequest {
  name: string;
  role: string;
  facilitator: boolean;
}
