// The workshop's book as versioned JSON: the workshop (title, day, seats per table) and each table's story in the JSON
// export's own form (shared/story/json.ts), in the workshop's order. Imported, it opens a new workshop whose tables
// continue those stories. Also the story as the plenary screen receives it (nothing private in it).
import { z } from "zod";
import { t } from "../i18n/translate.ts";
import type { TableState } from "../model.ts";
import { cleanName, cleanText } from "../text.ts";
import { WORKSHOP_LIMITS } from "../workshop.ts";
import {
  frenchErrors,
  parseStoryJson,
  readableIssues,
  storyJson,
  type StoryExport,
  type StoryJsonMeta,
} from "./json.ts";
import type { WorkshopBook } from "./book-parts.ts";

export const WORKSHOP_BOOK_FORMAT = "jeu-des-transitions/workshop";
export const WORKSHOP_BOOK_VERSION = 1;

export interface WorkshopBookExport {
  format: typeof WORKSHOP_BOOK_FORMAT;
  version: typeof WORKSHOP_BOOK_VERSION;
  exportedAt: string;
  attribution: string;
  workshop: {
    title: string;
    date: string;
    seatsPerTable: number;
    tables: { name: string; story: StoryExport }[];
  };
}

/** The whole workshop: each table's complete story (as its facilitator's JSON export), once each, in order. */
export function bookJson(book: WorkshopBook, meta: StoryJsonMeta): WorkshopBookExport {
  return {
    format: WORKSHOP_BOOK_FORMAT,
    version: WORKSHOP_BOOK_VERSION,
    exportedAt: meta.exportedAt.toISOString(),
    attribution: meta.attribution,
    workshop: {
      title: book.title,
      date: book.date,
      seatsPerTable: book.seatsPerTable,
      tables: book.tables.map((table) => ({ name: table.name, story: storyJson(table.state, meta) })),
    },
  };
}

/**
 * A table's story as the plenary receives it (the workshop's facilitator and its shared screen): the story JSON, less
 * what was never public at the table — hands (and the pitfalls dealt into them), the steps and texts a facilitator took
 * out (removed steps, the moderation record) and the setup suggestions. It still reads as a story (parseStoryJson).
 */
export function plenaryStory(state: TableState, meta: StoryJsonMeta): StoryExport {
  const story = storyJson(state, meta);
  return {
    ...story,
    table: {
      ...story.table,
      participants: story.table.participants.map((p) => ({ ...p, hand: [] })),
      dealtCards: [],
      removedSteps: [],
      moderationLog: [],
      suggestions: [],
    },
  };
}

// The workshop's own fields; each story is then read by parseStoryJson, which says what is wrong with it.
const bookSchema = z.strictObject({
  format: z.literal(WORKSHOP_BOOK_FORMAT),
  version: z.literal(WORKSHOP_BOOK_VERSION),
  exportedAt: z.iso.datetime(),
  attribution: z.string().max(20_000),
  workshop: z.strictObject({
    title: z.string().overwrite(cleanText).max(WORKSHOP_LIMITS.titleLength),
    date: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, t("workshopPlenary.book.json.badDate")),
    seatsPerTable: z.number().int().min(WORKSHOP_LIMITS.minSeatsPerTable).max(WORKSHOP_LIMITS.maxSeatsPerTable),
    tables: z
      .array(
        z.strictObject({
          name: z.string().overwrite(cleanName).min(1).max(WORKSHOP_LIMITS.tableNameLength),
          story: z.unknown(),
        }),
      )
      .min(WORKSHOP_LIMITS.minTables)
      .max(WORKSHOP_LIMITS.maxTables),
  }),
});

/** A book read back: the workshop, and each table's story checked (version 1 stories upgraded), in order. */
export interface ImportedBook {
  title: string;
  date: string;
  seatsPerTable: number;
  tables: { name: string; story: StoryExport }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a workshop's book (already JSON-parsed): its format and version, the workshop's fields, then every story as an
 * import of one story would. The first fault found is said in French, with the table it is in.
 */
export function parseWorkshopBook(json: unknown): { ok: true; book: ImportedBook } | { ok: false; message: string } {
  if (!isRecord(json) || json["format"] !== WORKSHOP_BOOK_FORMAT) {
    return { ok: false, message: t("workshopPlenary.book.json.notABook", { format: WORKSHOP_BOOK_FORMAT }) };
  }
  if (json["version"] !== WORKSHOP_BOOK_VERSION) {
    const version = JSON.stringify(json["version"] ?? null).slice(0, 20);
    return {
      ok: false,
      message: t("workshopPlenary.book.json.wrongVersion", { version, expected: WORKSHOP_BOOK_VERSION }),
    };
  }
  const parsed = bookSchema.safeParse(json, { error: frenchErrors });
  if (!parsed.success) return { ok: false, message: readableIssues(parsed.error) };
  const { title, date, seatsPerTable, tables } = parsed.data.workshop;
  const stories: ImportedBook["tables"] = [];
  for (const [i, table] of tables.entries()) {
    const story = parseStoryJson(table.story);
    if (!story.ok) {
      return {
        ok: false,
        message: t("workshopPlenary.book.json.tableAtFault", {
          name: table.name,
          number: i + 1,
          message: story.message,
        }),
      };
    }
    stories.push({ name: table.name, story: story.story });
  }
  return { ok: true, book: { title, date, seatsPerTable, tables: stories } };
}
