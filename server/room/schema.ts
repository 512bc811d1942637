// The synced projection of a table (Colyseus schema), built from the one declaration of what a browser receives
// (shared/synced.ts): a class per shape, its fields in the declared order. A client's `state.toJSON()` reads as
// Synced<typeof TABLE> (checked below against @colyseus/schema's own ToJSON). Hands are .view(): only their owner
// receives them. Each schema stays far below @colyseus/schema's 63 fields.
import {
  schema,
  t,
  type ArraySchema,
  type FieldBuilder,
  type MapSchema,
  type Schema,
  type ToJSON,
} from "@colyseus/schema";
import type { Field, Fields, ListField, MapField, RefField, Shape, Synced, ValueField } from "#shared/fields.ts";
import {
  ANNOUNCEMENT,
  CARD,
  CONTRIBUTION,
  OBJECTIVE,
  PARTICIPANT,
  STEP,
  SUGGESTION,
  TABLE,
  TIMER,
} from "#shared/synced.ts";

type FieldsOf<S> = S extends Shape<infer F> ? F : never;
type IsOptional<F> = F extends RefField<Shape, true> ? true : false;

/** The instance of a shape's schema class: values, ArraySchema for lists, MapSchema for keyed objects. */
export type Instance<S extends Shape> = {
  -readonly [K in keyof FieldsOf<S> as IsOptional<FieldsOf<S>[K]> extends true ? never : K]: InstanceField<
    FieldsOf<S>[K]
  >;
} & {
  -readonly [K in keyof FieldsOf<S> as IsOptional<FieldsOf<S>[K]> extends true ? K : never]?: InstanceField<
    FieldsOf<S>[K]
  >;
} & Schema;

type InstanceField<F> =
  F extends ValueField<infer T>
    ? T
    : F extends ListField<infer E>
      ? ArraySchema<E extends Shape ? Instance<E> : E extends ValueField<infer T> ? T : never>
      : F extends RefField<infer S>
        ? Instance<S>
        : F extends MapField<infer S>
          ? MapSchema<Instance<S>>
          : never;

export type SchemaClass<S extends Shape> = new () => Instance<S>;

const classes = new Map<Shape, SchemaClass<Shape>>();

/** The schema class of a shape, made once (a class is its identity on the wire: one per shape). */
function classOf<S extends Shape>(of: S): SchemaClass<S> {
  let made = classes.get(of);
  if (!made) {
    const definition: Record<string, FieldBuilder<unknown, boolean, boolean>> = {};
    for (const [name, field] of Object.entries(of.fields as Fields)) definition[name] = builderOf(field);
    made = schema(definition, of.name) as unknown as SchemaClass<Shape>;
    classes.set(of, made);
  }
  return made as unknown as SchemaClass<S>;
}

function builderOf(field: Field): FieldBuilder<unknown, boolean, boolean> {
  const built = bareBuilderOf(field);
  return field.view ? built.view() : built;
}

function bareBuilderOf(field: Field): FieldBuilder<unknown, boolean, boolean> {
  switch (field.kind) {
    case "value":
      return t[field.wire]();
    case "list":
      return field.of.kind === "shape" ? t.array(classOf(field.of) as never) : t.array(field.of.wire);
    case "ref":
      return field.optional ? t.ref(classOf(field.shape)).optional() : t.ref(classOf(field.shape));
    case "map":
      return t.map(classOf(field.shape) as never);
  }
}

export const CardSchema = classOf(CARD);
export type CardSchema = Instance<typeof CARD>;
export const ParticipantSchema = classOf(PARTICIPANT);
export type ParticipantSchema = Instance<typeof PARTICIPANT>;
export const ContributionSchema = classOf(CONTRIBUTION);
export type ContributionSchema = Instance<typeof CONTRIBUTION>;
export const StepSchema = classOf(STEP);
export type StepSchema = Instance<typeof STEP>;
export const ObjectiveSchema = classOf(OBJECTIVE);
export type ObjectiveSchema = Instance<typeof OBJECTIVE>;
export const TimerSchema = classOf(TIMER);
export type TimerSchema = Instance<typeof TIMER>;
export const AnnouncementSchema = classOf(ANNOUNCEMENT);
export type AnnouncementSchema = Instance<typeof ANNOUNCEMENT>;
export const SuggestionSchema = classOf(SUGGESTION);
export type SuggestionSchema = Instance<typeof SUGGESTION>;
export const TableSchema = classOf(TABLE);
export type TableSchema = Instance<typeof TABLE>;

/** Builds a schema instance of any shape (the projection makes the objects of a list or a ref with it). */
export function instanceOf<S extends Shape>(of: S): Instance<S> {
  return new (classOf(of))();
}

// What the decoder gives a browser is what shared/fields.ts says it is: the browser's types rest on this. (Which keys
// may be absent is left aside: a private hand is absent from others' JSON, which the class's own type cannot say.)
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Flat<T> = T extends readonly (infer E)[]
  ? Flat<E>[]
  : T extends object
    ? { [K in keyof T]-?: Flat<Exclude<T[K], undefined>> }
    : T;
const decodedAsDeclared: Same<Flat<ToJSON<TableSchema>>, Flat<Synced<typeof TABLE>>> = true;
void decodedAsDeclared;
