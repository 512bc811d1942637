// A closed story as its public page shows it (the facilitator published it): the printable page of html.ts, with only
// the names of the people who agreed to be named; everyone else is « Participant·e N », as an anonymisation makes them.
// Nothing that was never public at the table goes out: hands, removed steps, the moderation record, suggestions.
import type { Participant, TableState } from "../model.ts";
import { anonymiseIn } from "../rules/moves/anonymise.ts";
import { publicTable } from "../view.ts";
import { escapeHtml, footerHtml, frenchDate, STORY_STYLE, storySectionsHtml, tx, type HtmlStoryMeta } from "./html.ts";

/** Whether this person's name may appear: they said yes at the closed table, and were not taken off it since. */
export function namedInPublication(person: Participant): boolean {
  return person.namedInPublication === true && !person.removed;
}

/**
 * The table as published: a copy (the given state is left as it is) without what only the table saw, each person who
 * did not agree renamed as an anonymisation renames them (their seat, the roles on their steps, their written cards).
 */
export function publishedTable(state: TableState): TableState {
  const { cards, ...rest } = state;
  const copy: TableState = {
    ...structuredClone(rest),
    cards,
    participants: rest.participants.map((p) => ({ ...structuredClone(p), hand: [] })),
    dealtCards: [],
    removedSteps: [],
    moderationLog: [],
    suggestions: [],
    timer: null,
  };
  delete copy.announcement;
  for (const person of copy.participants) if (!namedInPublication(person)) anonymiseIn(copy, person);
  return copy;
}

/** The public page: the story of html.ts, marked as published, not to be indexed; its date is the publication's. */
export function publishedStoryHtml(state: TableState, meta: Omit<HtmlStoryMeta, "exportedAt">): string {
  const table = publicTable(publishedTable(state));
  const publishedAt = new Date(state.publication?.at ?? 0);
  return page(tx("export.html.documentTitle", { title: table.title }), [
    `<main>`,
    `<header>`,
    `<p class="kicker">${tx("kitPublish.pageKicker")}</p>`,
    `<h1>${escapeHtml(table.title)}</h1>`,
    `<p class="phase">${tx("kitPublish.publishedOn", { date: frenchDate(publishedAt) })}</p>`,
    `<p class="intro">${tx("kitPublish.pageNames")}</p>`,
    `</header>`,
    ...storySectionsHtml(table),
    `</main>`,
    footerHtml({ ...meta, exportedAt: publishedAt }),
  ]);
}

/** What an address answers once its story is no longer published (or never was: the two look alike). */
export function unpublishedHtml(): string {
  return page(tx("kitPublish.goneTitle"), [
    `<main>`,
    `<h1>${tx("kitPublish.gone")}</h1>`,
    `<p class="intro">${tx("kitPublish.goneHint")}</p>`,
    `</main>`,
  ]);
}

function page(title: string, body: string[]): string {
  return [
    `<!DOCTYPE html>`,
    `<html lang="fr">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    // The header X-Robots-Tag says it too; a copy of the page saved elsewhere keeps this one.
    `<meta name="robots" content="noindex">`,
    `<title>${title}</title>`,
    `<style>${STORY_STYLE}</style>`,
    `</head>`,
    `<body>`,
    ...body,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
