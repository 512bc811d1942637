// A participant's own page as Markdown: the table's setup, the steps they placed (as the table's Markdown export tells
// them), what they added under others' steps, their debrief and commitment. Every typed text is escaped.
import { t } from "../i18n/translate.ts";
import type { TableState } from "../model.ts";
import { publicTable } from "../view.ts";
import {
  contributionMarkdown,
  escapeMarkdown,
  footerMarkdown,
  setupMarkdown,
  signer,
  stepMarkdown,
  type StoryMeta,
} from "./markdown.ts";
import { myPart } from "./mine.ts";
import { peopleById } from "./parts.ts";

/** The page of the person seated as `participantId`; undefined when nobody of that id sits at the table. */
export function mineMarkdown(state: TableState, participantId: string, meta: StoryMeta): string | undefined {
  const table = publicTable(state);
  const part = myPart(table, participantId);
  if (!part) return undefined;
  const people = peopleById(table);
  const out: string[] = [];
  out.push(`# ${t("workshopPlenary.takeHome.who", signer(people, part.me.id))}`, "");
  out.push(
    `*${t("workshopPlenary.takeHome.kicker")} — ${t("workshopPlenary.takeHome.atTable", { title: escapeMarkdown(table.title) })}*`,
    "",
  );
  out.push(...setupMarkdown(table));

  out.push(`## ${t("workshopPlenary.takeHome.mySteps")}`, "");
  if (part.steps.length === 0) out.push(t("workshopPlenary.takeHome.noSteps"), "");
  for (const { step, index } of part.steps) out.push(...stepMarkdown(step, index, people));

  out.push(`## ${t("workshopPlenary.takeHome.myContributions")}`, "");
  if (part.contributions.length === 0) out.push(t("workshopPlenary.takeHome.noContributions"), "");
  for (const { contribution, step, number } of part.contributions) {
    const key = contribution.kind === "answer" ? "answerUnder" : "yesAndUnder";
    out.push(`### ${t(`workshopPlenary.takeHome.${key}`, { number, title: escapeMarkdown(step.card.title) })}`, "");
    out.push(...contributionMarkdown(contribution, people));
  }

  out.push(`## ${t("workshopPlenary.takeHome.myDebrief")}`, "", `*${t("storyMore.debriefIntro")}*`, "");
  out.push(part.me.debrief.trim() ? escapeMarkdown(part.me.debrief) : t("workshopPlenary.takeHome.noDebrief"), "");
  out.push(`### ${t("kitStakes.commitment.mine")}`, "");
  out.push(part.me.commitment.trim() ? escapeMarkdown(part.me.commitment) : t("kitStakes.commitment.none"), "");
  out.push(...footerMarkdown(meta));
  return out.join("\n");
}
