// Anonymisation (GDPR): a person's name and role become « Participant·e N » and « participant·e » everywhere the table
// holds them, N being their place in the order of arrival (stable, unique at the table). Ids stay, so what they wrote
// stays theirs and shows the new name; the texts themselves are theirs and stay as written.
import { t } from "#shared/i18n/translate.ts";
import type { Participant, TableState } from "#shared/model.ts";
import { nameKey } from "#shared/text.ts";
import { accept, refuse } from "../result.ts";
import { cardsOf, type MovesOf } from "./move.ts";

/** The name and role someone takes once anonymised, or undefined when they are not at this table. */
export function anonymousIdentity(
  state: TableState,
  participantId: string,
): { name: string; role: string } | undefined {
  const at = state.participants.findIndex((p) => p.id === participantId);
  if (at < 0) return undefined;
  return { name: t("anonymise.name", { number: at + 1 }), role: t("anonymise.role") };
}

/** « Participant·e 12 » as seen (any case, spacing or look-alike): newcomers may not take it, it would pass for someone. */
export function isAnonymousName(name: string): boolean {
  const key = nameKey(name);
  const pattern = nameKey(t("anonymise.name", { number: 0 })).replace(/0$/, "");
  return key.startsWith(pattern) && /^\d+$/.test(key.slice(pattern.length));
}

/**
 * Rewrites every place the state copies this person's name or role as text: their seat, the roles kept on their steps
 * and contributions, the moderation record of their removal or move to another table, the source line of the cards
 * they wrote. Idempotent: anonymising twice changes
 * nothing more, which replay needs (once the join entry of the log carries the new name, the anonymise entry after it
 * finds nothing to change).
 */
export function anonymiseIn(state: TableState, person: Participant): TableState {
  const identity = anonymousIdentity(state, person.id);
  if (!identity) return state;
  person.name = identity.name;
  person.role = identity.role;
  // The roles their steps and « oui, et… » keep from the time they wrote them (changing hats) are theirs too.
  for (const step of [...state.path, ...state.removedSteps]) {
    if (step.placedBy === person.id && step.authorRole !== undefined) step.authorRole = identity.role;
    for (const c of step.contributions)
      if (c.authorId === person.id && c.authorRole !== undefined) c.authorRole = identity.role;
  }
  for (const record of state.moderationLog) {
    const ofThem = record.action === "removeParticipant" || record.action === "moveAway";
    if (ofThem && record.target === person.id) record.before = identity.name;
  }
  const written = Object.values(cardsOf(state)).filter((card) => card.writtenBy === person.id);
  if (written.length > 0) {
    // The catalogue is shared between states: change a copy of the record, never the record itself.
    const source = t("moderation.writtenCardSource", { name: identity.name });
    state.cards = { ...cardsOf(state), ...Object.fromEntries(written.map((card) => [card.id, { ...card, source }])) };
  }
  return state;
}

export const ANONYMISE_MOVES: MovesOf<"anonymise" | "anonymiseParticipant"> = {
  anonymise(state, actor) {
    return accept(anonymiseIn(state, actor));
  },

  // Removed people count too: someone taken off the table can no longer act, so they ask the facilitator.
  anonymiseParticipant(state, _actor, { participantId }) {
    const person = state.participants.find((p) => p.id === participantId);
    if (!person) return refuse("participantNotFound");
    return accept(anonymiseIn(state, person));
  },
};

/** A copy of the state with this person anonymised, the given state left as it is (the room rewrites a stored first state). */
export function anonymisedCopy(state: TableState, participantId: string): TableState {
  const copy = {
    ...state,
    participants: structuredClone(state.participants),
    moderationLog: structuredClone(state.moderationLog),
    path: structuredClone(state.path),
    removedSteps: structuredClone(state.removedSteps),
  };
  const person = copy.participants.find((p) => p.id === participantId);
  return person ? anonymiseIn(copy, person) : state;
}
