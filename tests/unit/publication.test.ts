// Publishing a closed story (the kit: work in the open, share the challenges): only once closed, by the facilitator,
// taken back at will, a new address each time; names only of those who said yes, each for themself. And the challenges
// written at a table, as a deck another table imports.
import { describe, expect, it } from "vitest";
import { loadDecks } from "#cards/files.ts";
import { parseDeckFile } from "#cards/load.ts";
import { cardName } from "#cards/reading.ts";
import { writtenChallenges } from "#server/http/exports.ts";
import { withDrawnParts } from "#server/session/drawn.ts";
import { t } from "#shared/i18n/translate.ts";
import type { Action, Phase, TableState } from "#shared/model.ts";
import { actionSchema, isPublicStoryId } from "#shared/protocol.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { escapeHtml, tx } from "#shared/story/html.ts";
import { publishedStoryHtml, publishedTable } from "#shared/story/published.ts";
import { publicTable } from "#shared/view.ts";
import {
  A_PUBLIC_ID,
  act,
  BASTIEN,
  CHALLENGE_BLANK,
  CHLOE,
  drawAndPlace,
  FACILITATOR,
  handOf,
  idOf,
  NOW,
  participant,
  refusalOf,
  seat,
  SETUP,
  tableClosed,
  tableInPlay,
  tableInPreparation,
} from "../fixtures.ts";
import { EXPORT_META } from "../story-fixtures.ts";

const PUBLISH: Action = { type: "publish", publicId: A_PUBLIC_ID };
const ANOTHER_ID = "Une-autre-adresse_tiree-ensuite0";
const META = { attribution: EXPORT_META.attribution, licenseUrl: EXPORT_META.licenseUrl };

/** The same table (Awa facilitates, Bastien and Chloé play) in each phase. */
function tableIn(phase: Phase): TableState {
  if (phase === "preparation") return tableInPreparation();
  const state = tableInPlay();
  return phase === "play" ? state : act(state, FACILITATOR, { type: "setPhase", phase });
}

const named = (state: TableState) =>
  publicTable(state)
    .participants.filter((p) => p.namedInPublication)
    .map((p) => p.name);

describe("publishing the story", () => {
  it("given a story not closed yet, when Awa publishes it, then it is refused in every phase before « Récit terminé »", () => {
    for (const phase of ["preparation", "play", "debrief"] as const) {
      expect(refusalOf(tableIn(phase), FACILITATOR, PUBLISH).code, phase).toBe("wrongPhase");
    }
  });

  it("given a new closed story, then it is not published: nothing to read anywhere until Awa says so", () => {
    expect(publicTable(tableClosed()).publicationId).toBe("");
  });

  it("given the closed story, when Awa publishes it, then everyone at the table sees its public address", () => {
    const published = act(tableClosed(), FACILITATOR, PUBLISH, NOW + 5);

    expect(published.publication).toEqual({ id: A_PUBLIC_ID, at: NOW + 5 });
    expect(publicTable(published).publicationId).toBe(A_PUBLIC_ID);
  });

  it("given the closed story, when Bastien (a participant) publishes or takes it back, then only the facilitator may", () => {
    expect(refusalOf(tableClosed(), BASTIEN, PUBLISH).code).toBe("facilitatorOnly");
    const published = act(tableClosed(), FACILITATOR, PUBLISH);
    expect(refusalOf(published, BASTIEN, { type: "unpublish" }).code).toBe("facilitatorOnly");
  });

  it("given a published story, when Awa takes it back, then it has no address; published again, it has a new one", () => {
    const published = act(tableClosed(), FACILITATOR, PUBLISH);
    expect(refusalOf(published, FACILITATOR, { type: "publish", publicId: ANOTHER_ID }).code).toBe("alreadyPublished");

    const withdrawn = act(published, FACILITATOR, { type: "unpublish" });
    expect(withdrawn.publication).toBeUndefined();
    expect(refusalOf(withdrawn, FACILITATOR, { type: "unpublish" }).code).toBe("notPublished");

    const again = act(withdrawn, FACILITATOR, { type: "publish", publicId: ANOTHER_ID });
    expect(publicTable(again).publicationId).toBe(ANOTHER_ID);
  });

  it("given an id that is not one the server draws, then the rules refuse it", () => {
    expect(refusalOf(tableClosed(), FACILITATOR, { type: "publish", publicId: "../../etc" }).code).toBe(
      "publicationIdInvalid",
    );
  });

  it("given what a browser sends, then the address is drawn by the server: a new 192-bit id each time, the browser's own dropped", () => {
    const sent = actionSchema.parse({ type: "publish", publicId: A_PUBLIC_ID });
    const first = withDrawnParts(sent);
    const second = withDrawnParts(sent);

    if (first.type !== "publish" || second.type !== "publish") throw new Error("not a publication");
    expect(first.publicId).not.toBe(A_PUBLIC_ID);
    expect(first.publicId).not.toBe(second.publicId);
    expect(isPublicStoryId(first.publicId)).toBe(true);
    expect(Buffer.from(first.publicId, "base64url")).toHaveLength(24);
  });
});

describe("each person's say on their name", () => {
  it("given the closed story, then nobody is named until they say so", () => {
    expect(publicTable(tableClosed()).participants.map((p) => p.namedInPublication)).toEqual([false, false, false]);
  });

  it("given Bastien agrees, then only his own answer changes; he may take it back", () => {
    const agreed = act(tableClosed(), BASTIEN, { type: "nameInPublication", named: true });
    expect(named(agreed)).toEqual([BASTIEN]);

    const changedHisMind = act(agreed, BASTIEN, { type: "nameInPublication", named: false });
    expect(named(changedHisMind)).toEqual([]);
  });

  it("given the facilitator, then she answers for herself only: the action names nobody else", () => {
    const state = act(tableClosed(), FACILITATOR, { type: "nameInPublication", named: true });
    expect(named(state)).toEqual([FACILITATOR]);
    expect(participant(state, CHLOE).namedInPublication).toBeUndefined();
  });

  it("given a story not closed, then the question is not asked yet", () => {
    expect(refusalOf(tableIn("debrief"), BASTIEN, { type: "nameInPublication", named: true }).code).toBe("wrongPhase");
  });
});

/** Bastien placed and told a step, Chloé wrote a challenge and placed it; Bastien still holds a card; the story is closed. */
function playedAndClosed(): TableState {
  const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
  let state = act(placed.state, BASTIEN, {
    type: "narrate",
    stepId: placed.stepId,
    text: "Un atelier vélo ouvre au marché.",
  });
  state = act(state, CHLOE, {
    type: "writeCard",
    deck: "challenge",
    title: "Des rues aux enfants",
    text: "Fermer les rues des écoles aux voitures ?",
  });
  const written = handOf(state, CHLOE).at(-1) ?? "";
  state = act(state, CHLOE, { type: "place", cardId: written, afterStepId: placed.stepId });
  state = act(state, BASTIEN, { type: "draw", deck: "pitfall" });
  return act(state, FACILITATOR, { type: "closeStory" });
}

describe("the public page", () => {
  it("given Bastien agreed and Chloé did not, then the page names Bastien and shows Chloé as « Participant·e 3 », without her role", () => {
    let state = act(playedAndClosed(), BASTIEN, { type: "nameInPublication", named: true });
    state = act(state, FACILITATOR, PUBLISH);

    const html = publishedStoryHtml(state, META);

    expect(html).toContain("Bastien");
    expect(html).toContain("Participant·e 3");
    expect(html).toContain("Participant·e 1");
    expect(html).not.toContain("Chloé");
    expect(html).not.toContain("élue");
    expect(html).not.toContain("Awa");
    // Her challenge is still hers, under the name she has here.
    expect(html).toContain("Fermer les rues des écoles aux voitures ?");
  });

  it("given the page, then it holds no hand, no secret of the table, and says it is not to be indexed, with the credits", () => {
    const state = act(playedAndClosed(), FACILITATOR, PUBLISH);
    const inHand = state.cards[handOf(state, BASTIEN).at(-1) ?? ""];
    if (!inHand) throw new Error("Bastien holds no card");

    const html = publishedStoryHtml(state, META);

    expect(html).not.toContain(escapeHtml(cardName(inHand)));
    expect(publishedTable(state).participants.every((p) => p.hand.length === 0)).toBe(true);
    expect(html).toContain(`<meta name="robots" content="noindex">`);
    expect(html).toContain(tx("credits.rule"));
    expect(html).toContain(EXPORT_META.attribution);
    expect(html).not.toContain("<script");
  });

  it("given someone who agreed and was taken off the table later, then they are not named", () => {
    let state = act(tableClosed(), CHLOE, { type: "nameInPublication", named: true });
    state = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = act(state, FACILITATOR, { type: "removeParticipant", participantId: idOf(CHLOE) });
    state = act(act(state, FACILITATOR, { type: "closeStory" }), FACILITATOR, PUBLISH);

    expect(publishedTable(state).participants.map((p) => p.name)).toEqual([
      "Participant·e 1",
      "Participant·e 2",
      "Participant·e 3",
    ]);
  });

  it("given the published table, then the table's own state is left as it was", () => {
    const state = act(playedAndClosed(), FACILITATOR, PUBLISH);
    const before = structuredClone(state);
    publishedTable(state);
    expect(state).toEqual(before);
  });
});

describe("the story file", () => {
  it("given a published story with a name agreed, then its JSON holds neither, and the table it opens is not published", () => {
    let state = act(tableClosed(), BASTIEN, { type: "nameInPublication", named: true });
    state = act(state, FACILITATOR, PUBLISH);

    const json = JSON.stringify(storyJson(state, EXPORT_META));
    expect(json).not.toContain(A_PUBLIC_ID);
    expect(json).not.toContain("namedInPublication");
    const read = parseStoryJson(JSON.parse(json));
    if (!read.ok) throw new Error(read.message);
    const continued = tableFromStory(read.story, { id: "suite", now: NOW });
    expect(publicTable(continued).publicationId).toBe("");
    expect(publicTable(continued).participants.some((p) => p.namedInPublication)).toBe(false);
  });
});

describe("the challenges written at a table, as a deck for other tables", () => {
  /** Chloé wrote a challenge card; Bastien drew the blank challenge and wrote it; Bastien also wrote a lever. */
  function withWrittenChallenges(): TableState {
    let state = tableInPlay();
    state = act(state, CHLOE, {
      type: "writeCard",
      deck: "challenge",
      title: "Des rues aux enfants",
      text: "Fermer les rues des écoles aux voitures ?",
    });
    state = act({ ...state, piles: { ...state.piles, challenge: [CHALLENGE_BLANK.id] } }, BASTIEN, {
      type: "draw",
      deck: "challenge",
    });
    state = act(state, BASTIEN, {
      type: "writeBlank",
      cardId: CHALLENGE_BLANK.id,
      title: "Un toit pour chaque vélo",
      text: "Un abri vélo par immeuble en 2030 ?",
    });
    return act(state, BASTIEN, { type: "writeCard", deck: "lever", title: "Frugal", text: "Faire mieux avec moins." });
  }

  it("given two challenges written in play, then the file holds them alone, as a challenge deck naming the table, not the writers", () => {
    const decks = loadDecks();
    const file = writtenChallenges(withWrittenChallenges(), decks);

    expect(file?.deck).toBe("challenge");
    expect(file?.cards.map((card) => card.text)).toEqual([
      "Fermer les rues des écoles aux voitures ?",
      "Un abri vélo par immeuble en 2030 ?",
    ]);
    const text = JSON.stringify(file);
    expect(text).not.toContain("Chloé");
    expect(text).not.toContain("Bastien");
    expect(text).not.toContain("Frugal");
    expect(file?.cards.every((card) => card.source === t("kitPublish.writtenSource", { title: SETUP.title }))).toBe(
      true,
    );
  });

  it("given the file, when another table's facilitator imports it in preparation, then its challenge pile gets both; twice, nothing new", () => {
    const decks = loadDecks();
    const file = JSON.parse(JSON.stringify(writtenChallenges(withWrittenChallenges(), decks)));
    expect(() => parseDeckFile("defis-ecrits.json", file)).not.toThrow();

    const another = seat(tableInPreparation(), "Dorian", { role: "animateur", facilitator: true });
    const imported = act(another, FACILITATOR, { type: "importDeck", file, fileName: "defis-ecrits.json" });

    expect(imported.piles.challenge).toHaveLength(another.piles.challenge.length + 2);
    const titles = imported.piles.challenge.map((id) => imported.cards[id]?.text);
    expect(titles).toEqual(
      expect.arrayContaining(["Fermer les rues des écoles aux voitures ?", "Un abri vélo par immeuble en 2030 ?"]),
    );
    expect(refusalOf(imported, FACILITATOR, { type: "importDeck", file, fileName: "defis-ecrits.json" }).code).toBe(
      "deckNothingNew",
    );
  });

  it("given the file imported at a table that writes its own cards afterwards, then neither replaces the other", () => {
    const decks = loadDecks();
    const file = JSON.parse(JSON.stringify(writtenChallenges(withWrittenChallenges(), decks)));
    let state = act(tableInPreparation(), FACILITATOR, { type: "importDeck", file, fileName: "defis-ecrits.json" });
    state = act(state, FACILITATOR, { type: "startPlay" });
    state = act(state, BASTIEN, { type: "writeCard", deck: "challenge", title: "À nous", text: "Notre propre défi ?" });

    const texts = Object.values(state.cards).map((card) => card.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Fermer les rues des écoles aux voitures ?",
        "Un abri vélo par immeuble en 2030 ?",
        "Notre propre défi ?",
      ]),
    );
  });

  it("given a table where nobody wrote a challenge, then there is no file", () => {
    expect(writtenChallenges(tableInPlay(), loadDecks())).toBeUndefined();
  });
});
