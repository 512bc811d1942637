// A fixed story told through the real rules with hostile text in every field a person types and in every card:
// the fixture of the export tests (Markdown, HTML, JSON) and of the print test.
import type { Card } from "../cards/schema.ts";
import type { TableSetup, TableState } from "../shared/model.ts";
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
  ...[1, 2, 3, 4].map(
    (n): Card => ({
      id: `lever-hostile-${n}`,
      deck: "lever",
      title: `Levier ${n} ${n % 2 ? SCRIPT : IMG}`,
      text: `Partager ${JS_LINK} & **gras** "données" n°${n}`,
      keywords: ["<i>ouvert</i>"],
      examples: [`Exemple ${IMG}`],
      source: SOURCE,
    }),
  ),
  ...[1, 2, 3, 4].map(
    (n): Card => ({
      id: `pitfall-hostile-${n}`,
      deck: "pitfall",
      title: `Écueil ${n} ${n % 2 ? IMG : "`piège`"}`,
      text: `# titre\n- liste\n1. un 'écueil' &amp; ${JS_LINK}`,
      examples: [`Exemple ${SCRIPT}`],
      source: SOURCE,
    }),
  ),
];

export const AWA = `Awa "la Cheffe" O'Neil`;
export const MALLORY = IMG;
export const CHLOE = "**Chloé** 🌻";
/** A link, and a placeholder of the French messages that must stay as typed. */
export const MALLORY_ROLE = "[rôle](javascript:alert(1)) {{name}}";

export const HOSTILE_SETUP: TableSetup = {
  title: `${SCRIPT} Les Tanneurs & « l'avenir » "2050" 🌱`,
  system: `# titre\n${IMG}\n**gras** et \`code\``,
  presentState: `&amp; n'est pas & ; ${JS_LINK}\n- liste\n1. un`,
  horizonYear: 2050,
  desirableFuture: `Des rues "calmes" et 'vertes' 🚲🌳\n${LONG_LINE}`,
  framingChallengeId: null,
  framingChallengeText: `Zéro voiture ? ${ANCHOR}\n> citation`,
};

export const NARRATION_A = `${SCRIPT}\nLes rues se referment aux voitures le dimanche. \`rm -rf\` &amp; **gras**`;
export const NARRATION_B = `# titre\n- liste\n1. un\n${JS_LINK} "guillemets" et 'apostrophes' 🌻`;
export const NARRATION_C = `Une coopérative de vélos-cargos ouvre ${IMG}\n${LONG_LINE}`;
export const NARRATION_REMOVED = "Cette étape sera retirée.";

export interface HostileStory {
  state: TableState;
  /** Step ids in path order, and the untold one. */
  stepIds: string[];
  untoldStepId: string;
}

function drawAndPlaceAt(state: TableState, name: string, deck: Card["deck"], afterStepId: string | null, now: number) {
  const drawn = act(state, name, { type: "draw", deck }, now);
  const cardId = handOf(drawn, name).at(-1);
  if (!cardId) throw new Error(`${name} drew nothing`);
  const placed = act(drawn, name, { type: "place", cardId, afterStepId }, now);
  const step = placed.path.find((s) => s.cardId === cardId);
  if (!step) throw new Error(`${cardId} is not on the path`);
  return { state: placed, stepId: step.id };
}

/**
 * Awa facilitates; Mallory and Chloé play. Path order: Chloé's pitfall, Mallory's lever, Awa's challenge, Mallory's
 * untold pitfall. One step of Chloé's was removed; Chloé keeps a lever in hand; Awa discarded a pitfall; the story is closed.
 */
export function hostileStory(): HostileStory {
  let state = openTable({ setup: HOSTILE_SETUP, cards: HOSTILE_DECK, seed: "graine-du-recit" });
  state = seat(state, AWA, { role: "animatrice & <b>hôte</b>", facilitator: true });
  state = seat(state, MALLORY, { role: MALLORY_ROLE });
  state = seat(state, CHLOE, { role: "élue\n- liste" });
  let minute = 1;
  const at = () => NOW + minute++ * MINUTE;
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
  state = act(state, CHLOE, { type: "draw", deck: "lever" }, at());
  state = act(state, AWA, { type: "draw", deck: "pitfall" }, at());
  const awaCard = handOf(state, AWA)[0];
  if (!awaCard) throw new Error("Awa drew nothing");
  state = act(state, AWA, { type: "discard", cardId: awaCard }, at());
  state = act(state, AWA, { type: "closeStory" }, at());
  return { state, stepIds: [b.stepId, a.stepId, c.stepId, untold.stepId], untoldStepId: untold.stepId };
}

/** The participant id the fixtures gave to each person. */
export const IDS = { awa: idOf(AWA), mallory: idOf(MALLORY), chloe: idOf(CHLOE) };

/** What the exports are given besides the table: fixed, so the golden files never move. */
export const EXPORT_META = {
  attribution: "Cartes issues du Kit AgirLocal (La Fing, Transitions², V2, 2017), sous licence Creative Commons Attribution 3.0 France (CC BY 3.0 FR).",
  licenseUrl: "https://creativecommons.org/licenses/by/3.0/fr/",
  exportedAt: new Date(Date.UTC(2025, 2, 14, 18, 0)),
};
