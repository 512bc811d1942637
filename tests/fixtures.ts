// Named fixtures for the tests: a small deck, a framed setup, and helpers that seat people and play moves through the real rules.
import { expect } from "vitest";
import type { Card } from "#cards/schema.ts";
import type { Action, ActionType, ActorZone, TableSetup, TableState } from "#shared/model.ts";
import { applyAction, createTable, join, type Refusal, type SetupInput } from "#shared/rules/index.ts";

/** A fixed clock: every test starts at the same instant. */
export const NOW = Date.UTC(2025, 2, 14, 9, 30);

const SOURCE = "Jeu d'essai des tests";

export const CHALLENGE_MOBILITY: Card = {
  id: "challenge-mobilite-douce",
  deck: "challenge",
  title: "Une ville sans voiture individuelle",
  text: "Diviser par dix le nombre de voitures du quartier ?",
  theme: "mobilite",
  source: SOURCE,
};
export const CHALLENGE_ENERGY: Card = {
  id: "challenge-chaleur-partagee",
  deck: "challenge",
  title: "Chauffer les gens, pas les lieux",
  text: "Chauffer les gens, pas les lieux ?",
  theme: "energie",
  source: SOURCE,
};
/** A blank card: people write their own challenge on it, it cannot frame a table. */
export const CHALLENGE_BLANK: Card = {
  id: "challenge-vierge",
  deck: "challenge",
  title: "Défi à écrire",
  text: "Écrivez votre propre défi.",
  theme: "mobilite",
  blank: true,
  source: SOURCE,
};

export const LEVER_OPEN: Card = {
  id: "lever-ouvert",
  deck: "lever",
  title: "Ouvert",
  text: "Partager les données et les savoir-faire.",
  keywords: ["Données ouvertes"],
  examples: ["Une carte collaborative des pistes cyclables."],
  source: SOURCE,
};
export const LEVER_COOP: Card = {
  id: "lever-cooperatif",
  deck: "lever",
  title: "Coopératif",
  text: "Faire ensemble plutôt que chacun pour soi.",
  keywords: ["Coopérative"],
  examples: ["Une coopérative d'énergie citoyenne."],
  source: SOURCE,
};
export const LEVER_AGILE: Card = {
  id: "lever-agile",
  deck: "lever",
  title: "Agile",
  text: "Des cycles courts, ajustés en continu.",
  keywords: ["Boucles courtes"],
  examples: ["Un budget participatif revu chaque trimestre."],
  source: SOURCE,
};

export const PITFALL_TECH: Card = {
  id: "pitfall-technicite",
  deck: "pitfall",
  title: "Technicité",
  text: "Le vocabulaire technique écarte les habitants.",
  examples: ["Une réunion publique incompréhensible."],
  source: SOURCE,
};
export const PITFALL_MONEY: Card = {
  id: "pitfall-financement",
  deck: "pitfall",
  title: "Financement",
  text: "Le projet dépend d'une subvention unique.",
  examples: ["La subvention s'arrête au bout d'un an."],
  source: SOURCE,
};
export const PITFALL_REBOUND: Card = {
  id: "pitfall-rebond",
  deck: "pitfall",
  title: "Effet rebond",
  text: "Les économies sont reprises ailleurs.",
  examples: ["Des voitures plus sobres, mais plus de kilomètres."],
  source: SOURCE,
};

/** Three challenges (one blank), three levers, three pitfalls. */
export const SMALL_DECK: readonly Card[] = [
  CHALLENGE_MOBILITY,
  CHALLENGE_ENERGY,
  CHALLENGE_BLANK,
  LEVER_OPEN,
  LEVER_COOP,
  LEVER_AGILE,
  PITFALL_TECH,
  PITFALL_MONEY,
  PITFALL_REBOUND,
];

/** Many lever cards, so that two shuffles agreeing by chance is out of the question. */
export function manyLevers(count: number): Card[] {
  return Array.from({ length: count }, (_, i) => ({
    ...LEVER_OPEN,
    id: `lever-essai-${i + 1}`,
    title: `Levier d'essai ${i + 1}`,
  }));
}

/** A table framed by the mobility challenge card, horizon 2050; one future, no constraint, every deck and theme in play. */
export const SETUP: TableSetup = {
  title: "Le quartier des Tanneurs en 2050",
  system: "Le quartier des Tanneurs, à Lyon",
  presentState: "Des rues saturées de voitures, peu d'arbres.",
  horizonYear: 2050,
  desirableFuture: "Des rues calmes où les enfants vont seuls à l'école.",
  otherFutures: [],
  constraints: { time: "", values: "", actors: "" },
  decksInPlay: ["challenge", "lever", "pitfall"],
  themesInPlay: [],
  framingChallengeId: CHALLENGE_MOBILITY.id,
  framingChallengeText: "",
};

export const SEED = "graine-des-tests";

export interface OpenTableOptions {
  /** Changes to SETUP; the fields added after the home page form (futures, constraints, decks, themes) may be left out. */
  setup?: Partial<SetupInput>;
  seed?: string;
  cards?: readonly Card[];
}

/** A new table in preparation, built by the real rules; fails the test if the rules refuse it. */
export function openTable({ setup = {}, seed = SEED, cards = SMALL_DECK }: OpenTableOptions = {}): TableState {
  const merged: SetupInput = { ...SETUP, ...setup };
  const outcome = createTable({ id: "table-essai", now: NOW, seed, setup: merged, cards });
  if (!outcome.ok) throw new Error(`the fixture table was refused: ${outcome.refusal.code}`);
  return outcome.state;
}

/** The participant id the fixtures give to a person, from their name. */
export function idOf(name: string): string {
  return `p-${name.toLowerCase()}`;
}

export interface SeatOptions {
  role?: string;
  facilitator?: boolean;
  /** Where they stand on the kit's actor map (none by default, as in tables older than it). */
  zone?: ActorZone;
}

/** Seats a person through the real join rule; fails the test if the rules refuse them. */
export function seat(
  state: TableState,
  name: string,
  { role = "habitant·e", facilitator = false, zone }: SeatOptions = {},
): TableState {
  const outcome = join(state, { name, role, facilitator, ...(zone && { zone }) }, { actorId: idOf(name), now: NOW });
  if (!outcome.ok) throw new Error(`${name} could not sit: ${outcome.refusal.code}`);
  return outcome.state;
}

export const FACILITATOR = "Awa";
export const BASTIEN = "Bastien";
export const CHLOE = "Chloé";
/** A late arrival, seated by the fixtures that need a third player. */
export const DORIAN = "Dorian";

/** Awa facilitates; Bastien (habitant) and Chloé (élue) sit at the table; play has not started. */
export function tableInPreparation(options: OpenTableOptions = {}): TableState {
  let state = openTable(options);
  state = seat(state, FACILITATOR, { role: "animatrice", facilitator: true });
  state = seat(state, BASTIEN, { role: "habitant" });
  state = seat(state, CHLOE, { role: "élue" });
  return state;
}

/** The same table once Awa has started play. */
export function tableInPlay(options: OpenTableOptions = {}): TableState {
  return act(tableInPreparation(options), FACILITATOR, { type: "startPlay" });
}

/** The table once Awa has moved it on to the debrief. */
export function tableInDebrief(options: OpenTableOptions = {}): TableState {
  return act(tableInPlay(options), FACILITATOR, { type: "setPhase", phase: "debrief" });
}

/** The story closed by Awa. */
export function tableClosed(options: OpenTableOptions = {}): TableState {
  return act(tableInPlay(options), FACILITATOR, { type: "closeStory" });
}

/** In play, turn by turn: Bastien, then Chloé; it is Bastien's turn. */
export function tableInTurns(options: OpenTableOptions = {}): TableState {
  return act(tableInPlay(options), FACILITATOR, { type: "setTurnMode", mode: "turns" });
}

/** Seats Dorian, then Awa removes him from the table (in the state's own phase, which must allow it). */
export function withDorianRemoved(state: TableState): TableState {
  return act(seat(state, DORIAN, { role: "commerçant" }), FACILITATOR, {
    type: "removeParticipant",
    participantId: idOf(DORIAN),
  });
}

/** The id of a publication's public address, as the server draws them (192 bits in base64url). */
export const A_PUBLIC_ID = "Rc1t-publie_aux-Tanneurs-2050xyz";

/** One well-formed action of every type, to try each against the permission table. */
export const SAMPLE_ACTIONS: Record<ActionType, Action> = {
  editSetup: { type: "editSetup", changes: { system: "Le quartier des Tanneurs et ses abords" } },
  chooseChallenge: { type: "chooseChallenge", cardId: null, text: "Zéro voiture en 2050 ?" },
  drawChallenge: { type: "drawChallenge" },
  chooseDecks: { type: "chooseDecks", decks: ["lever", "pitfall"], themes: [] },
  importDeck: { type: "importDeck", file: {} },
  suggest: { type: "suggest", field: "constraintValues", text: "La sobriété" },
  acceptSuggestion: { type: "acceptSuggestion", suggestionId: "suggestion-1" },
  dismissSuggestion: { type: "dismissSuggestion", suggestionId: "suggestion-1" },
  setPhase: { type: "setPhase", phase: "debrief" },
  startPlay: { type: "startPlay" },
  closeStory: { type: "closeStory" },
  draw: { type: "draw", deck: "lever" },
  place: { type: "place", cardId: LEVER_OPEN.id, afterStepId: null },
  narrate: { type: "narrate", stepId: "step-1", text: "Il se passe quelque chose." },
  discard: { type: "discard", cardId: LEVER_OPEN.id },
  writeCard: { type: "writeCard", deck: "lever", title: "Frugal", text: "Faire mieux avec moins." },
  writeBlank: {
    type: "writeBlank",
    cardId: CHALLENGE_BLANK.id,
    title: "Des rues aux enfants",
    text: "Fermer les rues des écoles aux voitures ?",
  },
  contribute: { type: "contribute", stepId: "step-1", kind: "yesAnd", text: "Oui, et les écoles s'y mettent." },
  react: { type: "react", stepId: "step-1", reaction: "plausible" },
  setTurnMode: { type: "setTurnMode", mode: "turns" },
  passTurn: { type: "passTurn" },
  skipTurn: { type: "skipTurn" },
  reorderTurns: { type: "reorderTurns", order: [] },
  startTimer: { type: "startTimer", minutes: 5, label: "Tour" },
  pauseTimer: { type: "pauseTimer" },
  resumeTimer: { type: "resumeTimer" },
  extendTimer: { type: "extendTimer", minutes: 2 },
  clearTimer: { type: "clearTimer" },
  dealPitfall: { type: "dealPitfall", to: null, afterStepId: null },
  changeRole: { type: "changeRole", role: "citoyen·ne", zone: "civilSociety" },
  writeDebrief: { type: "writeDebrief", text: "Je tiens l'atelier vélo du quartier." },
  editStep: { type: "editStep", stepId: "step-1", narration: "Texte revu." },
  removeStep: { type: "removeStep", stepId: "step-1" },
  moveStep: { type: "moveStep", stepId: "step-1", afterStepId: null },
  editContribution: { type: "editContribution", stepId: "step-1", contributionId: "contribution-1", text: "Revu." },
  removeContribution: { type: "removeContribution", stepId: "step-1", contributionId: "contribution-1" },
  undo: { type: "undo" },
  lockTable: { type: "lockTable", locked: true },
  removeParticipant: { type: "removeParticipant", participantId: "p-bastien" },
  setFacilitator: { type: "setFacilitator", participantId: "p-bastien", facilitator: true },
  handOver: { type: "handOver", participantId: "p-bastien" },
  anonymise: { type: "anonymise" },
  anonymiseParticipant: { type: "anonymiseParticipant", participantId: "p-bastien" },
  announce: { type: "announce", text: "Pause dans cinq minutes." },
  moveAway: { type: "moveAway", participantId: "p-bastien", toTableName: "Table 2" },
  publish: { type: "publish", publicId: A_PUBLIC_ID },
  unpublish: { type: "unpublish" },
  nameInPublication: { type: "nameInPublication", named: true },
};

/** Plays one action for the named person; fails the test if the rules refuse it. */
export function act(state: TableState, name: string, action: Action, now = NOW): TableState {
  const outcome = applyAction(state, action, { actorId: idOf(name), now });
  if (!outcome.ok)
    throw new Error(`${name} could not ${action.type}: ${outcome.refusal.code} (${outcome.refusal.message})`);
  return outcome.state;
}

/** Plays one action expected to be refused; returns the refusal, fails the test if it was accepted. */
export function refusalOf(state: TableState, name: string, action: Action, now = NOW): Refusal {
  const outcome = applyAction(state, action, { actorId: idOf(name), now });
  expect(outcome.ok, `${name}'s ${action.type} should have been refused`).toBe(false);
  if (outcome.ok) throw new Error("unreachable");
  return outcome.refusal;
}

export function participant(state: TableState, name: string) {
  const found = state.participants.find((p) => p.id === idOf(name));
  if (!found) throw new Error(`${name} is not seated`);
  return found;
}

export function handOf(state: TableState, name: string): string[] {
  return participant(state, name).hand;
}

/** Draws from a deck, then places the drawn card; returns the new state and the id of the step it made. */
export function drawAndPlace(
  state: TableState,
  name: string,
  deck: Card["deck"],
  afterStepId: string | null,
): { state: TableState; stepId: string; cardId: string } {
  const drawn = act(state, name, { type: "draw", deck });
  const cardId = handOf(drawn, name).at(-1);
  if (!cardId) throw new Error(`${name} drew nothing`);
  const placed = act(drawn, name, { type: "place", cardId, afterStepId });
  const step = placed.path.find((s) => s.cardId === cardId);
  if (!step) throw new Error(`${cardId} is not on the path`);
  return { state: placed, stepId: step.id, cardId };
}
