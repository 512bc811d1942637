// A workshop of four tables with real stories for the plenary screen's tests and screenshots: the kit's own decks, 10 to
// 18 steps told per table (kit challenges and levers, cards written at the table with long titles, narrations of a few
// sentences, a link that does not break), a pitfall left open, debriefs; three stories closed, one still in its debrief.
// Played through the real rules, then written as the workshop book's JSON, which POST /api/workshops/import opens.
import { loadDecks } from "#cards/files.ts";
import type { DeckName, TableState } from "#shared/model.ts";
import { bookJson, type WorkshopBookExport } from "#shared/story/book-json.ts";
import type { WorkshopBook } from "#shared/story/book-parts.ts";
import { act, FACILITATOR, handOf, NOW, openTable, seat } from "./fixtures.ts";

const MINUTE = 60_000;
export const PLENARY_WORKSHOP_TITLE = "Assises des transitions du Pays de Morlaix et de la baie";

/** What each table tells: its setup, its people, and how many steps come from each kind of card. */
interface TablePlan {
  name: string;
  title: string;
  system: string;
  presentState: string;
  desirableFuture: string;
  framing: string;
  people: string[];
  steps: number;
  closed: boolean;
}

export const PLENARY_TABLES: readonly TablePlan[] = [
  {
    name: "Table 1",
    title: "Le centre-bourg de Plougasnou retrouve ses commerces, ses services et ses habitant·es à l'horizon 2040",
    system: "Le centre-bourg de Plougasnou",
    presentState: "Des vitrines vides, une poste qui ferme deux jours par semaine, des trajets en voiture pour tout.",
    desirableFuture: "Un bourg où l'on trouve à pied de quoi vivre, travailler et se retrouver.",
    framing: "Comment rapprocher les services des habitant·es sans attendre une nouvelle route ?",
    people: ["Bastien", "Chloé", "Dorian", "Élise", "Farid"],
    steps: 14,
    closed: true,
  },
  {
    name: "Table 2",
    title: "Les fermes du canton nourrissent les cantines et les épiceries solidaires",
    system: "Les fermes et les cantines du canton de Saint-Pol",
    presentState: "Des légumes qui partent à Rungis, des cantines livrées par un grossiste de Rennes.",
    desirableFuture: "Les enfants mangent ce que cultivent leurs voisins, au juste prix pour chacun.",
    framing: "Relocaliser l'alimentation des cantines sans fragiliser les fermes ?",
    people: ["Gaëlle", "Hugo", "Inès", "Jules"],
    steps: 18,
    closed: true,
  },
  {
    name: "Table 3",
    title: "Le port de Roscoff en 2045",
    system: "Le port de Roscoff, ses ferries et ses pêcheurs",
    presentState: "Des ferries au fioul lourd, une criée qui perd des bateaux chaque année.",
    desirableFuture: "Un port qui vit de la mer sans l'épuiser, ouvert aux habitant·es.",
    framing: "Décarboner le transport maritime sans perdre les emplois du port ?",
    people: ["Karim", "Léa", "Maël"],
    steps: 10,
    closed: true,
  },
  {
    name: "Table 4",
    title: "Se déplacer sans voiture personnelle entre les bourgs de la baie",
    system: "Les mobilités quotidiennes entre les bourgs de la baie de Morlaix",
    presentState: "Neuf trajets sur dix en voiture, un car par jour, des jeunes qui ne peuvent pas sortir le soir.",
    desirableFuture: "Chacun rejoint le travail, l'école ou le médecin sans dépendre d'une voiture à soi.",
    framing: "Comment se passer de la deuxième voiture du foyer ?",
    people: ["Nora", "Octave", "Paula", "Quentin"],
    steps: 15,
    closed: false,
  },
];

/** Cards written at the table: long titles, as people write them on a blank card in the heat of the game. */
const WRITTEN: readonly { deck: DeckName; title: string; text: string }[] = [
  {
    deck: "challenge",
    title: "Une coopérative d'habitant·es rachète les rez-de-chaussée vacants pour y installer les services publics",
    text: "Qui porte le risque financier, et qui décide de ce qui s'installe ?",
  },
  {
    deck: "lever",
    title:
      "Un tiers-lieu itinérant qui passe chaque semaine dans les bourgs avec ses permanences et ses outils partagés",
    text: "Mutualiser les permanences plutôt que les fermer.",
  },
  {
    deck: "challenge",
    title: "Des tarifs de transport calculés selon le revenu et non selon la distance parcourue chaque jour",
    text: "Rendre la mobilité abordable à ceux qui habitent loin.",
  },
  {
    deck: "lever",
    title: "Une plateforme ouverte où chaque ferme publie ses volumes disponibles et ses prix pour la semaine suivante",
    text: "Des données ouvertes pour planifier ensemble.",
  },
  {
    deck: "challenge",
    title: "Garder les jeunes du territoire en leur proposant un logement, un emploi et une vie le soir sans voiture",
    text: "Sans eux, rien ne tient dans quinze ans.",
  },
];

/** Sentences a narration is made of: each step tells three of them, so no two steps read the same. */
const SENTENCES: readonly string[] = [
  "La mairie réunit les commerçant·es, l'association des parents d'élèves et le club des aîné·es dans la salle des fêtes pour un premier inventaire de ce qui manque vraiment.",
  "On se rend compte que la moitié des déplacements du matin vont vers les mêmes trois destinations : le collège, la zone d'activités et le cabinet médical.",
  "Un groupe de bénévoles tient un registre partagé des besoins, mis à jour chaque semaine, que tout le monde peut consulter à la médiathèque ou en ligne sur https://www.exemple-de-registre-partage.fr/besoins-du-bourg.",
  "Les premiers mois sont difficiles : les horaires ne conviennent pas à tout le monde et il faut tout revoir à la rentrée.",
  "La communauté de communes accepte de financer un poste de coordination pendant trois ans, à condition que les résultats soient présentés chaque année en conseil.",
  "Les agriculteur·ices craignent d'abord de perdre leurs débouchés habituels, puis constatent que les prix tiennent mieux quand les volumes sont connus à l'avance.",
  "Des habitant·es qui ne se parlaient pas se retrouvent à organiser ensemble les tournées, et certaines amitiés naissent de ces trajets partagés.",
  "La région s'intéresse à l'expérience et propose de l'étendre à deux autres cantons, ce qui oblige à écrire noir sur blanc ce qui a marché et ce qui a échoué.",
  "Un conflit éclate sur l'usage des données : qui peut voir qui se déplace, quand et vers où ? Un comité d'usager·es est créé pour en décider.",
  "Les écoles adaptent leurs horaires d'un quart d'heure pour que les cars puissent faire deux tournées, et les parents suivent.",
  "Le coût de l'énergie double en un hiver : ce qui paraissait militant devient simplement raisonnable pour la plupart des foyers.",
  "On mesure au bout de deux ans une baisse d'un tiers des kilomètres parcourus en voiture individuelle, et personne ne veut revenir en arrière.",
];

/** What the step at this index (from 0) of the table of this number (from 1) tells: a year on, three sentences. */
export function plenaryNarration(table: number, step: number): string {
  const pick = (k: number) => SENTENCES[(table + step * 5 + k * 4) % SENTENCES.length] ?? "";
  const first = pick(0);
  return `En ${2026 + step}, ${first.charAt(0).toLowerCase()}${first.slice(1)} ${pick(1)} ${pick(2)}`;
}

/** The deck each step comes from: written cards now and then, otherwise challenges and levers from the kit. */
function deckOf(step: number): DeckName | "written" {
  if (step % 4 === 1) return "written";
  return step % 2 === 0 ? "challenge" : "lever";
}

function playTable(plan: TablePlan, tableNumber: number): TableState {
  let minute = 1;
  const at = () => NOW + minute++ * MINUTE;
  const decks = loadDecks();
  const cards = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];
  let state = openTable({
    cards,
    seed: `plenière-${tableNumber}`,
    setup: {
      title: plan.title,
      system: plan.system,
      presentState: plan.presentState,
      desirableFuture: plan.desirableFuture,
      framingChallengeId: null,
      framingChallengeText: plan.framing,
    },
  });
  state = seat(state, FACILITATOR, { role: "animatrice", facilitator: true });
  for (const name of plan.people) state = seat(state, name, { role: "habitant·e" });
  state = act(state, FACILITATOR, { type: "startPlay" }, at());
  let written = tableNumber;
  for (let step = 0; step < plan.steps; step++) {
    const name = plan.people[step % plan.people.length] ?? FACILITATOR;
    const deck = deckOf(step);
    if (deck === "written") {
      const card = WRITTEN[written++ % WRITTEN.length];
      if (card) state = act(state, name, { type: "writeCard", ...card }, at());
    } else {
      state = act(state, name, { type: "draw", deck }, at());
    }
    let cardId = handOf(state, name).at(-1) ?? "";
    // A blank card drawn (« Défi à écrire ») is written before it is placed.
    if (state.cards[cardId]?.blank) {
      const blank = { cardId, title: "Des rues aux enfants", text: "Fermer les rues des écoles aux voitures ?" };
      state = act(state, name, { type: "writeBlank", ...blank }, at());
      cardId = handOf(state, name).at(-1) ?? "";
    }
    const last = state.path.at(-1)?.id ?? null;
    state = act(state, name, { type: "place", cardId, afterStepId: last }, at());
    const stepId = state.path.at(-1)?.id ?? "";
    state = act(state, name, { type: "narrate", stepId, text: plenaryNarration(tableNumber, step) }, at());
  }
  // A pitfall dealt onto the path near the end, left open: the plenary says so.
  // (A blank one on top of the pile is written as it is dealt.)
  const top = state.piles.pitfall[0] ?? "";
  const blank = state.cards[top]?.blank
    ? {
        title: "Les habitant·es des hameaux restent à l'écart",
        text: "Ce qui marche au bourg n'atteint pas les hameaux.",
      }
    : {};
  const afterStepId = state.path.at(-2)?.id ?? null;
  state = act(state, FACILITATOR, { type: "dealPitfall", to: null, afterStepId, ...blank }, at());
  state = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" }, at());
  for (const name of plan.people.slice(0, -1))
    state = act(
      state,
      name,
      { type: "writeDebrief", text: `Je suis ${name}, je porte le projet avec mes voisin·es.` },
      at(),
    );
  return plan.closed ? act(state, FACILITATOR, { type: "closeStory" }, at()) : state;
}

export function plenaryBook(): WorkshopBook {
  return {
    title: PLENARY_WORKSHOP_TITLE,
    date: "2026-03-19",
    seatsPerTable: 10,
    tables: PLENARY_TABLES.map((plan, i) => ({
      tableId: `table-${i + 1}`,
      name: plan.name,
      state: { ...playTable(plan, i + 1), id: `table-${i + 1}` },
    })),
  };
}

/** The book as the file POST /api/workshops/import takes. */
export function plenaryBookFile(): WorkshopBookExport {
  return bookJson(plenaryBook(), { exportedAt: new Date(NOW), attribution: "Kit AgirLocal, La Fing, CC BY 3.0 FR" });
}
