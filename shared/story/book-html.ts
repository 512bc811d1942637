// The workshop's book as one standalone, printable HTML page: a cover (title, day, tables), a table of contents, one
// chapter per table in the timeline form of a table's own export (shared/story/html.ts), the tables compared, and the
// attribution. Same rule as a table's page: every typed text is escaped and only ever placed between tags; the page
// loads nothing and runs nothing (the server serves it under the same strict policy).
import { t } from "../i18n/translate.ts";
import { publicTable } from "../view.ts";
import { compareTables, type TableComparison, type WorkshopComparison } from "../workshop-compare.ts";
import { bookTitle, chapterTitle, tCount, useLabel, workshopDay, type WorkshopBook } from "./book-parts.ts";
import { escapeHtml, footerHtml, STORY_STYLE, storySectionsHtml, tx, type HtmlStoryMeta } from "./html.ts";

/** The id of a table's chapter: its place in the workshop, never anything typed. */
const chapterId = (index: number) => `table-${index + 1}`;

function coverHtml(book: WorkshopBook): string {
  const day = workshopDay(book.date);
  return [
    `<header class="cover">`,
    `<p class="kicker">${tx("workshopPlenary.book.kicker")}</p>`,
    `<h1>${escapeHtml(bookTitle(book))}</h1>`,
    ...(day ? [`<p class="day">${tx("workshopPlenary.book.date", { date: day })}</p>`] : []),
    `<p class="count">${escapeHtml(tCount("workshopPlenary.book.tables", book.tables.length))}</p>`,
    `<ul class="cover-tables">`,
    ...book.tables.map((table) => `<li>${escapeHtml(chapterTitle(table))}</li>`),
    `</ul>`,
    `</header>`,
  ].join("\n");
}

function contentsHtml(book: WorkshopBook): string {
  return [
    `<nav class="toc" aria-labelledby="toc-heading">`,
    `<h2 id="toc-heading">${tx("workshopPlenary.book.toc")}</h2>`,
    `<ol>`,
    ...book.tables.map((table, i) => `<li><a href="#${chapterId(i)}">${escapeHtml(chapterTitle(table))}</a></li>`),
    `<li><a href="#comparison">${tx("workshopPlenary.compare.heading")}</a></li>`,
    `</ol>`,
    `</nav>`,
  ].join("\n");
}

function chapterHtml(book: WorkshopBook, index: number): string {
  const table = book.tables[index];
  if (!table) return "";
  const story = publicTable(table.state);
  const id = chapterId(index);
  return [
    `<article class="chapter" id="${id}" aria-labelledby="${id}-heading">`,
    `<p class="kicker">${tx("workshopPlenary.book.chapterKicker", { number: index + 1 })}</p>`,
    `<h2 id="${id}-heading">${escapeHtml(chapterTitle(table))}</h2>`,
    `<p class="phase">${tx("story.phase", { phase: t(`phase.${story.phase}`) })}</p>`,
    ...storySectionsHtml(story, { idPrefix: `${id}-`, depth: 1 }),
    `</article>`,
  ].join("\n");
}

/** A cell's list of card titles, or « aucun ». */
function titlesHtml(titles: readonly string[]): string {
  if (titles.length === 0) return `<span class="none">${tx("workshopPlenary.compare.none")}</span>`;
  return [`<ul>`, ...titles.map((title) => `<li>${escapeHtml(title)}</li>`), `</ul>`].join("");
}

function framingHtml(table: TableComparison): string {
  const { title, text } = table.framing;
  if (title) return `<p class="card-title">${escapeHtml(title)}</p><p class="typed">${escapeHtml(text)}</p>`;
  return `<p class="typed">${escapeHtml(text)}</p><p class="author">${tx("workshopPlenary.compare.writtenFraming")}</p>`;
}

function comparisonRowHtml(table: TableComparison): string {
  const cells = [
    framingHtml(table),
    String(table.steps),
    titlesHtml(table.levers.map(useLabel)),
    titlesHtml(table.pitfalls.map(useLabel)),
    titlesHtml(table.openPitfalls),
    tx("workshopPlenary.compare.debriefCount", table.debrief),
  ];
  return [
    `<tr>`,
    `<th scope="row">${escapeHtml(table.name)}</th>`,
    ...cells.map((cell) => `<td>${cell}</td>`),
    `</tr>`,
  ].join("\n");
}

function comparisonHtml(comparison: WorkshopComparison): string {
  const columns = ["framing", "steps", "levers", "pitfalls", "openPitfalls", "debrief"] as const;
  const shared = comparison.shared.map(
    (card) =>
      `<li>${tx("workshopPlenary.compare.sharedItem", { title: card.title, deck: t(`deckOne.${card.deck}`), tables: card.tables.join(", ") })}</li>`,
  );
  return [
    `<section class="comparison" id="comparison" aria-labelledby="comparison-heading">`,
    `<h2 id="comparison-heading">${tx("workshopPlenary.compare.heading")}</h2>`,
    `<p class="intro">${tx("workshopPlenary.compare.intro")}</p>`,
    `<div class="table-scroll" role="region" aria-labelledby="comparison-heading" tabindex="0">`,
    `<table>`,
    `<thead>`,
    `<tr><th scope="col">${tx("workshopPlenary.compare.table")}</th>${columns.map((c) => `<th scope="col">${tx(`workshopPlenary.compare.${c}`)}</th>`).join("")}</tr>`,
    `</thead>`,
    `<tbody>`,
    ...comparison.tables.map(comparisonRowHtml),
    `</tbody>`,
    `</table>`,
    `</div>`,
    `<h3>${tx("workshopPlenary.compare.shared")}</h3>`,
    ...(shared.length
      ? [`<ul class="shared">`, ...shared, `</ul>`]
      : [`<p class="untold">${tx("workshopPlenary.compare.sharedNone")}</p>`]),
    `</section>`,
  ].join("\n");
}

// The story's styles, plus the book's: a chapter's headings one level lower look like a story's own, each chapter and
// the comparison start a new printed page, and the comparison is a plain ruled table.
const BOOK_STYLE = `
.cover { margin: 3rem 0 2rem; }
.cover h1 { font-size: 2.4rem; }
.cover .day { font-size: 1.2rem; }
.cover-tables { padding-left: 1.2rem; }
.toc ol { padding-left: 1.4rem; }
.toc a { color: inherit; }
.chapter { margin-top: 3rem; }
.chapter > h2, .comparison > h2 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.4rem; border: 0; }
.chapter h3 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
.chapter h4 { font-size: 1.1rem; margin: 0.1rem 0 0.3rem; }
.chapter .card .card-title { font-weight: 700; margin-top: 0.4rem; }
.comparison { margin-top: 3rem; }
/* On a narrow screen the table scrolls sideways rather than splitting every word letter by letter. */
.table-scroll { overflow-x: auto; }
.comparison table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.comparison th, .comparison td { border: 1px solid var(--line); padding: 0.35rem 0.45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.comparison thead th { background: #f1f1f1; }
.comparison td ul { margin: 0; padding-left: 1rem; }
.comparison .none { color: var(--muted); font-style: italic; }
.comparison h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
@media print {
  .chapter, .comparison { break-before: page; }
  .table-scroll { overflow: visible; }
  .chapter > h2, .comparison > h2 { font-size: 20pt; }
  .chapter h3 { font-size: 14pt; break-after: avoid; } .chapter h4 { font-size: 12pt; }
  .comparison table { font-size: 9pt; }
  .comparison tr { break-inside: avoid; }
  .comparison thead th { background: none; }
}
`;

/** The whole workshop as one standalone HTML5 page (French), to read in a browser or print to PDF. */
export function bookHtml(book: WorkshopBook, meta: HtmlStoryMeta): string {
  return [
    `<!DOCTYPE html>`,
    `<html lang="fr">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${tx("workshopPlenary.book.documentTitle", { title: bookTitle(book) })}</title>`,
    `<style>${STORY_STYLE}${BOOK_STYLE}</style>`,
    `</head>`,
    `<body>`,
    coverHtml(book),
    contentsHtml(book),
    `<main>`,
    ...book.tables.map((_, i) => chapterHtml(book, i)),
    comparisonHtml(compareTables(book.tables)),
    `</main>`,
    footerHtml(meta),
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
