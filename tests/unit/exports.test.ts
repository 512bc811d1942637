// Unit tests of the exports an organiser keeps: Markdown, printable HTML and versioned JSON of one fixed session with
// hostile text everywhere (golden files), the JSON import (version 2, and version 1 files upgraded) and its refusals,
// and the facilitator-only download routes.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDecks } from "#cards/files.ts";
import { t } from "#shared/i18n/translate.ts";
import { LIMITS, type TableState } from "#shared/model.ts";
import { applyAction } from "#shared/rules/index.ts";
import { storyHtml } from "#shared/story/html.ts";
import {
  parseStoryJson,
  storyJson,
  STORY_FORMAT,
  STORY_VERSION,
  tableFromStory,
  type StoryExport,
} from "#shared/story/json.ts";
import { escapeMarkdown, storyMarkdown } from "#shared/story/markdown.ts";
import { exportRouter } from "#server/http/exports.ts";
import { hashSecret } from "#server/secrets.ts";
import { act, BASTIEN, CHALLENGE_MOBILITY, FACILITATOR, handOf, idOf, NOW, tableInPlay } from "../fixtures.ts";
import {
  ANSWER,
  AWA,
  CHLOE,
  DEBRIEF_AWA,
  DEBRIEF_CHLOE,
  DEBRIEF_MALLORY,
  EXPORT_META,
  HOSTILE_SETUP,
  hostileStory,
  IDS,
  MALLORY,
  MALLORY_ROLE,
  NARRATION_A,
  NARRATION_B,
  NARRATION_C,
  NARRATION_REMOVED,
  NARRATION_WRITTEN,
  SUGGESTION,
  WRITTEN_TEXT,
  WRITTEN_TITLE,
  YES_AND_AWA,
  YES_AND_CHLOE,
  YES_AND_REMOVED,
  YES_AND_ZOE,
  ZOE,
} from "../story-fixtures.ts";

const story = hostileStory();
const markdown = storyMarkdown(story.state, EXPORT_META);
const html = storyHtml(story.state, EXPORT_META);
const exported = storyJson(story.state, EXPORT_META);

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The file as it would be written to disk and read back. */
function asFile(value: StoryExport): unknown {
  return JSON.parse(JSON.stringify(value));
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Who signs a text in the stories: name and role, as the rules stored them (a role on one line). */
const SIGNED = {
  awa: `${AWA} (animatrice & <b>hôte</b>)`,
  mallory: `${MALLORY} (${MALLORY_ROLE})`,
  chloe: `${CHLOE} (élue - liste)`,
  zoe: `${ZOE} (voisine [x](y))`,
};

/** The part of the page that shows one step: from its number to the next step (or the end of the path). */
function stepSection(page: string, index: number): string {
  const steps = page.split('<li class="step ').slice(1);
  const last = steps.length - 1;
  const step = steps[index] ?? "";
  return index === last ? step.slice(0, step.indexOf('</ol>\n<p class="milestone end"')) : step;
}

/** One step of the Markdown story, from its heading's text to the next heading of a step (or of the debrief). */
function markdownStep(index: number): string {
  const step = markdown.split("\n### Étape ")[index + 1] ?? "";
  return step.split("\n## ")[0] ?? "";
}

/** The real tags of the page: escaped text has no "<", so every "<…>" left is markup the export wrote. */
function tagsOf(page: string): string[] {
  return page.match(/<[^>]*>/g) ?? [];
}

describe("golden files of the hostile story", () => {
  it("given the story, then its Markdown is the golden one", async () => {
    await expect(markdown).toMatchFileSnapshot("../golden/story.md");
  });

  it("given the story, then its HTML is the golden one", async () => {
    await expect(html).toMatchFileSnapshot("../golden/story.html");
  });

  it("given the story, then its JSON is the golden one", async () => {
    await expect(`${JSON.stringify(exported, null, 2)}\n`).toMatchFileSnapshot("../golden/story.json");
  });
});

describe("the story as printable HTML", () => {
  it("given hostile text everywhere, then the page holds no script, no event handler and no javascript: link", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    for (const tag of tagsOf(html)) {
      expect(tag, tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag, tag).not.toMatch(/javascript:/i);
    }
    const hrefs = [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    expect(hrefs).toEqual([EXPORT_META.licenseUrl]);
  });

  it("given hostile text everywhere, then the page only uses the tags the export writes", () => {
    const names = new Set(tagsOf(html).map((tag) => /^<\/?([a-z0-9!]+)/i.exec(tag)?.[1]?.toLowerCase()));
    const allowed = [
      "!doctype",
      "html",
      "head",
      "meta",
      "title",
      "style",
      "body",
      "main",
      "header",
      "section",
      "h1",
      "h2",
      "h3",
      "p",
      "dl",
      "div",
      "dt",
      "dd",
      "ul",
      "ol",
      "li",
      "span",
      "footer",
      "a",
      "time",
      "svg",
      "path",
      "circle",
    ];
    expect([...names].filter((n) => !n || !allowed.includes(n))).toEqual([]);
  });

  it("given every typed field and card text, then each reads as escaped text", () => {
    const typed = [
      story.state.setup.title, // titles, names and roles are kept on one line by the rules
      HOSTILE_SETUP.system,
      HOSTILE_SETUP.presentState,
      HOSTILE_SETUP.desirableFuture,
      ...HOSTILE_SETUP.otherFutures,
      HOSTILE_SETUP.constraints.time,
      HOSTILE_SETUP.constraints.values,
      HOSTILE_SETUP.framingChallengeText,
      AWA,
      MALLORY,
      CHLOE,
      ZOE,
      "animatrice & <b>hôte</b>",
      MALLORY_ROLE,
      "élue - liste",
      "voisine [x](y)",
      NARRATION_A,
      NARRATION_B,
      NARRATION_C,
      NARRATION_WRITTEN,
      YES_AND_CHLOE,
      YES_AND_ZOE,
      YES_AND_AWA,
      ANSWER,
      WRITTEN_TITLE,
      WRITTEN_TEXT,
      DEBRIEF_AWA,
      DEBRIEF_MALLORY,
      DEBRIEF_CHLOE,
    ];
    for (const text of typed) expect(html, text).toContain(escapeHtml(text));
    for (const step of story.state.path) {
      const card = story.state.cards[step.cardId];
      expect(card).toBeDefined();
      expect(html).toContain(escapeHtml(card?.title ?? ""));
      expect(html).toContain(escapeHtml(card?.text ?? ""));
    }
    expect(html).toContain(`<title>${escapeHtml(story.state.setup.title)} — récit du Jeu des transitions</title>`);
  });

  it("given a told story, then each narration appears once, in path order, followed by its author", () => {
    const inOrder = [
      [NARRATION_B, `Raconté par ${SIGNED.chloe}`], // a role is kept on one line by the rules
      [NARRATION_A, `Raconté par ${SIGNED.mallory}`],
      [NARRATION_C, `Raconté par ${SIGNED.awa}`],
      [NARRATION_WRITTEN, `Raconté par ${SIGNED.chloe}`],
    ] as const;
    let from = 0;
    for (const [narration, author] of inOrder) {
      const escaped = escapeHtml(narration);
      expect(count(html, escaped), narration).toBe(1);
      const at = html.indexOf(escaped);
      expect(at, `${narration} comes after the previous step`).toBeGreaterThan(from);
      const signed = html.indexOf(escapeHtml(author), at);
      expect(signed, `${author} signs ${narration}`).toBeGreaterThan(at);
      from = signed;
    }
    expect(html).not.toContain(NARRATION_REMOVED);
  });

  it("given a step not yet told, then the page says so, with who placed it, as the last step before the horizon", () => {
    const untold = escapeHtml(`Posée par ${MALLORY} (${MALLORY_ROLE}), pas encore racontée.`);
    expect(count(html, untold)).toBe(1);
    expect(html.indexOf(untold)).toBeGreaterThan(html.indexOf(escapeHtml(NARRATION_C)));
    expect(html.indexOf("Horizon 2050 — Futurs souhaitables</p>")).toBeGreaterThan(html.indexOf(untold));
    expect(count(html, '<li class="step ')).toBe(7);
    expect(stepSection(html, 6)).toContain(untold);
    expect(html).toContain("Étape 7");
    expect(html).not.toContain("Étape 8");
  });

  it("given two desirable futures and two constraints set, then the setup shows each of them, and no empty constraint", () => {
    const setup = html.slice(html.indexOf('<section class="setup"'), html.indexOf('<section class="people"'));
    expect(setup).toContain(
      `<dt>Horizon 2050 — Futur souhaitable 1</dt>\n<dd><p class="typed">${escapeHtml(HOSTILE_SETUP.desirableFuture)}</p>`,
    );
    expect(setup).toContain(
      `<dt>Horizon 2050 — Futur souhaitable 2</dt>\n<dd><p class="typed">${escapeHtml(HOSTILE_SETUP.otherFutures[0] ?? "")}</p>`,
    );
    expect(setup).toContain(
      `<dt>Contraintes de temps</dt>\n<dd><p class="typed">${escapeHtml(HOSTILE_SETUP.constraints.time)}</p>`,
    );
    expect(setup).toContain(
      `<dt>Valeurs à respecter</dt>\n<dd><p class="typed">${escapeHtml(HOSTILE_SETUP.constraints.values)}</p>`,
    );
    expect(setup).not.toContain("Acteurs en jeu");
  });

  it("given someone taken off the table, then the people list still names them, marked as removed", () => {
    const people = html.slice(html.indexOf('<section class="people"'), html.indexOf('<section class="path"'));
    expect(people).toContain(
      `<span class="name">${escapeHtml(ZOE)}</span> — <span class="role">voisine [x](y)</span> <span class="badge removed">retiré·e de la table</span>`,
    );
    expect(count(people, "retiré·e de la table")).toBe(1);
  });

  it('given "oui, et…" under a step, then each appears once, under that step, in order, signed by its author', () => {
    const step = stepSection(html, 1);
    expect(step).toContain(escapeHtml(NARRATION_A));
    let from = step.indexOf("Oui, et…</p>");
    expect(from).toBeGreaterThan(step.indexOf(escapeHtml(NARRATION_A)));
    for (const [text, author] of [
      [YES_AND_CHLOE, SIGNED.chloe],
      [YES_AND_ZOE, SIGNED.zoe],
      [YES_AND_AWA, SIGNED.awa],
    ] as const) {
      expect(count(html, escapeHtml(text)), text).toBe(1);
      const at = step.indexOf(escapeHtml(text));
      expect(at, `${text} comes after the one before`).toBeGreaterThan(from);
      const signed = step.indexOf(escapeHtml(`— ${author}`), at);
      expect(signed, `${author} signs ${text}`).toBeGreaterThan(at);
      from = signed;
    }
    expect(html).not.toContain(escapeHtml(YES_AND_REMOVED));
  });

  it("given reactions to a step, then the step shows how many found it plausible and desirable", () => {
    expect(stepSection(html, 1)).toContain("Réactions : plausible : 3 · souhaitable : 2");
    expect(count(html, "Réactions :")).toBe(1);
  });

  it("given a pitfall dealt onto the path and answered, then it is marked as met, with the answer and its author", () => {
    const step = stepSection(html, 3);
    expect(step).toContain("Écueil distribué par l&#39;animation — l&#39;histoire l&#39;a rencontré.");
    expect(step).toContain(`Posée par ${escapeHtml(SIGNED.awa)}.</p>`);
    expect(step).not.toContain("pas encore racontée");
    const answer = step.indexOf(escapeHtml(ANSWER));
    expect(answer).toBeGreaterThan(step.indexOf("Comment l&#39;histoire rencontre cet écueil :"));
    expect(step.indexOf(escapeHtml(`— ${SIGNED.mallory}`), answer)).toBeGreaterThan(answer);
    expect(count(html, escapeHtml(ANSWER))).toBe(1);
  });

  it("given a pitfall dealt to a player and never answered, then it is marked as still open", () => {
    const step = stepSection(html, 5);
    expect(step).toContain('<p class="dealt open">Écueil distribué par l&#39;animation — encore ouvert');
    expect(step).toContain(escapeHtml(`Posée par ${SIGNED.chloe}, pas encore racontée.`));
    expect(count(html, "encore ouvert")).toBe(1);
    expect(count(html, '<p class="dealt')).toBe(2);
  });

  it("given a card written at this table, then its face says who wrote it", () => {
    const step = stepSection(html, 4);
    expect(step).toContain(`<h3 class="card-title">${escapeHtml(WRITTEN_TITLE)}</h3>`);
    expect(step).toContain(escapeHtml(WRITTEN_TEXT));
    expect(step).toContain(`<p class="written">${escapeHtml(`Carte écrite à cette table par ${SIGNED.chloe}`)}</p>`);
    expect(count(html, "Carte écrite à cette table")).toBe(1);
  });

  it("given every player's debrief, then a Débrief section after the path gives each with name and role, and says the table won", () => {
    const debrief = html.slice(html.indexOf('<section class="debrief"'), html.indexOf("</main>"));
    expect(html.indexOf('<section class="debrief"')).toBeGreaterThan(html.indexOf("Étape 7"));
    expect(debrief).toContain('<h2 id="debrief-heading">Débrief</h2>');
    for (const [text, who] of [
      [DEBRIEF_AWA, `${AWA} (animatrice & <b>hôte</b>, animation)`],
      [DEBRIEF_MALLORY, SIGNED.mallory],
      [DEBRIEF_CHLOE, SIGNED.chloe],
    ] as const) {
      expect(count(html, escapeHtml(text)), text).toBe(1);
      expect(debrief).toContain(`<h3>${escapeHtml(who)}</h3>\n<p class="typed">${escapeHtml(text)}</p>`);
    }
    expect(debrief).toContain("Tous les joueurs se sont placés dans un futur souhaitable : la table a gagné.");
    expect(debrief).not.toContain("pas encore écrit");
    expect(debrief).not.toContain(escapeHtml(ZOE));
  });

  it("given the moderation record and a waiting suggestion, then neither is shown in the page", () => {
    expect(html).not.toContain(NARRATION_REMOVED);
    expect(html).not.toContain(escapeHtml(YES_AND_REMOVED));
    expect(html).not.toContain(escapeHtml(SUGGESTION));
  });

  it("given the page, then it is a French standalone document with a print stylesheet and the attribution at the bottom", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page\s*\{\s*size: A4; margin:/);
    expect(html).toMatch(/@media print \{[\s\S]*break-inside: avoid/);
    expect(tagsOf(html).filter((tag) => /^<link|\ssrc\s*=/i.test(tag))).toEqual([]);
    expect(/<style>([\s\S]*)<\/style>/.exec(html)?.[1]).not.toMatch(/@import|url\(/i);
    const footer = html.indexOf("<footer>");
    expect(footer).toBeGreaterThan(html.indexOf(escapeHtml(NARRATION_C)));
    expect(html.indexOf(escapeHtml(EXPORT_META.attribution))).toBeGreaterThan(footer);
    expect(html).toContain(`<a href="${EXPORT_META.licenseUrl}">`);
    expect(html).toContain("Exporté le 14 mars 2025");
    expect(html).toContain("Phase : Récit terminé");
  });

  it("given a table framed by a challenge card, then the setup shows that card's face", () => {
    const page = storyHtml(tableInPlay(), EXPORT_META);
    // Its face is its question; the title the card had before issue 11 is shown as our label, marked so.
    expect(page).toContain(`<p class="card-title">${escapeHtml(CHALLENGE_MOBILITY.text)}</p>`);
    expect(page).toContain(`<p class="card-label">intitulé ajouté : ${escapeHtml(CHALLENGE_MOBILITY.title ?? "")}</p>`);
    expect(page).toContain("Aucune étape n&#39;a encore été posée.");
    expect(page).toContain("Horizon 2050 — Futur souhaitable</dt>");
    expect(page).not.toContain("Débrief");
  });

  it("given a licence address that is not a web address, then it stays text, not a link", () => {
    const page = storyHtml(story.state, { ...EXPORT_META, licenseUrl: "javascript:alert(1)" });
    expect(tagsOf(page).filter((tag) => /href/i.test(tag))).toEqual([]);
    expect(page).toContain("javascript:alert(1)</p>");
  });
});

describe("the story as Markdown, with hostile text", () => {
  it("given hostile text everywhere, then no raw tag and no active javascript: link reaches the Markdown", () => {
    expect(markdown).not.toMatch(/(?<!\\)<script/i);
    expect(markdown).not.toMatch(/(?<!\\)<img/i);
    expect(markdown).not.toMatch(/(?<!\\)<a /i);
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/i);
    expect(markdown).not.toMatch(/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/);
    expect(markdown).toContain("javascript:alert(1)");
  });

  it("given a told story, then each narration's first line appears once, in path order, followed by its author", () => {
    const inOrder = [
      ["\\- liste", "Raconté par \\*\\*Chloé\\*\\* 🌻"],
      [
        "Les rues se referment aux voitures le dimanche.",
        "Raconté par \\<img src=x onerror=alert(1)\\> (\\[rôle\\](javascript:alert(1)) \\{\\{name\\}\\})",
      ],
      ["Une coopérative de vélos-cargos ouvre", 'Raconté par Awa "la Cheffe" O\'Neil'],
    ] as const;
    let from = markdown.indexOf("## Le chemin");
    for (const [narration, author] of inOrder) {
      const at = markdown.indexOf(narration, from);
      expect(at, narration).toBeGreaterThan(from);
      const signed = markdown.indexOf(author, at);
      expect(signed, author).toBeGreaterThan(at);
      from = signed;
    }
    expect(count(markdown, "Les rues se referment aux voitures le dimanche.")).toBe(1);
    expect(count(markdown, "Une coopérative de vélos-cargos ouvre")).toBe(1);
    expect(markdown).not.toContain(NARRATION_REMOVED);
  });

  it("given two futures and two constraints, then each is a field of the setup, and the empty constraint is left out", () => {
    const setup = markdown.slice(0, markdown.indexOf("## Les personnes"));
    expect(setup).toContain(
      `**Horizon 2050 — Futur souhaitable 1 :** ${escapeMarkdown(HOSTILE_SETUP.desirableFuture)}\n`,
    );
    expect(setup).toContain(
      `**Horizon 2050 — Futur souhaitable 2 :** ${escapeMarkdown(HOSTILE_SETUP.otherFutures[0] ?? "")}\n`,
    );
    expect(setup).toContain(`**Contraintes de temps :** ${escapeMarkdown(HOSTILE_SETUP.constraints.time)}\n`);
    expect(setup).toContain(`**Valeurs à respecter :** ${escapeMarkdown(HOSTILE_SETUP.constraints.values)}\n`);
    expect(setup).not.toContain("Acteurs en jeu");
  });

  it("given someone taken off the table, then they are listed among the people, marked as removed", () => {
    expect(markdown).toContain(`\n- ${escapeMarkdown(ZOE)} (voisine \\[x\\](y), retiré·e de la table)\n`);
    expect(count(markdown, "retiré·e de la table")).toBe(1);
  });

  it('given "oui, et…" under a step, then each appears once, under that step, in order, with its author', () => {
    const step = markdownStep(1);
    let from = step.indexOf("**Oui, et…**");
    expect(from).toBeGreaterThan(step.indexOf("Les rues se referment"));
    for (const [text, author] of [
      [YES_AND_CHLOE, SIGNED.chloe],
      [YES_AND_ZOE, SIGNED.zoe],
      [YES_AND_AWA, SIGNED.awa],
    ] as const) {
      expect(count(markdown, escapeMarkdown(text)), text).toBe(1);
      const at = step.indexOf(`${escapeMarkdown(text)}  \n*— ${escapeMarkdown(author)}*`);
      expect(at, `${text}, signed by ${author}, after the one before`).toBeGreaterThan(from);
      from = at;
    }
    expect(step).toContain("*Réactions : plausible : 3 · souhaitable : 2*");
    expect(markdown).not.toContain(escapeMarkdown(YES_AND_REMOVED));
  });

  it("given dealt pitfalls, then the answered one shows its answer and author, and the other is still open", () => {
    const met = markdownStep(3);
    expect(met).toContain("*Écueil distribué par l'animation — l'histoire l'a rencontré.*");
    expect(met).toContain(
      `**Comment l'histoire rencontre cet écueil :**\n\n${escapeMarkdown(ANSWER)}  \n*— ${escapeMarkdown(SIGNED.mallory)}*`,
    );
    const open = markdownStep(5);
    expect(open).toContain("*Écueil distribué par l'animation — encore ouvert");
    expect(count(markdown, "Écueil distribué")).toBe(2);
  });

  it("given a card written at this table, then its step says who wrote it", () => {
    const step = markdownStep(4);
    expect(step.startsWith(`5 — Levier : ${escapeMarkdown(WRITTEN_TITLE)}\n`)).toBe(true);
    expect(step).toContain(`*Carte écrite à cette table par ${escapeMarkdown(SIGNED.chloe)}*`);
  });

  it("given every player's debrief, then the Débrief section gives each under its author's name and role, and says the table won", () => {
    const debrief = markdown.slice(markdown.indexOf("\n## Débrief\n"), markdown.indexOf("\n---\n"));
    expect(markdown.indexOf("\n## Débrief\n")).toBeGreaterThan(markdown.indexOf("### Étape 7"));
    for (const [text, who] of [
      [DEBRIEF_AWA, `${AWA} (animatrice & <b>hôte</b>, animation)`],
      [DEBRIEF_MALLORY, SIGNED.mallory],
      [DEBRIEF_CHLOE, SIGNED.chloe],
    ] as const) {
      expect(count(markdown, escapeMarkdown(text)), text).toBe(1);
      expect(debrief).toContain(`### ${escapeMarkdown(who)}\n\n${escapeMarkdown(text)}\n`);
    }
    expect(debrief).toContain("**Tous les joueurs se sont placés dans un futur souhaitable : la table a gagné.**");
    expect(debrief).not.toContain("pas encore écrit");
  });

  it("given the moderation record and a waiting suggestion, then neither is in the Markdown", () => {
    expect(markdown).not.toContain(escapeMarkdown(YES_AND_REMOVED));
    expect(markdown).not.toContain(escapeMarkdown(SUGGESTION));
    expect(markdown).not.toContain("Les commerçants");
  });
});

describe("a facilitator whose role is « Animation »", () => {
  const state = structuredClone(story.state);
  const awa = state.participants.find((p) => p.facilitator);
  if (!awa) throw new Error("the hostile story has a facilitator");
  awa.role = "Animation";
  awa.zone = undefined;

  it("is listed once as such, not « Animation, animation », in Markdown and HTML", () => {
    const md = storyMarkdown(state, EXPORT_META);
    expect(md).toContain(`- ${escapeMarkdown(awa.name)} (Animation)\n`);
    expect(md).not.toMatch(/Animation, animation/i);
    const page = storyHtml(state, EXPORT_META);
    const people = page.slice(
      page.indexOf('<section class="people"'),
      page.indexOf("</section>", page.indexOf('<section class="people"')),
    );
    expect(people).toContain(`<span class="role">Animation</span></li>`);
    expect(people).not.toContain(`<span class="role">Animation</span> <span class="badge">`);
  });

  it("while a facilitator with another role still shows the mark", () => {
    expect(markdown).toMatch(/, animation\)/);
    expect(html).toContain(`<span class="badge">animation</span>`);
  });
});

describe("the story as versioned JSON", () => {
  it("given a session, then the export is the whole table, every field of it, moderation record and suggestions included", () => {
    expect(exported.format).toBe(STORY_FORMAT);
    expect(exported.version).toBe(2);
    expect(exported.exportedAt).toBe("2025-03-14T18:00:00.000Z");
    expect(exported.table).toEqual(story.state);
    expect(Object.keys(exported.table).sort()).toEqual(Object.keys(story.state).sort());
    expect(JSON.stringify(exported)).not.toMatch(/secret|invite|KeyHash|seatKey/i);
  });

  it("given a session, then the JSON holds what the printed story leaves out: removed texts, suggestions, turns, timer, lock", () => {
    const { table } = exported;
    expect(table.path.map((s) => s.id)).toEqual(story.stepIds);
    expect(table.path.map((s) => s.narration)).toEqual([
      NARRATION_B,
      NARRATION_A,
      NARRATION_C,
      "",
      NARRATION_WRITTEN,
      "",
      "",
    ]);
    expect(table.removedSteps.map((s) => s.narration)).toEqual([NARRATION_REMOVED]);
    expect(table.moderationLog.map((r) => [r.action, r.before])).toEqual([
      ["removeStep", NARRATION_REMOVED],
      ["removeContribution", YES_AND_REMOVED],
      ["removeParticipant", ZOE],
    ]);
    expect(table.suggestions.map((s) => [s.authorId, s.text])).toEqual([[IDS.mallory, SUGGESTION]]);
    expect(table.path.find((s) => s.id === story.yesAndStepId)?.contributions.map((c) => c.text)).toEqual([
      YES_AND_CHLOE,
      YES_AND_ZOE,
      YES_AND_AWA,
    ]);
    expect(table.cards[story.writtenCardId]).toMatchObject({
      title: WRITTEN_TITLE,
      text: WRITTEN_TEXT,
      writtenBy: IDS.chloe,
    });
    expect(table.participants.map((p) => p.debrief)).toEqual([DEBRIEF_AWA, DEBRIEF_MALLORY, DEBRIEF_CHLOE, ""]);
    expect(table.participants.find((p) => p.id === IDS.zoe)?.removed).toBe(true);
    expect(table.setup.otherFutures).toEqual(HOSTILE_SETUP.otherFutures);
    expect(table.setup.constraints).toEqual(HOSTILE_SETUP.constraints);
    expect(table.turns).toEqual({ mode: "turns", order: [IDS.mallory, IDS.chloe], current: IDS.chloe });
    expect(table.timer).toMatchObject({ label: "Débrief", durationMs: 600_000 });
    expect(table.locked).toBe(true);
    expect(table.participants.find((p) => p.id === IDS.chloe)?.hand).toHaveLength(1);
  });

  it("given an export, then it does not share objects with the live table", () => {
    const state = hostileStory().state;
    const copy = storyJson(state, EXPORT_META);
    copy.table.path[0]!.narration = "modifiée";
    copy.table.participants[2]!.hand.push("x");
    copy.table.path[1]!.contributions[0]!.text = "modifiée";
    copy.table.moderationLog.length = 0;
    expect(state.path[0]!.narration).toBe(NARRATION_B);
    expect(state.participants[2]!.hand).toHaveLength(1);
    expect(state.path[1]!.contributions[0]!.text).toBe(YES_AND_CHLOE);
    expect(state.moderationLog).toHaveLength(3);
  });

  it("given an export read back and continued, then exporting the new table gives the same story but ids, dates, hands, phase, lock, timer and turn", () => {
    const parsed = parseStoryJson(asFile(exported));
    if (!parsed.ok) throw new Error(parsed.message);
    const continued = tableFromStory(parsed.story, { id: "table-suite", now: NOW + 86_400_000 });
    const again = storyJson(continued, EXPORT_META);

    const expected = structuredClone(exported);
    expected.table.id = "table-suite";
    expected.table.createdAt = NOW + 86_400_000;
    expected.table.phase = "preparation";
    const chloeHand = expected.table.participants.find((p) => p.id === IDS.chloe)?.hand ?? [];
    expect(chloeHand).toEqual(["lever-hostile-2"]);
    expected.table.piles.lever = [...chloeHand, ...expected.table.piles.lever];
    for (const p of expected.table.participants) p.hand = [];
    expected.table.locked = false;
    expected.table.timer = null;
    expected.table.turns.current = null;
    expect(again).toEqual(expected);
    // Debriefs, contributions, reactions, written cards, removed people, suggestions and the moderation record carry on.
    expect(again.table.participants.map((p) => p.debrief)).toEqual([DEBRIEF_AWA, DEBRIEF_MALLORY, DEBRIEF_CHLOE, ""]);
    expect(again.table.cards[story.writtenCardId]?.writtenBy).toBe(IDS.chloe);
    expect(again.table.moderationLog).toHaveLength(3);
  });

  it("given a closed story imported, then the facilitator starts play again, turns resume from the first player and the returned card is drawn first", () => {
    const parsed = parseStoryJson(asFile(exported));
    if (!parsed.ok) throw new Error(parsed.message);
    const table = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    expect(table.phase).toBe("preparation");
    const started = applyAction(table, { type: "startPlay" }, { actorId: IDS.awa, now: NOW });
    if (!started.ok) throw new Error(started.refusal.message);
    expect(started.state.turns.current).toBe(IDS.mallory);
    const drawn = applyAction(started.state, { type: "draw", deck: "lever" }, { actorId: IDS.mallory, now: NOW });
    if (!drawn.ok) throw new Error(drawn.refusal.message);
    expect(drawn.state.participants.find((p) => p.id === IDS.mallory)?.hand).toEqual(["lever-hostile-2"]);
    const placed = applyAction(
      drawn.state,
      { type: "place", cardId: "lever-hostile-2", afterStepId: null },
      { actorId: IDS.mallory, now: NOW },
    );
    if (!placed.ok) throw new Error(placed.refusal.message);
    expect(placed.state.path.map((s) => s.id)).toEqual(["step-9", ...story.stepIds]);
  });

  it("given a story in debrief imported, then it reopens in preparation with its debriefs, open to newcomers", () => {
    const inDebrief = structuredClone(exported);
    inDebrief.table.phase = "debrief";
    const parsed = parseStoryJson(asFile(inDebrief));
    if (!parsed.ok) throw new Error(parsed.message);
    const table = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    expect(table.phase).toBe("preparation");
    expect(table.locked).toBe(false);
    expect(table.participants.find((p) => p.id === IDS.chloe)?.debrief).toBe(DEBRIEF_CHLOE);
  });

  it("given a pitfall dealt into a hand when the story was exported, then the continued table puts it back on the pile as an ordinary card", () => {
    let state = act(tableInPlay(), FACILITATOR, { type: "dealPitfall", to: idOf(BASTIEN), afterStepId: null });
    const dealt = handOf(state, BASTIEN)[0] ?? "";
    expect(state.dealtCards).toEqual([dealt]);
    const parsed = parseStoryJson(asFile(storyJson(state, EXPORT_META)));
    if (!parsed.ok) throw new Error(parsed.message);
    state = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    expect(state.dealtCards).toEqual([]);
    expect(state.piles.pitfall[0]).toBe(dealt);
    expect(handOf(state, BASTIEN)).toEqual([]);
  });

  it("given an import, then the story it came from is left untouched", () => {
    const parsed = parseStoryJson(asFile(exported));
    if (!parsed.ok) throw new Error(parsed.message);
    const before = structuredClone(parsed.story);
    const table = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    table.path[0]!.narration = "modifiée";
    table.path[1]!.contributions.length = 0;
    table.piles.lever.length = 0;
    table.participants[1]!.debrief = "modifié";
    expect(parsed.story).toEqual(before);
  });
});

describe("reading a version 1 story", () => {
  /** A story exported by the previous version of the game (before phases of debrief, contributions and moderation). */
  const V1 = JSON.parse(readFileSync(new URL("../golden/story-v1.json", import.meta.url), "utf8")) as {
    version: number;
    table: {
      participants: { id: string; facilitator: boolean; hand: string[] }[];
      path: { narration: string }[];
    } & Record<string, unknown>;
  };

  it("given a version 1 file, then it is read and upgraded: the same story, with what it could not hold left empty", () => {
    const parsed = parseStoryJson(V1);
    if (!parsed.ok) throw new Error(parsed.message);
    const { table } = parsed.story;
    expect(parsed.story.version).toBe(STORY_VERSION);
    expect(table.path.map((s) => s.narration)).toEqual(V1.table.path.map((s) => s.narration));
    expect(table.path.every((s) => !s.dealt && !s.open && s.contributions.length === 0)).toBe(true);
    expect(table.path[0]?.reactions).toEqual({ plausible: [], desirable: [] });
    expect(table.setup).toMatchObject({
      otherFutures: [],
      constraints: { time: "", values: "", actors: "" },
      themesInPlay: [],
    });
    expect(table.setup.decksInPlay).toEqual(["challenge", "lever", "pitfall"]);
    expect(table.participants.map((p) => [p.removed, p.debrief, p.debriefAt])).toEqual(
      V1.table.participants.map(() => [false, "", null]),
    );
    const players = V1.table.participants.filter((p) => !p.facilitator).map((p) => p.id);
    expect(table.turns).toEqual({ mode: "free", order: players, current: null });
    expect(table).toMatchObject({
      nextId: 1,
      locked: false,
      timer: null,
      suggestions: [],
      dealtCards: [],
      moderationLog: [],
    });
  });

  it("given a version 1 file continued, then the new table plays on and exports as version 2", () => {
    const parsed = parseStoryJson(V1);
    if (!parsed.ok) throw new Error(parsed.message);
    let state = tableFromStory(parsed.story, { id: "table-v1", now: NOW });
    state = act(state, AWA, { type: "startPlay" });
    state = act(state, CHLOE, {
      type: "contribute",
      stepId: state.path[0]!.id,
      kind: "yesAnd",
      text: "Oui, et la suite.",
    });
    const again = parseStoryJson(asFile(storyJson(state, EXPORT_META)));
    expect(again.ok && again.story.version).toBe(2);
    expect(again.ok && again.story.table.path[0]?.contributions.map((c) => c.text)).toEqual(["Oui, et la suite."]);
  });

  it("given a version 1 file with a broken field or a field of version 2, then it names it", () => {
    const copy = structuredClone(V1);
    copy.table.path[0]!.narration = 42 as unknown as string;
    expect(parseStoryJson(copy)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^table\.path\[0\]\.narration : /),
    });
    const mixed = structuredClone(V1);
    Object.assign(mixed.table, { locked: false });
    expect(parseStoryJson(mixed)).toEqual({ ok: false, message: "table.locked : champ inconnu" });
  });

  it("given a version 1 file whose cross-references are wrong, then it is refused as a version 2 file would be", () => {
    const copy = structuredClone(V1);
    copy.table.participants[2]!.hand.push("lever-inconnu");
    expect(parseStoryJson(copy)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^table\.participants\[2\]\.hand\[1\] : la carte « lever-inconnu » n'est pas/),
    });
  });
});

describe("reading a JSON story: refusals", () => {
  /** A copy of the export, broken by `edit`, as a file someone would import. */
  function broken(edit: (json: StoryExport) => void): unknown {
    const copy = structuredClone(exported);
    edit(copy);
    return asFile(copy);
  }
  function refusal(json: unknown): string {
    const result = parseStoryJson(json);
    expect(result.ok, "the import should have been refused").toBe(false);
    return result.ok ? "" : result.message;
  }

  it("given another kind of file, then it says this is not a story", () => {
    const message = t("export.json.notAStory", { format: STORY_FORMAT });
    expect(refusal({ ...exported, format: "autre-chose" })).toBe(message);
    expect(refusal("du texte")).toBe(message);
    expect(refusal(null)).toBe(message);
    expect(refusal([exported])).toBe(message);
  });

  it("given another version of the format, then it names the version it cannot read and those it can", () => {
    expect(refusal({ ...exported, version: 3 })).toBe(
      "Ce récit est au format version 3, que cette version du jeu ne sait pas lire (elle lit les versions 1 et 2).",
    );
    expect(refusal({ ...exported, version: "2" })).toMatch(/^Ce récit est au format version "2"/);
  });

  it("given a step whose card is missing from the cards, then it names the step and the card", () => {
    const message = refusal(broken((json) => delete json.table.cards[json.table.path[1]!.cardId]));
    expect(message).toBe(
      "table.path[1].cardId : la carte « lever-hostile-3 » n'est pas dans les cartes du récit (table.cards)",
    );
  });

  it("given a hand, pile or framing challenge holding an unknown card, then it names where", () => {
    expect(refusal(broken((json) => json.table.participants[2]!.hand.push("lever-inconnu")))).toMatch(
      /^table\.participants\[2\]\.hand\[1\] : la carte « lever-inconnu » n'est pas/,
    );
    expect(refusal(broken((json) => json.table.piles.pitfall.unshift("pitfall-inconnu")))).toMatch(
      /^table\.piles\.pitfall\[0\] : la carte « pitfall-inconnu »/,
    );
    expect(refusal(broken((json) => (json.table.setup.framingChallengeId = "challenge-inconnu")))).toMatch(
      /^table\.setup\.framingChallengeId : la carte « challenge-inconnu »/,
    );
  });

  it("given a step placed by nobody of the table, then it names the step and the unknown author", () => {
    const message = refusal(broken((json) => (json.table.path[2]!.placedBy = "p-inconnu")));
    expect(message).toBe(
      "table.path[2].placedBy : « p-inconnu » n'est pas une personne de la table (table.participants)",
    );
    expect(refusal(broken((json) => (json.table.removedSteps[0]!.placedBy = "p-inconnu")))).toMatch(
      /^table\.removedSteps\[0\]\.placedBy : /,
    );
  });

  it("given a broken, missing or unknown field, then it names the field in French", () => {
    expect(refusal(broken((json) => ((json.table.path[2] as { narration: unknown }).narration = 42)))).toMatch(
      /^table\.path\[2\]\.narration : .*(attendu|chaîne)/,
    );
    expect(refusal(broken((json) => delete (json.table as Partial<StoryExport["table"]>).nextStepNumber))).toBe(
      "table.nextStepNumber : champ manquant",
    );
    expect(refusal(broken((json) => Object.assign(json.table.participants[0]!, { motDePasse: "x" })))).toBe(
      "table.participants[0].motDePasse : champ inconnu",
    );
    expect(refusal(broken((json) => ((json.table as { phase: string }).phase = "pause")))).toMatch(/^table\.phase : /);
    expect(refusal(broken((json) => (json.table.cards["lever-hostile-1"]!.title = "")))).toBe(
      'table.cards["lever-hostile-1"].title : ne doit pas être vide',
    );
  });

  it("given several problems, then it names the first and counts the others", () => {
    const message = refusal(
      broken((json) => {
        json.table.path[0]!.placedBy = "p-x";
        json.table.path[1]!.placedBy = "p-y";
      }),
    );
    expect(message).toMatch(/^table\.path\[0\]\.placedBy : .* \(et 1 autre problème\)$/);
  });

  it("given ids used twice, then it refuses them", () => {
    expect(refusal(broken((json) => (json.table.path[1]!.id = json.table.path[0]!.id)))).toBe(
      `table.path[1].id : l'étape « ${story.stepIds[0]} » apparaît deux fois`,
    );
    expect(refusal(broken((json) => (json.table.participants[1]!.id = json.table.participants[0]!.id)))).toMatch(
      /^table\.participants\[1\]\.id : la personne .* apparaît deux fois/,
    );
    expect(refusal(broken((json) => json.table.discard.push(json.table.path[0]!.cardId)))).toMatch(
      /^table\.path\[0\]\.cardId : la carte « pitfall-hostile-\d » est à deux endroits à la fois \(aussi dans table\.discard\[\d\]\)/,
    );
    expect(refusal(broken((json) => (json.table.cards["lever-hostile-1"]!.id = "lever-autre")))).toMatch(
      /^table\.cards\["lever-hostile-1"\]\.id : la carte rangée sous « lever-hostile-1 » porte l'identifiant « lever-autre »/,
    );
    expect(refusal(broken((json) => (json.table.nextStepNumber = 3)))).toBe(
      "table.nextStepNumber : doit dépasser le numéro de chaque étape (au moins 9)",
    );
    expect(
      refusal(broken((json) => json.table.path[3]!.contributions.push({ ...json.table.path[1]!.contributions[0]! }))),
    ).toBe(
      `table.path[3].contributions[1].id : la contribution « ${exported.table.path[1]!.contributions[0]!.id} » apparaît deux fois`,
    );
    expect(refusal(broken((json) => (json.table.nextId = 2)))).toBe(
      "table.nextId : doit dépasser le numéro de chaque contribution, suggestion et carte écrite (au moins 8)",
    );
  });

  it("given a contribution, reaction, written card, suggestion or moderation by nobody of the table, then it names where", () => {
    const unknown = "« p-inconnu » n'est pas une personne de la table (table.participants)";
    expect(refusal(broken((json) => (json.table.path[1]!.contributions[2]!.authorId = "p-inconnu")))).toBe(
      `table.path[1].contributions[2].authorId : ${unknown}`,
    );
    expect(refusal(broken((json) => json.table.path[1]!.reactions.desirable.push("p-inconnu")))).toBe(
      `table.path[1].reactions.desirable[2] : ${unknown}`,
    );
    expect(refusal(broken((json) => (json.table.cards[story.writtenCardId]!.writtenBy = "p-inconnu")))).toBe(
      `table.cards["${story.writtenCardId}"].writtenBy : ${unknown}`,
    );
    expect(refusal(broken((json) => (json.table.suggestions[0]!.authorId = "p-inconnu")))).toBe(
      `table.suggestions[0].authorId : ${unknown}`,
    );
    expect(refusal(broken((json) => (json.table.moderationLog[1]!.by = "p-inconnu")))).toBe(
      `table.moderationLog[1].by : ${unknown}`,
    );
  });

  it("given turns naming someone who is not at the table, or a turn outside the order, then it refuses them", () => {
    expect(refusal(broken((json) => json.table.turns.order.push("p-inconnu")))).toBe(
      "table.turns.order[2] : « p-inconnu » n'est pas une personne de la table (table.participants)",
    );
    expect(refusal(broken((json) => (json.table.turns.current = IDS.awa)))).toBe(
      `table.turns.current : « ${IDS.awa} » n'est pas dans l'ordre des tours (table.turns.order)`,
    );
  });

  it("given a dealt card in no hand, or an open step that was not dealt, then it refuses them", () => {
    expect(refusal(broken((json) => json.table.dealtCards.push(json.table.piles.pitfall[0]!)))).toMatch(
      /^table\.dealtCards\[0\] : la carte distribuée « pitfall-hostile-\d » n'est dans aucune main$/,
    );
    const chloeCard = exported.table.participants.find((p) => p.id === IDS.chloe)?.hand[0] ?? "";
    expect(parseStoryJson(broken((json) => json.table.dealtCards.push(chloeCard))).ok).toBe(true);
    expect(refusal(broken((json) => (json.table.path[0]!.open = true)))).toBe(
      "table.path[0].open : seul un écueil distribué peut rester ouvert",
    );
  });

  it("given a card written at the table, then it is checked like one: its own fields, not those only the kit's cards carry", () => {
    expect(exported.table.cards[story.writtenCardId]?.keywords).toBeUndefined();
    expect(refusal(broken((json) => (json.table.cards[story.writtenCardId]!.title = " ")))).toBe(
      `table.cards["${story.writtenCardId}"].title : ne doit pas être vide`,
    );
    expect(refusal(broken((json) => Object.assign(json.table.cards[story.writtenCardId]!, { auteur: "x" })))).toBe(
      `table.cards["${story.writtenCardId}"].auteur : champ inconnu`,
    );
    // Without writtenBy, the same card is a lever of the kit lacking its keywords.
    expect(refusal(broken((json) => delete json.table.cards[story.writtenCardId]!.writtenBy))).toMatch(
      new RegExp(`^table\\.cards\\["${story.writtenCardId}"\\]\\.keywords : un levier a des mots-clés`),
    );
  });

  it("given a card in the pile of another deck, then it refuses it", () => {
    const message = refusal(broken((json) => json.table.piles.challenge.push(json.table.piles.lever.shift()!)));
    expect(message).toMatch(/^table\.piles\.challenge\[\d\] : la carte « lever-hostile-\d » est un levier/);
  });

  it("given a story that breaks the limits of the rules, then it refuses it with the rule's message", () => {
    const long = "x".repeat(LIMITS.narrationLength + 1);
    expect(refusal(broken((json) => (json.table.path[0]!.narration = long)))).toBe(
      `table.path[0].narration : La narration ne doit pas dépasser ${LIMITS.narrationLength} caractères.`,
    );
    expect(refusal(broken((json) => (json.table.participants[1]!.name = "n".repeat(LIMITS.nameLength + 1))))).toBe(
      `table.participants[1].name : Le nom ne doit pas dépasser ${LIMITS.nameLength} caractères.`,
    );
    expect(refusal(broken((json) => (json.table.participants[1]!.role = "  ")))).toMatch(
      /^table\.participants\[1\]\.role : Dites qui/,
    );
    expect(refusal(broken((json) => (json.table.setup.horizonYear = 1999)))).toBe(
      "table.setup : L'horizon doit être une année entre 2025 et 2200.",
    );
    expect(refusal(broken((json) => (json.table.setup.title = " ")))).toBe("table.setup : Donnez un titre à la table.");
    expect(
      refusal(
        broken((json) =>
          json.table.participants[0]!.hand.push(...Array<string>(LIMITS.handSize + 1).fill("lever-hostile-1")),
        ),
      ),
    ).toMatch(new RegExp(`^table\\.participants\\[0\\]\\.hand : plus de ${LIMITS.handSize} cartes en main`));
    expect(
      refusal(
        broken((json) => (json.table.path[1]!.contributions[0]!.text = "x".repeat(LIMITS.contributionLength + 1))),
      ),
    ).toBe(
      `table.path[1].contributions[0].text : La contribution ne doit pas dépasser ${LIMITS.contributionLength} caractères.`,
    );
    expect(
      refusal(broken((json) => (json.table.participants[2]!.debrief = "x".repeat(LIMITS.debriefLength + 1)))),
    ).toBe(`table.participants[2].debrief : Le débrief ne doit pas dépasser ${LIMITS.debriefLength} caractères.`);
    expect(
      refusal(
        broken((json) => json.table.setup.otherFutures.push(...Array<string>(LIMITS.futures).fill("Un autre futur"))),
      ),
    ).toMatch(/^table\.setup : /);
    const crowd = broken((json) => {
      const base = json.table.participants[1]!;
      for (let i = 0; i < LIMITS.participants; i += 1)
        json.table.participants.push({ ...base, id: `p-foule-${i}`, hand: [] });
    });
    expect(refusal(crowd)).toBe(`table.participants : plus de ${LIMITS.participants} personnes à la table`);
  });

  it("given a well-formed export, then it is read back as it was written", () => {
    const parsed = parseStoryJson(asFile(exported));
    expect(parsed).toEqual({ ok: true, story: exported });
  });
});

describe("the story download routes", () => {
  const KEY = "cle-animation-des-tests";
  const tables = new Map<string, { state: TableState; facilitatorKeyHash: string }>([
    [story.state.id, { state: story.state, facilitatorKeyHash: hashSecret(KEY) }],
  ]);
  /** Every table the routes asked for (rebuilding a table is the costly part: it must follow the secret's check). */
  const tablesRead: string[] = [];
  let server: Server;
  let base = "";

  beforeAll(async () => {
    const app = express();
    app.use(
      exportRouter({
        secrets: async (id) => {
          const table = tables.get(id);
          return (
            table && {
              facilitatorKeyHash: table.facilitatorKeyHash,
              invite: "invitation",
              observerKey: "observation",
              retiredInviteHashes: [],
              workshopFacilitatorKeyHash: null,
            }
          );
        },
        current: async (id) => {
          tablesRead.push(id);
          return tables.get(id)?.state;
        },
        decks: loadDecks(),
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const url = (format: string, id = story.state.id) => `${base}/api/tables/${encodeURIComponent(id)}/story.${format}`;
  const withKey = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

  it("given no facilitator secret or a wrong one, then every format answers 401 in French", async () => {
    for (const format of ["md", "html", "json"]) {
      for (const init of [{}, withKey("mauvaise-cle")]) {
        const response = await fetch(url(format), init);
        expect(response.status, format).toBe(401);
        expect(await response.json()).toEqual({
          code: "facilitatorKeyRequired",
          message: t("http.facilitatorKeyRequired"),
        });
      }
    }
    // Refused before the table was ever read: a request without the secret costs the server nothing.
    expect(tablesRead).toEqual([]);
  });

  it("given an unknown table, then it answers 404", async () => {
    const response = await fetch(url("html", "table-inconnue"), withKey(KEY));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "tableNotFound", message: t("http.tableNotFound") });
  });

  it("given the facilitator secret, then the HTML opens in the browser under a policy that forbids scripts", async () => {
    const response = await fetch(url("html"), withKey(KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toMatch(/^inline/);
    const page = await response.text();
    expect(page).toContain(escapeHtml(NARRATION_C));
    expect(page).toContain(escapeHtml(EXPORT_META.licenseUrl));
  });

  it("given the facilitator secret, then the JSON downloads as a file that reads back", async () => {
    const response = await fetch(url("json"), withKey(KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="recit-${story.state.id}.json"`);
    const parsed = parseStoryJson(await response.json());
    expect(parsed.ok).toBe(true);
    // The route exports the live table: the same session as the fixture's export, debriefs and contributions included.
    expect(parsed.ok && parsed.story.table).toEqual(exported.table);
  });

  it("given the facilitator secret, then the Markdown downloads as a file", async () => {
    const response = await fetch(url("md"), withKey(KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="recit-${story.state.id}.md"`);
    expect(await response.text()).toContain("Les rues se referment aux voitures le dimanche.");
  });
});
