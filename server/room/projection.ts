// Projects the plain table (shared/view.ts) into the synced schema, field by field as shared/synced.ts declares them, so
// no synced field can be left out; touching only what changed: a value is assigned only when it differs, an object is
// patched in place while it is the same one (same id), and a list only grows by its new items when nothing before moved.
import { StateView } from "@colyseus/schema";
import type { TableState } from "#shared/model.ts";
import type { Field, Shape } from "#shared/fields.ts";
import { CARD, PARTICIPANT, TABLE, TIMER } from "#shared/synced.ts";
import type * as SYNCED from "#shared/synced.ts";
import { handOf, publicTable, type HandCard, type PublicTable } from "#shared/view.ts";
import { instanceOf, type CardSchema, type ParticipantSchema, type TableSchema } from "./schema.ts";

type Plain = Record<string, unknown>;
/** A schema instance read and written by field name: the walk below is driven by the field table, not by its types. */
type Synced = Record<string, unknown> & { clear?: () => void };
interface SyncedList {
  length: number;
  [index: number]: unknown;
  clear(): void;
  push(...items: unknown[]): number;
}
interface SyncedMap {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  keys(): IterableIterator<string>;
}

/** What the room adds to the rules' public table, field by field (the `room` fields of shared/synced.ts). */
interface RoomParts {
  connected: ReadonlySet<string>;
  now: number;
}

/**
 * Writes the public table into the synced state. `connected` holds the participants with a live connection;
 * `now` is the server's clock, sent with every change of the timer so that clients can count down on their own.
 * The room fills the rest of its own fields: deleteAfter (table-room.ts) and the hands (projectHand).
 */
export function projectTable(
  target: TableSchema,
  table: PublicTable,
  connected: ReadonlySet<string>,
  now: number,
): void {
  project(TABLE, target as unknown as Synced, table as unknown as Plain, { connected, now });
}

/**
 * The frozen view each synced object was last written from. Views of unchanged parts of the table are the same frozen
 * objects from one change to the next (shared/view.ts keeps them by the rules' frozen state), so an unchanged step is
 * skipped with one comparison instead of walking its fields: an action costs what it changes, not the table's size.
 */
const writtenFrom = new WeakMap<Synced, Plain>();

/** The fields each shape's walk writes (all but the room's own), listed once. */
const walked = new WeakMap<Shape, readonly (readonly [string, Field])[]>();
function walkedFields(of: Shape): readonly (readonly [string, Field])[] {
  let fields = walked.get(of);
  if (!fields) {
    fields = Object.entries(of.fields).filter(([, field]) => !field.room);
    walked.set(of, fields);
  }
  return fields;
}

/** Projects one object; returns whether anything in it changed. */
function project(of: Shape, target: Synced, value: Plain, room: RoomParts): boolean {
  let changed = false;
  if (writtenFrom.get(target) !== value) {
    for (const [name, field] of walkedFields(of)) {
      if (projectField(field, target, name, value[name], room)) changed = true;
    }
    if (Object.isFrozen(value)) writtenFrom.set(target, value);
  }
  fillRoomFields(of, target, value, changed, room);
  return changed;
}

type FieldsOf<S> = S extends Shape<infer F> ? F : never;
type RoomFieldsOf<N extends string, S> = {
  [K in keyof FieldsOf<S>]: FieldsOf<S>[K] extends { room: true } ? `${N}.${K & string}` : never;
}[keyof FieldsOf<S>];
type RoomFields = { [N in keyof typeof SYNCED]: RoomFieldsOf<N, (typeof SYNCED)[N]> }[keyof typeof SYNCED];

/**
 * Who fills each field the rules' public table does not hold (`room` in shared/synced.ts). Every other synced field is
 * projected by the walk above from publicTable, whose type asks for all of them; a room field added to shared/synced.ts
 * does not compile until it has its line here, and its code.
 */
export const FILLED_BY_ROOM = {
  "CARD.dealt": "projectHand, from the rules' handOf (private: a card of a hand only)",
  "PARTICIPANT.connected": "fillRoomFields, from the room's live connections",
  "PARTICIPANT.hand": "projectHand (a StateView field)",
  "TIMER.serverNow": "fillRoomFields, the server's clock when the timer changed",
  "TABLE.deleteAfter": "table-room.ts #project, from the retention sweep's date",
} as const satisfies Record<RoomFields, string>;

/** The room's own fields of one object (see FILLED_BY_ROOM). */
function fillRoomFields(of: Shape, target: Synced, value: Plain, changed: boolean, room: RoomParts): void {
  if (of === PARTICIPANT && target["connected"] !== room.connected.has(value["id"] as string)) {
    target["connected"] = room.connected.has(value["id"] as string);
  }
  if (of === TIMER && (changed || target["serverNow"] === undefined)) target["serverNow"] = room.now;
}

function projectField(field: Field, target: Synced, name: string, next: unknown, room: RoomParts): boolean {
  switch (field.kind) {
    case "value": {
      const wanted = next === null ? field.empty : next;
      if (target[name] === wanted) return false;
      target[name] = wanted;
      return true;
    }
    case "list":
      return projectList(field.of, target[name] as SyncedList, next as unknown[], room);
    case "ref": {
      if (next === null || next === undefined) {
        if (target[name] === undefined) return false;
        target[name] = undefined;
        return true;
      }
      const current = target[name] as Synced | undefined;
      if (current && sameObject(field.shape, current, next as Plain))
        return project(field.shape, current, next as Plain, room);
      // Another object (a blank card written on the path is another card): sent again whole.
      target[name] = made(field.shape, next as Plain, room);
      return true;
    }
    case "map":
      return projectMap(field.shape, target[name] as SyncedMap, next as Plain[], room);
  }
}

/** The same object: the same id, for a shape that has one. */
function sameObject(of: Shape, current: Synced, next: Plain): boolean {
  return !("id" in of.fields) || current["id"] === next["id"];
}

function made(of: Shape, value: Plain, room: RoomParts): Synced {
  const synced = instanceOf(of) as unknown as Synced;
  project(of, synced, value, room);
  return synced;
}

/**
 * The items each synced list was last written from, when all of them are values or frozen views: an item that is the
 * very same one (a step nobody touched: shared/view.ts keeps its view) is already there as it is, and is passed over
 * without reading the synced list (a proxy, slow to read) — on a 40-step path, a « oui, et… » reads one step, not 40.
 */
const listFrom = new WeakMap<SyncedList, readonly unknown[]>();

/** Still the very item last written at that place: a value, or a frozen view (which cannot have changed since). */
function sameItem(before: readonly unknown[] | undefined, i: number, item: unknown): boolean {
  return before !== undefined && i < before.length && before[i] === item;
}

/**
 * A list whose items are still the same ones in the same order is patched in place and grows by its new items; a list
 * where something was inserted, moved or removed is sent again (a few hundred bytes a step, once per such move).
 */
function projectList(of: Field | Shape, target: SyncedList, next: readonly unknown[], room: RoomParts): boolean {
  const before = listFrom.get(target);
  if (before === next) return false;
  const isShape = of.kind === "shape";
  const kept = Math.min(target.length, next.length);
  let inPlace = target.length <= next.length;
  for (let i = 0; inPlace && i < kept; i++) {
    if (sameItem(before, i, next[i])) continue;
    inPlace = isShape ? sameObject(of, target[i] as Synced, next[i] as Plain) : target[i] === next[i];
  }
  let changed = false;
  if (!inPlace) {
    target.clear();
    target.push(...next.map((item) => (isShape ? made(of, item as Plain, room) : item)));
    changed = true;
  } else {
    if (isShape)
      for (let i = 0; i < kept; i++) {
        if (sameItem(before, i, next[i])) continue;
        if (project(of, target[i] as Synced, next[i] as Plain, room)) changed = true;
      }
    if (next.length > kept) {
      target.push(...next.slice(kept).map((item) => (isShape ? made(of, item as Plain, room) : item)));
      changed = true;
    }
  }
  remember(target, next);
  return changed;
}

/** Notes what a list was written from, if it can be trusted next time (values and frozen views only). */
function remember(target: SyncedList, next: readonly unknown[]): void {
  const trusted = next.every((item) => item === null || typeof item !== "object" || Object.isFrozen(item));
  if (!trusted) listFrom.delete(target);
  else listFrom.set(target, Object.isFrozen(next) ? next : [...next]);
}

/** Objects keyed by id (participants): the map keeps them in place; who left the table is taken out. */
function projectMap(of: Shape, target: SyncedMap, next: readonly Plain[], room: RoomParts): boolean {
  let changed = false;
  const seen = new Set<string>();
  for (const item of next) {
    const id = item["id"] as string;
    seen.add(id);
    const current = target.get(id) as Synced | undefined;
    if (current) {
      if (project(of, current, item, room)) changed = true;
    } else {
      target.set(id, made(of, item, room));
      changed = true;
    }
  }
  for (const id of [...target.keys()]) {
    if (seen.has(id)) continue;
    target.delete(id);
    changed = true;
  }
  return changed;
}

/** Replaces a participant's synced hand when it changed; every card must be added to the owner's views or it never reaches them. */
export function projectHand(
  target: ParticipantSchema,
  hand: readonly HandCard[],
  viewsOf: () => readonly StateView[],
): void {
  const same =
    target.hand.length === hand.length &&
    hand.every(
      (c, i) => target.hand[i]?.id === c.id && target.hand[i]?.dealt === c.dealt && target.hand[i]?.source === c.source,
    );
  if (same) return;
  const views = viewsOf();
  target.hand.clear();
  for (const face of hand) {
    const card = instanceOf(CARD) as CardSchema;
    project(CARD, card as unknown as Synced, face as unknown as Plain, { connected: new Set(), now: 0 });
    card.dealt = face.dealt;
    target.hand.push(card);
    for (const view of views) view.add(card);
  }
}

/** Who is at the table, as the room's attendance knows it (server/room/attendance.ts). */
export interface Present {
  /** The participants with a live connection. */
  online(): ReadonlySet<string>;
  /** The views of each participant's seated connections (gathered only when a hand changed). */
  viewsBySeat(): ReadonlyMap<string, readonly StateView[]>;
}

/**
 * Everything the room syncs after a change: the public table, its retention date (`deleteAfter`, the sweep's date,
 * shown at the table), and each hand into its owner's views only.
 */
export function projectRoom(target: TableSchema, table: TableState, present: Present, deleteAfter: number): void {
  projectTable(target, publicTable(table), present.online(), Date.now());
  target.deleteAfter = deleteAfter;
  // Whose views hold which hand, gathered only if a hand changed (most changes touch no hand).
  let views: ReadonlyMap<string, readonly StateView[]> | null = null;
  for (const participant of table.participants) {
    const synced = target.participants.get(participant.id);
    if (!synced) continue;
    const from = { participant, dealt: table.dealtCards, cards: table.cards };
    const last = handFrom.get(synced);
    if (last && last.participant === from.participant && last.dealt === from.dealt && last.cards === from.cards)
      continue;
    projectHand(
      synced,
      handOf(table, participant.id),
      () => (views ??= present.viewsBySeat()).get(participant.id) ?? [],
    );
    if (Object.isFrozen(participant) && Object.isFrozen(table.dealtCards) && Object.isFrozen(table.cards))
      handFrom.set(synced, from);
    else handFrom.delete(synced);
  }
}

/**
 * What each synced hand was last written from: a hand is made of its holder's card ids, the dealt cards and the
 * table's cards, all frozen by the rules (Immer) and the same objects while unchanged; then it is passed over.
 */
const handFrom = new WeakMap<
  ParticipantSchema,
  { participant: TableState["participants"][number]; dealt: TableState["dealtCards"]; cards: TableState["cards"] }
>();

/** The view of a newly seated connection: their own participant and hand, besides everything public. */
export function seatView(target: TableSchema, participantId: string): StateView {
  const view = new StateView();
  const synced = target.participants.get(participantId);
  if (synced) {
    view.add(synced);
    for (const card of synced.hand) view.add(card);
  }
  return view;
}
