// Opening a table: checking what the facilitator wrote, shuffling the decks with a seed.
import { DECK_NAMES } from "../../cards/schema.ts";
import { LIMITS, type Card, type DeckName, type TableSetup, type TableState } from "../model.ts";
import { t } from "../i18n/translate.ts";
import { shuffle } from "../random.ts";
import { accept, refuse, type Outcome } from "./result.ts";

const TEXT_FIELDS = ["system", "presentState", "desirableFuture", "framingChallengeText"] as const;

/** Trims every text of a setup; returns a refusal for the first thing a facilitator must fix. */
export function checkSetup(raw: TableSetup, cards: Record<string, Card>): Outcome<TableSetup> {
  const setup: TableSetup = {
    ...raw,
    title: raw.title.replace(/\s+/g, " ").trim(),
    system: raw.system.trim(),
    presentState: raw.presentState.trim(),
    desirableFuture: raw.desirableFuture.trim(),
    framingChallengeText: raw.framingChallengeText.trim(),
  };
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
  if (setup.framingChallengeId !== null) {
    const card = cards[setup.framingChallengeId];
    if (!card || card.deck !== "challenge" || card.blank) return refuse("setupChallengeUnknown");
    setup.framingChallengeText = "";
  } else if (!setup.framingChallengeText) {
    return refuse("setupChallengeRequired");
  }
  return accept(setup);
}

function fieldLabel(field: (typeof TEXT_FIELDS)[number] | "title"): string {
  return t(`setupField.${field}`);
}

export interface NewTable {
  id: string;
  now: number;
  seed: string;
  setup: TableSetup;
  cards: readonly Card[];
}

/** A new table in preparation, its piles shuffled by the seed; the framing challenge card stays out of the pile. */
export function createTable({ id, now, seed, setup, cards }: NewTable): Outcome {
  const byId: Record<string, Card> = {};
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
  });
}
