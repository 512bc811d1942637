// What the Markdown and HTML stories both read off a table: who is who, the futures, the constraints that were set,
// what is at stake, a step's contributions by kind, and where the debrief stands. Plain text only: each format escapes
// it its own way.
import { t, type MessageKey, type Params, type PluralKey } from "../i18n/translate.ts";
import type { Contribution } from "../model.ts";
import { objectivesByPriority } from "../stakes.ts";
import type { ParticipantView, PublicTable, StepView } from "../view.ts";

export interface Who {
  name: string;
  role: string;
}

/** Finds a person by id; a story from elsewhere may name someone unknown, shown as "?". */
export function whoIs(people: ReadonlyMap<string, ParticipantView>, id: string): Who {
  const person = people.get(id);
  return { name: person?.name ?? "?", role: person?.role ?? "?" };
}

/**
 * The author of a step or a contribution, signed with the role they had when they wrote it (changing hats does not
 * rewrite it); in a story older than that (roleThen ""), their role now.
 */
export function authorThen(
  people: ReadonlyMap<string, ParticipantView>,
  id: string,
  roleThen: string | undefined,
): Who {
  const who = whoIs(people, id);
  return roleThen ? { ...who, role: roleThen } : who;
}

/** « élue · Décideurs du territoire »: a person's role now, and their zone on the kit's actor map when they gave one. */
export function roleAndZone(person: ParticipantView, role: string): string {
  return person.zone ? `${role} · ${t(`actors.zone.${person.zone}`)}` : role;
}

export function peopleById(table: PublicTable): Map<string, ParticipantView> {
  return new Map(table.participants.map((p) => [p.id, p]));
}

/** The role as the list of people shows it: "élue", "animatrice, animation", "habitant, retiré·e de la table". */
export function roleLabel(person: ParticipantView, role: string): string {
  const parts = [role];
  if (marksFacilitator(person, role)) parts.push(t("story.facilitator"));
  // Someone the workshop moved to another table left for it; they were not taken off.
  if (person.movedTo) parts.push(t("workshopRules.moved.label", { table: person.movedTo }));
  else if (person.removed) parts.push(t("storyMore.removed"));
  return parts.join(", ");
}

/**
 * Whether a facilitator is marked « animation » beside their role: not when the role they gave already says it (the
 * facilitator's role is « Animation » unless they write another), which would read « Animation, animation ».
 */
export function marksFacilitator(person: ParticipantView, role: string): boolean {
  const folded = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").trim().toLowerCase();
  return person.facilitator && folded(role) !== folded(t("story.facilitator"));
}

/** Every desirable future, the first one first. */
export function futuresOf(table: PublicTable): string[] {
  return [table.desirableFuture, ...table.otherFutures].filter((future) => future.trim() !== "");
}

/** "Horizon 2050 — Futur souhaitable", or "… — Futur souhaitable 2" when the group imagined several. */
export function futureLabel(table: PublicTable, index: number, count: number): string {
  const future = count > 1 ? t("storyMore.futureNumbered", { number: index + 1 }) : t("story.desirableFuture");
  return `${t("story.horizon", { year: table.horizonYear })} — ${future}`;
}

/** Where the path arrives: the horizon and its future(s). */
export function horizonLabel(table: PublicTable): string {
  const futures = futuresOf(table).length > 1 ? t("storyMore.futures") : t("story.desirableFuture");
  return `${t("story.horizon", { year: table.horizonYear })} — ${futures}`;
}

/** The constraints the group set, with their labels; the empty ones are left out. */
export function constraintsOf(table: PublicTable): { label: string; text: string }[] {
  const { time, values, actors } = table.constraints;
  return [
    { label: t("storyMore.constraintTime"), text: time },
    { label: t("storyMore.constraintValues"), text: values },
    { label: t("storyMore.constraintActors"), text: actors },
  ].filter((c) => c.text.trim() !== "");
}

export interface StakesPart {
  label: string;
  /** One text (the stakes), or the items of a list, in the order the story gives them. */
  items: string[];
  list: boolean;
}

/** What is at stake, in the kit's order, objectives by priority; the empty parts are left out (all of them when none). */
export function stakesPartsOf(table: Pick<PublicTable, "stakes">): StakesPart[] {
  const { ifNothing, objectives, quickWins, indicators } = table.stakes;
  const objectiveLines = objectivesByPriority(objectives).map((o) =>
    t("kitStakes.story.objective", { priority: o.priority, text: o.text }),
  );
  return [
    { label: t("kitStakes.story.ifNothing"), items: ifNothing ? [ifNothing] : [], list: false },
    { label: t("kitStakes.story.objectives"), items: objectiveLines, list: true },
    { label: t("kitStakes.story.quickWins"), items: quickWins, list: true },
    { label: t("kitStakes.story.indicators"), items: indicators, list: true },
  ].filter((part) => part.items.length > 0);
}

/** A step's answers to its dealt pitfall and its "oui, et…", each in the order they were written. */
export function contributionsOf(step: StepView): { answers: Contribution[]; yesAnds: Contribution[] } {
  return {
    answers: step.contributions.filter((c) => c.kind === "answer"),
    yesAnds: step.contributions.filter((c) => c.kind === "yesAnd"),
  };
}

/** « Réactions : plausible : 3 · souhaitable : 2 », or nothing when nobody reacted. */
export function reactionsLine(step: StepView): string | null {
  if (step.plausible.length === 0 && step.desirable.length === 0) return null;
  return t("storyMore.reactions", { plausible: step.plausible.length, desirable: step.desirable.length });
}

/** The dealt pitfall's state, or nothing for a card someone chose to play. */
export function dealtLine(step: StepView): string | null {
  if (!step.dealt) return null;
  return step.open ? t("storyMore.dealtOpen") : t("storyMore.dealtAnswered");
}

/** Who placed an untold step: "not told yet", unless it is a dealt pitfall the story already met by an answer. */
export function placedKey(step: StepView): MessageKey {
  return step.dealt && !step.open ? "storyMore.placedBy" : "story.placedBy";
}

/** The plural form of the language for count (French: 0 and 1 take the singular), chosen by i18next. */
function tCount(key: PluralKey, count: number, params: Params = {}): string {
  return t(key, { ...params, count });
}

export interface DebriefSummary {
  /** Whether the story shows a debrief section: once the table reached the debrief, or someone wrote one. */
  shown: boolean;
  /** Everyone who wrote a debrief, in order of arrival. */
  written: ParticipantView[];
  /** Everyone who wrote a commitment (« Je m'engage à… »), in order of arrival. */
  committed: ParticipantView[];
  /** The players (not facilitating, not removed) who have not written theirs yet. */
  missing: ParticipantView[];
  /** Won, or how far the table is from it. */
  outcome: string;
}

export function debriefOf(table: PublicTable): DebriefSummary {
  const written = table.participants.filter((p) => p.debrief.trim() !== "");
  const missing = table.participants.filter((p) => !p.facilitator && !p.removed && p.debrief.trim() === "");
  const outcome = table.won
    ? t("storyMore.won")
    : missing.length > 0
      ? tCount("storyMore.missing", missing.length)
      : t("storyMore.noPlayers");
  const shown = table.phase === "debrief" || table.phase === "closed" || written.length > 0;
  const committed = table.participants.filter((p) => p.commitment.trim() !== "");
  return { shown, written, committed, missing, outcome };
}
