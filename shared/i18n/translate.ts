// A minimal reader of the French dictionary for code that runs outside React (rules, server, exports).
import { fr } from "./fr.ts";

export type Params = Record<string, string | number>;

/** Looks up "a.b.c" in the dictionary and fills {{placeholders}}; an unknown key returns itself. */
export function t(key: string, params: Params = {}): string {
  let node: unknown = fr;
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") return key;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ""));
}
