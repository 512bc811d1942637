// Unit tests of the story export: the Markdown a facilitator downloads holds the whole story, in path order, and never markup someone typed.
import { describe, expect, it } from "vitest";
import type { TableState } from "#shared/model.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import {
  act,
  BASTIEN,
  CHALLENGE_MOBILITY,
  CHLOE,
  drawAndPlace,
  FACILITATOR,
  idOf,
  seat,
  SETUP,
  tableInPlay,
} from "../fixtures.ts";

const META = {
  attribution: "Cartes du Kit AgirLocal (La Fing), CC BY 3.0 FR.",
  exportedAt: new Date(Date.UTC(2025, 2, 14)),
};

/** A told story: Chloé's step first, then Bastien's, then Awa's (placed in a different order), one step removed, one left untold. */
function toldStory() {
  const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
  const b = drawAndPlace(a.state, CHLOE, "pitfall", null); // before Bastien's step
  const c = drawAndPlace(b.state, FACILITATOR, "lever", a.stepId); // after Bastien's step
  const removed = drawAndPlace(c.state, CHLOE, "pitfall", c.stepId);
  const untold = drawAndPlace(removed.state, BASTIEN, "lever", c.stepId);
  let state = untold.state;
  state = act(state, BASTIEN, {
    type: "narrate",
    stepId: a.stepId,
    text: "Les rues se referment aux voitures le dimanche.",
  });
  state = act(state, CHLOE, {
    type: "narrate",
    stepId: b.stepId,
    text: "Le conseil municipal hésite, faute de budget.",
  });
  state = act(state, FACILITATOR, {
    type: "narrate",
    stepId: c.stepId,
    text: "Une coopérative de vélos-cargos ouvre.",
  });
  state = act(state, CHLOE, { type: "narrate", stepId: removed.stepId, text: "Cette étape sera retirée." });
  state = act(state, FACILITATOR, { type: "removeStep", stepId: removed.stepId });
  return { state, untoldCardId: untold.cardId };
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe("the story as Markdown", () => {
  it("given a told story, then each narration appears once, in path order, followed by its author", () => {
    const { state } = toldStory();
    const md = storyMarkdown(state, META);
    const inOrder = [
      ["Le conseil municipal hésite, faute de budget.", "Raconté par Chloé (élue)"],
      ["Les rues se referment aux voitures le dimanche.", "Raconté par Bastien (habitant)"],
      ["Une coopérative de vélos-cargos ouvre.", "Raconté par Awa (animatrice)"],
    ] as const;
    let from = 0;
    for (const [narration, author] of inOrder) {
      expect(count(md, narration), narration).toBe(1);
      const at = md.indexOf(narration);
      expect(at, `${narration} comes after the previous step`).toBeGreaterThan(from);
      const signed = md.indexOf(author, at);
      expect(signed, `${author} signs ${narration}`).toBeGreaterThan(at);
      from = signed;
    }
  });

  it("given a step the facilitator removed, then its narration is not in the story", () => {
    const md = storyMarkdown(toldStory().state, META);
    expect(md).not.toContain("Cette étape sera retirée");
  });

  it("given a step not yet told, then the story still shows its card and who placed it", () => {
    const { state, untoldCardId } = toldStory();
    const md = storyMarkdown(state, META);
    const card = state.cards[untoldCardId];
    expect(card).toBeDefined();
    expect(md).toContain(card?.title);
    expect(md).toMatch(/Posée par Bastien \(habitant\), pas encore racontée\./);
  });

  it("given steps, then they are numbered from the start of the path with their deck and card title", () => {
    const { state } = toldStory();
    const md = storyMarkdown(state, META);
    state.path.forEach((step, i) => {
      const title = state.cards[step.cardId]?.title ?? "?";
      expect(md).toMatch(new RegExp(`^### Étape ${i + 1} — (Levier|Écueil) : ${title}$`, "m"));
    });
    expect(md).not.toMatch(/^### Étape 5/m);
  });

  it("given a table, then the story opens with its setup, lists the people and ends with the attribution", () => {
    const md = storyMarkdown(toldStory().state, META);
    expect(md.startsWith(`# ${SETUP.title}\n`)).toBe(true);
    for (const text of [
      SETUP.system,
      SETUP.presentState,
      SETUP.desirableFuture,
      "Horizon 2050",
      CHALLENGE_MOBILITY.title,
      CHALLENGE_MOBILITY.text,
    ]) {
      expect(md, text).toContain(text);
    }
    expect(md).toMatch(/^- Awa \(animatrice, animation\)$/m);
    expect(md).toMatch(/^- Bastien \(habitant\)$/m);
    expect(md).toContain(`Attribution : ${META.attribution}`);
    expect(md.indexOf("Attribution :")).toBeGreaterThan(md.indexOf("Une coopérative de vélos-cargos ouvre."));
    expect(md).toContain("2025-03-14");
  });

  it("given a challenge written by hand, then the story quotes it", () => {
    const state: TableState = {
      ...tableInPlay(),
      setup: { ...SETUP, framingChallengeId: null, framingChallengeText: "Zéro voiture en 2050 ?" },
    };
    expect(storyMarkdown(state, META)).toContain("Zéro voiture en 2050 ?");
  });

  it("given an empty path, then the story says no step was placed yet", () => {
    expect(storyMarkdown(tableInPlay(), META)).toContain("Aucune étape n'a encore été posée.");
  });

  it('given "oui, et…" under a step and one taken out by the facilitator, then the others follow the narration in order, each with its author', () => {
    const { state: told } = toldStory();
    const stepId = told.path[1]!.id; // Bastien's step
    let state = act(told, CHLOE, {
      type: "contribute",
      stepId,
      kind: "yesAnd",
      text: "Oui, et les commerces suivent.",
    });
    state = act(state, BASTIEN, { type: "contribute", stepId, kind: "yesAnd", text: "Oui, et ce sera retiré." });
    const removed = state.path[1]!.contributions.at(-1)!.id;
    state = act(state, FACILITATOR, { type: "removeContribution", stepId, contributionId: removed });
    state = act(state, FACILITATOR, { type: "contribute", stepId, kind: "yesAnd", text: "Oui, et la mairie aussi." });
    const md = storyMarkdown(state, META);
    const step = md.slice(md.indexOf("### Étape 2"), md.indexOf("### Étape 3"));
    expect(step).toMatch(
      /Les rues se referment[^]*\*\*Oui, et…\*\*\n\nOui, et les commerces suivent\. {2}\n\*— Chloé \(élue\)\*\n\nOui, et la mairie aussi\. {2}\n\*— Awa \(animatrice\)\*\n/,
    );
    expect(md).not.toContain("ce sera retiré");
    expect(count(md, "Oui, et…")).toBe(1);
  });

  it("given play has not reached the debrief, then the story has no debrief section", () => {
    expect(storyMarkdown(toldStory().state, META)).not.toContain("## Débrief");
  });

  it("given the debrief with one player still to write, then the story gives the written debrief and says who is missing", () => {
    let state = act(toldStory().state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = act(state, CHLOE, {
      type: "writeDebrief",
      text: "J'habite le quartier apaisé et je porte le budget vélo.",
    });
    const md = storyMarkdown(state, META);
    const debrief = md.slice(md.indexOf("## Débrief"), md.indexOf("\n---\n"));
    expect(debrief).toContain("### Chloé (élue)\n\nJ'habite le quartier apaisé et je porte le budget vélo.\n");
    expect(debrief).toContain("N'a pas encore écrit son débrief : Bastien");
    expect(debrief).toContain("Il manque encore 1 joueur pour que la table gagne");
    expect(md).not.toContain("la table a gagné");
  });

  it("given the debrief with nobody's written yet, then the story says so and counts the players missing", () => {
    const md = storyMarkdown(act(toldStory().state, FACILITATOR, { type: "setPhase", phase: "debrief" }), META);
    expect(md).toContain("Personne n'a encore écrit de débrief.");
    expect(md).toContain("N'a pas encore écrit son débrief : Bastien, Chloé");
    expect(md).toContain("Il manque encore 2 joueurs pour que la table gagne");
  });

  it("given every player's debrief, then the story says the table has won, even if the facilitator wrote none", () => {
    let state = act(toldStory().state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = act(state, CHLOE, { type: "writeDebrief", text: "Je porte le budget vélo." });
    state = act(state, BASTIEN, { type: "writeDebrief", text: "Je répare les vélos du quartier." });
    const md = storyMarkdown(state, META);
    expect(md).toContain("**Tous les joueurs se sont placés dans un futur souhaitable : la table a gagné.**");
    expect(md).not.toContain("pas encore écrit");
    // In order of arrival: Bastien sat down before Chloé.
    expect(md.indexOf("### Bastien (habitant)")).toBeGreaterThan(md.indexOf("## Débrief"));
    expect(md.indexOf("### Chloé (élue)")).toBeGreaterThan(md.indexOf("### Bastien (habitant)"));
  });

  it("given a player taken off the table, then the win no longer waits for them and they are listed as removed", () => {
    let state = act(toldStory().state, FACILITATOR, { type: "removeParticipant", participantId: idOf(BASTIEN) });
    state = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = act(state, CHLOE, { type: "writeDebrief", text: "Je porte le budget vélo." });
    const md = storyMarkdown(state, META);
    expect(md).toMatch(/^- Bastien \(habitant, retiré·e de la table\)$/m);
    expect(md).toContain("la table a gagné");
    expect(md).toContain("Raconté par Bastien (habitant)"); // what he told stays his
  });
});

describe("hostile text in the story", () => {
  const HOSTILE = [
    "<script>alert(1)</script>",
    "[lien](javascript:alert(1))",
    "# titre",
    "**gras**",
    "- liste",
    "1. numéro",
    "<img src=x onerror=alert(1)>",
    "![image](https://exemple.org/pixel.png)",
  ].join("\n");

  function hostileStory(): string {
    let state = seat(tableInPlay({ setup: { title: "<script>alert('titre')</script>" } }), "<b>Eve</b>", {
      role: "[rôle](javascript:x)",
    });
    const a = drawAndPlace(state, "<b>Eve</b>", "lever", null);
    state = act(a.state, "<b>Eve</b>", { type: "narrate", stepId: a.stepId, text: HOSTILE });
    return storyMarkdown(state, META);
  }

  it("given a narration, title and name with HTML, then no raw tag reaches the Markdown", () => {
    const md = hostileStory();
    expect(md).not.toMatch(/(?<!\\)<script/i);
    expect(md).not.toMatch(/(?<!\\)<img/i);
    expect(md).not.toMatch(/(?<!\\)<b>/i);
    expect(md).toContain("alert(1)"); // the words are kept, as text
  });

  it("given a Markdown link or image in a narration or role, then it is not an active link", () => {
    const md = hostileStory();
    // An active link is an unescaped "[", then an unescaped "](".
    expect(md).not.toMatch(/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/);
    expect(md).toContain("javascript:alert(1)");
  });

  it("given heading, bold and list syntax in a narration, then each line reads as plain text", () => {
    const md = hostileStory();
    const lines = md.split("\n");
    expect(lines.some((l) => l.startsWith("# titre"))).toBe(false);
    expect(lines.some((l) => /^\s*- liste/.test(l))).toBe(false);
    expect(lines.some((l) => /^\s*1\. numéro/.test(l))).toBe(false);
    expect(md).not.toMatch(/(?<!\\)\*\*gras(?<!\\)\*\*/);
    expect(md).toContain("gras");
  });

  it("given a multi-line narration, then its lines stay together in the same paragraph", () => {
    const md = hostileStory();
    const first = md.indexOf("alert(1)");
    const last = md.indexOf("pixel.png");
    expect(md.slice(first, last)).not.toMatch(/\n\s*\n/);
  });
});
