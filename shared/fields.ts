// The vocabulary of a field table: the shape of what a browser receives, written once as plain data (shared/synced.ts).
// From one table come its TypeScript types (here), its Colyseus schema class (server/room/schema.ts), its projection
// (server/room/projection.ts) and the browser's defaults (client/src/net/types.ts). No library: shared stays plain.

/** How a value travels (the @colyseus/schema codec); every number a table holds fits the codec named. */
export type Wire = "string" | "number" | "boolean" | "uint8" | "uint16";

interface Marks {
  /** Filled by the room (presence, its clock, a hand), not by the rules' public table (shared/view.ts publicTable). */
  readonly room?: true;
  /** Private: reaches only the browser whose StateView holds it (a hand). Room-filled as well. */
  readonly view?: true;
}

/** One value. `nullable`: the rules say null, the wire says `empty` (a schema field cannot be null). */
export interface ValueField<T = unknown, N extends boolean = boolean> extends Marks {
  readonly kind: "value";
  readonly wire: Wire;
  readonly empty: T;
  readonly nullable: N;
}

/** A list of values or of objects, in order. */
export interface ListField<E extends Item = Item> extends Marks {
  readonly kind: "list";
  readonly of: E;
}

/** One object; `optional` ones are null in the rules' view and absent on the wire. */
export interface RefField<S extends Shape = Shape, O extends boolean = boolean> extends Marks {
  readonly kind: "ref";
  readonly shape: S;
  readonly optional: O;
}

/** Objects with an `id`, sent keyed by it (a synced map), read as a list. */
export interface MapField<S extends Shape = Shape> extends Marks {
  readonly kind: "map";
  readonly shape: S;
}

export type Field = ValueField | ListField | RefField | MapField;
export type Fields = Readonly<Record<string, Field>>;

/** A named object: its name is the Colyseus schema's. */
export interface Shape<F extends Fields = Fields> {
  readonly kind: "shape";
  readonly name: string;
  readonly fields: F;
}

type Item = ValueField | Shape;

export function shape<F extends Fields>(name: string, fields: F): Shape<F> {
  return { kind: "shape", name, fields };
}

function value<T, N extends boolean = false>(wire: Wire, empty: T, nullable = false as N): ValueField<T, N> {
  return { kind: "value", wire, empty, nullable };
}

/** The field builders of a table. A string typed narrower than `string` names its value when nothing is sent yet. */
export const f = {
  string: <T extends string = string>(empty = "" as T) => value<T>("string", empty),
  number: () => value<number>("number", 0),
  uint8: <T extends number = number>(empty = 0 as T) => value<T>("uint8", empty),
  uint16: () => value<number>("uint16", 0),
  boolean: () => value<boolean>("boolean", false),
  /** null in the rules' view, "" on the wire. */
  stringOrNull: () => value<string, true>("string", "", true),
  /** null in the rules' view, 0 on the wire. */
  numberOrNull: () => value<number, true>("number", 0, true),
  list: <E extends Item>(of: E): ListField<E> => ({ kind: "list", of }),
  ref: <S extends Shape>(of: S): RefField<S, false> => ({ kind: "ref", shape: of, optional: false }),
  optional: <S extends Shape>(of: S): RefField<S, true> => ({ kind: "ref", shape: of, optional: true }),
  byId: <S extends Shape>(of: S): MapField<S> => ({ kind: "map", shape: of }),
  room: <F extends Field>(field: F): F & { readonly room: true } => ({ ...field, room: true }),
  private: <F extends Field>(field: F): F & { readonly room: true; readonly view: true } => ({
    ...field,
    room: true,
    view: true,
  }),
};

type FieldsOf<S> = S extends Shape<infer F> ? F : never;
type ValueOf<E> = E extends ValueField<infer T> ? T : never;

/**
 * What the rules project (shared/view.ts PublicTable and its parts): every field but the room's, null where nothing is,
 * keyed objects as a list.
 */
export type Public<S extends Shape> = {
  -readonly [K in keyof FieldsOf<S> as FieldsOf<S>[K] extends { room: true } ? never : K]: PublicField<
    FieldsOf<S>[K],
    "public"
  >;
};

/** What a browser reads (client/src/net/types.ts): the public table and the room's fields, without the private ones. */
export type Seen<S extends Shape> = {
  -readonly [K in keyof FieldsOf<S> as FieldsOf<S>[K] extends { view: true } ? never : K]: PublicField<
    FieldsOf<S>[K],
    "seen"
  >;
};

type ViewOf<S, M> = S extends Shape ? (M extends "public" ? Public<S> : Seen<S>) : never;

type PublicField<F, M> =
  F extends ValueField<infer T, infer N>
    ? N extends true
      ? T | null
      : T
    : F extends ListField<infer E>
      ? E extends Shape
        ? ViewOf<E, M>[]
        : ValueOf<E>[]
      : F extends RefField<infer S, infer O>
        ? O extends true
          ? ViewOf<S, M> | null
          : ViewOf<S, M>
        : F extends MapField<infer S>
          ? ViewOf<S, M>[]
          : never;

type Absent<F> = F extends { view: true } ? true : F extends RefField<Shape, true> ? true : false;

/**
 * What the synced state's `toJSON()` gives (the decoder's own shape): keyed objects as a record, an optional object or a
 * private field absent. server/room/schema.ts checks it against @colyseus/schema's ToJSON of the classes it builds.
 */
export type Synced<S extends Shape> = {
  -readonly [K in keyof FieldsOf<S> as Absent<FieldsOf<S>[K]> extends true ? never : K]: SyncedField<FieldsOf<S>[K]>;
} & {
  -readonly [K in keyof FieldsOf<S> as Absent<FieldsOf<S>[K]> extends true ? K : never]?: SyncedField<FieldsOf<S>[K]>;
};

type SyncedField<F> =
  F extends ValueField<infer T>
    ? T
    : F extends ListField<infer E>
      ? E extends Shape
        ? Synced<E>[]
        : ValueOf<E>[]
      : F extends RefField<infer S>
        ? Synced<S>
        : F extends MapField<infer S>
          ? Record<string, Synced<S>>
          : never;
