// The story as Markdown: setup, people, every step in path order (card, narration, answers, "oui, et…", reactions),
// then the debrief. Every text a person typed is escaped, so that it reads as text and never as markup or HTML.
import { t } from "../i18n/translate.ts";
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
  peopleById,
  placedKey,
  reactionsLine,
  roleAndZone,
  roleLabel,
  authorThen,
  type Who,
  stakesPartsOf,
  whoIs,
} from "./parts.ts";

/**
 * Backslash-escapes what Markdown or HTML could read as syntax, line by line. The text is cleaned first (text.ts), so
 * every line break a reader may honour (\r, \u2028…) is one this function sees, and no bidi control reorders the page;
 * a line's leading spaces become no-break spaces, which keep the indent but can never open a code block.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text)
    .split("\n")
    .map((line) =>
      line
        .replace(/[\\`*_[\]{}<>|~#!&]/g, (c) => `\\${c}`)
        .replace(/^(\s*)([-+=])/, "$1\\$2")
        .replace(/^(\s*\d+)([.)])/, "$1\\$2")
        .replace(/^[ \t]+/, (indent) => "\u00A0".repeat(indent.length)),
    )
    .join("  \n");
}

export interface StoryMeta {
  attribution: string;
  exportedAt: Date;
}

type People = ReadonlyMap<string, ParticipantView>;

/** 0: the story alone (sections are ##); 1: a chapter of a workshop's book (shared/story/book-markdown.ts), one level lower. */
export type Depth = 0 | 1;

/** The heading mark of a level, lowered by the depth: "##" alone, "###" in a book. */
function hx(level: 2 | 3, depth: Depth): string {
  return "#".repeat(level + depth);
}

/** A person as the story signs with them, escaped: { name, role }; with the role they had then, when given. */
export function signer(people: People, id: string, roleThen?: string): { name: string; role: string } {
  const who: Who = roleThen === undefined ? whoIs(people, id) : authorThen(people, id, roleThen);
  return { name: escapeMarkdown(who.name), role: escapeMarkdown(who.role) };
}

/** The system, the present, the futures, the constraints and the framing challenge, one bold label each. */
export function setupMarkdown(table: PublicTable): string[] {
  const out: string[] = [];
  const field = (label: string, value: string) => out.push(`**${label} :** ${escapeMarkdown(value)}`, "");
  field(t("story.system"), table.system);
  field(t("story.presentState"), table.presentState);
  const futures = futuresOf(table);
  futures.forEach((future, i) => field(futureLabel(table, i, futures.length), future));
  for (const constraint of constraintsOf(table)) field(constraint.label, constraint.text);
  for (const part of stakesPartsOf(table)) {
    if (part.list) out.push(`**${part.label} :**`, "", ...part.items.map((item) => `- ${escapeMarkdown(item)}`), "");
    else field(part.label, part.items.join("\n"));
  }
  const card = table.framingChallenge;
  const label = card?.label ? ` (${t("kit.labelOurs", { label: card.label })})` : "";
  const challenge = !card
    ? table.framingChallengeText
    : card.text === card.title
      ? `${card.title}${label}`
      : `${card.title} — ${card.text}`;
  field(t("story.framingChallenge"), challenge);
  return out;
}

function peopleMarkdown(table: PublicTable, depth: Depth): string[] {
  const out = [`${hx(2, depth)} ${t("story.participants")}`, ""];
  for (const p of table.participants)
    out.push(`- ${escapeMarkdown(p.name)} (${roleLabel(p, escapeMarkdown(roleAndZone(p, p.role)))})`);
  out.push("");
  return out;
}

function cardMarkdown(card: CardFace, people: People): string[] {
  // A challenge's face is its question, already the step's heading; a label of ours says it is ours.
  const out = card.text === card.title ? [] : [`> ${escapeMarkdown(card.text).replaceAll("  \n", "  \n> ")}`, ""];
  if (card.label) out.push(`*${escapeMarkdown(t("kit.labelOurs", { label: card.label }))}*`, "");
  if (card.writtenBy) out.push(`*${t("storyMore.writtenBy", signer(people, card.writtenBy))}*`, "");
  return out;
}

/** A contribution's text, then who wrote it, on the next line of the same paragraph. */
export function contributionMarkdown(contribution: Contribution, people: People): string[] {
  const by = signer(people, contribution.authorId, contribution.authorRole ?? "");
  return [`${escapeMarkdown(contribution.text)}  `, `*${t("storyMore.contributedBy", by)}*`, ""];
}

/** One step of the path (its number is index + 1): card, narration, answers, "oui, et…", reactions. */
export function stepMarkdown(step: StepView, index: number, people: People, depth: Depth = 0): string[] {
  const who = signer(people, step.placedBy, step.authorRole);
  const heading = t("story.step", {
    number: index + 1,
    deck: t(`deckOne.${step.card.deck}`),
    title: escapeMarkdown(step.card.title),
  });
  const out = [`${hx(3, depth)} ${heading}`, ""];
  const dealt = dealtLine(step);
  if (dealt) out.push(`*${dealt}*`, "");
  out.push(...cardMarkdown(step.card, people));
  if (step.narration) out.push(escapeMarkdown(step.narration), "", `*${t("story.narratedBy", who)}*`, "");
  else out.push(`*${t(placedKey(step), who)}*`, "");
  const { answers, yesAnds } = contributionsOf(step);
  for (const answer of answers) out.push(`**${t("storyMore.answer")} :**`, "", ...contributionMarkdown(answer, people));
  if (yesAnds.length)
    out.push(`**${t("storyMore.contributions")}**`, "", ...yesAnds.flatMap((c) => contributionMarkdown(c, people)));
  const reactions = reactionsLine(step);
  if (reactions) out.push(`*${reactions}*`, "");
  return out;
}

function debriefMarkdown(table: PublicTable, depth: Depth): string[] {
  const debrief = debriefOf(table);
  if (!debrief.shown) return [];
  const out = [`${hx(2, depth)} ${t("storyMore.debrief")}`, "", `*${t("storyMore.debriefIntro")}*`, ""];
  if (debrief.written.length === 0) out.push(t("storyMore.noDebrief"), "");
  for (const p of debrief.written) {
    out.push(
      `${hx(3, depth)} ${t("storyMore.debriefOf", { name: escapeMarkdown(p.name), role: roleLabel(p, escapeMarkdown(p.role)) })}`,
      "",
    );
    out.push(escapeMarkdown(p.debrief), "");
  }
  if (debrief.missing.length) {
    out.push(
      t("storyMore.notYetWritten", { names: debrief.missing.map((p) => escapeMarkdown(p.name)).join(", ") }),
      "",
    );
  }
  out.push(`**${debrief.outcome}**`, "");
  out.push(...commitmentsMarkdown(debrief.committed, depth));
  return out;
}

/** Each person's « Je m'engage à… », signed. */
function commitmentsMarkdown(committed: ParticipantView[], depth: Depth): string[] {
  const out = [`${hx(3, depth)} ${t("kitStakes.commitment.heading")}`, ""];
  if (committed.length === 0) out.push(t("kitStakes.commitment.nobody"), "");
  for (const p of committed) {
    const who = t("kitStakes.commitment.of", {
      name: escapeMarkdown(p.name),
      role: roleLabel(p, escapeMarkdown(p.role)),
    });
    out.push(`${escapeMarkdown(p.commitment)}  `, `*${who}*`, "");
  }
  return out;
}

/** The story under its title: the phase, the setup, the people, every step of the path, the debrief. */
export function storySectionsMarkdown(table: PublicTable, depth: Depth = 0): string[] {
  const people = peopleById(table);
  const out: string[] = [];
  out.push(`*${t("story.phase", { phase: t(`phase.${table.phase}`) })}*`, "");
  out.push(...setupMarkdown(table));
  out.push(...peopleMarkdown(table, depth));
  out.push(`${hx(2, depth)} ${t("story.path")}`, "");
  if (table.path.length === 0) out.push(t("story.noSteps"), "");
  table.path.forEach((step, index) => out.push(...stepMarkdown(step, index, people, depth)));
  out.push(...debriefMarkdown(table, depth));
  return out;
}

/** The attribution of the cards and the day of the export, after a rule. */
export function footerMarkdown(meta: StoryMeta): string[] {
  return [
    "---",
    "",
    `${t("story.attribution")} : ${escapeMarkdown(meta.attribution)}`,
    "",
    `${escapeMarkdown(t("credits.rule"))} ${escapeMarkdown(t("credits.independence"))}`,
    "",
    `*${t("story.exportedAt", { date: meta.exportedAt.toISOString().slice(0, 10) })}*`,
    "",
  ];
}

export function storyMarkdown(state: TableState, meta: StoryMeta): string {
  const table = publicTable(state);
  return [`# ${escapeMarkdown(table.title)}`, "", ...storySectionsMarkdown(table), ...footerMarkdown(meta)].join("\n");
}
