// The table as the browser receives it (the synced schema's JSON), and the shape the components read: both derived
// from the one declaration of what a browser receives (shared/synced.ts), with its defaults (shared/fields.ts).
import type { Field, Seen, Shape, Synced } from "#shared/fields.ts";
import { CARD, PARTICIPANT, TABLE } from "#shared/synced.ts";
import type { CardFace, HandCard, TimerView } from "#shared/view.ts";

export type { CardFace, HandCard };

/** A person at the table as a browser sees them: the public view and their presence (never their hand). */
export type SeatView = Seen<typeof PARTICIPANT>;

/**
 * The synced state: the public table, every participant's presence, and my own hand. The timer's serverNow is optional,
 * as in TimerView: a view built from the rules' own table (the plenary, tests) has no server clock.
 */
export type TableView = Omit<Seen<typeof TABLE>, "timer"> & { timer: TimerView | null; myHand: HandCard[] };

/** The synced state's JSON (`room.state.toJSON()`): participants keyed by id, an optional object absent, a hand only mine. */
export type SyncedTable = Synced<typeof TABLE>;

export type ConnectionStatus = "idle" | "connecting" | "connected" | "reconnecting" | "offline";

/**
 * Converts the schema's JSON into the view: participants in order of arrival, my hand picked out, and every field
 * present (the first patch may arrive before the whole state, and an empty synced collection may be left out).
 *
 * Given the previous view, every part that did not change is the previous object itself (a step, a participant, a
 * card in hand, a list): a component given an unchanged step under React.memo skips rendering it. A patch that
 * changes nothing gives back the previous view.
 */
export function toTableView(
  json: Record<string, unknown>,
  myId: string | null,
  previous: TableView | null = null,
): TableView {
  const next = freshView(json, myId);
  return previous ? keepUnchanged(previous, next) : next;
}

function freshView(json: Record<string, unknown>, myId: string | null): TableView {
  const table = seen(TABLE, json) as Omit<TableView, "myHand">;
  const me = myId ? (json["participants"] as Record<string, Plain> | undefined)?.[myId] : undefined;
  return {
    ...table,
    participants: table.participants.sort((a, b) => a.joinedAt - b.joinedAt),
    myHand: list(me?.["hand"]).map((card) => seen(CARD, card, true) as HandCard),
  };
}

/**
 * One synced object with every field of its shape: what is not there yet takes its empty value (null where nullable).
 * Private fields are left out, but for what is `mine` (a card of my hand).
 */
function seen(of: Shape, raw: unknown, mine = false): Plain {
  const given = isPlain(raw) ? raw : {};
  const view: Plain = {};
  for (const [name, field] of fieldsOf(of, mine)) view[name] = seenField(field, given[name]);
  return view;
}

/** A shape's fields as [name, field] pairs, private ones left out unless `mine`: listed once per shape, not per object. */
const listed = new WeakMap<Shape, { all: [string, Field][]; shared: [string, Field][] }>();
function fieldsOf(of: Shape, mine: boolean): [string, Field][] {
  let fields = listed.get(of);
  if (!fields) {
    const all = Object.entries(of.fields);
    fields = { all, shared: all.filter(([, field]) => !field.view) };
    listed.set(of, fields);
  }
  return mine ? fields.all : fields.shared;
}

function seenField(field: Field, raw: unknown): unknown {
  switch (field.kind) {
    case "value":
      if (raw === undefined) return field.nullable ? null : field.empty;
      return field.nullable && raw === field.empty ? null : raw;
    case "list":
      return field.of.kind === "shape" ? list(raw).map((item) => seen(field.of as Shape, item)) : list(raw);
    case "ref":
      if (isPlain(raw) && Object.keys(raw).length > 0) return seen(field.shape, raw);
      return field.optional ? null : seen(field.shape, undefined);
    case "map":
      return list(raw).map((item) => seen(field.shape, item));
  }
}

/** A synced map arrives as an object, a synced array as an array; an empty one may be left out. */
function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  return isPlain(value) ? Object.values(value) : [];
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function idOf(value: unknown): string | undefined {
  return isPlain(value) && typeof value.id === "string" ? value.id : undefined;
}

/**
 * Structural sharing: `next` where it differs from `previous`, `previous` (or its parts) where it is equal. Lists of
 * things with an id (steps, participants, cards, contributions) are matched by id, so that a step inserted or
 * removed leaves the others as they were; other lists are matched by position.
 */
export function keepUnchanged<T>(previous: T, next: T): T {
  return share(previous, next) as T;
}

function share(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous;
  if (Array.isArray(previous) && Array.isArray(next)) {
    const byId = new Map<string, unknown>();
    for (const item of previous) {
      const id = idOf(item);
      if (id !== undefined) byId.set(id, item);
    }
    let same = previous.length === next.length;
    const shared = next.map((item: unknown, i) => {
      const id = idOf(item);
      const before = id !== undefined ? byId.get(id) : previous[i];
      const kept = before === undefined ? item : share(before, item);
      if (kept !== previous[i]) same = false;
      return kept;
    });
    return same ? previous : shared;
  }
  if (isPlain(previous) && isPlain(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const shared: Plain = {};
    for (const key of keys) {
      const kept = share(previous[key], next[key]);
      shared[key] = kept;
      if (kept !== previous[key] || !(key in previous)) same = false;
    }
    return same ? previous : shared;
  }
  return next;
}
