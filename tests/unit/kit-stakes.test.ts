// Unit tests of the kit's tools around the story (issue 11): what is at stake, written in preparation (editSetup's
// stakes) and shown in the frame of every export; each person's commitment, written with the debrief (writeDebrief's
// commitment) and listed per person in every export, the workshop's book and each person's own page; stories and logs
// from before both still read.
import { describe, expect, it } from "vitest";
import { LIMITS, type SetupStakes, type TableState } from "#shared/model.ts";
import { bookHtml } from "#shared/story/book-html.ts";
import { bookMarkdown } from "#shared/story/book-markdown.ts";
import { storyHtml } from "#shared/story/html.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import { mineHtml } from "#shared/story/mine-html.ts";
import { mineMarkdown } from "#shared/story/mine-markdown.ts";
import { publicTable } from "#shared/view.ts";
import { toTableView } from "#client/net/types.ts";
import { act, BASTIEN, CHLOE, FACILITATOR, idOf, refusalOf, tableInDebrief, tableInPreparation } from "../fixtures.ts";
import { COMMITMENT_CHLOE, COMMITMENT_MALLORY, EXPORT_META, hostileStory, IDS, SCRIPT } from "../story-fixtures.ts";
import { twoTableBook } from "../workshop-fixtures.ts";

const STAKES: SetupStakes = {
  ifNothing: "Le quartier reste saturé de voitures.",
  objectives: [
    { text: "Des trajets à l'école à pied", priority: 2 },
    { text: "Moins de voitures", priority: 1 },
    { text: "Des arbres dans chaque rue", priority: 2 },
  ],
  quickWins: ["Une rue aux écoles dès la rentrée"],
  indicators: ["La moitié des trajets à vélo dans 10 ans"],
};

/** The table in debrief where Awa wrote the stakes in preparation and Bastien committed. */
function committedTable(): TableState {
  let state = tableInPreparation();
  state = act(state, FACILITATOR, { type: "editSetup", changes: { stakes: STAKES } });
  state = act(state, FACILITATOR, { type: "startPlay" });
  state = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" });
  state = act(state, BASTIEN, {
    type: "writeDebrief",
    text: "J'y suis, à vélo.",
    commitment: "Je m'engage à ouvrir l'atelier vélo.",
  });
  return act(state, CHLOE, { type: "writeDebrief", text: "Je porte le budget." });
}

const META = {
  attribution: EXPORT_META.attribution,
  licenseUrl: EXPORT_META.licenseUrl,
  exportedAt: new Date(Date.UTC(2025, 2, 14)),
};

/** The file as written to disk and read back. */
function asFile(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

describe("what is at stake, written in preparation", () => {
  it("given the stakes, then the setup keeps them trimmed, empty lines left out, the objectives in the order written", () => {
    const state = act(tableInPreparation(), FACILITATOR, {
      type: "editSetup",
      changes: {
        stakes: {
          ifNothing: "  Rien ne change.  ",
          objectives: [
            { text: " Moins de voitures ", priority: 1 },
            { text: "  ", priority: 3 },
          ],
          quickWins: ["", "Une rue aux écoles"],
        },
      },
    });
    expect(state.setup.stakes).toEqual({
      ifNothing: "Rien ne change.",
      objectives: [{ text: "Moins de voitures", priority: 1 }],
      quickWins: ["Une rue aux écoles"],
      indicators: [],
    });
  });

  it("given one list changed, then the others stay as they were", () => {
    let state = act(tableInPreparation(), FACILITATOR, { type: "editSetup", changes: { stakes: STAKES } });
    state = act(state, FACILITATOR, { type: "editSetup", changes: { stakes: { indicators: ["L'air se respire"] } } });
    expect(state.setup.stakes).toEqual({ ...STAKES, indicators: ["L'air se respire"] });
  });

  it("given everything emptied, then the table holds no stakes again", () => {
    let state = act(tableInPreparation(), FACILITATOR, { type: "editSetup", changes: { stakes: STAKES } });
    state = act(state, FACILITATOR, {
      type: "editSetup",
      changes: { stakes: { ifNothing: "", objectives: [], quickWins: [], indicators: [] } },
    });
    expect(state.setup.stakes).toBeUndefined();
    expect(publicTable(state).stakes).toEqual({ ifNothing: "", objectives: [], quickWins: [], indicators: [] });
  });

  it("given more than a few items or too long a text, then it refuses them in French and nothing changes", () => {
    const table = tableInPreparation();
    const seven = Array.from({ length: LIMITS.stakeItems + 1 }, (_, i) => `Indicateur ${i + 1}`);
    const tooMany = refusalOf(table, FACILITATOR, { type: "editSetup", changes: { stakes: { indicators: seven } } });
    expect(tooMany.code).toBe("tooManyStakeItems");
    expect(tooMany.message).toBe(
      `Les indicateurs de succès : ${LIMITS.stakeItems} au plus (le kit parle d'« un petit nombre »).`,
    );
    const long = "x".repeat(LIMITS.stakeItemLength + 1);
    expect(
      refusalOf(table, FACILITATOR, {
        type: "editSetup",
        changes: { stakes: { objectives: [{ text: long, priority: 1 }] } },
      }).code,
    ).toBe("stakeItemTooLong");
    expect(
      refusalOf(table, FACILITATOR, {
        type: "editSetup",
        changes: { stakes: { ifNothing: "x".repeat(LIMITS.setupTextLength + 1) } },
      }).code,
    ).toBe("stakesTooLong");
  });

  it("given a participant, then only the facilitator writes them", () => {
    expect(refusalOf(tableInPreparation(), BASTIEN, { type: "editSetup", changes: { stakes: STAKES } }).code).toBe(
      "facilitatorOnly",
    );
  });

  it("given a table stored before the stakes existed, then everyone sees none", () => {
    const old = tableInPreparation();
    expect("stakes" in old.setup).toBe(false);
    expect(publicTable(old).stakes).toEqual({ ifNothing: "", objectives: [], quickWins: [], indicators: [] });
  });
});

describe("the commitment of the debrief", () => {
  it("given a debrief with a commitment, then both are kept, trimmed, and everyone sees the commitment", () => {
    const state = act(tableInDebrief(), BASTIEN, {
      type: "writeDebrief",
      text: "J'y suis.",
      commitment: "  Je m'engage à réparer les vélos.  ",
    });
    expect(publicTable(state).participants.find((p) => p.id === idOf(BASTIEN))?.commitment).toBe(
      "Je m'engage à réparer les vélos.",
    );
  });

  it("given a debrief written again without a commitment, as an older log holds it, then the commitment stays", () => {
    let state = act(tableInDebrief(), BASTIEN, {
      type: "writeDebrief",
      text: "J'y suis.",
      commitment: "Je m'engage à réparer.",
    });
    state = act(state, BASTIEN, { type: "writeDebrief", text: "J'y suis, à vélo." });
    const bastien = publicTable(state).participants.find((p) => p.id === idOf(BASTIEN));
    expect(bastien?.debrief).toBe("J'y suis, à vélo.");
    expect(bastien?.commitment).toBe("Je m'engage à réparer.");
  });

  it("given an empty commitment, then it is taken back", () => {
    let state = act(tableInDebrief(), BASTIEN, {
      type: "writeDebrief",
      text: "J'y suis.",
      commitment: "Je m'engage à réparer.",
    });
    state = act(state, BASTIEN, { type: "writeDebrief", text: "J'y suis.", commitment: " " });
    expect(publicTable(state).participants.find((p) => p.id === idOf(BASTIEN))?.commitment).toBe("");
  });

  it("given too long a commitment, then it refuses the debrief in French and keeps nothing of it", () => {
    const refusal = refusalOf(tableInDebrief(), BASTIEN, {
      type: "writeDebrief",
      text: "J'y suis.",
      commitment: "x".repeat(LIMITS.commitmentLength + 1),
    });
    expect(refusal).toEqual({
      code: "commitmentTooLong",
      message: `Votre engagement ne doit pas dépasser ${LIMITS.commitmentLength} caractères.`,
    });
  });
});

describe("the stakes in the frame of every export", () => {
  const state = committedTable();
  const html = storyHtml(state, META);
  const markdown = storyMarkdown(state, META);

  it("given the stakes, then the HTML setup lists them in the kit's order, objectives by priority, before the framing challenge", () => {
    const setup = html.slice(html.indexOf('<section class="setup"'), html.indexOf("</section>"));
    const order = [
      "Les enjeux (ce qui se passe si on ne fait rien)",
      escapeHtml(STAKES.ifNothing),
      "Les objectifs, par priorité",
      "Priorité 1 : Moins de voitures",
      escapeHtml("Priorité 2 : Des trajets à l'école à pied"),
      "Priorité 2 : Des arbres dans chaque rue",
      "Les petites victoires",
      "Une rue aux écoles dès la rentrée",
      "Nous aurons réussi si…",
      "La moitié des trajets à vélo dans 10 ans",
      "Le défi",
    ];
    const at = order.map((text) => setup.indexOf(text));
    expect(
      at.every((i) => i >= 0),
      order.filter((_, i) => (at[i] ?? -1) < 0).join(" | "),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("given the stakes, then the Markdown frame lists them too, each list item on its own line", () => {
    expect(markdown).toContain(`**Les enjeux (ce qui se passe si on ne fait rien) :** ${STAKES.ifNothing}`);
    expect(markdown).toContain(
      "**Les objectifs, par priorité :**\n\n- Priorité 1 : Moins de voitures\n- Priorité 2 : Des trajets à l'école à pied\n- Priorité 2 : Des arbres dans chaque rue\n",
    );
    expect(markdown).toContain("**Les petites victoires :**\n\n- Une rue aux écoles dès la rentrée\n");
    expect(markdown).toContain("**Nous aurons réussi si… :**\n\n- La moitié des trajets à vélo dans 10 ans\n");
    expect(markdown.indexOf("Les enjeux")).toBeLessThan(markdown.indexOf("## Les personnes"));
  });

  it("given no stakes, then the frame says nothing of them", () => {
    const plain = tableInDebrief();
    expect(storyHtml(plain, META)).not.toContain("Les enjeux");
    expect(storyMarkdown(plain, META)).not.toContain("Les objectifs");
  });

  it("given the JSON, then it holds the stakes and the commitments, and reads back as written", () => {
    const file = asFile(storyJson(state, { exportedAt: META.exportedAt, attribution: META.attribution }));
    const parsed = parseStoryJson(file);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.story.table.setup.stakes).toEqual(STAKES);
    expect(parsed.story.table.participants.find((p) => p.id === idOf(BASTIEN))?.commitment).toBe(
      "Je m'engage à ouvrir l'atelier vélo.",
    );
    const continued = tableFromStory(parsed.story, { id: "suite", now: META.exportedAt.getTime() });
    expect(publicTable(continued).stakes).toEqual(STAKES);
  });

  it("given a story JSON written before stakes and commitments, then it still imports, with none of them", () => {
    const file = asFile(storyJson(state, { exportedAt: META.exportedAt, attribution: META.attribution }));
    const table = file["table"] as { setup: Record<string, unknown>; participants: Record<string, unknown>[] };
    delete table.setup["stakes"];
    for (const p of table.participants) delete p["commitment"];
    const parsed = parseStoryJson(file);
    if (!parsed.ok) throw new Error(parsed.message);
    const view = publicTable(tableFromStory(parsed.story, { id: "ancien", now: META.exportedAt.getTime() }));
    expect(view.stakes).toEqual({ ifNothing: "", objectives: [], quickWins: [], indicators: [] });
    expect(view.participants.every((p) => p.commitment === "")).toBe(true);
  });

  it("given stakes that break the rules' limits in a story file, then it refuses it in French", () => {
    const file = asFile(storyJson(state, { exportedAt: META.exportedAt, attribution: META.attribution }));
    const setup = (file["table"] as { setup: { stakes: SetupStakes } }).setup;
    setup.stakes.quickWins = Array.from({ length: LIMITS.stakeItems + 1 }, (_, i) => `Victoire ${i}`);
    const parsed = parseStoryJson(file);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain("Les petites victoires : 6 au plus");
  });
});

describe("the commitments, per person, in every export", () => {
  const { state } = hostileStory();
  const html = storyHtml(state, META);
  const markdown = storyMarkdown(state, META);

  it("given Mallory's and Chloé's commitments, then the HTML debrief lists each under their name, escaped; Awa wrote none", () => {
    const debrief = html.slice(html.indexOf('<section class="debrief"'));
    const commitments = debrief.slice(debrief.indexOf('<div class="commitments">'), debrief.indexOf("</div>"));
    expect(commitments).toContain("Les engagements");
    expect(commitments).toContain(escapeHtml(COMMITMENT_MALLORY));
    expect(commitments).toContain(escapeHtml(COMMITMENT_CHLOE));
    expect(commitments).not.toContain(SCRIPT);
    expect(commitments.indexOf(escapeHtml(COMMITMENT_MALLORY))).toBeLessThan(
      commitments.indexOf("Je m&#39;engage à voter"),
    );
    expect(commitments.match(/<li>/g)).toHaveLength(2);
    expect(commitments).not.toContain("Awa");
  });

  it("given the commitments, then the Markdown lists them signed, as text and never as markup", () => {
    const section = markdown.slice(markdown.indexOf("### Les engagements"), markdown.indexOf("---"));
    expect(section).toContain("Je m'engage à réparer \\<script\\>alert(1)\\</script\\>  \n*");
    expect(section).toContain("\\# Je m'engage à voter le budget");
    expect(section).toContain("*\\*\\*Chloé\\*\\* 🌻 (élue - liste)*");
  });

  it("given nobody committed, then the debrief says so", () => {
    const state = act(tableInDebrief(), BASTIEN, { type: "writeDebrief", text: "J'y suis." });
    expect(storyHtml(state, META)).toContain("Personne n&#39;a encore écrit d&#39;engagement.");
    expect(storyMarkdown(state, META)).toContain("Personne n'a encore écrit d'engagement.");
  });
});

describe("the workshop's book and each person's own page", () => {
  const book = twoTableBook();

  it("given the book, then the hostile table's chapter holds its stakes and its commitments; the quiet one none", () => {
    const html = bookHtml(book, EXPORT_META);
    const chapters = html.split('<article class="chapter"');
    expect(chapters[1]).toContain("Les objectifs, par priorité");
    expect(chapters[1]).toContain(escapeHtml(COMMITMENT_MALLORY));
    expect(chapters[2]).not.toContain("Les objectifs, par priorité");
    expect(chapters[2]).toContain("Personne n&#39;a encore écrit d&#39;engagement.");
    const markdown = bookMarkdown(book, EXPORT_META);
    expect(markdown).toContain("#### Les engagements");
    expect(markdown).toContain("\\# Je m'engage à voter le budget");
  });

  it("given Mallory's page, then it frames her story with the stakes and gives her commitment, not Chloé's", () => {
    const { state } = hostileStory();
    const page = mineHtml(state, IDS.mallory, EXPORT_META) ?? "";
    expect(page).toContain("Les petites victoires");
    expect(page).toContain("Mon engagement");
    expect(page).toContain(escapeHtml(COMMITMENT_MALLORY));
    expect(page).not.toContain("Je m&#39;engage à voter");
    const markdown = mineMarkdown(state, IDS.chloe, EXPORT_META) ?? "";
    expect(markdown).toContain("### Mon engagement\n\n\\# Je m'engage à voter le budget");
  });

  it("given Awa's page, then it says she wrote no commitment", () => {
    const { state } = hostileStory();
    expect(mineMarkdown(state, IDS.awa, EXPORT_META)).toContain("### Mon engagement\n\nPas d'engagement écrit.");
  });
});

describe("the stakes and commitments as a browser receives them", () => {
  it("given a first patch without them, then the view has empty stakes and empty commitments", () => {
    const view = toTableView({ id: "T1", participants: { "p-1": { id: "p-1", name: "Bao", joinedAt: 1 } } }, "p-1");
    expect(view.stakes).toEqual({ ifNothing: "", objectives: [], quickWins: [], indicators: [] });
    expect(view.participants[0]?.commitment).toBe("");
  });

  it("given a patch that leaves the stakes alone, then they stay the same object, so what shows them does not render again", () => {
    const json = () => ({
      id: "T1",
      stakes: {
        ifNothing: "Rien ne bouge.",
        objectives: [{ text: "Moins de voitures", priority: 1 }],
        quickWins: [],
        indicators: ["Des vélos"],
      },
    });
    const before = toTableView(json(), null);
    const after = toTableView({ ...json(), title: "Nouveau titre" }, null, before);
    expect(after.title).toBe("Nouveau titre");
    expect(after.stakes).toBe(before.stakes);
  });
});
