// The shape of a move, and the small helpers several moves share (finding a step, making one, recording moderation).
import { isDraft, original } from "immer";
import type {
  Action,
  ActionContext,
  ModerationRecord,
  Participant,
  Step,
  TableCard,
  TableState,
} from "#shared/model.ts";
import type { Outcome } from "../result.ts";

/** A move changes the draft it is given (a private copy made by applyAction) and answers with it, or refuses. */
export type Move<A extends Action> = (state: TableState, actor: Participant, action: A, ctx: ActionContext) => Outcome;

/** The moves for some action types, each typed by its own payload. */
export type MovesOf<K extends Action["type"]> = { [T in K]: Move<Extract<Action, { type: T }>> };

/**
 * The card catalogue, read without drafting it. Moves never change a card in place: one that adds or rewrites cards
 * replaces the whole record. So reading the record as it was is right, and reading a card through the draft would copy
 * the whole catalogue (hundreds of cards) on every action.
 */
export function cardsOf(state: TableState): Readonly<Record<string, TableCard>> {
  const { cards } = state;
  return isDraft(cards) ? (original(cards) ?? cards) : cards;
}

export function findStep(state: TableState, stepId: string): Step | undefined {
  return state.path.find((s) => s.id === stepId);
}

/** Where a new step goes: 0 for the start, after the anchor otherwise; -1 when the anchor is no longer on the path. */
export function insertionIndex(path: readonly Step[], afterStepId: string | null): number {
  if (afterStepId === null) return 0;
  const anchor = path.findIndex((s) => s.id === afterStepId);
  return anchor < 0 ? -1 : anchor + 1;
}

/** A fresh step for a card, numbered from the table's counter, with its placer's role of now (none for the workshop). */
export function newStep(state: TableState, cardId: string, placedBy: string, now: number, dealt: boolean): Step {
  const authorRole = state.participants.find((p) => p.id === placedBy)?.role;
  const step: Step = {
    id: `step-${state.nextStepNumber}`,
    cardId,
    placedBy,
    placedAt: now,
    ...(authorRole !== undefined && { authorRole }),
    narration: "",
    narratedAt: null,
    dealt,
    open: dealt,
    contributions: [],
    reactions: { plausible: [], desirable: [] },
  };
  state.nextStepNumber += 1;
  return step;
}

/** A dealt pitfall stays open until its narration or an answer under it tells how the story meets it. */
export function refreshOpen(step: Step): void {
  step.open = step.dealt && step.narration === "" && !step.contributions.some((c) => c.kind === "answer");
}

/** Takes the next number of the table's counter (contributions, suggestions, written cards, imports). */
export function nextNumber(state: TableState): number {
  const n = state.nextId;
  state.nextId += 1;
  return n;
}

/** Keeps what a facilitator changed or took out. */
export function record(
  state: TableState,
  ctx: ActionContext,
  action: ModerationRecord["action"],
  target: string,
  before: string,
): void {
  state.moderationLog.push({ at: ctx.now, by: ctx.actorId, action, target, before });
}

/** A text typed on one line (titles, labels): runs of spaces and line breaks become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
