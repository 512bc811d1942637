// Named fixtures for the tests: a small deck, a framed setup, and helpers that seat people and play moves through the real rules.
import { expect } from "vitest";
import type { Card } from "../cards/schema.ts";
import type { Action, TableSetup, TableState } from "../shared/model.ts";
import { applyAction, createTable, join, type Refusal } from "../shared/rules/index.ts";

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

/** A table framed by the mobility challenge card, horizon 2050. */
export const SETUP: TableSetup = {
  title: "Le quartier des Tanneurs en 2050",
  system: "Le quartier des Tanneurs, à Lyon",
  presentState: "Des rues saturées de voitures, peu d'arbres.",
  horizonYear: 2050,
  desirableFuture: "Des rues calmes où les enfants vont seuls à l'école.",
  framingChallengeId: CHALLENGE_MOBILITY.id,
  framingChallengeText: "",
};

export const SEED = "graine-des-tests";

export interface OpenTableOptions {
  setup?: Partial<TableSetup>;
  seed?: string;
  cards?: readonly Card[];
}

/** A new table in preparation, built by the real rules; fails the test if the rules refuse it. */
export function openTable({ setup = {}, seed = SEED, cards = SMALL_DECK }: OpenTableOptions = {}): TableState {
  const outcome = createTable({ id: "table-essai", now: NOW, seed, setup: { ...SETUP, ...setup }, cards });
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
}

/** Seats a person through the real join rule; fails the test if the rules refuse them. */
export function seat(state: TableState, name: string, { role = "habitant·e", facilitator = false }: SeatOptions = {}): TableState {
  const outcome = join(state, { name, role, facilitator }, { actorId: idOf(name), now: NOW });
  if (!outcome.ok) throw new Error(`${name} could not sit: ${outcome.refusal.code}`);
  return outcome.state;
}

export const FACILITATOR = "Awa";
export const BASTIEN = "Bastien";
export const CHLOE = "Chloé";

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

/** Plays one action for the named person; fails the test if the rules refuse it. */
export function act(state: TableState, name: string, action: Action, now = NOW): TableState {
  const outcome = applyAction(state, action, { actorId: idOf(name), now });
  if (!outcome.ok) throw new Error(`${name} could not ${action.type}: ${outcome.refusal.code} (${outcome.refusal.message})`);
  return outcome.state;
}

/** Plays one action expected to be refused; returns the refusal, fails the test if it was accepted. */
export function refusalOf(state: TableState, name: string, action: Action): Refusal {
  const outcome = applyAction(state, action, { actorId: idOf(name), now: NOW });
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
