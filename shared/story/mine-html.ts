// A participant's own page as standalone, printable HTML: the table's setup (the system and the future), the steps
// they placed in the timeline form of the table's export, what they added under others' steps, their debrief and their
// commitment. Built from the pieces of shared/story/html.ts, with the same escaping and a page that loads and runs nothing.
import type { TableState } from "../model.ts";
import { publicTable } from "../view.ts";
import {
  escapeHtml,
  footerHtml,
  contributionHtml,
  setupHtml,
  stepHtml,
  STORY_STYLE,
  tx,
  type HtmlStoryMeta,
  type People,
} from "./html.ts";
import { myPart, type MyPart } from "./mine.ts";
import { peopleById } from "./parts.ts";

function stepsHtml(part: MyPart, people: People): string {
  const body = part.steps.length
    ? [
        `<div class="timeline">`,
        `<ol class="steps">`,
        ...part.steps.map(({ step, index }) => stepHtml(step, index, people)),
        `</ol>`,
        `</div>`,
      ]
    : [`<p class="untold">${tx("workshopPlenary.takeHome.noSteps")}</p>`];
  return [
    `<section class="path" aria-labelledby="steps-heading">`,
    `<h2 id="steps-heading">${tx("workshopPlenary.takeHome.mySteps")}</h2>`,
    ...body,
    `</section>`,
  ].join("\n");
}

function contributionsHtml(part: MyPart, people: People): string {
  const items = part.contributions.map(({ contribution, step, number }) => {
    const key = contribution.kind === "answer" ? "answerUnder" : "yesAndUnder";
    return [
      `<li class="${contribution.kind === "answer" ? "answer" : "yes-and"}">`,
      `<p class="label">${tx(`workshopPlenary.takeHome.${key}`, { number, title: step.card.title })}</p>`,
      contributionHtml(contribution, people),
      `</li>`,
    ].join("\n");
  });
  const body = items.length
    ? [`<ul class="debriefs">`, ...items, `</ul>`]
    : [`<p class="untold">${tx("workshopPlenary.takeHome.noContributions")}</p>`];
  return [
    `<section aria-labelledby="contributions-heading">`,
    `<h2 id="contributions-heading">${tx("workshopPlenary.takeHome.myContributions")}</h2>`,
    ...body,
    `</section>`,
  ].join("\n");
}

function debriefHtml(part: MyPart): string {
  const body = part.me.debrief.trim()
    ? `<p class="typed">${escapeHtml(part.me.debrief)}</p>`
    : `<p class="untold">${tx("workshopPlenary.takeHome.noDebrief")}</p>`;
  return [
    `<section class="debrief" aria-labelledby="debrief-heading">`,
    `<h2 id="debrief-heading">${tx("workshopPlenary.takeHome.myDebrief")}</h2>`,
    `<p class="intro">${tx("storyMore.debriefIntro")}</p>`,
    body,
    `<h3>${tx("kitStakes.commitment.mine")}</h3>`,
    part.me.commitment.trim()
      ? `<p class="typed">${escapeHtml(part.me.commitment)}</p>`
      : `<p class="untold">${tx("kitStakes.commitment.none")}</p>`,
    `</section>`,
  ].join("\n");
}

/** The page of the person seated as `participantId`; undefined when nobody of that id sits at the table. */
export function mineHtml(state: TableState, participantId: string, meta: HtmlStoryMeta): string | undefined {
  const table = publicTable(state);
  const part = myPart(table, participantId);
  if (!part) return undefined;
  const people = peopleById(table);
  const who = { name: part.me.name, role: part.me.role };
  return [
    `<!DOCTYPE html>`,
    `<html lang="fr">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${tx("workshopPlenary.takeHome.documentTitle", { name: part.me.name, title: table.title })}</title>`,
    `<style>${STORY_STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    `<header>`,
    `<p class="kicker">${tx("workshopPlenary.takeHome.kicker")}</p>`,
    `<h1>${tx("workshopPlenary.takeHome.who", who)}</h1>`,
    `<p class="phase">${tx("workshopPlenary.takeHome.atTable", { title: table.title })}</p>`,
    `</header>`,
    setupHtml(table, people),
    stepsHtml(part, people),
    contributionsHtml(part, people),
    debriefHtml(part),
    `</main>`,
    footerHtml(meta),
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
