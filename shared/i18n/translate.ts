// The app's one i18n setup: an i18next instance with every shipped dictionary, ready at import time, used by the rules,
// the server, the exports and the browser alike (client/src/i18n/ takes this very instance). Keys are typed (keys.ts).
import i18next, { type i18n as I18next } from "i18next";
import { fr } from "./fr.ts";
import type { Dictionary, Translate } from "./keys.ts";

export type { Dictionary, MessageKey, Params, ParamsOf, PluralKey, Translate } from "./keys.ts";

/** The languages shipped, each a whole dictionary (tsc refuses one that lacks a key of French). Add a language here. */
export const DICTIONARIES = { fr } satisfies Record<string, Dictionary>;

/** An i18next instance whose `t` takes typed keys. */
export type I18n = Omit<I18next, "t"> & { t: Translate };

/** An i18next instance holding these dictionaries, in language `lng`, usable as soon as it returns (no loading). */
export function createI18n<L extends string>(dictionaries: Record<L, Dictionary>, lng: NoInfer<L>): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: "fr",
    resources: Object.fromEntries(
      Object.entries<Dictionary>(dictionaries).map(([language, d]) => [language, { translation: d }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false }, // the HTML exports and React escape what they show
    showSupportNotice: false,
  });
  return instance as I18n;
}

export const i18n = createI18n(DICTIONARIES, "fr");

/** A key of the dictionary → its string in the current language, its {{placeholders}} filled from params. */
export const t: Translate = i18n.t; // bound by i18next, and reads the language at each call
