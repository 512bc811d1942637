// The components' useTranslation: `const { t } = useTranslation()`, as with react-i18next, but light. react-i18next's
// hook copies the i18next instance on every mount and subscribes each component to it, and i18next's t() resolves a
// key through several layers on every call: on a seated table (40 steps, a few hundred components) that was about
// half of the first render's time on a throttled phone (bench/page-load.ts). Here t is one stable function that
// remembers each string it made (per key and interpolation values), and a component re-renders only if the
// dictionary or the language changes (which this app never does after start: French only).
import type { TFunction } from "i18next";
import { useSyncExternalStore } from "react";
import i18n from "./index.ts";

/** Strings already made; emptied when the dictionary or the language changes, and when it grows past MAX_CACHED. */
let cache = new Map<string, string>();
const MAX_CACHED = 5000;
let version = 0;
const listeners = new Set<() => void>();

function changed(): void {
  cache = new Map();
  version += 1;
  for (const listener of listeners) listener();
}
i18n.on("languageChanged", changed);
i18n.store.on("added", changed);
i18n.store.on("removed", changed);

/** A cache key for plain interpolation values (strings, numbers, booleans), or null: then t() is not remembered. */
function cacheKey(key: unknown, options: unknown, extra: unknown): string | null {
  if (typeof key !== "string" || extra !== undefined) return null;
  if (options === undefined) return key;
  if (typeof options !== "object" || options === null) return null;
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (type !== "string" && type !== "number" && type !== "boolean" && value !== undefined) return null;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

const t = ((key: unknown, options?: unknown, extra?: unknown) => {
  const id = cacheKey(key, options, extra);
  const known = id === null ? undefined : cache.get(id);
  if (known !== undefined) return known;
  const made = (i18n.t as unknown as (...args: unknown[]) => unknown)(key, options, extra);
  if (id !== null && typeof made === "string") {
    if (cache.size >= MAX_CACHED) cache = new Map();
    cache.set(id, made);
  }
  return made;
}) as unknown as TFunction;

const translation = { t, i18n };

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const getVersion = () => version;

/** The translator, stable across renders (a dependency that never changes), for the app's one i18next instance. */
export function useTranslation(): { t: TFunction; i18n: typeof i18n } {
  useSyncExternalStore(subscribe, getVersion, getVersion);
  return translation;
}
