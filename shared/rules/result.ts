// What a rule answers: the next state, or a refusal a person can read. Nothing in between.
import { t, type Params } from "../i18n/translate.ts";
import type { TableState } from "../model.ts";

export type RefusalCode = keyof typeof import("../i18n/fr.ts").fr.refusal;

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type Outcome<S = TableState> = { ok: true; state: S } | { ok: false; refusal: Refusal };

export function refuse(code: RefusalCode, params: Params = {}): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { code, message: t(`refusal.${code}`, params) } };
}

export function accept<S>(state: S): { ok: true; state: S } {
  return { ok: true, state };
}
