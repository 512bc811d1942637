// A fixed session played through the real rules, from preparation to a won debrief, with hostile text in every field a
// person types and in every card: the fixture of the export tests (Markdown, HTML, JSON) and of the print test.
import type { Card } from "#cards/schema.ts";
import type { TableSetup, TableState } from "#shared/model.ts";
import { act, handOf, idOf, NOW, openTable, seat } from "./fixtures.ts";

export const SCRIPT = "<script>alert(1)</script>";
export const IMG = "<img src=x onerror=alert(1)>";
export const JS_LINK = "[clic](javascript:alert(1))";
export const ANCHOR = `<a href="javascript:alert(1)">clic</a>`;
/** One unbroken token, longer than a printed line. */
export const LONG_LINE = "Une-très-longue-ligne-sans-la-moindre-espace-".repeat(5);

const SOURCE = "Jeu d'essai des tests d'export";
const MINUTE = 60_000;

/** Every card carries some hostile text: whichever the shuffle deals, the path shows some. */
export const HOSTILE_DECK: readonly Card[] = [
  {
    id: "challenge-hostile-lien",
    deck: "challenge",
    title: "Défi `code` &amp; <b>gras</b>",
    text: `${ANCHOR} ? Et "guillemets" 'simples'.`,
    theme: "mobilite",
    source: SOURCE,
  },
  {
    id: "challenge-hostile-titre",
    deck: "challenge",
    title: "# Défi titre",
    text: `${SCRIPT}\n- liste\n1. un`,
    theme: "mobilite",
    source: SOURCE,
  },
  ...[1, 2, 3, 4].map((n): Card => ({
    id: `lever-hostile-${n}`,
    deck: "lever",
    title: `Levier ${n} ${n % 2 ? SCRIPT : IMG}`,
    text: `Partager ${JS_LINK} & **gras** "données" n°${n}`,
    keywords: ["<i>ouvert</i>"],
    examples: [`Exemple ${IMG}`],
    source: SOURCE,
  })),
  ...[1, 2, 3, 4, 5, 6].map((n): Card => ({
    id: `pitfall-hostile-${n}`,
    deck: "pitfall",
    title: `Écueil ${n} ${n % 2 ? IMG : "`piège`"}`,
    text: `# titre\n- liste\n1. un 'écueil' &amp; ${JS_LINK}`,
    examples: [`Exemple ${SCRIPT}`],
    source: SOURCE,
  })),
];

export const AWA = `Awa "la Cheffe" O'Neil`;
export const MALLORY = IMG;
export const CHLOE = "**Chloé** 🌻";
/** Taken off the table by the facilitator after adding to the story. */
export const ZOE = "Zoé <u>souligné</u> `z`";
/** A link, and a placeholder of the French messages that must stay as typed. */
export const MALLORY_ROLE = "[rôle](javascript:alert(1)) {{name}}";

export const HOSTILE_SETUP: TableSetup = {
  title: `${SCRIPT} Les Tanneurs & « l'avenir » "2050" 🌱`,
  system: `# titre\n${IMG}\n**gras** et \`code\``,
  presentState: `&amp; n'est pas & ; ${JS_LINK}\n- liste\n1. un`,
  horizonYear: 2050,
  desirableFuture: `Des rues "calmes" et 'vertes' 🚲🌳\n${LONG_LINE}`,
  otherFutures: [`Un second futur ${ANCHOR}\n+ plus`],
  constraints: { time: `Avant 2030 ${SCRIPT}`, values: "- sobriété\n| tableau |", actors: "" },
  decksInPlay: ["challenge", "lever", "pitfall"],
  themesInPlay: [],
  framingChallengeId: null,
  framingChallengeText: `Zéro voiture ? ${ANCHOR}\n> citation`,
  stakes: {
    ifNothing: `Le quartier s'asphyxie ${SCRIPT}\n- liste`,
    objectives: [
      { text: `Des rues apaisées ${JS_LINK}`, priority: 2 },
      { text: "# Moins de voitures", priority: 1 },
    ],
    quickWins: [`Une rue aux écoles ${IMG}`],
    indicators: ["1. La moitié des trajets à vélo dans 10 ans", `${ANCHOR} air respirable`],
  },
};

export const NARRATION_A = `${SCRIPT}\nLes rues se referment aux voitures le dimanche. \`rm -rf\` &amp; **gras**`;
export const NARRATION_B = `# titre\n- liste\n1. un\n${JS_LINK} "guillemets" et 'apostrophes' 🌻`;
export const NARRATION_C = `Une coopérative de vélos-cargos ouvre ${IMG}\n${LONG_LINE}`;
export const NARRATION_REMOVED = "Cette étape sera retirée.";
export const NARRATION_WRITTEN = `Notre propre levier entre en jeu ~~barré~~ ${IMG}`;

export const WRITTEN_TITLE = `Levier maison ${SCRIPT}`;
export const WRITTEN_TEXT = `# Écrit à la table\n${JS_LINK} & "nous"`;

/** "Oui, et…" under Mallory's step, in the order they were written. */
export const YES_AND_CHLOE = `Oui, et ${SCRIPT} les commerces suivent\n- liste`;
export const YES_AND_ZOE = `Oui, et ${IMG} une fête de rue`;
export const YES_AND_AWA = `Oui, et **la mairie** ${JS_LINK}`;
/** Written, then taken out by the facilitator: out of the story. */
export const YES_AND_REMOVED = "Ce « oui, et… » sera retiré.";
/** How the story meets the pitfall Awa dealt onto the path. */
export const ANSWER = `La coopérative répond ${ANCHOR}\n1. d'abord`;
/** A suggestion of Mallory's, still waiting for the facilitator when the story closed. */
export const SUGGESTION = `Les commerçants ${SCRIPT}`;

export const DEBRIEF_AWA = `J'anime le conseil de quartier ${SCRIPT}`;
export const DEBRIEF_MALLORY = `# Je répare des vélos\n${IMG}`;
export const DEBRIEF_CHLOE = `Je porte le budget ${JS_LINK}\n- vraiment`;
/** « Je m'engage à… »: Mallory's and Chloé's; Awa writes none. */
export const COMMITMENT_MALLORY = `Je m'engage à réparer ${SCRIPT}`;
export const COMMITMENT_CHLOE = `# Je m'engage à voter le budget\n${JS_LINK}`;

export interface HostileStory {
  state: TableState;
  /** Step ids in path order. */
  stepIds: string[];
  untoldStepId: string;
  /** The pitfall Awa dealt onto the path (answered) and the one dealt to Chloé (placed, still open). */
  answeredStepId: string;
  openStepId: string;
  /** The step of the card Chloé wrote at the table, and that card. */
  writtenStepId: string;
  writtenCardId: string;
  /** The step with the "oui, et…" and the reactions. */
  yesAndStepId: string;
}

function drawAndPlaceAt(state: TableState, name: string, deck: Card["deck"], afterStepId: string | null, now: number) {
  const drawn = act(state, name, { type: "draw", deck }, now);
  const cardId = handOf(drawn, name).at(-1);
  if (!cardId) throw new Error(`${name} drew nothing`);
  return placeAt(drawn, name, cardId, afterStepId, now);
}

function placeAt(state: TableState, name: string, cardId: string, afterStepId: string | null, now: number) {
  const placed = act(state, name, { type: "place", cardId, afterStepId }, now);
  const step = placed.path.find((s) => s.cardId === cardId);
  if (!step) throw new Error(`${cardId} is not on the path`);
  return { state: placed, stepId: step.id };
}

/** The id of the last contribution under a step. */
function lastContribution(state: TableState, stepId: string): string {
  const id = state.path.find((s) => s.id === stepId)?.contributions.at(-1)?.id;
  if (!id) throw new Error(`no contribution under ${stepId}`);
  return id;
}

/**
 * Awa facilitates; Mallory and Chloé play; Zoé adds a "oui, et…" then is taken off the table. Path order: Chloé's
 * pitfall, Mallory's lever (three "oui, et…", one more removed, reactions), Awa's challenge, the pitfall Awa dealt onto
 * the path (answered by Mallory), the lever Chloé wrote at the table, the pitfall dealt to Chloé (still open), Mallory's
 * untold pitfall. One step of Chloé's was removed; Chloé keeps a lever in hand; Awa discarded a pitfall; a suggestion
 * waits; turns, a timer and the lock are on; everyone wrote their debrief (the table won); the story is closed.
 */
export function hostileStory(): HostileStory {
  let state = openTable({ setup: HOSTILE_SETUP, cards: HOSTILE_DECK, seed: "graine-du-recit" });
  state = seat(state, AWA, { role: "animatrice & <b>hôte</b>", facilitator: true });
  state = seat(state, MALLORY, { role: MALLORY_ROLE });
  state = seat(state, CHLOE, { role: "élue\n- liste" });
  state = seat(state, ZOE, { role: "voisine [x](y)" });
  let minute = 1;
  const at = () => NOW + minute++ * MINUTE;
  state = act(state, MALLORY, { type: "suggest", field: "constraintActors", text: SUGGESTION }, at());
  state = act(state, AWA, { type: "startPlay" }, at());

  const a = drawAndPlaceAt(state, MALLORY, "lever", null, at());
  const b = drawAndPlaceAt(a.state, CHLOE, "pitfall", null, at());
  const c = drawAndPlaceAt(b.state, AWA, "challenge", a.stepId, at());
  const removed = drawAndPlaceAt(c.state, CHLOE, "lever", c.stepId, at());
  const untold = drawAndPlaceAt(removed.state, MALLORY, "pitfall", c.stepId, at());
  state = untold.state;
  state = act(state, MALLORY, { type: "narrate", stepId: a.stepId, text: NARRATION_A }, at());
  state = act(state, CHLOE, { type: "narrate", stepId: b.stepId, text: NARRATION_B }, at());
  state = act(state, AWA, { type: "narrate", stepId: c.stepId, text: NARRATION_C }, at());
  state = act(state, CHLOE, { type: "narrate", stepId: removed.stepId, text: NARRATION_REMOVED }, at());
  state = act(state, AWA, { type: "removeStep", stepId: removed.stepId }, at());

  // "Oui, et…" and reactions under Mallory's step; Awa takes one contribution out, then Zoé off the table.
  state = act(state, CHLOE, { type: "contribute", stepId: a.stepId, kind: "yesAnd", text: YES_AND_CHLOE }, at());
  state = act(state, ZOE, { type: "contribute", stepId: a.stepId, kind: "yesAnd", text: YES_AND_ZOE }, at());
  state = act(state, CHLOE, { type: "contribute", stepId: a.stepId, kind: "yesAnd", text: YES_AND_REMOVED }, at());
  state = act(
    state,
    AWA,
    { type: "removeContribution", stepId: a.stepId, contributionId: lastContribution(state, a.stepId) },
    at(),
  );
  state = act(state, AWA, { type: "contribute", stepId: a.stepId, kind: "yesAnd", text: YES_AND_AWA }, at());
  for (const name of [CHLOE, AWA, ZOE])
    state = act(state, name, { type: "react", stepId: a.stepId, reaction: "plausible" }, at());
  for (const name of [CHLOE, MALLORY])
    state = act(state, name, { type: "react", stepId: a.stepId, reaction: "desirable" }, at());
  state = act(state, AWA, { type: "removeParticipant", participantId: idOf(ZOE) }, at());

  // A pitfall dealt onto the path after Awa's challenge, answered by Mallory.
  state = act(state, AWA, { type: "dealPitfall", to: null, afterStepId: c.stepId }, at());
  const answeredStepId = state.path[state.path.findIndex((s) => s.id === c.stepId) + 1]?.id ?? "";
  state = act(state, MALLORY, { type: "contribute", stepId: answeredStepId, kind: "answer", text: ANSWER }, at());

  // Chloé writes a lever of her own, places it after the answered pitfall and tells it.
  state = act(state, CHLOE, { type: "writeCard", deck: "lever", title: WRITTEN_TITLE, text: WRITTEN_TEXT }, at());
  const writtenCardId = handOf(state, CHLOE).at(-1) ?? "";
  const written = placeAt(state, CHLOE, writtenCardId, answeredStepId, at());
  state = act(written.state, CHLOE, { type: "narrate", stepId: written.stepId, text: NARRATION_WRITTEN }, at());

  // A pitfall dealt to Chloé, placed before Mallory's untold step and never answered.
  state = act(state, AWA, { type: "dealPitfall", to: idOf(CHLOE), afterStepId: null }, at());
  const dealtCardId = handOf(state, CHLOE).at(-1) ?? "";
  const open = placeAt(state, CHLOE, dealtCardId, written.stepId, at());
  state = open.state;

  state = act(state, CHLOE, { type: "draw", deck: "lever" }, at());
  state = act(state, AWA, { type: "draw", deck: "pitfall" }, at());
  const awaCard = handOf(state, AWA)[0];
  if (!awaCard) throw new Error("Awa drew nothing");
  state = act(state, AWA, { type: "discard", cardId: awaCard }, at());
  state = act(state, AWA, { type: "setTurnMode", mode: "turns" }, at());
  state = act(state, AWA, { type: "skipTurn" }, at());

  state = act(state, AWA, { type: "setPhase", phase: "debrief" }, at());
  state = act(state, AWA, { type: "startTimer", minutes: 10, label: "Débrief" }, at());
  state = act(state, MALLORY, { type: "writeDebrief", text: DEBRIEF_MALLORY, commitment: COMMITMENT_MALLORY }, at());
  state = act(state, CHLOE, { type: "writeDebrief", text: DEBRIEF_CHLOE, commitment: COMMITMENT_CHLOE }, at());
  state = act(state, AWA, { type: "writeDebrief", text: DEBRIEF_AWA }, at());
  state = act(state, AWA, { type: "lockTable", locked: true }, at());
  state = act(state, AWA, { type: "closeStory" }, at());
  return {
    state,
    stepIds: state.path.map((s) => s.id),
    untoldStepId: untold.stepId,
    answeredStepId,
    openStepId: open.stepId,
    writtenStepId: written.stepId,
    writtenCardId,
    yesAndStepId: a.stepId,
  };
}

/** The participant id the fixtures gave to each person. */
export const IDS = { awa: idOf(AWA), mallory: idOf(MALLORY), chloe: idOf(CHLOE), zoe: idOf(ZOE) };

/** What the exports are given besides the table: fixed, so the golden files never move. */
export const EXPORT_META = {
  attribution:
    "Cartes issues du Kit AgirLocal (La Fing, Transitions², V2, 2017), sous licence Creative Commons Attribution 3.0 France (CC BY 3.0 FR).",
  licenseUrl: "https://creativecommons.org/licenses/by/3.0/fr/",
  exportedAt: new Date(Date.UTC(2025, 2, 14, 18, 0)),
};
