// Opening a table: checking what the facilitator wrote, shuffling the decks with a seed.
import { cardThemes } from "#cards/reading.ts";
import { DECK_NAMES } from "#cards/schema.ts";
import { LIMITS, type Card, type DeckName, type SetupConstraints, type TableCard, type TableSetup } from "../model.ts";
import { t } from "../i18n/translate.ts";
import { shuffle } from "../random.ts";
import { accept, refuse, type Outcome } from "./result.ts";
import { checkStakes } from "./stakes.ts";

const TEXT_FIELDS = ["system", "presentState", "desirableFuture", "framingChallengeText"] as const;
const CONSTRAINT_CODES = {
  time: "constraintTimeTooLong",
  values: "constraintValuesTooLong",
  actors: "constraintActorsTooLong",
} as const;

/** A setup as written on the home page: what was added later (futures, constraints, decks, themes) may be left out. */
export type SetupInput = Omit<TableSetup, "otherFutures" | "constraints" | "decksInPlay" | "themesInPlay"> & {
  otherFutures?: readonly string[];
  constraints?: Partial<SetupConstraints>;
  decksInPlay?: readonly DeckName[];
  /** Empty means every theme. */
  themesInPlay?: readonly string[];
};

/** The themes a table's challenge cards carry: the only ones a facilitator may put in play. */
export function knownThemes(cards: Record<string, Card>): Set<string> {
  const themes = new Set<string>();
  for (const card of Object.values(cards))
    if (card.deck === "challenge") for (const theme of cardThemes(card)) themes.add(theme);
  return themes;
}

/** Whether a challenge card may come out of the pile with these themes in play: one of its themes is (or it has none). */
export function fitsThemes(card: Card | undefined, themesInPlay: readonly string[]): boolean {
  if (!card) return false;
  const themes = cardThemes(card);
  return themesInPlay.length === 0 || themes.length === 0 || themes.some((theme) => themesInPlay.includes(theme));
}

/** Trims every text of a setup and fills what was left out; returns a refusal for the first thing a facilitator must fix. */
export function checkSetup(raw: SetupInput, cards: Record<string, Card>): Outcome<TableSetup> {
  const setup: TableSetup = {
    title: raw.title.replace(/\s+/g, " ").trim(),
    system: raw.system.trim(),
    presentState: raw.presentState.trim(),
    horizonYear: raw.horizonYear,
    desirableFuture: raw.desirableFuture.trim(),
    otherFutures: (raw.otherFutures ?? []).map((f) => f.trim()).filter((f) => f !== ""),
    constraints: {
      time: (raw.constraints?.time ?? "").trim(),
      values: (raw.constraints?.values ?? "").trim(),
      actors: (raw.constraints?.actors ?? "").trim(),
    },
    decksInPlay: DECK_NAMES.filter((deck) => (raw.decksInPlay ?? DECK_NAMES).includes(deck)),
    themesInPlay: [...new Set(raw.themesInPlay ?? [])],
    framingChallengeId: raw.framingChallengeId,
    framingChallengeText: raw.framingChallengeText.trim(),
  };
  const texts = checkTexts(setup);
  if (!texts.ok) return texts;
  const stakes = checkStakes(raw.stakes);
  if (!stakes.ok) return stakes;
  if (stakes.state) setup.stakes = stakes.state;
  const choices = checkChoices(setup, cards);
  if (!choices.ok) return choices;
  if (setup.framingChallengeId !== null) {
    const card = cards[setup.framingChallengeId];
    if (!card || card.deck !== "challenge" || card.blank) return refuse("setupChallengeUnknown");
    setup.framingChallengeText = "";
  } else if (!setup.framingChallengeText) {
    return refuse("setupChallengeRequired");
  }
  return accept(setup);
}

/** Required texts, lengths, the horizon, the futures and the constraints. */
function checkTexts(setup: TableSetup): Outcome<true> {
  if (!setup.title) return refuse("setupTitleRequired");
  if (setup.title.length > LIMITS.titleLength) {
    return refuse("setupTextTooLong", { field: fieldLabel("title"), max: LIMITS.titleLength });
  }
  if (!setup.system) return refuse("setupSystemRequired");
  if (!setup.presentState) return refuse("setupPresentRequired");
  if (!setup.desirableFuture) return refuse("setupFutureRequired");
  for (const field of TEXT_FIELDS) {
    if (setup[field].length > LIMITS.setupTextLength) {
      return refuse("setupTextTooLong", { field: fieldLabel(field), max: LIMITS.setupTextLength });
    }
  }
  if (
    !Number.isInteger(setup.horizonYear) ||
    setup.horizonYear < LIMITS.minHorizonYear ||
    setup.horizonYear > LIMITS.maxHorizonYear
  ) {
    return refuse("setupHorizonInvalid", { min: LIMITS.minHorizonYear, max: LIMITS.maxHorizonYear });
  }
  // The first desirable future counts among the futures.
  if (1 + setup.otherFutures.length > LIMITS.futures) return refuse("tooManyFutures", { max: LIMITS.futures });
  if (setup.otherFutures.some((f) => f.length > LIMITS.setupTextLength)) {
    return refuse("futureTooLong", { max: LIMITS.setupTextLength });
  }
  for (const key of ["time", "values", "actors"] as const) {
    if (setup.constraints[key].length > LIMITS.setupTextLength) {
      return refuse(CONSTRAINT_CODES[key], { max: LIMITS.setupTextLength });
    }
  }
  return accept(true);
}

/** Decks and themes in play. */
function checkChoices(setup: TableSetup, cards: Record<string, Card>): Outcome<true> {
  if (setup.decksInPlay.length === 0) return refuse("noDeckInPlay");
  const themes = knownThemes(cards);
  const unknown = setup.themesInPlay.find((theme) => !themes.has(theme));
  if (unknown !== undefined) return refuse("unknownTheme", { theme: unknown, themes: [...themes].join(", ") });
  return accept(true);
}

function fieldLabel(field: (typeof TEXT_FIELDS)[number] | "title"): string {
  return t(`setupField.${field}`);
}

export interface NewTable {
  id: string;
  now: number;
  seed: string;
  setup: SetupInput;
  cards: readonly TableCard[];
}

/** A new table in preparation, its piles shuffled by the seed; the framing challenge card stays out of the pile. */
export function createTable({ id, now, seed, setup, cards }: NewTable): Outcome {
  const byId: Record<string, TableCard> = {};
  for (const card of cards) byId[card.id] = card;
  const checked = checkSetup(setup, byId);
  if (!checked.ok) return checked;

  const piles = {} as Record<DeckName, string[]>;
  for (const deck of DECK_NAMES) {
    const ids = cards.filter((c) => c.deck === deck && c.id !== checked.state.framingChallengeId).map((c) => c.id);
    piles[deck] = shuffle(ids, `${seed}:${deck}`);
  }
  return accept({
    id,
    createdAt: now,
    setup: checked.state,
    phase: "preparation",
    participants: [],
    piles,
    discard: [],
    path: [],
    removedSteps: [],
    nextStepNumber: 1,
    cards: byId,
    nextId: 1,
    locked: false,
    turns: { mode: "free", order: [], current: null },
    timer: null,
    suggestions: [],
    dealtCards: [],
    moderationLog: [],
  });
}
