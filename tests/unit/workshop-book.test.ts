// Unit tests of the workshop's book (HTML, Markdown, JSON) and of a participant's own page: both stories once each in
// the workshop's order, one chapter per table in the timeline form of a table's export, the comparison, hostile text
// made inert, the JSON read back into the same stories (and refused with a French reason when faulty).
import { describe, expect, it } from "vitest";
import { bookHtml } from "#shared/story/book-html.ts";
import { bookJson, parseWorkshopBook, plenaryStory, WORKSHOP_BOOK_FORMAT } from "#shared/story/book-json.ts";
import { bookMarkdown } from "#shared/story/book-markdown.ts";
import { chapterTitle } from "#shared/story/book-parts.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { mineHtml } from "#shared/story/mine-html.ts";
import { mineMarkdown } from "#shared/story/mine-markdown.ts";
import { BASTIEN, CHLOE, idOf } from "../fixtures.ts";
import {
  DEBRIEF_CHLOE,
  DEBRIEF_MALLORY,
  EXPORT_META,
  IDS,
  IMG,
  NARRATION_B,
  NARRATION_C,
  SCRIPT,
  YES_AND_CHLOE,
  YES_AND_ZOE,
} from "../story-fixtures.ts";
import {
  QUIET_DEBRIEF,
  QUIET_NARRATION,
  QUIET_TITLE,
  quietTable,
  twoTableBook,
  WORKSHOP_TITLE,
} from "../workshop-fixtures.ts";

const book = twoTableBook();
/** Lines of the hostile story that nothing else repeats: two narrations, a « oui, et… », two debriefs. */
const HOSTILE_LINES = [
  "Les rues se referment aux voitures le dimanche.",
  "Une coopérative de vélos-cargos ouvre",
  "les commerces suivent",
  "Je répare des vélos",
  "Je porte le budget",
];
const html = bookHtml(book, EXPORT_META);
const markdown = bookMarkdown(book, EXPORT_META);

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The JSON file as written to disk and read back. */
function asFile(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The part of the page between two markers (the second one excluded). */
function between(page: string, from: string, to: string): string {
  const start = page.indexOf(from);
  return page.slice(start, page.indexOf(to, start + from.length));
}

describe("the book as a printable page", () => {
  it("has a cover with the workshop's title, its day and its tables", () => {
    const cover = between(html, '<header class="cover">', "</header>");
    expect(cover).toContain(`<h1>${escapeHtml(WORKSHOP_TITLE)}</h1>`);
    expect(cover).toContain("Atelier du 14 mars 2025");
    expect(cover).toContain("2 tables");
    expect(cover).toContain(`<li>Table 2 — ${QUIET_TITLE}</li>`);
  });

  it("has a table of contents linking to each chapter and to the comparison", () => {
    const toc = between(html, '<nav class="toc"', "</nav>");
    expect(toc).toContain(`<a href="#table-1">Table 1 — `);
    expect(toc).toContain(`<a href="#table-2">Table 2 — ${QUIET_TITLE}</a>`);
    expect(toc).toContain(`<a href="#comparison">Les tables comparées</a>`);
    for (const id of ["table-1", "table-2", "comparison"]) expect(html).toContain(`id="${id}"`);
  });

  it("holds both stories once each, in the workshop's order", () => {
    for (const text of [...HOSTILE_LINES, QUIET_NARRATION, QUIET_DEBRIEF])
      expect(count(html, escapeHtml(text))).toBe(1);
    expect(count(html, '<article class="chapter"')).toBe(2);
    expect(html.indexOf("Je répare des vélos")).toBeLessThan(html.indexOf(QUIET_NARRATION));
    expect(html.indexOf(QUIET_NARRATION)).toBeLessThan(html.indexOf('id="comparison"'));
  });

  it("tells each chapter in the timeline form of a table's export, one heading level lower", () => {
    const chapter = between(html, '<article class="chapter" id="table-2"', "</article>");
    expect(chapter).toContain('<h2 id="table-2-heading">Table 2 — La vallée de la Drôme en 2040</h2>');
    expect(chapter).toContain('<h3 id="table-2-path-heading">Le chemin</h3>');
    expect(chapter).toContain('<div class="timeline">');
    expect(chapter).toContain('<p class="milestone start">');
    expect(count(chapter, '<li class="step ')).toBe(3);
    expect(chapter).toContain('<h4 class="card-title">Ouvert</h4>');
  });

  it("names a chapter by its table's title alone when that title already names the table", () => {
    const state = { ...quietTable(), setup: { ...quietTable().setup, title: "Table 2 · Assises des transitions" } };
    expect(chapterTitle({ tableId: "t", name: "Table 2", state })).toBe("Table 2 · Assises des transitions");
    expect(chapterTitle({ tableId: "t", name: "Table 2", state: quietTable() })).toBe(`Table 2 — ${QUIET_TITLE}`);
  });

  it("gives every id once in the whole book", () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const labelled of html.matchAll(/aria-labelledby="([^"]+)"/g)) expect(ids).toContain(labelled[1]);
  });

  it("compares the tables: framing challenge, steps, levers, pitfalls, open pitfalls, debriefs", () => {
    const comparison = between(html, '<section class="comparison"', "</section>");
    const quietRow = between(comparison, '<th scope="row">Table 2</th>', "</tr>");
    expect(quietRow).toContain("Diviser par dix le nombre de voitures du quartier ?");
    expect(quietRow).toContain("<td>3</td>");
    expect(quietRow).toContain("<li>Coopératif</li><li>Ouvert</li>");
    expect(quietRow).toContain("<li>Financement</li>");
    expect(quietRow).toContain("<td>1 sur 2</td>");
    const hostileRow = between(comparison, '<th scope="row">Table 1</th>', "</tr>");
    expect(hostileRow).toContain("Défi écrit par le groupe");
    expect(hostileRow).toContain("<td>2 sur 2</td>");
    expect(comparison).toContain("Aucune carte n&#39;a été jouée à plusieurs tables.");
  });

  it("ends with the attribution of the cards and their licence", () => {
    const footer = between(html, "<footer>", "</footer>");
    expect(footer).toContain(EXPORT_META.attribution);
    expect(footer).toContain(`<a href="${EXPORT_META.licenseUrl}">`);
  });

  it("makes every typed text inert: no tag, script or handler from a story or the workshop's title", () => {
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).not.toContain("<b>");
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain(escapeHtml(WORKSHOP_TITLE));
  });

  it("starts each chapter and the comparison on a new printed page", () => {
    expect(html).toMatch(/@media print \{[^@]*\.chapter, \.comparison \{ break-before: page; \}/);
  });
});

describe("the book as Markdown", () => {
  it("has the title, the day, the contents, both chapters in order, the comparison and the attribution", () => {
    expect(markdown.startsWith("# Assises \\<b\\>des\\</b\\> transitions \\<script\\>alert(1)\\</script\\>\n")).toBe(
      true,
    );
    expect(markdown).toContain("Atelier du 14 mars 2025");
    expect(markdown).toContain(`2. Table 2 — ${QUIET_TITLE}`);
    expect(markdown).toContain("3. Les tables comparées");
    const first = markdown.indexOf("## Table 1 — ");
    const second = markdown.indexOf(`## Table 2 — ${QUIET_TITLE}`);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(markdown.indexOf("## Les tables comparées")).toBeGreaterThan(second);
    expect(count(markdown, QUIET_NARRATION)).toBe(1);
    expect(markdown).toContain("#### Étape 1");
    expect(markdown).toContain("- **Débriefs écrits :** 1 sur 2");
    expect(markdown).toContain("- **Écueils restés ouverts :** Financement");
    expect(markdown).toContain(EXPORT_META.attribution);
  });

  it("escapes what people typed, so that it never reads as markup", () => {
    expect(markdown).not.toContain(SCRIPT);
    expect(markdown).not.toContain(IMG);
    expect(markdown).not.toMatch(/(?<!\\)<(script|img|b>)/);
    expect(markdown).toContain("Les rues se referment aux voitures le dimanche.");
  });
});

describe("the book as JSON", () => {
  const file = asFile(bookJson(book, EXPORT_META));

  it("holds each table's story as its own JSON export, once each, in order", () => {
    const parsed = parseWorkshopBook(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.book.title).toBe(WORKSHOP_TITLE);
    expect(parsed.book.date).toBe("2025-03-14");
    expect(parsed.book.seatsPerTable).toBe(10);
    expect(parsed.book.tables.map((t) => t.name)).toEqual(["Table 1", "Table 2"]);
    book.tables.forEach((table, i) =>
      expect(parsed.book.tables[i]?.story).toEqual(asFile(storyJson(table.state, EXPORT_META))),
    );
  });

  it("reads back into tables that continue each story", () => {
    const parsed = parseWorkshopBook(file);
    if (!parsed.ok) throw new Error(parsed.message);
    const continued = parsed.book.tables.map((t, i) => tableFromStory(t.story, { id: `nouvelle-${i}`, now: 0 }));
    expect(continued.map((t) => t.setup.title)).toEqual(book.tables.map((t) => t.state.setup.title));
    expect(continued[1]?.path.map((s) => s.narration)).toContain(QUIET_NARRATION);
    expect(continued.every((t) => t.phase === "preparation")).toBe(true);
  });

  it("refuses a file that is not a workshop's book, saying what it expects", () => {
    const story = parseWorkshopBook(asFile(storyJson(quietTable(), EXPORT_META)));
    expect(story).toEqual({ ok: false, message: expect.stringContaining(WORKSHOP_BOOK_FORMAT) });
    expect(parseWorkshopBook({ ...(file as object), version: 9 })).toEqual({
      ok: false,
      message: expect.stringContaining("version 9"),
    });
  });

  it("names the table whose story is faulty", () => {
    const broken = asFile(bookJson(book, EXPORT_META)) as {
      workshop: { tables: { story: { table: { path: { cardId: string }[] } } }[] };
    };
    const step = broken.workshop.tables[1]?.story.table.path[0];
    if (step) step.cardId = "carte-inconnue";
    const parsed = parseWorkshopBook(broken);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.message).toMatch(/^Table 2 \(table 2\) : table\.path\[0\]\.cardId : .*carte-inconnue/);
  });

  it("refuses a workshop of fewer tables than a workshop has, or a malformed day, in French", () => {
    const one = asFile(bookJson({ ...book, tables: book.tables.slice(0, 1) }, EXPORT_META));
    const parsed = parseWorkshopBook(one);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^workshop\.tables : .*2/);
    const day = parseWorkshopBook(asFile(bookJson({ ...book, date: "14/03/2025" }, EXPORT_META)));
    expect(day).toEqual({ ok: false, message: "workshop.date : la date doit s'écrire AAAA-MM-JJ, ou rester vide" });
  });
});

describe("a story as the plenary receives it", () => {
  it("keeps the path, the people and the debriefs, leaves out hands, removed steps, the moderation record and suggestions", () => {
    const { state } = { state: book.tables[0]?.state ?? quietTable() };
    const story = plenaryStory(state, EXPORT_META);
    expect(story.table.path).toEqual(state.path);
    expect(story.table.participants.map((p) => p.debrief)).toEqual(state.participants.map((p) => p.debrief));
    expect(story.table.participants.every((p) => p.hand.length === 0)).toBe(true);
    expect(story.table.removedSteps).toEqual([]);
    expect(story.table.moderationLog).toEqual([]);
    expect(story.table.suggestions).toEqual([]);
    expect(parseStoryJson(asFile(story)).ok).toBe(true);
  });
});

describe("a participant's own page", () => {
  const hostile = book.tables[0]?.state ?? quietTable();

  it("holds the system and the future, their steps with narration, their « oui, et… » and their debrief — no one else's", () => {
    const page = mineHtml(hostile, IDS.chloe, EXPORT_META) ?? "";
    expect(page).toContain("Ma part du récit");
    expect(page).toContain("<dt>Système</dt>");
    expect(page).toContain(escapeHtml(NARRATION_B).split("\n")[0]);
    expect(page).toContain(escapeHtml(YES_AND_CHLOE).split("\n")[0]);
    expect(page).toContain(escapeHtml(DEBRIEF_CHLOE).split("\n")[0]);
    expect(page).not.toContain(escapeHtml(DEBRIEF_MALLORY).split("\n")[0]);
    expect(page).not.toContain(escapeHtml(NARRATION_C).split("\n")[0]);
    expect(page).not.toContain(SCRIPT);
    expect(page).not.toContain(IMG);
  });

  it("says so when a person placed nothing, added nothing and wrote no debrief", () => {
    const page = mineMarkdown(quietTable(), idOf(CHLOE), EXPORT_META) ?? "";
    expect(page).toContain("Vous n'avez ajouté aucun « oui, et… ».");
    expect(page).toContain("Vous n'avez pas écrit de débrief.");
    expect(page).toContain("### Étape 1 — Levier : Coopératif");
    const bastien = mineMarkdown(quietTable(), idOf(BASTIEN), EXPORT_META) ?? "";
    expect(bastien).toContain(QUIET_NARRATION);
    expect(bastien).toContain(QUIET_DEBRIEF);
  });

  it("is made for nobody who does not sit at the table", () => {
    expect(mineHtml(hostile, "p-inconnu", EXPORT_META)).toBeUndefined();
    expect(mineMarkdown(hostile, "p-inconnu", EXPORT_META)).toBeUndefined();
  });

  it("lists a removed person's « oui, et… » on their own page only", () => {
    expect(mineMarkdown(hostile, IDS.zoe, EXPORT_META)).toContain(
      "Oui, et \\<img src=x onerror=alert(1)\\> une fête de rue",
    );
    expect(mineMarkdown(hostile, IDS.chloe, EXPORT_META)).not.toContain("une fête de rue");
    expect(YES_AND_ZOE).toContain("une fête de rue");
  });
});
