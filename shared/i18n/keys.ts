// The types of translation, derived from the French dictionary: the shape every language's dictionary must have, every
// key `t` accepts, and the {{placeholders}} each key's string needs. A new string in fr.ts is a new key, nothing else.
import type { fr } from "./fr.ts";

/** A language's whole dictionary: French's shape, with that language's string at every key (tsc refuses a missing one). */
export type Dictionary = Shape<typeof fr>;
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Values for a string's {{placeholders}}. */
export type Params = Record<string, string | number>;

/** Every string of the dictionary as [dotted key, French string]. */
type Entries<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? [`${Prefix}${K}`, T[K]] : Entries<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";
type PluralBase<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
type Placeholders<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Unformatted<Name> | Placeholders<Rest>
  : never;
/** A placeholder's name without its format ("name, de" → "name"). */
type Unformatted<N extends string> = N extends `${infer Name}, ${string}` ? Name : N;

/**
 * Each key → the names of its placeholders. A plural's forms (`x_one`, `x_other`) also give their base key (`x`), which
 * i18next resolves with `count` in the language's own plural rules; both ask for `count`.
 */
type Catalog = {
  [E in Entries<typeof fr> as E[0] | PluralBase<E[0]>]:
    Placeholders<E[1]> | (E[0] extends PluralBase<E[0]> ? never : "count");
};

/** Every key `t` accepts: `t("phase.play")`, `t(\`phase.${phase}\`)` when `phase` is a union of known names. */
export type MessageKey = keyof Catalog;

/** The base keys of plurals (`x` for `x_one`, `x_other`). */
export type PluralKey = Entries<typeof fr>[0] extends infer K
  ? K extends `${infer Base}_${PluralSuffix}`
    ? Base
    : never
  : never;

/**
 * What follows the key in `t(key, …)`: the params, required with every placeholder when the string has some. For a key
 * chosen at run time among several (a union), the params of any one of them.
 */
export type ParamsOf<K extends MessageKey> = K extends MessageKey
  ? [Catalog[K]] extends [never]
    ? [params?: Params]
    : [params: Params & Record<Catalog[K], string | number>]
  : never;

/** `t`: a key of the dictionary (and its params) → the string in the current language. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;
