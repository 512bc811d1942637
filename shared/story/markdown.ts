// The story as Markdown: setup, people, then every step in path order with its narration and author.
// Every text a person typed is escaped, so that it reads as text and never as markup or HTML.
import { t } from "../i18n/translate.ts";
import type { TableState } from "../model.ts";
import { publicTable } from "../view.ts";

/** Backslash-escapes what Markdown or HTML could read as syntax, line by line. */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/[\\`*_[\]{}<>|~#!&]/g, (c) => `\\${c}`)
        .replace(/^(\s*)([-+=])/, "$1\\$2")
        .replace(/^(\s*\d+)([.)])/, "$1\\$2"),
    )
    .join("  \n");
}

export interface StoryMeta {
  attribution: string;
  exportedAt: Date;
}

export function storyMarkdown(state: TableState, meta: StoryMeta): string {
  const table = publicTable(state);
  const people = new Map(table.participants.map((p) => [p.id, p]));
  const out: string[] = [];
  const field = (label: string, value: string) => out.push(`**${label} :** ${escapeMarkdown(value)}`, "");

  out.push(`# ${escapeMarkdown(table.title)}`, "");
  out.push(`*${t("story.phase", { phase: t(`phase.${table.phase}`) })}*`, "");
  field(t("story.system"), table.system);
  field(t("story.presentState"), table.presentState);
  field(`${t("story.horizon", { year: table.horizonYear })} — ${t("story.desirableFuture")}`, table.desirableFuture);
  const challenge = table.framingChallenge
    ? `${table.framingChallenge.title} — ${table.framingChallenge.text}`
    : table.framingChallengeText;
  field(t("story.framingChallenge"), challenge);

  out.push(`## ${t("story.participants")}`, "");
  for (const p of table.participants) {
    const role = p.facilitator ? `${escapeMarkdown(p.role)}, ${t("story.facilitator")}` : escapeMarkdown(p.role);
    out.push(`- ${escapeMarkdown(p.name)} (${role})`);
  }
  out.push("", `## ${t("story.path")}`, "");
  if (table.path.length === 0) out.push(t("story.noSteps"), "");

  table.path.forEach((step, index) => {
    const author = people.get(step.placedBy);
    const who = { name: escapeMarkdown(author?.name ?? "?"), role: escapeMarkdown(author?.role ?? "?") };
    const heading = t("story.step", {
      number: index + 1,
      deck: t(`deckOne.${step.card.deck}`),
      title: escapeMarkdown(step.card.title),
    });
    out.push(`### ${heading}`, "");
    out.push(`> ${escapeMarkdown(step.card.text).replaceAll("  \n", "  \n> ")}`, "");
    if (step.narration) {
      out.push(escapeMarkdown(step.narration), "", `*${t("story.narratedBy", who)}*`, "");
    } else {
      out.push(`*${t("story.placedBy", who)}*`, "");
    }
  });

  out.push("---", "", `${t("story.attribution")} : ${escapeMarkdown(meta.attribution)}`, "");
  out.push(`*${t("story.exportedAt", { date: meta.exportedAt.toISOString().slice(0, 10) })}*`, "");
  return out.join("\n");
}
