// Blank cards (« Défi à écrire », « Écueil à écrire »): written by their holder before they are placed, by the facilitator
// when dealt onto the path, by the placer or a facilitator when one already lies there unwritten; the written card is the
// table's own, in the story and every export. Also: the timer across phases.
import { describe, expect, it } from "vitest";
import { loadDecks } from "#cards/files.ts";
import type { Card } from "#cards/schema.ts";
import { tableDecks } from "#server/http/exports.ts";
import { projectTable } from "#server/room/projection.ts";
import { TableSchema } from "#server/room/schema.ts";
import { replay } from "#server/store/replay.ts";
import type { LogEntry, TableCreation } from "#server/store/table-store.ts";
import { t } from "#shared/i18n/translate.ts";
import { LIMITS, type Action, type DeckName, type TableState } from "#shared/model.ts";
import { actionSchema } from "#shared/protocol.ts";
import { applyAction, timeLeft } from "#shared/rules/index.ts";
import { storyHtml } from "#shared/story/html.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import { handOf as faces, publicTable } from "#shared/view.ts";
import {
  act,
  BASTIEN,
  CHALLENGE_BLANK,
  CHLOE,
  FACILITATOR,
  handOf,
  idOf,
  LEVER_OPEN,
  NOW,
  openTable,
  PITFALL_MONEY,
  PITFALL_TECH,
  refusalOf,
  seat,
  SMALL_DECK,
  tableInPlay,
} from "../fixtures.ts";
import { EXPORT_META } from "../story-fixtures.ts";

const MINUTE = 60_000;

/** A blank pitfall, as the kit's « Écueil à écrire ». */
const PITFALL_BLANK: Card = {
  id: "pitfall-vierge",
  deck: "pitfall",
  title: "Écueil à écrire",
  text: "Décrivez l'écueil que rencontre votre histoire.",
  blank: true,
  source: "Jeu d'essai des tests",
};
const DECK_WITH_BLANKS: readonly Card[] = [...SMALL_DECK, PITFALL_BLANK];
const WITH_BLANKS = {
  cards: DECK_WITH_BLANKS,
  setup: { framingChallengeId: null, framingChallengeText: "Zéro voiture en 2050 ?" },
};

const TITLE = "Des rues aux enfants";
const TEXT = "Fermer les rues des écoles aux voitures, le matin et le soir.";
const PITFALL_TITLE = "La rue des commerçants";
const PITFALL_TEXT = "Les commerçants craignent de perdre leurs clients venus en voiture.";

function withPile(state: TableState, deck: DeckName, ids: string[]): TableState {
  return { ...state, piles: { ...state.piles, [deck]: ids } };
}

/** In play with the blanks in the deck; Bastien holds the blank challenge (drawn from the top of the pile). */
function bastienHoldsBlank(): TableState {
  const state = withPile(tableInPlay(WITH_BLANKS), "challenge", [CHALLENGE_BLANK.id]);
  return act(state, BASTIEN, { type: "draw", deck: "challenge" });
}

/** A blank already on the path, as tables played before blanks could be written still hold: placed by this person. */
function blankOnPath(state: TableState, cardId: string, placedBy: string, dealt = false): TableState {
  const next = structuredClone({ ...state, cards: {} }) as TableState;
  next.cards = state.cards;
  for (const deck of ["challenge", "lever", "pitfall"] as const)
    next.piles[deck] = next.piles[deck].filter((id) => id !== cardId);
  next.path.push({
    id: `step-${next.nextStepNumber}`,
    cardId,
    placedBy: idOf(placedBy),
    placedAt: NOW,
    narration: "",
    narratedAt: null,
    dealt,
    open: dealt,
    contributions: [],
    reactions: { plausible: [], desirable: [] },
  });
  next.nextStepNumber += 1;
  return next;
}

function outcome(state: TableState, name: string, action: Action) {
  return applyAction(state, action, { actorId: idOf(name), now: NOW });
}

describe("a blank card drawn into my hand (writeBlank, then place)", () => {
  it("given Bastien holds a blank challenge, when he places it unwritten, then he is told to write it first and nothing changes", () => {
    const state = bastienHoldsBlank();
    const before = structuredClone(state);
    const refusal = refusalOf(state, BASTIEN, { type: "place", cardId: CHALLENGE_BLANK.id, afterStepId: null });
    expect(refusal.code).toBe("blankToWrite");
    expect(refusal.message).toMatch(/^Écrivez d'abord cette carte/);
    expect(state).toEqual(before);
  });

  it("given Bastien writes his blank, then it becomes a card of the table, written by him, in its place in his hand; placed, it is on the path with its text", () => {
    let state = act(bastienHoldsBlank(), BASTIEN, { type: "draw", deck: "lever" });
    const [, lever] = handOf(state, BASTIEN);
    state = act(state, BASTIEN, {
      type: "writeBlank",
      cardId: CHALLENGE_BLANK.id,
      title: ` ${TITLE}\n `,
      text: ` ${TEXT} `,
    });

    const [written] = handOf(state, BASTIEN);
    expect(handOf(state, BASTIEN)).toEqual([written, lever]);
    expect(written).toMatch(/^written-\d+$/);
    const card = state.cards[written ?? ""];
    expect(card).toEqual({
      id: written,
      deck: "challenge",
      title: TITLE,
      text: TEXT,
      source: t("moderation.writtenCardSource", { name: BASTIEN }),
      writtenBy: idOf(BASTIEN),
    });
    // The blank placeholder is used up, like the paper card written on.
    expect(state.cards[CHALLENGE_BLANK.id]).toBeUndefined();
    expect(faces(state, idOf(BASTIEN))[0]).toMatchObject({
      title: TITLE,
      blank: false,
      writtenBy: idOf(BASTIEN),
      dealt: false,
    });

    state = act(state, BASTIEN, { type: "place", cardId: written ?? "", afterStepId: null });
    expect(state.path[0]).toMatchObject({ cardId: written, placedBy: idOf(BASTIEN), dealt: false, open: false });
    expect(publicTable(state).path[0]?.card).toMatchObject({
      deck: "challenge",
      title: TITLE,
      text: TEXT,
      blank: false,
      writtenBy: idOf(BASTIEN),
    });
  });

  it("given a title or a text empty, too long or only spaces, then writing is refused with the limits of written cards, and nothing changes", () => {
    const state = bastienHoldsBlank();
    const write = (title: string, text: string) =>
      refusalOf(state, BASTIEN, { type: "writeBlank", cardId: CHALLENGE_BLANK.id, title, text });
    expect(write(" \n ", TEXT).code).toBe("cardTitleRequired");
    expect(write(TITLE, "  ").code).toBe("cardTextRequired");
    // Invisible characters are no text.
    expect(write("\u200B\u202E", TEXT).code).toBe("cardTitleRequired");
    expect(write("x".repeat(LIMITS.customCardTitle + 1), TEXT).code).toBe("cardTitleTooLong");
    const tooLong = write(TITLE, "x".repeat(LIMITS.customCardText + 1));
    expect(tooLong.code).toBe("cardTextTooLong");
    expect(tooLong.message).toContain(String(LIMITS.customCardText));
    expect(handOf(state, BASTIEN)).toEqual([CHALLENGE_BLANK.id]);
  });

  it("given text with invisible or direction-changing characters, then the card keeps only what a reader sees", () => {
    const state = act(bastienHoldsBlank(), BASTIEN, {
      type: "writeBlank",
      cardId: CHALLENGE_BLANK.id,
      title: "Des\u200B rues\u202E",
      text: "Ligne 1\r\nLigne 2",
    });
    const card = state.cards[handOf(state, BASTIEN)[0] ?? ""];
    expect(card).toMatchObject({ title: "Des rues", text: "Ligne 1\nLigne 2" });
  });

  it("given a blank in Chloé's hand, when Bastien tries to write it, then it is refused and her blank stays blank", () => {
    const state = act(withPile(tableInPlay(WITH_BLANKS), "challenge", [CHALLENGE_BLANK.id]), CHLOE, {
      type: "draw",
      deck: "challenge",
    });
    const refusal = refusalOf(state, BASTIEN, {
      type: "writeBlank",
      cardId: CHALLENGE_BLANK.id,
      title: TITLE,
      text: TEXT,
    });
    expect(refusal.code).toBe("blankNotFound");
    expect(state.cards[CHALLENGE_BLANK.id]?.blank).toBe(true);
    // Nor may the facilitator write a card in someone's hand: it is theirs to write.
    expect(
      refusalOf(state, FACILITATOR, { type: "writeBlank", cardId: CHALLENGE_BLANK.id, title: TITLE, text: TEXT }).code,
    ).toBe("blankNotFound");
  });

  it("given cards in Chloé's hand, in a pile or nowhere, then Bastien is refused alike: the refusal never tells what she holds", () => {
    const state = act(withPile(tableInPlay(WITH_BLANKS), "challenge", [CHALLENGE_BLANK.id]), CHLOE, {
      type: "draw",
      deck: "challenge",
    });
    const refusals = [CHALLENGE_BLANK.id, PITFALL_BLANK.id, LEVER_OPEN.id, "carte-inventee"].map((cardId) =>
      refusalOf(state, BASTIEN, { type: "writeBlank", cardId, title: TITLE, text: TEXT }),
    );
    expect(new Set(refusals.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it("given a blank still in the pile, or a card that does not exist, then writing it is refused", () => {
    const state = tableInPlay(WITH_BLANKS);
    expect(
      refusalOf(state, BASTIEN, { type: "writeBlank", cardId: PITFALL_BLANK.id, title: TITLE, text: TEXT }).code,
    ).toBe("blankNotFound");
    expect(
      refusalOf(state, BASTIEN, { type: "writeBlank", cardId: "carte-inventee", title: TITLE, text: TEXT }).code,
    ).toBe("blankNotFound");
  });

  it("given a card that is not blank, or a blank already written, then writing it is refused: a card is written once", () => {
    let state = act(withPile(tableInPlay(WITH_BLANKS), "lever", [LEVER_OPEN.id]), BASTIEN, {
      type: "draw",
      deck: "lever",
    });
    const refusal = refusalOf(state, BASTIEN, { type: "writeBlank", cardId: LEVER_OPEN.id, title: TITLE, text: TEXT });
    expect(refusal.code).toBe("cardNotBlank");
    expect(refusal.message).toMatch(/déjà écrite/);

    state = act(bastienHoldsBlank(), BASTIEN, {
      type: "writeBlank",
      cardId: CHALLENGE_BLANK.id,
      title: TITLE,
      text: TEXT,
    });
    const written = handOf(state, BASTIEN)[0] ?? "";
    expect(refusalOf(state, BASTIEN, { type: "writeBlank", cardId: written, title: "Autre", text: "Autre" }).code).toBe(
      "cardNotBlank",
    );
    expect(
      refusalOf(state, BASTIEN, { type: "writeBlank", cardId: CHALLENGE_BLANK.id, title: "Autre", text: "Autre" }).code,
    ).toBe("blankNotFound");
  });

  it("given a blank Bastien does not want, then he may still discard it unwritten", () => {
    const state = act(bastienHoldsBlank(), BASTIEN, { type: "discard", cardId: CHALLENGE_BLANK.id });
    expect(state.discard).toEqual([CHALLENGE_BLANK.id]);
  });

  it("given turns, when it is not Bastien's turn, then he may still write his blank, ready for his turn (placing waits)", () => {
    let state = act(bastienHoldsBlank(), FACILITATOR, { type: "setTurnMode", mode: "turns" });
    state = act(state, BASTIEN, { type: "passTurn" });
    state = act(state, BASTIEN, { type: "writeBlank", cardId: CHALLENGE_BLANK.id, title: TITLE, text: TEXT });
    expect(
      refusalOf(state, BASTIEN, { type: "place", cardId: handOf(state, BASTIEN)[0] ?? "", afterStepId: null }).code,
    ).toBe("notYourTurn");
  });

  it("given the protocol, then a writeBlank frame is read with its text cleaned, and one without a card id is malformed", () => {
    const parsed = actionSchema.parse({
      type: "writeBlank",
      cardId: "challenge-blank-1",
      title: "Titre\u200B",
      text: "a\r\nb",
    });
    expect(parsed).toEqual({ type: "writeBlank", cardId: "challenge-blank-1", title: "Titre", text: "a\nb" });
    expect(actionSchema.safeParse({ type: "writeBlank", title: "T", text: "x" }).success).toBe(false);
  });
});

describe("a blank pitfall dealt by the facilitator (dealPitfall)", () => {
  it("given a blank on top of the pile, when Awa deals it to Bastien, then he must write it before placing it, and it stays a dealt pitfall", () => {
    let state = act(withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_BLANK.id, PITFALL_TECH.id]), FACILITATOR, {
      type: "dealPitfall",
      to: idOf(BASTIEN),
      afterStepId: null,
    });
    expect(handOf(state, BASTIEN)).toEqual([PITFALL_BLANK.id]);
    expect(faces(state, idOf(BASTIEN))[0]).toMatchObject({ blank: true, dealt: true });
    expect(refusalOf(state, BASTIEN, { type: "discard", cardId: PITFALL_BLANK.id }).code).toBe("dealtPitfallKept");
    expect(refusalOf(state, BASTIEN, { type: "place", cardId: PITFALL_BLANK.id, afterStepId: null }).code).toBe(
      "blankToWrite",
    );

    state = act(state, BASTIEN, {
      type: "writeBlank",
      cardId: PITFALL_BLANK.id,
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    const written = handOf(state, BASTIEN)[0] ?? "";
    expect(state.dealtCards).toEqual([written]);
    expect(state.cards[written]).toMatchObject({ deck: "pitfall", title: PITFALL_TITLE, writtenBy: idOf(BASTIEN) });
    expect(refusalOf(state, BASTIEN, { type: "discard", cardId: written }).code).toBe("dealtPitfallKept");

    state = act(state, BASTIEN, { type: "place", cardId: written, afterStepId: null });
    expect(state.path[0]).toMatchObject({ cardId: written, placedBy: idOf(BASTIEN), dealt: true, open: true });
    expect(state.dealtCards).toEqual([]);
  });

  it("given a blank on top of the pile, when Awa deals it onto the path without writing it, then she is asked to write it and nothing changes", () => {
    const state = withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_BLANK.id, PITFALL_TECH.id]);
    const before = structuredClone(state);
    const refusal = refusalOf(state, FACILITATOR, { type: "dealPitfall", to: null, afterStepId: null });
    expect(refusal.code).toBe("dealtBlankToWrite");
    expect(refusal.message).toContain("« Écueil à écrire »");
    expect(state).toEqual(before);
  });

  it("given a blank on top of the pile, when Awa deals it onto the path with a title and a text, then it lies there written by her, open until answered", () => {
    const state = act(withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_BLANK.id, PITFALL_TECH.id]), FACILITATOR, {
      type: "dealPitfall",
      to: null,
      afterStepId: null,
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    expect(state.piles.pitfall).toEqual([PITFALL_TECH.id]);
    const step = state.path[0];
    expect(step).toMatchObject({ placedBy: idOf(FACILITATOR), dealt: true, open: true });
    expect(state.cards[step?.cardId ?? ""]).toMatchObject({
      deck: "pitfall",
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
      writtenBy: idOf(FACILITATOR),
    });
    expect(state.cards[PITFALL_BLANK.id]).toBeUndefined();
    expect(publicTable(state).path[0]?.card).toMatchObject({
      title: PITFALL_TITLE,
      blank: false,
      writtenBy: idOf(FACILITATOR),
    });
  });

  it("given the facilitator writes the blank as she deals it to Bastien, then it arrives in his hand written, dealt", () => {
    const state = act(withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_BLANK.id]), FACILITATOR, {
      type: "dealPitfall",
      to: idOf(BASTIEN),
      afterStepId: null,
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    const [written] = handOf(state, BASTIEN);
    expect(state.dealtCards).toEqual([written]);
    expect(state.cards[written ?? ""]).toMatchObject({ title: PITFALL_TITLE, writtenBy: idOf(FACILITATOR) });
  });

  it("given a text that breaks the limits, when Awa deals a blank onto the path, then it is refused and the pile is untouched", () => {
    const state = withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_BLANK.id]);
    expect(
      refusalOf(state, FACILITATOR, {
        type: "dealPitfall",
        to: null,
        afterStepId: null,
        title: " ",
        text: PITFALL_TEXT,
      }).code,
    ).toBe("cardTitleRequired");
    expect(
      refusalOf(state, FACILITATOR, {
        type: "dealPitfall",
        to: null,
        afterStepId: null,
        title: PITFALL_TITLE,
        text: "",
      }).code,
    ).toBe("cardTextRequired");
    expect(state.piles.pitfall).toEqual([PITFALL_BLANK.id]);
  });

  it("given a pile whose top is no longer blank (someone drew the blank meanwhile), when Awa deals with a text, then she is told so and nothing changes", () => {
    const state = withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_MONEY.id]);
    const refusal = refusalOf(state, FACILITATOR, {
      type: "dealPitfall",
      to: null,
      afterStepId: null,
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    expect(refusal.code).toBe("pitfallNotBlank");
    expect(state.piles.pitfall).toEqual([PITFALL_MONEY.id]);
  });

  it("given a pile whose top is a written pitfall, when Awa deals it onto the path without text, then it lies there as before", () => {
    const state = act(withPile(tableInPlay(WITH_BLANKS), "pitfall", [PITFALL_MONEY.id]), FACILITATOR, {
      type: "dealPitfall",
      to: null,
      afterStepId: null,
    });
    expect(state.path[0]).toMatchObject({ cardId: PITFALL_MONEY.id, dealt: true, open: true });
  });
});

describe("a blank already on the path (tables played before blanks could be written)", () => {
  it("given an « Écueil à écrire » Awa dealt onto the path, when she writes it, then the step shows her card and keeps everything else", () => {
    let state = blankOnPath(tableInPlay(WITH_BLANKS), PITFALL_BLANK.id, FACILITATOR, true);
    state = act(state, CHLOE, { type: "contribute", stepId: "step-1", kind: "yesAnd", text: "Oui, et…" });
    state = act(state, FACILITATOR, {
      type: "writeBlank",
      cardId: PITFALL_BLANK.id,
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    const step = state.path[0];
    expect(step).toMatchObject({ id: "step-1", placedBy: idOf(FACILITATOR), dealt: true, open: true });
    expect(step?.contributions).toHaveLength(1);
    expect(state.cards[step?.cardId ?? ""]).toMatchObject({
      deck: "pitfall",
      title: PITFALL_TITLE,
      writtenBy: idOf(FACILITATOR),
    });
  });

  it("given a blank Bastien placed, then he or a facilitator may write it, Chloé may not", () => {
    const state = blankOnPath(tableInPlay(WITH_BLANKS), CHALLENGE_BLANK.id, BASTIEN);
    const write = { type: "writeBlank", cardId: CHALLENGE_BLANK.id, title: TITLE, text: TEXT } as const;
    const refusal = refusalOf(state, CHLOE, write);
    expect(refusal.code).toBe("blankNotYours");
    expect(refusal.message).toMatch(/l'animation/);
    for (const writer of [BASTIEN, FACILITATOR]) {
      const written = act(state, writer, write);
      expect(written.cards[written.path[0]?.cardId ?? ""]?.writtenBy, writer).toBe(idOf(writer));
    }
  });

  it("given the debrief, then a blank on the path can still be written; once the story is closed, it cannot", () => {
    const inPlay = blankOnPath(tableInPlay(WITH_BLANKS), PITFALL_BLANK.id, FACILITATOR, true);
    const write = { type: "writeBlank", cardId: PITFALL_BLANK.id, title: PITFALL_TITLE, text: PITFALL_TEXT } as const;
    const debrief = act(inPlay, FACILITATOR, { type: "setPhase", phase: "debrief" });
    expect(outcome(debrief, FACILITATOR, write).ok).toBe(true);
    const closed = act(inPlay, FACILITATOR, { type: "closeStory" });
    expect(refusalOf(closed, FACILITATOR, write).code).toBe("storyClosed");
  });

  it("given the synced state of a room, when a blank on the path is written, then the step's card is sent again with its text", () => {
    const synced = new TableSchema();
    let state = blankOnPath(tableInPlay(WITH_BLANKS), PITFALL_BLANK.id, FACILITATOR, true);
    projectTable(synced, publicTable(state), new Set(), NOW);
    expect(synced.path[0]?.card?.title).toBe(PITFALL_BLANK.title);
    state = act(state, FACILITATOR, {
      type: "writeBlank",
      cardId: PITFALL_BLANK.id,
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    projectTable(synced, publicTable(state), new Set(), NOW);
    expect(synced.path[0]?.id).toBe("step-1");
    expect(synced.path[0]?.card).toMatchObject({
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
      blank: false,
      writtenBy: idOf(FACILITATOR),
    });
  });
});

/** A log written the way the room writes it (see tests/store/undo-replay.test.ts). */
class Log {
  entries: LogEntry[] = [];

  join(name: string, facilitator: boolean): this {
    const participantId = idOf(name);
    return this.#push(`join:${participantId}`, {
      kind: "join",
      participantId,
      name,
      role: "habitant",
      facilitator,
      seatKeyHash: `seat-${name}`,
    });
  }

  act(name: string, action: Action, entryId: string): this {
    return this.#push(entryId, { kind: "action", actorId: idOf(name), action });
  }

  undo(name: string, undoes: string): this {
    return this.#push(`undo-${this.entries.length + 1}`, { kind: "undo", actorId: idOf(name), undoes });
  }

  #push(entryId: string, entry: LogEntry["entry"]): this {
    const seq = this.entries.length + 1;
    this.entries.push({ seq, entryId, at: NOW + seq * 1000, entry });
    return this;
  }
}

describe("a written blank in the durable log: replay and undo", () => {
  const initial = withPile(openTable(WITH_BLANKS), "pitfall", [PITFALL_BLANK.id, PITFALL_TECH.id]);
  const replayed = (log: Log) => replay({ table: { initial } as TableCreation, log: log.entries }).state;
  function played(): Log {
    return new Log()
      .join(FACILITATOR, true)
      .join(BASTIEN, false)
      .act(FACILITATOR, { type: "startPlay" }, "start")
      .act(FACILITATOR, { type: "dealPitfall", to: idOf(BASTIEN), afterStepId: null }, "deal")
      .act(
        BASTIEN,
        { type: "writeBlank", cardId: PITFALL_BLANK.id, title: PITFALL_TITLE, text: PITFALL_TEXT },
        "write",
      );
  }

  it("given the log replayed twice, then the written card comes back the same, with the same id, text and writer", () => {
    const once = replayed(played());
    const twice = replayed(played());
    expect(twice).toEqual(once);
    const written = handOf(once, BASTIEN)[0] ?? "";
    expect(once.cards[written]).toMatchObject({ title: PITFALL_TITLE, text: PITFALL_TEXT, writtenBy: idOf(BASTIEN) });
  });

  it("given the writing undone, then Bastien holds the blank again, still dealt, and the written card is gone", () => {
    const log = played().undo(FACILITATOR, "write");
    const state = replayed(log);
    expect(handOf(state, BASTIEN)).toEqual([PITFALL_BLANK.id]);
    expect(state.dealtCards).toEqual([PITFALL_BLANK.id]);
    expect(state.cards[PITFALL_BLANK.id]?.blank).toBe(true);
    expect(Object.values(state.cards).some((card) => card.writtenBy !== undefined)).toBe(false);
  });

  it("given the written card placed then the placing undone, then the written card is back in hand, still written", () => {
    const written = handOf(replayed(played()), BASTIEN)[0] ?? "";
    const log = played().act(BASTIEN, { type: "place", cardId: written, afterStepId: null }, "place");
    expect(replayed(log).path).toHaveLength(1);
    const state = replayed(log.undo(FACILITATOR, "place"));
    expect(state.path).toEqual([]);
    expect(handOf(state, BASTIEN)).toEqual([written]);
    expect(state.cards[written]?.title).toBe(PITFALL_TITLE);
  });
});

describe("a written blank in every export", () => {
  /** Bastien writes and places a blank challenge; Awa deals a blank pitfall onto the path, writing it; the story is closed. */
  function story(): TableState {
    let state = bastienHoldsBlank();
    state = act(state, BASTIEN, { type: "writeBlank", cardId: CHALLENGE_BLANK.id, title: TITLE, text: TEXT });
    state = act(state, BASTIEN, { type: "place", cardId: handOf(state, BASTIEN)[0] ?? "", afterStepId: null });
    state = act(withPile(state, "pitfall", [PITFALL_BLANK.id, PITFALL_TECH.id]), FACILITATOR, {
      type: "dealPitfall",
      to: null,
      afterStepId: "step-1",
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
    });
    return act(state, FACILITATOR, { type: "closeStory" });
  }

  it("given the printable HTML, then both written cards show their title and text and who wrote them, and no blank remains", () => {
    const html = storyHtml(story(), EXPORT_META);
    for (const text of [TITLE, TEXT, PITFALL_TITLE]) expect(html).toContain(text);
    expect(html).toContain(t("storyMore.writtenBy", { name: BASTIEN, role: "habitant" }));
    expect(html).toContain(t("storyMore.writtenBy", { name: FACILITATOR, role: "animatrice" }));
    expect(html).not.toContain("à écrire");
  });

  it("given the Markdown, then both written cards show their title and text and who wrote them", () => {
    const markdown = storyMarkdown(story(), EXPORT_META);
    for (const text of [TITLE, TEXT, PITFALL_TITLE]) expect(markdown).toContain(text);
    expect(markdown).toContain(t("storyMore.writtenBy", { name: BASTIEN, role: "habitant" }));
    expect(markdown).not.toContain("à écrire");
  });

  it("given the JSON, then it holds the written cards, reads back, and a table continued from it keeps them on its path", () => {
    const state = story();
    const json = JSON.parse(JSON.stringify(storyJson(state, EXPORT_META)));
    const read = parseStoryJson(json);
    if (!read.ok) throw new Error(read.message);
    const cards = Object.values(read.story.table.cards).filter((card) => card.writtenBy !== undefined);
    expect(cards.map((card) => card.title)).toEqual([TITLE, PITFALL_TITLE]);
    const continued = tableFromStory(read.story, { id: "suite", now: NOW });
    expect(continued.path.map((step) => continued.cards[step.cardId]?.title)).toEqual([TITLE, PITFALL_TITLE]);
  });

  it("given the table's deck download, then it holds the written cards as cards of the table, and imports at a new table beside the kit's blanks", () => {
    const decks = loadDecks();
    const kit = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];
    const kitBlank = decks.pitfall.cards.find((card) => card.blank);
    if (!kitBlank) throw new Error("the kit has no blank pitfall");
    const setup = { framingChallengeId: null, framingChallengeText: "Zéro voiture en 2050 ?" };
    let state = seat(seat(openTable({ cards: kit, setup }), FACILITATOR, { facilitator: true }), BASTIEN);
    state = act(state, FACILITATOR, { type: "startPlay" });
    state = act(
      withPile(state, "pitfall", [kitBlank.id, ...state.piles.pitfall.filter((id) => id !== kitBlank.id)]),
      FACILITATOR,
      {
        type: "dealPitfall",
        to: idOf(BASTIEN),
        afterStepId: null,
      },
    );
    state = act(state, BASTIEN, { type: "writeBlank", cardId: kitBlank.id, title: PITFALL_TITLE, text: PITFALL_TEXT });

    const bundle = tableDecks(state, decks);
    const pitfalls = bundle.pitfall?.cards ?? [];
    const written = pitfalls.find((card) => card.title === PITFALL_TITLE);
    expect(written).toEqual({
      id: handOf(state, BASTIEN)[0],
      deck: "pitfall",
      title: PITFALL_TITLE,
      text: PITFALL_TEXT,
      examples: [PITFALL_TEXT],
      source: t("moderation.writtenCardSource", { name: BASTIEN }),
    });
    expect(pitfalls.some((card) => card.id === kitBlank.id)).toBe(false);
    expect(pitfalls.filter((card) => card.blank)).toHaveLength(
      decks.pitfall.cards.filter((card) => card.blank).length - 1,
    );

    const another = seat(openTable({ cards: kit, setup }), FACILITATOR, { facilitator: true });
    const imported = act(another, FACILITATOR, {
      type: "importDeck",
      file: JSON.parse(JSON.stringify(bundle)),
      fileName: "deck.json",
    });
    expect(Object.values(imported.cards).filter((card) => card.title === PITFALL_TITLE)).toHaveLength(1);
    expect(imported.piles.pitfall).toHaveLength(another.piles.pitfall.length + 1);
  });
});

describe("the timer across phases: closing the story stops it, one that has run out stays with its phase", () => {
  const running = () =>
    act(
      act(tableInPlay(), FACILITATOR, { type: "setPhase", phase: "debrief" }),
      FACILITATOR,
      { type: "startTimer", minutes: 10, label: "Débrief" },
      NOW,
    );

  it.each([
    ["closeStory", { type: "closeStory" }],
    ["setPhase closed", { type: "setPhase", phase: "closed" }],
  ] as const)(
    "given a running timer, when Awa closes the story (%s) 3 minutes in, then it is paused with 7 minutes left, for good",
    (_name, close) => {
      const closed = act(running(), FACILITATOR, close, NOW + 3 * MINUTE);
      expect(closed.timer).toEqual({
        label: "Débrief",
        durationMs: 10 * MINUTE,
        remainingMs: 7 * MINUTE,
        runningSince: null,
      });
      expect(timeLeft(closed.timer!, NOW + 60 * MINUTE)).toBe(7 * MINUTE);
      expect(publicTable(closed).timer?.runningSince).toBe(0);
      // Nobody can start it again over a closed story; the facilitator may still clear it.
      expect(refusalOf(closed, FACILITATOR, { type: "resumeTimer" }).code).toBe("storyClosed");
      expect(act(closed, FACILITATOR, { type: "clearTimer" }).timer).toBeNull();
    },
  );

  it("given a paused timer, or none, when the story is closed, then it stays as it was", () => {
    const paused = act(running(), FACILITATOR, { type: "pauseTimer" }, NOW + MINUTE);
    expect(act(paused, FACILITATOR, { type: "closeStory" }, NOW + 5 * MINUTE).timer).toEqual(paused.timer);
    expect(act(tableInPlay(), FACILITATOR, { type: "closeStory" }).timer).toBeNull();
  });

  it("given the story reopened for the debrief, then the facilitator may resume the timer from where it stopped", () => {
    const closed = act(running(), FACILITATOR, { type: "closeStory" }, NOW + 3 * MINUTE);
    const reopened = act(closed, FACILITATOR, { type: "setPhase", phase: "debrief" }, NOW + 20 * MINUTE);
    const resumed = act(reopened, FACILITATOR, { type: "resumeTimer" }, NOW + 21 * MINUTE);
    expect(timeLeft(resumed.timer!, NOW + 22 * MINUTE)).toBe(6 * MINUTE);
  });

  it("given a timer that has run out, when the facilitator moves to another phase, then it is put away", () => {
    const late = NOW + 11 * MINUTE;
    for (const phase of ["play", "closed"] as const)
      expect(act(running(), FACILITATOR, { type: "setPhase", phase }, late).timer).toBeNull();
    const pausedAtZero = act(running(), FACILITATOR, { type: "pauseTimer" }, late);
    expect(pausedAtZero.timer?.remainingMs).toBe(0);
    expect(act(pausedAtZero, FACILITATOR, { type: "setPhase", phase: "play" }, late + MINUTE).timer).toBeNull();
    // One second left is not run out: it goes on into the next phase.
    expect(act(running(), FACILITATOR, { type: "setPhase", phase: "play" }, late - 61_000).timer).not.toBeNull();
  });

  it("given moving to other phases, then a running timer keeps running", () => {
    const debrief = running();
    const back = act(debrief, FACILITATOR, { type: "setPhase", phase: "play" }, NOW + MINUTE);
    expect(back.timer?.runningSince).toBe(NOW);
  });
});
