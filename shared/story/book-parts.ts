// What the workshop's book reads in every format (HTML, Markdown): the workshop, its tables in order, and the few
// labels the formats share (a chapter's title, the day, a count). Plain text only: each format escapes it its own way.
import { t, type Params, type PluralKey } from "../i18n/translate.ts";
import type { CardUse, WorkshopTable } from "../workshop-compare.ts";

/** A workshop as its book tells it: each table's story once, in the workshop's order. */
export interface WorkshopBook {
  title: string;
  /** The day of the workshop, YYYY-MM-DD, or "" when not said. */
  date: string;
  seatsPerTable: number;
  tables: WorkshopTable[];
}

/** « Table 1 — Le quartier des Tanneurs en 2050 », or the table's title alone when it names the table already (« Table 1 · … »). */
export function chapterTitle(table: WorkshopTable): string {
  const { title } = table.state.setup;
  return title.includes(table.name) ? title : t("workshopPlenary.book.chapterTitle", { name: table.name, title });
}

/** The day as people read it (« 14 mars 2025 »), or null when the workshop has none (or a date no calendar has). */
export function workshopDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return null;
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(day);
}

/** The plural form of a workshop message for count (French: 0 and 1 take the singular), chosen by i18next. */
export function tCount(key: PluralKey, count: number, params: Params = {}): string {
  return t(key, { ...params, count });
}

/** The book's title: the workshop's, or a plain one when it has none. */
export function bookTitle(book: WorkshopBook): string {
  return book.title.trim() || t("workshopPlenary.book.untitled");
}

/** « Ouvert », or « Ouvert ×2 » when the path carries it twice. */
export function useLabel(use: CardUse): string {
  return use.count > 1 ? t("workshopPlenary.compare.times", { title: use.title, count: use.count }) : use.title;
}
