// The game's plain data: what a table is, who sits at it, what lies on the path. No I/O.
import type { Card, DeckName } from "#cards/schema.ts";

export type { Card, DeckName };

/** Préparation → Jeu → Débrief → Récit terminé; the facilitator moves forward and may go back. */
export const PHASES = ["preparation", "play", "debrief", "closed"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The four zones of the kit's actor map (« Identifier : Quels acteurs ? »): digital, environment and sustainable
 * development, the territory's decision-makers, civil society. Where someone says they stand when they sit down.
 */
export const ACTOR_ZONES = ["digital", "environment", "decisionMakers", "civilSociety"] as const;
export type ActorZone = (typeof ACTOR_ZONES)[number];

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
  futures: 6,
  contributionLength: 2000,
  debriefLength: 4000,
  suggestions: 100,
  timerMinutes: 240,
  customCardTitle: 120,
  customCardText: 2000,
  /** Objectives, quick wins, success indicators: « un petit nombre » each (the kit). */
  stakeItems: 6,
  stakeItemLength: 500,
  commitmentLength: 1000,
} as const;

export interface SetupConstraints {
  /** Time: the horizon's steps, deadlines… */
  time: string;
  /** Values the story must respect. */
  values: string;
  /** Which kinds of actors take part. */
  actors: string;
}

/** 1 is what matters most: the kit asks to rank the objectives (« les hiérarchiser : ce qui est le plus important »). */
export const PRIORITIES = [1, 2, 3] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Objective {
  text: string;
  priority: Priority;
}

/** What is at stake, kept as the kit asks a group to keep it before acting (Kit AgirLocal, lines 1238–1245). */
export interface SetupStakes {
  /** « Les enjeux, ce qui se passe si on ne fait rien ». */
  ifNothing: string;
  /** In the order written; each with its priority. */
  objectives: Objective[];
  /** « Les "petites victoires" »: what can be reached sooner. */
  quickWins: string[];
  /** « Nous aurons réussi si, dans xx années… ». */
  indicators: string[];
}

/** What the facilitator writes when opening a table. */
export interface TableSetup {
  title: string;
  system: string;
  presentState: string;
  horizonYear: number;
  /** The first desirable future… */
  desirableFuture: string;
  /** …and the others, when the group imagines several. */
  otherFutures: string[];
  constraints: SetupConstraints;
  /** Decks participants may draw from (all three by default). */
  decksInPlay: DeckName[];
  /** Challenge themes in play; empty means every theme. */
  themesInPlay: string[];
  /** Id of a challenge card from the deck, or null when written by hand. */
  framingChallengeId: string | null;
  /** The framing challenge written by hand (empty when a card was chosen). */
  framingChallengeText: string;
  /** Absent while nothing is written (and in every table stored before the stakes existed). */
  stakes?: SetupStakes;
}

export interface Participant {
  id: string;
  name: string;
  /** Who they are in the system: élu·e, habitant·e, entreprise… (now: changeRole changes it during play). */
  role: string;
  /** Where they stand on the kit's actor map; absent for a facilitator who skipped it and in logs written before it. */
  zone?: ActorZone;
  facilitator: boolean;
  /** Card ids, in the order drawn. Private: only this participant sees them. */
  hand: string[];
  joinedAt: number;
  /** Taken off the table by a facilitator: keeps authorship of what they wrote, can no longer act. */
  removed: boolean;
  /** Debrief: where I stand in the desirable future and how I act in this transition. */
  debrief: string;
  debriefAt: number | null;
  /** Debrief: « Je m'engage à… », what I commit to. Absent until written (and in every table stored before). */
  commitment?: string;
  /**
   * The workshop facilitator moved them to another table of the workshop (its name): they are `removed` here like
   * anyone taken off the table, and shown as gone there rather than as removed. Absent for everyone else.
   */
  movedTo?: string;
  /**
   * Said at the closed table: whether their name may appear in the published story (« Participant·e N » otherwise).
   * Theirs alone to give or take back; absent (no) until they say so, and in every table stored before publishing.
   */
  namedInPublication?: boolean;
}

/** "Oui, et…" under a step, or the answer to an open pitfall. */
export interface Contribution {
  id: string;
  authorId: string;
  kind: "yesAnd" | "answer";
  text: string;
  at: number;
  /** The author's role when they wrote it (a hat changed later does not rewrite it); absent in older tables. */
  authorRole?: string;
}

export type Reaction = "plausible" | "desirable";

/** A message of the facilitation shown on every screen of the table until cleared or replaced (a workshop's, or this table's). */
export interface Announcement {
  text: string;
  /** When it was written (ms, server clock): a new one is told to screen readers again. */
  at: number;
}

/** An idea a participant suggests for the setup; the facilitator accepts it (it goes into the setup) or dismisses it. */
export type SuggestField =
  | "system"
  | "presentState"
  | "desirableFuture"
  | "constraintTime"
  | "constraintValues"
  | "constraintActors"
  | "framingChallengeText";

export interface Suggestion {
  id: string;
  authorId: string;
  field: SuggestField;
  text: string;
  at: number;
}

export interface Timer {
  label: string;
  durationMs: number;
  /** Time left when last started or paused. */
  remainingMs: number;
  /** When it was (re)started; null while paused. Time left now = remainingMs − (now − runningSince). */
  runningSince: number | null;
}

export interface Turns {
  mode: "free" | "turns";
  /** Participant ids in turn order (facilitators are not in it). */
  order: string[];
  /** Whose turn it is, in turns mode. */
  current: string | null;
}

/** What a facilitator changed or took out, kept so the story's history is never silently rewritten. */
export interface ModerationRecord {
  at: number;
  by: string;
  action:
    | "editStep"
    | "removeStep"
    | "moveStep"
    | "editContribution"
    | "removeContribution"
    | "removeParticipant"
    | "moveAway"
    | "undo";
  target: string;
  /** The text as it was before, for edits and removals. */
  before: string;
}

/** A card of this table: from the kit, from an imported deck, or written at this table (writtenBy). */
export interface TableCard extends Card {
  writtenBy?: string;
}

export interface Step {
  id: string;
  cardId: string;
  placedBy: string;
  placedAt: number;
  /** The placer's role when they placed and told it (a hat changed later does not rewrite it); absent in older tables. */
  authorRole?: string;
  /** The placer's own narration of what happens at this step. */
  narration: string;
  narratedAt: number | null;
  /** A pitfall dealt by the facilitator, open until someone tells how the story meets it. */
  dealt: boolean;
  open: boolean;
  contributions: Contribution[];
  reactions: Record<Reaction, string[]>;
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
  /** Every card this table can show, by id (the decks in play). Shared between states: add by copying the record. */
  cards: Record<string, TableCard>;
  /** Counter for ids of contributions, suggestions and written cards. */
  nextId: number;
  /** No new arrivals (people already seated still come back). */
  locked: boolean;
  turns: Turns;
  timer: Timer | null;
  suggestions: Suggestion[];
  /** Pitfall cards dealt into a hand: placing one opens a step that must be answered. */
  dealtCards: string[];
  moderationLog: ModerationRecord[];
  /** The facilitation's message on every screen; absent when none (and in every table stored before workshops). */
  announcement?: Announcement;
  /** The closed story published at a public read-only address; absent when not published (the default). */
  publication?: Publication;
}

/** A publication of the story: its address's id, drawn by the server for each publication (never reused). */
export interface Publication {
  /** 192 random bits (server/secrets.ts): the public page is /recit/<id>, unguessable. */
  id: string;
  at: number;
}

/** Who is acting and when; the server fills it in, never the client. */
export interface ActionContext {
  actorId: string;
  now: number;
}

/** Text fields of the setup the facilitator edits during preparation (all optional: only what changes). */
export interface SetupChanges {
  title?: string;
  system?: string;
  presentState?: string;
  horizonYear?: number;
  desirableFuture?: string;
  otherFutures?: string[];
  constraints?: Partial<SetupConstraints>;
  /** Each list or text given replaces the one held. */
  stakes?: Partial<SetupStakes>;
}

export type Action =
  // Preparation
  | { type: "editSetup"; changes: SetupChanges }
  | { type: "chooseChallenge"; cardId: string | null; text: string }
  | { type: "drawChallenge" }
  | { type: "chooseDecks"; decks: DeckName[]; themes: string[] }
  | { type: "importDeck"; file: unknown; /** The file's name, to name it in error messages. */ fileName?: string }
  | { type: "suggest"; field: SuggestField; text: string }
  | { type: "acceptSuggestion"; suggestionId: string }
  | { type: "dismissSuggestion"; suggestionId: string }
  // Phases
  | { type: "setPhase"; phase: Phase }
  | { type: "startPlay" }
  | { type: "closeStory" }
  // Play
  | { type: "draw"; deck: DeckName }
  | { type: "place"; cardId: string; afterStepId: string | null }
  | { type: "narrate"; stepId: string; text: string }
  | { type: "discard"; cardId: string }
  | { type: "writeCard"; deck: DeckName; title: string; text: string }
  /** Writes a blank card (« Défi à écrire », « Écueil à écrire ») in my hand, or on the path (its placer or a facilitator). */
  | { type: "writeBlank"; cardId: string; title: string; text: string }
  | { type: "contribute"; stepId: string; kind: Contribution["kind"]; text: string }
  | { type: "react"; stepId: string; reaction: Reaction }
  | { type: "setTurnMode"; mode: Turns["mode"] }
  | { type: "passTurn" }
  | { type: "skipTurn" }
  | { type: "reorderTurns"; order: string[] }
  | { type: "startTimer"; minutes: number; label: string }
  | { type: "pauseTimer" }
  | { type: "resumeTimer" }
  | { type: "extendTimer"; minutes: number }
  | { type: "clearTimer" }
  /** title and text write the pitfall when the one drawn is blank: required to deal a blank onto the path. */
  | { type: "dealPitfall"; to: string | null; afterStepId: string | null; title?: string; text?: string }
  /** Changing hats: my role in my own words, and where I now stand on the actor map (absent: unchanged). */
  | { type: "changeRole"; role: string; zone?: ActorZone }
  // Debrief
  /** commitment: « Je m'engage à… » ("" clears it); left out (older logs), the one held stays. */
  | { type: "writeDebrief"; text: string; commitment?: string }
  // Moderation
  | { type: "editStep"; stepId: string; narration: string }
  | { type: "removeStep"; stepId: string }
  | { type: "moveStep"; stepId: string; afterStepId: string | null }
  | { type: "editContribution"; stepId: string; contributionId: string; text: string }
  | { type: "removeContribution"; stepId: string; contributionId: string }
  | { type: "undo" }
  | { type: "lockTable"; locked: boolean }
  | { type: "removeParticipant"; participantId: string }
  | { type: "setFacilitator"; participantId: string; facilitator: boolean }
  | { type: "handOver"; participantId: string }
  // Facilitation, also by a workshop's facilitator for every table at once: a message on every screen ("" clears it);
  // before play, someone moved to another table of the workshop (the workshop's facilitator only).
  | { type: "announce"; text: string }
  | { type: "moveAway"; participantId: string; toTableName: string }
  // Anonymisation (GDPR): the actor themself, or, by a facilitator, someone who asked them (gone, removed, no device)
  | { type: "anonymise" }
  | { type: "anonymiseParticipant"; participantId: string }
  // Publishing the closed story (the facilitator), and each person's say on their name in it. The address's id is drawn
  // by the server and written into the action before the rules see it (server/room/drawn.ts): a browser never chooses it.
  | { type: "publish"; publicId: string }
  | { type: "unpublish" }
  | { type: "nameInPublication"; named: boolean };

export type ActionType = Action["type"];

export interface JoinRequest {
  name: string;
  role: string;
  facilitator: boolean;
  /**
   * Where they stand on the kit's actor map: the join form asks it of participants, not of facilitators. The server takes
   * an arrival without one (older logs, people seated over the protocol by scripts): the balance shows them « sans zone ».
   */
  zone?: ActorZone;
}
