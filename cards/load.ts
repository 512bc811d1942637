// Validates the deck JSON files and gathers them into one Decks object, with errors that say which card to fix. Pure:
// the rules (an imported deck file) and the browser use it; reading the files from disk is cards/files.ts, the server's.
import { z } from "zod";
import { attributionSchema, deckFileSchema } from "./schema.ts";
import type { Attribution, Card, DeckFile, DeckName } from "./schema.ts";

export type Decks = {
  challenge: DeckFile;
  lever: DeckFile;
  pitfall: DeckFile;
  attribution: Attribution;
  byId: Map<string, Card>;
};

export type DeckSources = { challenge: unknown; lever: unknown; pitfall: unknown; attribution: unknown };

export const DECK_FILES = {
  challenge: "challenges.json",
  lever: "levers.json",
  pitfall: "pitfalls.json",
} as const satisfies Record<DeckName, string>;

export const ATTRIBUTION_FILE = "attribution.json";

const frenchLocale = z.locales.fr();

// Per-parse error map rather than z.config(): the French locale must not leak into the rest of the app.
const frenchErrors: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? "champ manquant" : frenchLocale.localeError(issue);

// Cards are named by id when they have a usable one, since that is what people search for in the file.
function cardLabel(json: unknown, index: number): string {
  const cards = isRecord(json) ? json["cards"] : undefined;
  const card = Array.isArray(cards) ? (cards[index] as unknown) : undefined;
  const id = isRecord(card) ? card["id"] : undefined;
  return typeof id === "string" && id.trim() !== "" ? `carte « ${id.trim()} »` : `carte n°${index + 1}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fieldLabel(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  if (head === undefined) return "";
  const positions = rest.map((p) => (typeof p === "number" ? ` n°${p + 1}` : `.${String(p)}`)).join("");
  return `champ « ${String(head)} »${positions}`;
}

function describeIssue(fileName: string, json: unknown, issue: z.core.$ZodIssue): string {
  let path: readonly PropertyKey[] = issue.path;
  const parts = [fileName];
  if (path[0] === "cards" && typeof path[1] === "number") {
    parts.push(cardLabel(json, path[1]));
    path = path.slice(2);
  }
  let message = issue.message;
  // Unknown keys come attached to the object; naming them as the field reads better.
  if (issue.code === "unrecognized_keys") {
    path = [...path, issue.keys.join(", ")];
    message = "champ inconnu";
  }
  const field = fieldLabel(path);
  const where = field === "" ? parts.join(", ") : `${parts.join(", ")} : ${field}`;
  return `${where} : ${message}`;
}

function parseWith<T>(schema: z.ZodType<T>, fileName: string, json: unknown): T {
  const result = schema.safeParse(json, { error: frenchErrors });
  if (result.success) return result.data;
  throw new Error(result.error.issues.map((issue) => describeIssue(fileName, json, issue)).join("\n"));
}

export function parseDeckFile(fileName: string, json: unknown): DeckFile {
  return parseWith(deckFileSchema, fileName, json);
}

export function parseAttribution(fileName: string, json: unknown): Attribution {
  return parseWith(attributionSchema, fileName, json);
}

// Pure so that the browser can build the decks from bundled JSON imports without touching the file system.
export function buildDecks(
  files: DeckSources,
  fileNames: Partial<Record<DeckName | "attribution", string>> = {},
): Decks {
  const nameOf = (key: DeckName | "attribution") =>
    fileNames[key] ?? (key === "attribution" ? ATTRIBUTION_FILE : DECK_FILES[key]);
  const byId = new Map<string, Card>();
  const fileOfId = new Map<string, string>();
  const parsed = {} as Record<DeckName, DeckFile>;
  const attribution = parseAttribution(nameOf("attribution"), files.attribution);
  for (const deck of Object.keys(DECK_FILES) as DeckName[]) {
    const fileName = nameOf(deck);
    const file = withLicense(parseDeckFile(fileName, files[deck]), attribution);
    if (file.deck !== deck) {
      throw new Error(
        `${fileName} : champ « deck » : « ${file.deck} » alors que ce fichier doit contenir le paquet « ${deck} »`,
      );
    }
    for (const card of file.cards) {
      const other = fileOfId.get(card.id);
      if (other !== undefined) {
        throw new Error(`identifiant « ${card.id} » en double : ${other} et ${fileName}`);
      }
      fileOfId.set(card.id, fileName);
      byId.set(card.id, card);
    }
    parsed[deck] = file;
  }
  return {
    challenge: parsed.challenge,
    lever: parsed.lever,
    pitfall: parsed.pitfall,
    attribution,
    byId,
  };
}

/** Each card from the kit carries the kit's licence (attribution.json), so that it travels with the card. */
function withLicense(file: DeckFile, attribution: Attribution): DeckFile {
  const cards = file.cards.map((card) =>
    card.kit && card.kit.license === undefined ? { ...card, kit: { ...card.kit, license: attribution.license } } : card,
  );
  return { ...file, cards };
}
