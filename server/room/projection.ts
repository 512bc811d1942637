// Projects the plain table (shared/view.ts) into the synced schema, touching only what changed: a field is assigned
// only when its value differs, and an array is rebuilt only when its ids or their order change.
import type { ArraySchema, StateView } from "@colyseus/schema";
import type { Announcement, Contribution, Objective, SetupStakes, Suggestion } from "#shared/model.ts";
import type { CardFace, HandCard, PublicTable, StepView, TimerView } from "#shared/view.ts";
import {
  AnnouncementSchema,
  CardSchema,
  ContributionSchema,
  ObjectiveSchema,
  ParticipantSchema,
  StepSchema,
  SuggestionSchema,
  TimerSchema,
  type TableSchema,
} from "./schema.ts";

function toCard(face: CardFace): CardSchema {
  const card = new CardSchema();
  assign(card, {
    id: face.id,
    deck: face.deck,
    title: face.title,
    label: face.label,
    text: face.text,
    kitText: face.kitText,
    themeByApp: face.themeByApp,
    environment: face.environment,
    blank: face.blank,
    source: face.source,
    kitPart: face.kitPart,
    kitChapter: face.kitChapter,
    kitLine: face.kitLine,
    license: face.license,
    writtenBy: face.writtenBy,
  });
  card.themes.push(...face.themes);
  card.keywords.push(...face.keywords);
  card.examples.push(...face.examples);
  return card;
}

/** Assigns only the fields whose value differs, so unchanged fields send nothing. Returns whether anything changed. */
function assign<T extends object>(target: T, values: Partial<T>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (target[key] !== value) {
      target[key] = value;
      changed = true;
    }
  }
  return changed;
}

/** Replaces a list of strings when it differs (ids, order or length). */
function syncStrings(target: ArraySchema<string>, values: readonly string[]): void {
  if (target.length === values.length && values.every((v, i) => target[i] === v)) return;
  target.clear();
  target.push(...values);
}

/** Replaces a list of items when their keys differ; `key` says what makes an item the same (id, and text if it may change). */
function syncItems<S, V>(target: ArraySchema<S>, values: readonly V[], key: (item: S | V) => string, make: (value: V) => S): void {
  if (target.length === values.length && values.every((v, i) => target[i] !== undefined && key(target[i] as S) === key(v))) return;
  target.clear();
  target.push(...values.map(make));
}

function toContribution(c: Contribution): ContributionSchema {
  const synced = new ContributionSchema();
  assign(synced, { id: c.id, authorId: c.authorId, kind: c.kind, text: c.text, at: c.at, authorRole: c.authorRole ?? "" });
  return synced;
}

function toSuggestion(s: Suggestion): SuggestionSchema {
  const synced = new SuggestionSchema();
  assign(synced, { id: s.id, authorId: s.authorId, field: s.field, text: s.text, at: s.at });
  return synced;
}

/**
 * Writes the public table into the synced state. `connected` holds the participants with a live connection;
 * `now` is the server's clock, sent with every change of the timer so that clients can count down on their own.
 */
export function projectTable(target: TableSchema, table: PublicTable, connected: ReadonlySet<string>, now: number): void {
  assign(target, {
    id: table.id,
    phase: table.phase,
    title: table.title,
    system: table.system,
    presentState: table.presentState,
    horizonYear: table.horizonYear,
    desirableFuture: table.desirableFuture,
    framingChallengeText: table.framingChallengeText,
    discardCount: table.discardCount,
    locked: table.locked,
    won: table.won,
    publicationId: table.publicationId,
  });
  syncStrings(target.otherFutures, table.otherFutures);
  assign(target.constraints, table.constraints);
  projectStakes(target, table.stakes);
  syncStrings(target.decksInPlay, table.decksInPlay);
  syncStrings(target.themesInPlay, table.themesInPlay);
  const challenge = table.framingChallenge;
  if (challenge && target.framingChallenge?.id !== challenge.id) target.framingChallenge = toCard(challenge);
  if (!challenge && target.framingChallenge) target.framingChallenge = undefined;
  assign(target.piles, table.piles);
  assign(target.turns, { mode: table.turns.mode, current: table.turns.current ?? "" });
  syncStrings(target.turns.order, table.turns.order);
  projectTimer(target, table.timer, now);
  projectAnnouncement(target, table.announcement);
  syncItems(target.suggestions, table.suggestions, (s) => `${s.id}\n${s.text}`, toSuggestion);
  projectParticipants(target, table, connected);
  projectPath(target, table);
}

function toObjective(o: Objective): ObjectiveSchema {
  const synced = new ObjectiveSchema();
  assign(synced, { text: o.text, priority: o.priority });
  return synced;
}

function projectStakes(target: TableSchema, stakes: SetupStakes): void {
  assign(target.stakes, { ifNothing: stakes.ifNothing });
  syncItems(target.stakes.objectives, stakes.objectives, (o) => `${o.priority}\n${o.text}`, toObjective);
  syncStrings(target.stakes.quickWins, stakes.quickWins);
  syncStrings(target.stakes.indicators, stakes.indicators);
}

function projectTimer(target: TableSchema, timer: TimerView | null, now: number): void {
  if (!timer) {
    if (target.timer) target.timer = undefined;
    return;
  }
  const synced = target.timer ?? new TimerSchema();
  const { label, durationMs, remainingMs, runningSince } = timer;
  if (assign(synced, { label, durationMs, remainingMs, runningSince })) synced.serverNow = now;
  if (!target.timer) target.timer = synced;
}

/** A new message is a new object, so that a browser tells it again even when its text is the same as before. */
function projectAnnouncement(target: TableSchema, announcement: Announcement | null): void {
  if (!announcement) {
    if (target.announcement) target.announcement = undefined;
    return;
  }
  if (target.announcement?.at === announcement.at && target.announcement.text === announcement.text) return;
  const synced = new AnnouncementSchema();
  assign(synced, announcement);
  target.announcement = synced;
}

function projectParticipants(target: TableSchema, table: PublicTable, connected: ReadonlySet<string>): void {
  const seen = new Set<string>();
  for (const p of table.participants) {
    seen.add(p.id);
    let entry = target.participants.get(p.id);
    if (!entry) {
      entry = new ParticipantSchema();
      target.participants.set(p.id, entry);
    }
    assign(entry, {
      id: p.id,
      name: p.name,
      role: p.role,
      zone: p.zone,
      facilitator: p.facilitator,
      handCount: p.handCount,
      joinedAt: p.joinedAt,
      removed: p.removed,
      movedTo: p.movedTo,
      debrief: p.debrief,
      commitment: p.commitment,
      namedInPublication: p.namedInPublication,
      connected: connected.has(p.id),
    });
  }
  for (const id of [...target.participants.keys()]) if (!seen.has(id)) target.participants.delete(id);
}

function projectPath(target: TableSchema, table: PublicTable): void {
  const sameOrder = target.path.length === table.path.length && table.path.every((s, i) => target.path[i]?.id === s.id);
  if (!sameOrder) {
    // A step placed, moved or removed: the path is sent again (a few hundred bytes a step, and it happens once per move).
    target.path.clear();
    for (const s of table.path) {
      const step = new StepSchema();
      step.card = toCard(s.card);
      projectStep(step, s);
      target.path.push(step);
    }
    return;
  }
  table.path.forEach((s, i) => {
    const step = target.path[i];
    if (step) projectStep(step, s);
  });
}

function projectStep(step: StepSchema, s: StepView): void {
  assign(step, {
    id: s.id,
    placedBy: s.placedBy,
    placedAt: s.placedAt,
    authorRole: s.authorRole,
    narration: s.narration,
    narratedAt: s.narratedAt,
    dealt: s.dealt,
    open: s.open,
  });
  // A blank card written on the path is another card (another id): sent again whole. Otherwise a card's only field that
  // changes is the source line of a written card, when its author is anonymised.
  if (!step.card || step.card.id !== s.card.id) step.card = toCard(s.card);
  else if (step.card.source !== s.card.source) step.card.source = s.card.source;
  // An edit by the facilitator changes a contribution's text, not its id; an anonymisation, the role it keeps.
  syncItems(step.contributions, s.contributions, (c) => `${c.id}\n${c.text}\n${c.authorRole ?? ""}`, toContribution);
  syncStrings(step.plausible, s.plausible);
  syncStrings(step.desirable, s.desirable);
}

/** Replaces a participant's synced hand when it changed; every card must be added to the owner's views or it never reaches them. */
export function projectHand(target: ParticipantSchema, hand: readonly HandCard[], views: readonly StateView[]): void {
  const same =
    target.hand.length === hand.length &&
    hand.every((c, i) => target.hand[i]?.id === c.id && target.hand[i]?.dealt === c.dealt && target.hand[i]?.source === c.source);
  if (same) return;
  target.hand.clear();
  for (const face of hand) {
    const card = toCard(face);
    card.dealt = face.dealt;
    target.hand.push(card);
    for (const view of views) view.add(card);
  }
}
