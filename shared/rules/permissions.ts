// Who may do what, in which phase: tables of data, read by the rules (to refuse) and by the UI (to offer).
import type { MessageKey } from "../i18n/translate.ts";
import type { ActionType, Phase } from "../model.ts";

/**
 * facilitator: seated with the facilitator secret (or made co-facilitator); anyone: any seated person not removed;
 * workshop: only the workshop facilitator acting from the overview (WORKSHOP_ACTOR_ID, shared/workshop.ts), no one seated.
 */
export type Who = "facilitator" | "anyone" | "workshop";

export interface ActionRule {
  /** Phases in which the action is possible. */
  phases: readonly Phase[];
  who: Who;
  /** In turns mode, only the person whose turn it is may do it (facilitators never have turns). */
  onTurn?: boolean;
  /**
   * The workshop facilitator may also do it to every table at once from the overview, as WORKSHOP_ACTOR_ID: they sit at
   * no table, so only what a facilitator does to the whole room (a message, a timer, the phases, arrivals).
   */
  workshop?: true;
}

const PREPARATION: readonly Phase[] = ["preparation"];
const PLAY: readonly Phase[] = ["play"];
const PLAY_AND_DEBRIEF: readonly Phase[] = ["play", "debrief"];
const OPEN: readonly Phase[] = ["preparation", "play", "debrief"];
const ALL: readonly Phase[] = ["preparation", "play", "debrief", "closed"];

export const ACTION_RULES: Record<ActionType, ActionRule> = {
  // Preparation, with the group: the facilitator writes, participants suggest.
  editSetup: { phases: PREPARATION, who: "facilitator" },
  chooseChallenge: { phases: PREPARATION, who: "facilitator" },
  drawChallenge: { phases: PREPARATION, who: "facilitator" },
  chooseDecks: { phases: PREPARATION, who: "facilitator" },
  importDeck: { phases: PREPARATION, who: "facilitator" },
  suggest: { phases: PREPARATION, who: "anyone" },
  acceptSuggestion: { phases: PREPARATION, who: "facilitator" },
  dismissSuggestion: { phases: PREPARATION, who: "facilitator" },
  // Phases: forward and back, by the facilitator.
  setPhase: { phases: ALL, who: "facilitator", workshop: true },
  startPlay: { phases: PREPARATION, who: "facilitator", workshop: true },
  closeStory: { phases: ["play", "debrief"], who: "facilitator", workshop: true },
  // Play.
  draw: { phases: PLAY, who: "anyone", onTurn: true },
  place: { phases: PLAY, who: "anyone", onTurn: true },
  narrate: { phases: PLAY_AND_DEBRIEF, who: "anyone" },
  discard: { phases: PLAY, who: "anyone", onTurn: true },
  writeCard: { phases: PLAY, who: "anyone" },
  // A blank in my hand (before placing it), or one already on the path (its placer or a facilitator): the debrief may
  // still fix a story that holds an « Écueil à écrire ».
  writeBlank: { phases: PLAY_AND_DEBRIEF, who: "anyone" },
  contribute: { phases: PLAY_AND_DEBRIEF, who: "anyone" },
  react: { phases: PLAY_AND_DEBRIEF, who: "anyone" },
  passTurn: { phases: PLAY, who: "anyone", onTurn: true },
  setTurnMode: { phases: PLAY, who: "facilitator" },
  skipTurn: { phases: PLAY, who: "facilitator" },
  reorderTurns: { phases: PLAY, who: "facilitator" },
  startTimer: { phases: OPEN, who: "facilitator", workshop: true },
  pauseTimer: { phases: OPEN, who: "facilitator", workshop: true },
  resumeTimer: { phases: OPEN, who: "facilitator", workshop: true },
  extendTimer: { phases: OPEN, who: "facilitator", workshop: true },
  clearTimer: { phases: ALL, who: "facilitator", workshop: true },
  dealPitfall: { phases: PLAY, who: "facilitator" },
  // Changing hats (the kit invites speaking as a citizen at times): one's own role, during play and its debrief.
  changeRole: { phases: PLAY_AND_DEBRIEF, who: "anyone" },
  // Debrief.
  writeDebrief: { phases: ["debrief"], who: "anyone" },
  // Moderation.
  editStep: { phases: PLAY_AND_DEBRIEF, who: "facilitator" },
  removeStep: { phases: PLAY_AND_DEBRIEF, who: "facilitator" },
  moveStep: { phases: PLAY_AND_DEBRIEF, who: "facilitator" },
  editContribution: { phases: PLAY_AND_DEBRIEF, who: "facilitator" },
  removeContribution: { phases: PLAY_AND_DEBRIEF, who: "facilitator" },
  undo: { phases: OPEN, who: "facilitator" },
  lockTable: { phases: ALL, who: "facilitator", workshop: true },
  removeParticipant: { phases: OPEN, who: "facilitator" },
  setFacilitator: { phases: ALL, who: "facilitator" },
  handOver: { phases: ALL, who: "facilitator" },
  // Anonymisation: a right that outlives the story, so every phase, the closed story included. A facilitator may do it
  // for someone who asks them and can no longer do it themself (removed, gone, their device lost).
  anonymise: { phases: ALL, who: "anyone" },
  anonymiseParticipant: { phases: ALL, who: "facilitator" },
  // Facilitation of a workshop: a message on every screen (a table's own facilitator too), and, before play, someone
  // moved to another table of the workshop (the workshop facilitator only: they alone see every table).
  announce: { phases: ALL, who: "facilitator", workshop: true },
  moveAway: { phases: PREPARATION, who: "workshop" },
  // Publishing: only a closed story, by its facilitator; each person (facilitators too) says whether their name may
  // appear in it, at the closed table, and may change their mind there.
  publish: { phases: ["closed"], who: "facilitator" },
  unpublish: { phases: ["closed"], who: "facilitator" },
  nameInPublication: { phases: ["closed"], who: "anyone" },
};

/** Phases in which newcomers may take a seat (unless the table is locked). */
export const JOIN_PHASES: readonly Phase[] = ["preparation", "play", "debrief"];

/** The order of phases, for "next" and "previous". */
export const PHASE_ORDER: readonly Phase[] = ["preparation", "play", "debrief", "closed"];

/** What each phase asks of each person: keys into fr.ts `phaseGuide.<phase>.<facilitator|participant|observer>`. */
export const PHASE_GUIDE: Record<Phase, { facilitator: MessageKey; participant: MessageKey; observer: MessageKey }> = {
  preparation: {
    facilitator: "phaseGuide.preparation.facilitator",
    participant: "phaseGuide.preparation.participant",
    observer: "phaseGuide.preparation.observer",
  },
  play: {
    facilitator: "phaseGuide.play.facilitator",
    participant: "phaseGuide.play.participant",
    observer: "phaseGuide.play.observer",
  },
  debrief: {
    facilitator: "phaseGuide.debrief.facilitator",
    participant: "phaseGuide.debrief.participant",
    observer: "phaseGuide.debrief.observer",
  },
  closed: {
    facilitator: "phaseGuide.closed.facilitator",
    participant: "phaseGuide.closed.participant",
    observer: "phaseGuide.closed.observer",
  },
};
