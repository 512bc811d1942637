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
  // A name left out shows as its placeholder, as any other placeholder would (the types make it a compile error).
  instance.services.formatter?.add(
    "de",
    (value: unknown, _lng: string | undefined, options: { interpolationkey?: string }) =>
      value == null ? `de {{${options.interpolationkey}}}` : ofName(String(value)),
  );
  return instance as I18n;
}

/**
 * French « de » before a person's name, elided before a vowel or an h: « d'Awa », « d'Hélène », « de Bao ». In the
 * dictionary it is the `de` format: "Réponse {{name, de}}".
 */
export function ofName(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüÿæœ]/iu.test(name) ? `d'${name}` : `de ${name}`;
}

export const i18n = createI18n(DICTIONARIES, "fr");

/** A key of the dictionary → its string in the current language, its {{placeholders}} filled from params. */
export const t: Translate = i18n.t; // bound by i18next, and reads the language at each call
