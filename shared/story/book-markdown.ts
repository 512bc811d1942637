// The workshop's book as Markdown: the cover's lines, the contents, one chapter per table as a table's own Markdown
// export tells it (shared/story/markdown.ts, one heading level lower), the tables compared, the attribution. Every
// typed text is escaped, so that it reads as text and never as markup or HTML.
import { t, type Dictionary } from "../i18n/translate.ts";
import { publicTable } from "../view.ts";
import { compareTables, type TableComparison, type WorkshopComparison } from "../workshop-compare.ts";
import { bookTitle, chapterTitle, tCount, useLabel, workshopDay, type WorkshopBook } from "./book-parts.ts";
import { escapeMarkdown, footerMarkdown, storySectionsMarkdown, type StoryMeta } from "./markdown.ts";

function coverMarkdown(book: WorkshopBook): string[] {
  const day = workshopDay(book.date);
  return [
    `# ${escapeMarkdown(bookTitle(book))}`,
    "",
    `*${t("workshopPlenary.book.kicker")}*`,
    "",
    ...(day ? [t("workshopPlenary.book.date", { date: day }), ""] : []),
    tCount("workshopPlenary.book.tables", book.tables.length),
    "",
    `## ${t("workshopPlenary.book.toc")}`,
    "",
    ...book.tables.map((table, i) => `${i + 1}. ${escapeMarkdown(chapterTitle(table))}`),
    `${book.tables.length + 1}. ${t("workshopPlenary.compare.heading")}`,
    "",
  ];
}

function chapterMarkdown(book: WorkshopBook, index: number): string[] {
  const table = book.tables[index];
  if (!table) return [];
  return [
    `## ${escapeMarkdown(chapterTitle(table))}`,
    "",
    `*${t("workshopPlenary.book.chapterKicker", { number: index + 1 })}*`,
    "",
    ...storySectionsMarkdown(publicTable(table.state), 1),
  ];
}

/** « Ouvert, Coopératif ×2 », or « aucun ». */
function titlesMarkdown(titles: readonly string[]): string {
  return titles.length ? titles.map(escapeMarkdown).join(", ") : `*${t("workshopPlenary.compare.none")}*`;
}

function tableComparisonMarkdown(table: TableComparison): string[] {
  const label = (key: keyof Dictionary["workshopPlenary"]["compare"]) =>
    `- **${t(`workshopPlenary.compare.${key}`)} :**`;
  const { title, text } = table.framing;
  const framing = title
    ? `${escapeMarkdown(title)} — ${escapeMarkdown(text)}`
    : `${escapeMarkdown(text)} *(${t("workshopPlenary.compare.writtenFraming")})*`;
  return [
    `### ${escapeMarkdown(table.name)}`,
    "",
    `${label("framing")} ${framing}`,
    `${label("steps")} ${table.steps}`,
    `${label("levers")} ${titlesMarkdown(table.levers.map(useLabel))}`,
    `${label("pitfalls")} ${titlesMarkdown(table.pitfalls.map(useLabel))}`,
    `${label("openPitfalls")} ${titlesMarkdown(table.openPitfalls)}`,
    `${label("debrief")} ${t("workshopPlenary.compare.debriefCount", table.debrief)}`,
    "",
  ];
}

function comparisonMarkdown(comparison: WorkshopComparison): string[] {
  const shared = comparison.shared.map(
    (card) =>
      `- ${t("workshopPlenary.compare.sharedItem", {
        title: escapeMarkdown(card.title),
        deck: t(`deckOne.${card.deck}`),
        tables: card.tables.map(escapeMarkdown).join(", "),
      })}`,
  );
  return [
    `## ${t("workshopPlenary.compare.heading")}`,
    "",
    `*${t("workshopPlenary.compare.intro")}*`,
    "",
    ...comparison.tables.flatMap(tableComparisonMarkdown),
    `### ${t("workshopPlenary.compare.shared")}`,
    "",
    ...(shared.length ? [...shared, ""] : [t("workshopPlenary.compare.sharedNone"), ""]),
  ];
}

export function bookMarkdown(book: WorkshopBook, meta: StoryMeta): string {
  return [
    ...coverMarkdown(book),
    ...book.tables.flatMap((_, i) => chapterMarkdown(book, i)),
    ...comparisonMarkdown(compareTables(book.tables)),
    ...footerMarkdown(meta),
  ].join("\n");
}
