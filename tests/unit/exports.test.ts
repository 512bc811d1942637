// Unit tests of the exports an organiser keeps: Markdown, printable HTML and versioned JSON of one fixed story with
// hostile text everywhere (golden files), the JSON import and its refusals, and the facilitator-only download routes.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDecks } from "../../cards/load.ts";
import { t } from "../../shared/i18n/translate.ts";
import { LIMITS, type TableState } from "../../shared/model.ts";
import { applyAction } from "../../shared/rules/index.ts";
import { storyHtml } from "../../shared/story/html.ts";
import { parseStoryJson, storyJson, STORY_FORMAT, STORY_VERSION, tableFromStory, type StoryExport } from "../../shared/story/json.ts";
import { storyMarkdown } from "../../shared/story/markdown.ts";
import { exportRouter } from "../../server/http/exports.ts";
import { hashSecret } from "../../server/secrets.ts";
import { CHALLENGE_MOBILITY, NOW, tableInPlay } from "../fixtures.ts";
import {
  AWA,
  CHLOE,
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
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
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
    const allowed = ["!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "section", "h1", "h2", "h3", "p", "dl", "div", "dt", "dd", "ul", "ol", "li", "span", "footer", "a", "time"];
    expect([...names].filter((n) => !n || !allowed.includes(n))).toEqual([]);
  });

  it("given every typed field and card text, then each reads as escaped text", () => {
    const typed = [
      story.state.setup.title, // titles, names and roles are kept on one line by the rules
      HOSTILE_SETUP.system,
      HOSTILE_SETUP.presentState,
      HOSTILE_SETUP.desirableFuture,
      HOSTILE_SETUP.framingChallengeText,
      AWA,
      MALLORY,
      CHLOE,
      "animatrice & <b>hôte</b>",
      MALLORY_ROLE,
      "élue - liste",
      NARRATION_A,
      NARRATION_B,
      NARRATION_C,
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
      [NARRATION_B, `Raconté par ${CHLOE} (élue - liste)`], // a role is kept on one line by the rules
      [NARRATION_A, `Raconté par ${MALLORY} (${MALLORY_ROLE})`],
      [NARRATION_C, `Raconté par ${AWA} (animatrice & <b>hôte</b>)`],
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
    expect(html.indexOf("Horizon 2050 — Futur souhaitable</p>")).toBeGreaterThan(html.indexOf(untold));
    expect(count(html, '<li class="step ')).toBe(4);
    expect(html).toContain("Étape 4");
    expect(html).not.toContain("Étape 5");
  });

  it("given the page, then it is a French standalone document with a print stylesheet and the attribution at the bottom", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"fr\">")).toBe(true);
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
    expect(page).toContain(`<p class="card-title">${escapeHtml(CHALLENGE_MOBILITY.title)}</p>`);
    expect(page).toContain(escapeHtml(CHALLENGE_MOBILITY.text));
    expect(page).toContain("Aucune étape n&#39;a encore été posée.");
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
      ["Les rues se referment aux voitures le dimanche.", "Raconté par \\<img src=x onerror=alert(1)\\> (\\[rôle\\](javascript:alert(1)) \\{\\{name\\}\\})"],
      ["Une coopérative de vélos-cargos ouvre", "Raconté par Awa \"la Cheffe\" O'Neil"],
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
});

describe("the story as versioned JSON", () => {
  it("given a story, then the export is the whole table: format, version, hands, piles, removed steps, cards", () => {
    expect(exported.format).toBe(STORY_FORMAT);
    expect(exported.version).toBe(STORY_VERSION);
    expect(exported.exportedAt).toBe("2025-03-14T18:00:00.000Z");
    expect(exported.table.path.map((s) => s.id)).toEqual(story.stepIds);
    expect(exported.table.path.map((s) => s.narration)).toEqual([NARRATION_B, NARRATION_A, NARRATION_C, ""]);
    expect(exported.table.removedSteps.map((s) => s.narration)).toEqual([NARRATION_REMOVED]);
    expect(exported.table.participants.find((p) => p.id === IDS.chloe)?.hand).toHaveLength(1);
    expect(Object.keys(exported.table.cards).sort()).toEqual(Object.keys(story.state.cards).sort());
    expect(JSON.stringify(exported)).not.toMatch(/secret|invite|KeyHash|seatKey/i);
  });

  it("given an export, then it does not share objects with the live table", () => {
    const state = hostileStory().state;
    const copy = storyJson(state, EXPORT_META);
    copy.table.path[0]!.narration = "modifiée";
    copy.table.participants[2]!.hand.push("x");
    expect(state.path[0]!.narration).toBe(NARRATION_B);
    expect(state.participants[2]!.hand).toHaveLength(1);
  });

  it("given an export read back and continued, then exporting the new table gives the same story but ids, dates, hands and phase", () => {
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
    expect(again).toEqual(expected);
  });

  it("given a closed story imported, then the facilitator starts play again and the returned card is drawn first", () => {
    const parsed = parseStoryJson(asFile(exported));
    if (!parsed.ok) throw new Error(parsed.message);
    const table = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    expect(table.phase).toBe("preparation");
    const started = applyAction(table, { type: "startPlay" }, { actorId: IDS.awa, now: NOW });
    if (!started.ok) throw new Error(started.refusal.message);
    const drawn = applyAction(started.state, { type: "draw", deck: "lever" }, { actorId: IDS.chloe, now: NOW });
    if (!drawn.ok) throw new Error(drawn.refusal.message);
    expect(drawn.state.participants.find((p) => p.id === IDS.chloe)?.hand).toEqual(["lever-hostile-2"]);
    const placed = applyAction(drawn.state, { type: "place", cardId: "lever-hostile-2", afterStepId: null }, { actorId: IDS.chloe, now: NOW });
    if (!placed.ok) throw new Error(placed.refusal.message);
    expect(placed.state.path.map((s) => s.id)).toEqual(["step-6", ...story.stepIds]);
  });

  it("given an import, then the story it came from is left untouched", () => {
    const parsed = parseStoryJson(asFile(exported));
    if (!parsed.ok) throw new Error(parsed.message);
    const before = structuredClone(parsed.story);
    const table = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    table.path[0]!.narration = "modifiée";
    table.piles.lever.length = 0;
    expect(parsed.story).toEqual(before);
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

  it("given another version of the format, then it names the version it cannot read", () => {
    expect(refusal({ ...exported, version: 2 })).toBe(
      "Ce récit est au format version 2, que cette version du jeu ne sait pas lire (elle lit la version 1).",
    );
  });

  it("given a step whose card is missing from the cards, then it names the step and the card", () => {
    const message = refusal(broken((json) => delete json.table.cards[json.table.path[1]!.cardId]));
    expect(message).toBe("table.path[1].cardId : la carte « lever-hostile-3 » n'est pas dans les cartes du récit (table.cards)");
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
    expect(message).toBe("table.path[2].placedBy : « p-inconnu » n'est pas une personne de la table (table.participants)");
    expect(refusal(broken((json) => (json.table.removedSteps[0]!.placedBy = "p-inconnu")))).toMatch(/^table\.removedSteps\[0\]\.placedBy : /);
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
    expect(message).toMatch(/^table\.path\[0\]\.placedBy : .* \(et 1 autre\(s\) problème\(s\)\)$/);
  });

  it("given ids used twice, then it refuses them", () => {
    expect(refusal(broken((json) => (json.table.path[1]!.id = json.table.path[0]!.id)))).toBe(
      `table.path[1].id : l'étape « ${story.stepIds[0]} » apparaît deux fois`,
    );
    expect(refusal(broken((json) => (json.table.participants[1]!.id = json.table.participants[0]!.id)))).toMatch(
      /^table\.participants\[1\]\.id : la personne .* apparaît deux fois/,
    );
    expect(refusal(broken((json) => json.table.discard.push(json.table.path[0]!.cardId)))).toMatch(
      /^table\.path\[0\]\.cardId : la carte « pitfall-hostile-2 » est à deux endroits à la fois \(aussi dans table\.discard\[\d\]\)/,
    );
    expect(refusal(broken((json) => (json.table.cards["lever-hostile-1"]!.id = "lever-autre")))).toMatch(
      /^table\.cards\["lever-hostile-1"\]\.id : la carte rangée sous « lever-hostile-1 » porte l'identifiant « lever-autre »/,
    );
    expect(refusal(broken((json) => (json.table.nextStepNumber = 3)))).toBe(
      "table.nextStepNumber : doit dépasser le numéro de chaque étape (au moins 6)",
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
    expect(refusal(broken((json) => (json.table.participants[1]!.role = "  ")))).toMatch(/^table\.participants\[1\]\.role : Dites qui/);
    expect(refusal(broken((json) => (json.table.setup.horizonYear = 1999)))).toBe(
      "table.setup : L'horizon doit être une année entre 2025 et 2200.",
    );
    expect(refusal(broken((json) => (json.table.setup.title = " ")))).toBe("table.setup : Donnez un titre à la table.");
    expect(refusal(broken((json) => json.table.participants[0]!.hand.push(...Array<string>(LIMITS.handSize + 1).fill("lever-hostile-1"))))).toMatch(new RegExp(`^table\\.participants\\[0\\]\\.hand : plus de ${LIMITS.handSize} cartes en main`));
    const crowd = broken((json) => {
      const base = json.table.participants[1]!;
      for (let i = 0; i < LIMITS.participants; i += 1) json.table.participants.push({ ...base, id: `p-foule-${i}`, hand: [] });
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
  let server: Server;
  let base = "";

  beforeAll(async () => {
    const app = express();
    app.use(exportRouter({ loadTableState: async (id) => tables.get(id), decks: loadDecks() }));
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
        expect(await response.json()).toEqual({ code: "facilitatorKeyRequired", message: t("http.facilitatorKeyRequired") });
      }
    }
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
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
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
    expect(parsed.ok && parsed.story.table.path.map((s) => s.narration)).toEqual([NARRATION_B, NARRATION_A, NARRATION_C, ""]);
  });

  it("given the facilitator secret, then the Markdown downloads as a file", async () => {
    const response = await fetch(url("md"), withKey(KEY));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="recit-${story.state.id}.md"`);
    expect(await response.text()).toContain("Les rues se referment aux voitures le dimanche.");
  });
});
