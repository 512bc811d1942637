// The components' useTranslation: `const { t } = useTranslation()`, as with react-i18next, but light. react-i18next's
// hook copies the i18next instance on every mount and subscribes each component to it, and i18next's t() resolves a
// key through several layers on every call: on a seated table (40 steps, a few hundred components) that was about
// half of the first render's time on a throttled phone (bench/page-load.ts). Here t is one stable function that
// remembers each string it made (per key and interpolation values), and a component re-renders only if the
// dictionary or the language changes (which this app never does after start: French only).
import { useSyncExternalStore } from "react";
import type { Params, Translate } from "#shared/i18n/translate.ts";
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

/** A string's cache key: its key and its params (strings and numbers, by type). */
function cacheKey(key: string, params: Params | undefined): string {
  return params === undefined ? key : `${key}\u0000${JSON.stringify(params)}`;
}

const t: Translate = (key, ...params) => {
  const id = cacheKey(key, params[0]);
  const known = cache.get(id);
  if (known !== undefined) return known;
  const made = i18n.t(key, ...params);
  if (cache.size >= MAX_CACHED) cache = new Map();
  cache.set(id, made);
  return made;
};

const translation = { t, i18n };

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const getVersion = () => version;

/** The translator, stable across renders (a dependency that never changes), for the app's one i18next instance. */
export function useTranslation(): { t: Translate; i18n: typeof i18n } {
  useSyncExternalStore(subscribe, getVersion, getVersion);
  return translation;
}
