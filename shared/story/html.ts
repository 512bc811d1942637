// The story as one standalone, printable HTML page: setup, people, the path as a vertical timeline (each step with its
// card, narration, answers, "oui, et…" and reactions), the debrief, attribution.
// Every text a person typed (and every card text) is HTML-escaped and only ever placed between tags, never in an
// attribute; the page loads nothing and runs nothing, so "save as PDF" from any browser gives the whole story.
import { DECK_LOOK, pictogramSvg } from "../deck-look.ts";
import { t, type MessageKey, type ParamsOf } from "../i18n/translate.ts";
import type { Contribution, TableState } from "../model.ts";
import { cleanText } from "../text.ts";
import { publicTable, type CardFace, type ParticipantView, type PublicTable, type StepView } from "../view.ts";
import {
  constraintsOf,
  contributionsOf,
  dealtLine,
  debriefOf,
  futureLabel,
  futuresOf,
  horizonLabel,
  peopleById,
  placedKey,
  reactionsLine,
  roleAndZone,
  marksFacilitator,
  roleLabel,
  authorThen,
  stakesPartsOf,
  whoIs,
  type StakesPart,
} from "./parts.ts";

export interface HtmlStoryMeta {
  /** The decks' attribution text (CC BY 3.0 FR), repeated by every export. */
  attribution: string;
  licenseUrl: string;
  exportedAt: Date;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Makes any text inert in HTML, between tags or inside a quoted attribute; cleaned first (text.ts), so that a bidi
 * control or an invisible character from an older table cannot reorder or disguise what the page shows.
 */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A French message, escaped as a whole: its parameters may be typed by people. */
export function tx<K extends MessageKey>(key: K, ...params: ParamsOf<K>): string {
  return escapeHtml(t(key, ...params));
}

/** Only a plain web address may become a link; anything else stays text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

export function frenchDate(date: Date): string {
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export type People = ReadonlyMap<string, ParticipantView>;

/**
 * Where a story's sections sit: alone on their page, or as one chapter of a workshop's book (shared/story/book-html.ts),
 * where each heading is one level lower and each id carries the chapter's prefix, so that ids stay unique in the book.
 */
export interface StoryFrame {
  /** Prefix of the ids the sections' headings carry ("" alone; "table-2-" in a book). */
  idPrefix: string;
  /** Added to every heading's level: 0 alone (sections are h2), 1 in a book (under the chapter's h2). */
  depth: 0 | 1;
}

const ALONE: StoryFrame = { idPrefix: "", depth: 0 };

/** The heading tag of a level, lowered by the frame's depth: "h2" alone, "h3" in a book. */
function hx(level: 2 | 3, frame: StoryFrame): string {
  return `h${level + frame.depth}`;
}

function cardFaceHtml(card: CardFace, heading: "h3" | "p", people: People, frame: StoryFrame): string {
  const tag = heading === "p" ? heading : hx(3, frame);
  const written = card.writtenBy
    ? [`<p class="written">${tx("storyMore.writtenBy", { ...whoIs(people, card.writtenBy) })}</p>`]
    : [];
  return [
    `<div class="card deck-${card.deck}">`,
    `<p class="deck">${pictogramSvg(card.deck)}${tx(`deckOne.${card.deck}`)}</p>`,
    `<${tag} class="card-title">${escapeHtml(card.title)}</${tag}>`,
    // A challenge's face is its question: its text is not repeated, and a label of ours says it is ours.
    ...(card.label ? [`<p class="card-label">${tx("kit.labelOurs", { label: card.label })}</p>`] : []),
    ...(card.text === card.title ? [] : [`<p class="card-text">${escapeHtml(card.text)}</p>`]),
    ...written,
    `</div>`,
  ].join("\n");
}

/** The setup as a list of fields: the system, the present, the futures, the constraints, the framing challenge. */
export function setupHtml(table: PublicTable, people: People, frame: StoryFrame = ALONE): string {
  const challenge = table.framingChallenge
    ? cardFaceHtml(table.framingChallenge, "p", people, frame)
    : `<p class="typed">${escapeHtml(table.framingChallengeText)}</p>`;
  const item = (label: string, body: string) => `<div class="field">\n<dt>${label}</dt>\n<dd>${body}</dd>\n</div>`;
  const typed = (text: string) => `<p class="typed">${escapeHtml(text)}</p>`;
  const futures = futuresOf(table);
  return [
    `<section class="setup" aria-labelledby="${frame.idPrefix}setup-heading">`,
    `<${hx(2, frame)} id="${frame.idPrefix}setup-heading">${tx("export.html.setup")}</${hx(2, frame)}>`,
    `<dl>`,
    item(tx("story.system"), typed(table.system)),
    item(tx("story.presentState"), typed(table.presentState)),
    ...futures.map((future, i) => item(escapeHtml(futureLabel(table, i, futures.length)), typed(future))),
    ...constraintsOf(table).map((constraint) => item(escapeHtml(constraint.label), typed(constraint.text))),
    ...stakesPartsOf(table).map((part) => item(escapeHtml(part.label), stakesPartHtml(part))),
    item(tx("story.framingChallenge"), challenge),
    `</dl>`,
    `</section>`,
  ].join("\n");
}

/** A text of the stakes, or one of its lists. */
function stakesPartHtml(part: StakesPart): string {
  if (!part.list) return part.items.map((text) => `<p class="typed">${escapeHtml(text)}</p>`).join("\n");
  return [
    `<ul class="stakes">`,
    ...part.items.map((text) => `<li class="typed">${escapeHtml(text)}</li>`),
    `</ul>`,
  ].join("\n");
}

function peopleHtml(people: ParticipantView[], frame: StoryFrame): string {
  const items = people.map((p) => {
    const badge = marksFacilitator(p, p.role) ? ` <span class="badge">${tx("story.facilitator")}</span>` : "";
    const removed = p.removed ? ` <span class="badge removed">${tx("storyMore.removed")}</span>` : "";
    return `<li><span class="name">${escapeHtml(p.name)}</span> — <span class="role">${escapeHtml(roleAndZone(p, p.role))}</span>${badge}${removed}</li>`;
  });
  return [
    `<section class="people" aria-labelledby="${frame.idPrefix}people-heading">`,
    `<${hx(2, frame)} id="${frame.idPrefix}people-heading">${tx("story.participants")}</${hx(2, frame)}>`,
    `<ul>`,
    ...items,
    `</ul>`,
    `</section>`,
  ].join("\n");
}

/** A contribution's text, then who wrote it. */
export function contributionHtml(contribution: Contribution, people: People): string {
  return [
    `<p class="typed">${escapeHtml(contribution.text)}</p>`,
    `<p class="author">${tx("storyMore.contributedBy", { ...authorThen(people, contribution.authorId, contribution.authorRole) })}</p>`,
  ].join("\n");
}

/** Answers to a dealt pitfall, then the "oui, et…" in the order they were written. */
function contributionsHtml(step: StepView, people: People): string[] {
  const { answers, yesAnds } = contributionsOf(step);
  const out = answers.map((answer) =>
    [
      `<div class="answer">`,
      `<p class="label">${tx("storyMore.answer")} :</p>`,
      contributionHtml(answer, people),
      `</div>`,
    ].join("\n"),
  );
  if (yesAnds.length) {
    out.push(
      `<div class="yes-and">`,
      `<p class="label">${tx("storyMore.contributions")}</p>`,
      `<ol>`,
      ...yesAnds.map((c) => `<li>\n${contributionHtml(c, people)}\n</li>`),
      `</ol>`,
      `</div>`,
    );
  }
  return out;
}

/** One step of the timeline (its number on the path is index + 1). */
export function stepHtml(step: StepView, index: number, people: People, frame: StoryFrame = ALONE): string {
  const who = authorThen(people, step.placedBy, step.authorRole);
  const story = step.narration
    ? `<p class="narration typed">${escapeHtml(step.narration)}</p>\n<p class="author">${tx("story.narratedBy", { ...who })}</p>`
    : `<p class="untold">${tx(placedKey(step), { ...who })}</p>`;
  const dealt = dealtLine(step);
  const reactions = reactionsLine(step);
  return [
    `<li class="step deck-${step.card.deck}">`,
    `<p class="step-number">${tx("export.html.stepNumber", { number: index + 1 })}</p>`,
    ...(dealt ? [`<p class="dealt${step.open ? " open" : ""}">${escapeHtml(dealt)}</p>`] : []),
    cardFaceHtml(step.card, "h3", people, frame),
    story,
    ...contributionsHtml(step, people),
    ...(reactions ? [`<p class="reactions">${escapeHtml(reactions)}</p>`] : []),
    `</li>`,
  ].join("\n");
}

function pathHtml(table: PublicTable, people: People, frame: StoryFrame): string {
  const steps = table.path.length
    ? [`<ol class="steps">`, ...table.path.map((step, i) => stepHtml(step, i, people, frame)), `</ol>`]
    : [`<p class="no-steps">${tx("story.noSteps")}</p>`];
  return [
    `<section class="path" aria-labelledby="${frame.idPrefix}path-heading">`,
    `<${hx(2, frame)} id="${frame.idPrefix}path-heading">${tx("story.path")}</${hx(2, frame)}>`,
    `<p class="count">${tx("export.html.stepCount", { count: table.path.length })}</p>`,
    `<div class="timeline">`,
    `<p class="milestone start"><span class="sr">${tx("export.html.timelineStart")} : </span>${tx("story.presentState")}</p>`,
    ...steps,
    `<p class="milestone end"><span class="sr">${tx("export.html.timelineEnd")} : </span>${escapeHtml(horizonLabel(table))}</p>`,
    `</div>`,
    `</section>`,
  ].join("\n");
}

function debriefHtml(table: PublicTable, frame: StoryFrame): string[] {
  const debrief = debriefOf(table);
  if (!debrief.shown) return [];
  const items = debrief.written.map((p) =>
    [
      `<li>`,
      `<${hx(3, frame)}>${tx("storyMore.debriefOf", { name: p.name, role: roleLabel(p, p.role) })}</${hx(3, frame)}>`,
      `<p class="typed">${escapeHtml(p.debrief)}</p>`,
      `</li>`,
    ].join("\n"),
  );
  const missing = debrief.missing.map((p) => p.name).join(", ");
  return [
    `<section class="debrief" aria-labelledby="${frame.idPrefix}debrief-heading">`,
    `<${hx(2, frame)} id="${frame.idPrefix}debrief-heading">${tx("storyMore.debrief")}</${hx(2, frame)}>`,
    `<p class="intro">${tx("storyMore.debriefIntro")}</p>`,
    ...(items.length
      ? [`<ul class="debriefs">`, ...items, `</ul>`]
      : [`<p class="untold">${tx("storyMore.noDebrief")}</p>`]),
    ...(missing ? [`<p class="missing">${tx("storyMore.notYetWritten", { names: missing })}</p>`] : []),
    `<p class="outcome${table.won ? " won" : ""}">${escapeHtml(debrief.outcome)}</p>`,
    commitmentsHtml(debrief.committed, frame),
    `</section>`,
  ];
}

/** Each person's « Je m'engage à… », signed. */
function commitmentsHtml(committed: ParticipantView[], frame: StoryFrame): string {
  const items = committed.map((p) =>
    [
      `<li>`,
      `<p class="typed">${escapeHtml(p.commitment)}</p>`,
      `<p class="author">${tx("kitStakes.commitment.of", { name: p.name, role: roleLabel(p, p.role) })}</p>`,
      `</li>`,
    ].join("\n"),
  );
  return [
    `<div class="commitments">`,
    `<${hx(3, frame)}>${tx("kitStakes.commitment.heading")}</${hx(3, frame)}>`,
    ...(items.length
      ? [`<ul class="debriefs">`, ...items, `</ul>`]
      : [`<p class="untold">${tx("kitStakes.commitment.nobody")}</p>`]),
    `</div>`,
  ].join("\n");
}

/** The attribution of the cards (their licence, linked), and the day of the export. */
export function footerHtml(meta: HtmlStoryMeta): string {
  const url = escapeHtml(meta.licenseUrl);
  const license = isWebUrl(meta.licenseUrl) ? `<a href="${url}">${url}</a>` : url;
  return [
    `<footer>`,
    `<p>${tx("story.attribution")} : ${escapeHtml(meta.attribution)}</p>`,
    `<p>${tx("export.html.license")} ${license}</p>`,
    `<p>${tx("credits.rule")} ${tx("credits.independence")}</p>`,
    `<p><time datetime="${escapeHtml(meta.exportedAt.toISOString())}">${tx("story.exportedAt", { date: frenchDate(meta.exportedAt) })}</time></p>`,
    `</footer>`,
  ].join("\n");
}

// Cards look as they do at the table (shared/deck-look.ts): a header band in the deck's colour with its pictogram, the
// body on the deck's tint. Printed, the band turns into dark text over a rule (the card keeps its coloured border), so
// that no card depends on "background graphics" being printed.
const { challenge, lever, pitfall } = DECK_LOOK;
export const STORY_STYLE = `
:root { --challenge: ${challenge.colour}; --lever: ${lever.colour}; --pitfall: ${pitfall.colour}; --challenge-bg: ${challenge.tint}; --lever-bg: ${lever.tint}; --pitfall-bg: ${pitfall.tint}; --ink: #1b1b1b; --muted: #555; --line: #9a9a9a; }
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 3rem; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 0.1rem 0 0.3rem; }
p { margin: 0.3rem 0; }
.typed { white-space: pre-wrap; }
.kicker, .phase, .count, .author, .untold, .intro, footer { color: var(--muted); }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; margin: 0; }
dl { margin: 0; }
.field { margin: 0 0 0.9rem; }
dt { font-weight: 700; }
dd { margin: 0.1rem 0 0 0; }
.people ul { margin: 0; padding-left: 1.2rem; }
.people .name { font-weight: 700; }
.badge { border: 1px solid var(--muted); border-radius: 0.6rem; padding: 0 0.45rem; font-size: 0.8rem; }
.card { border: 2px solid var(--line); border-radius: 0.75rem; overflow: hidden; margin: 0.3rem 0 0.5rem; max-width: 36rem; }
.card .deck { display: flex; align-items: center; gap: 0.4rem; margin: 0; padding: 0.3rem 0.7rem; color: #fff; background: var(--line); font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
.card .pictogram { width: 1.2rem; height: 1.2rem; flex: none; }
.card .card-title, .card .card-text, .card .written { padding: 0 0.7rem; }
.card .card-title { font-weight: 700; margin-top: 0.4rem; }
.card .card-label { font-size: 0.8em; color: #555; padding: 0 0.7rem; }
.card > :last-child { margin-bottom: 0.5rem; }
.card-text { white-space: pre-wrap; }
.card.deck-challenge { border-color: var(--challenge); background: var(--challenge-bg); } .card.deck-challenge .deck { background: var(--challenge); }
.card.deck-lever { border-color: var(--lever); background: var(--lever-bg); } .card.deck-lever .deck { background: var(--lever); }
.card.deck-pitfall { border-color: var(--pitfall); background: var(--pitfall-bg); } .card.deck-pitfall .deck { background: var(--pitfall); }
.timeline { position: relative; margin: 0.5rem 0 0 0.6rem; padding-left: 1.6rem; border-left: 3px solid var(--line); }
.milestone { font-weight: 700; margin: 0; line-height: 1rem; position: relative; }
.milestone.start { padding: 0 0 0.8rem; } .milestone.end { padding: 0.4rem 0 0; }
/* The line runs from the first dot to the last: the end dots sit flush with the ends of the timeline. */
.milestone::before, .step::before { content: ""; position: absolute; left: calc(-1.6rem - 3px / 2 - 0.5rem); top: 0; width: 0; height: 0; border: 0.5rem solid var(--ink); border-radius: 50%; }
.milestone.end::before { top: auto; bottom: 0.05rem; }
.steps { list-style: none; margin: 0; padding: 0; }
.step { position: relative; margin: 0 0 1.4rem; }
.step::before { border-width: 0.4rem; left: calc(-1.6rem - 3px / 2 - 0.4rem); top: 0.35rem; }
.step.deck-challenge::before { border-color: var(--challenge); } .step.deck-lever::before { border-color: var(--lever); } .step.deck-pitfall::before { border-color: var(--pitfall); }
.step-number { font-weight: 700; margin: 0; }
.narration { margin: 0.5rem 0 0.2rem; }
.author, .untold { font-style: italic; }
.dealt { font-weight: 700; color: var(--pitfall); margin: 0.1rem 0 0.2rem; }
.written, .reactions, .missing { color: var(--muted); font-size: 0.9rem; }
.written { font-style: italic; margin-top: 0.3rem; }
.answer, .yes-and { margin: 0.6rem 0 0; padding-left: 0.8rem; border-left: 2px solid var(--line); }
.answer { border-left-color: var(--pitfall); }
.label { font-weight: 700; margin: 0; }
.yes-and ol { margin: 0; padding-left: 1.2rem; }
.yes-and li { margin: 0.3rem 0 0.5rem; }
.reactions { margin-top: 0.5rem; }
.debriefs { list-style: none; margin: 0; padding: 0; }
.debriefs li { margin: 0 0 1rem; }
.stakes { margin: 0; padding-left: 1.2rem; }
.commitments { margin-top: 1.5rem; }
.outcome { font-weight: 700; margin-top: 1rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: 0.6rem; font-size: 0.85rem; }
footer a { color: inherit; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  :root { --ink: #000; --muted: #222; --line: #666; }
  html, body { background: none; color: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h1 { font-size: 20pt; } h2 { font-size: 14pt; break-after: avoid; } h3 { font-size: 12pt; }
  .card.deck-challenge .deck, .card.deck-lever .deck, .card.deck-pitfall .deck { color: #000; background: none; border-bottom: 2px solid var(--line); }
  .step, .field, .card, .milestone, footer, .answer, .yes-and li, .debriefs li { break-inside: avoid; }
  .dealt { color: #000; }
  .milestone.start, .count, dt { break-after: avoid; }
  .people li { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
}
`;

/** The story's sections, in the order a reader meets them: setup, people, the path as a timeline, the debrief. */
export function storySectionsHtml(table: PublicTable, frame: StoryFrame = ALONE): string[] {
  const people = peopleById(table);
  return [
    setupHtml(table, people, frame),
    peopleHtml(table.participants, frame),
    pathHtml(table, people, frame),
    ...debriefHtml(table, frame),
  ];
}

/** The whole story as a standalone HTML5 page (French), ready to read in a browser or print to PDF. */
export function storyHtml(state: TableState, meta: HtmlStoryMeta): string {
  const table = publicTable(state);
  return [
    `<!DOCTYPE html>`,
    `<html lang="fr">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${tx("export.html.documentTitle", { title: table.title })}</title>`,
    `<style>${STORY_STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    `<header>`,
    `<p class="kicker">${tx("export.html.kicker")}</p>`,
    `<h1>${escapeHtml(table.title)}</h1>`,
    `<p class="phase">${tx("story.phase", { phase: t(`phase.${table.phase}`) })}</p>`,
    `</header>`,
    ...storySectionsHtml(table),
    `</main>`,
    footerHtml(meta),
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}
