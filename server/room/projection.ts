// Projects the plain table (shared/view.ts) into the synced schema, touching only what changed.
import type { StateView } from "@colyseus/schema";
import type { CardFace, PublicTable } from "../../shared/view.ts";
import { CardSchema, ParticipantSchema, StepSchema, type TableSchema } from "./schema.ts";

function toCard(face: CardFace): CardSchema {
  const card = new CardSchema();
  card.id = face.id;
  card.deck = face.deck;
  card.title = face.title;
  card.text = face.text;
  card.theme = face.theme;
  card.keywords.push(...face.keywords);
  card.examples.push(...face.examples);
  card.blank = face.blank;
  card.source = face.source;
  return card;
}

/** Assigns only the fields whose value differs, so unchanged fields send nothing. */
function assign<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (target[key] !== value) target[key] = value;
  }
}

export function projectTable(target: TableSchema, table: PublicTable, connected: ReadonlySet<string>): void {
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
  });
  const challenge = table.framingChallenge;
  if (challenge && target.framingChallenge?.id !== challenge.id) target.framingChallenge = toCard(challenge);
  if (!challenge && target.framingChallenge) target.framingChallenge = undefined as unknown as CardSchema;
  assign(target.piles, table.piles);

  const seen = new Set<string>();
  for (const p of table.participants) {
    seen.add(p.id);
    let entry = target.participants.get(p.id);
    if (!entry) {
      entry = new ParticipantSchema();
      target.participants.set(p.id, entry);
    }
    assign(entry, { ...p, connected: connected.has(p.id) });
  }
  for (const id of [...target.participants.keys()]) if (!seen.has(id)) target.participants.delete(id);

  projectPath(target, table);
}

function projectPath(target: TableSchema, table: PublicTable): void {
  const sameOrder =
    target.path.length === table.path.length && table.path.every((s, i) => target.path[i]?.id === s.id);
  if (!sameOrder) {
    target.path.clear();
    for (const s of table.path) {
      const step = new StepSchema();
      assign(step, { id: s.id, placedBy: s.placedBy, placedAt: s.placedAt, narration: s.narration, narratedAt: s.narratedAt });
      step.card = toCard(s.card);
      target.path.push(step);
    }
    return;
  }
  table.path.forEach((s, i) => {
    const step = target.path[i];
    if (step) assign(step, { narration: s.narration, narratedAt: s.narratedAt });
  });
}

/** Replaces a participant's synced hand when it changed; every card must be added to the owner's views or it never reaches them. */
export function projectHand(target: ParticipantSchema, hand: readonly CardFace[], views: readonly StateView[]): void {
  const same = target.hand.length === hand.length && hand.every((c, i) => target.hand[i]?.id === c.id);
  if (same) return;
  target.hand.clear();
  for (const face of hand) {
    const card = toCard(face);
    target.hand.push(card);
    for (const view of views) view.add(card);
  }
}
