// The tables of a workshop side by side, for the plenary screen and the book: what framed each story, which levers and
// pitfalls each path used, which pitfalls stayed open, how many participants wrote their debrief, how many steps. Pure.
import { cardName } from "#cards/reading.ts";
import type { DeckName, TableState } from "./model.ts";
import { summarizeTable } from "./workshop-summary.ts";

/** One table of a workshop, in the workshop's order: its name there (« Table 1 ») and its state as it stands. */
export interface WorkshopTable {
  tableId: string;
  name: string;
  state: TableState;
}

/** A card title and how many steps of the path carry it (a title can come back: the same card at two tables, or written twice). */
export interface CardUse {
  title: string;
  count: number;
}

export interface TableComparison {
  tableId: string;
  name: string;
  /** The table's own title (its setup). */
  title: string;
  /** The challenge that framed the story: a card's title and text, or the text the group wrote (title ""). */
  framing: { title: string; text: string };
  steps: number;
  levers: CardUse[];
  pitfalls: CardUse[];
  /** Titles of the dealt pitfalls nobody answered, in path order. */
  openPitfalls: string[];
  /** Debriefs written, out of the seated participants (facilitators and removed people not counted). */
  debrief: { written: number; of: number };
}

/** A lever or pitfall that more than one table used: the tables' names, in the workshop's order. */
export interface SharedCard {
  deck: Extract<DeckName, "lever" | "pitfall">;
  title: string;
  tables: string[];
}

export interface WorkshopComparison {
  tables: TableComparison[];
  shared: SharedCard[];
}

/** The titles of the path's cards of one deck, each with its count, in the order the path first meets them. */
function usesOf(state: TableState, deck: DeckName): CardUse[] {
  const counts = new Map<string, number>();
  for (const step of state.path) {
    const card = state.cards[step.cardId];
    if (card?.deck === deck) counts.set(cardName(card), (counts.get(cardName(card)) ?? 0) + 1);
  }
  return [...counts].map(([title, count]) => ({ title, count }));
}

function framingOf(state: TableState): TableComparison["framing"] {
  const { framingChallengeId, framingChallengeText } = state.setup;
  const card = framingChallengeId === null ? undefined : state.cards[framingChallengeId];
  // A deck challenge's face is its question (cards/reading.ts): no title of ours beside it.
  if (!card) return { title: "", text: framingChallengeText };
  return { title: cardName(card) === card.text ? "" : cardName(card), text: card.text };
}

export function compareTable({ tableId, name, state }: WorkshopTable): TableComparison {
  // The overview's counts (steps, debriefs), so the plenary and the dashboard never disagree.
  const summary = summarizeTable(state, { name, online: new Set(), now: 0 });
  return {
    tableId,
    name,
    title: state.setup.title,
    framing: framingOf(state),
    steps: summary.steps,
    levers: usesOf(state, "lever"),
    pitfalls: usesOf(state, "pitfall"),
    openPitfalls: state.path.filter((step) => step.open).map((step) => state.cards[step.cardId]?.title ?? ""),
    debrief: summary.debrief,
  };
}

/** Levers, then pitfalls, that several tables used, each in the order the workshop's tables first used them. */
function sharedCards(tables: readonly TableComparison[]): SharedCard[] {
  const shared: SharedCard[] = [];
  for (const deck of ["lever", "pitfall"] as const) {
    const byTitle = new Map<string, string[]>();
    for (const table of tables) {
      for (const use of deck === "lever" ? table.levers : table.pitfalls)
        byTitle.set(use.title, [...(byTitle.get(use.title) ?? []), table.name]);
    }
    for (const [title, names] of byTitle) if (names.length > 1) shared.push({ deck, title, tables: names });
  }
  return shared;
}

/** Every table's comparison, in the workshop's order, and the cards they have in common. */
export function compareTables(tables: readonly WorkshopTable[]): WorkshopComparison {
  const compared = tables.map(compareTable);
  return { tables: compared, shared: sharedCards(compared) };
}
