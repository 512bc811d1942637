// The decks as the server reads them from this folder (and the tests): the one module of cards/ that touches the disk,
// so that the rest of cards/ and shared/ stay free of I/O (the import fence of eslint.config.js).
import fs from "node:fs";
import path from "node:path";
import { ATTRIBUTION_FILE, buildDecks, DECK_FILES, type Decks, type DeckSources } from "./load.ts";
import type { DeckName } from "./schema.ts";

export function loadDecks(dir: string = import.meta.dirname): Decks {
  const fileNames = {} as Record<DeckName | "attribution", string>;
  const read = (key: DeckName | "attribution"): unknown => {
    const fullPath = path.join(dir, key === "attribution" ? ATTRIBUTION_FILE : DECK_FILES[key]);
    // Relative to the working directory when inside it, so that messages read like "cards/levers.json".
    const relative = path.relative(process.cwd(), fullPath);
    const label = relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? fullPath : relative;
    fileNames[key] = label;
    let raw: string;
    try {
      raw = fs.readFileSync(fullPath, "utf8");
    } catch (error) {
      throw new Error(`${label} : lecture impossible : ${(error as Error).message}`, { cause: error });
    }
    try {
      return JSON.parse(raw) as unknown;
    } catch (error) {
      throw new Error(`${label} : JSON invalide : ${(error as Error).message}`, { cause: error });
    }
  };
  const files: DeckSources = {
    challenge: read("challenge"),
    lever: read("lever"),
    pitfall: read("pitfall"),
    attribution: read("attribution"),
  };
  return buildDecks(files, fileNames);
}
