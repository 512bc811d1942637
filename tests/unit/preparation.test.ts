// Preparation with the group: the setup edited live, the framing challenge chosen, drawn or written, decks and themes, imported decks, suggestions.
import { describe, expect, it } from "vitest";
import { LIMITS, type Action, type SetupChanges, type TableState } from "#shared/model.ts";
import { applyAction, type RefusalCode } from "#shared/rules/index.ts";
import { publicTable } from "#shared/view.ts";
import {
  act,
  BASTIEN,
  CHALLENGE_BLANK,
  CHALLENGE_ENERGY,
  CHALLENGE_MOBILITY,
  CHLOE,
  FACILITATOR,
  handOf,
  idOf,
  LEVER_OPEN,
  NOW,
  refusalOf,
  SETUP,
  tableInPreparation,
} from "../fixtures.ts";

/** The same table with the challenge pile in a known order (top first). */
function withChallengePile(state: TableState, ids: string[]): TableState {
  return { ...state, piles: { ...state.piles, challenge: ids } };
}

/** A lever deck file as a facilitator would import it (the cards/ format). */
function leverFile(ids: string[]) {
  return {
    deck: "lever",
    cards: ids.map((id) => ({
      id,
      deck: "lever",
      title: `Levier ${id}`,
      text: "Un levier apporté par le groupe.",
      keywords: ["Sobriété"],
      examples: ["Une ressourcerie de quartier."],
      source: "Atelier des Tanneurs",
    })),
  };
}

describe("editing the setup with the group (editSetup)", () => {
  it("given preparation, when Awa changes some fields, then only those change, trimmed, and everyone sees them", () => {
    const state = act(tableInPreparation(), FACILITATOR, {
      type: "editSetup",
      changes: {
        system: "  Le quartier des Tanneurs et la gare ",
        otherFutures: [" Une rue commerçante vivante ", "   "],
        constraints: { values: " La sobriété " },
      },
    });
    expect(state.setup).toMatchObject({
      title: SETUP.title,
      system: "Le quartier des Tanneurs et la gare",
      desirableFuture: SETUP.desirableFuture,
      otherFutures: ["Une rue commerçante vivante"],
      constraints: { time: "", values: "La sobriété", actors: "" },
    });
    expect(publicTable(state)).toMatchObject({
      otherFutures: ["Une rue commerçante vivante"],
      constraints: { values: "La sobriété" },
    });
  });

  it.each([
    ["an empty system", { system: "  " }, "setupSystemRequired"],
    ["an empty desirable future", { desirableFuture: "" }, "setupFutureRequired"],
    ["a horizon out of range", { horizonYear: 2300 }, "setupHorizonInvalid"],
    ["a title too long", { title: "T".repeat(LIMITS.titleLength + 1) }, "setupTextTooLong"],
    [
      `more than ${LIMITS.futures} futures`,
      { otherFutures: Array.from({ length: LIMITS.futures }, (_, i) => `Futur ${i}`) },
      "tooManyFutures",
    ],
    ["a future too long", { otherFutures: ["x".repeat(LIMITS.setupTextLength + 1)] }, "futureTooLong"],
    [
      "a time constraint too long",
      { constraints: { time: "x".repeat(LIMITS.setupTextLength + 1) } },
      "constraintTimeTooLong",
    ],
    [
      "a values constraint too long",
      { constraints: { values: "x".repeat(LIMITS.setupTextLength + 1) } },
      "constraintValuesTooLong",
    ],
    [
      "an actors constraint too long",
      { constraints: { actors: "x".repeat(LIMITS.setupTextLength + 1) } },
      "constraintActorsTooLong",
    ],
  ] as Array<[string, SetupChanges, RefusalCode]>)(
    "given %s, when Awa edits the setup, then it is refused and the setup is kept",
    (_, changes, code) => {
      const state = tableInPreparation();
      const refusal = refusalOf(state, FACILITATOR, { type: "editSetup", changes });
      expect(refusal.code).toBe(code);
      expect(refusal.message).not.toMatch(/refusal\.|\{\{/);
    },
  );

  it(`given ${LIMITS.futures} futures in all, when Awa edits the setup, then it is accepted`, () => {
    const otherFutures = Array.from({ length: LIMITS.futures - 1 }, (_, i) => `Futur ${i}`);
    expect(
      act(tableInPreparation(), FACILITATOR, { type: "editSetup", changes: { otherFutures } }).setup.otherFutures,
    ).toEqual(otherFutures);
  });
});

describe("the framing challenge (chooseChallenge, drawChallenge)", () => {
  it("given the mobility card frames the story, when Awa chooses the energy card, then it leaves the pile and mobility goes back under it", () => {
    const state = act(withChallengePile(tableInPreparation(), [CHALLENGE_ENERGY.id, CHALLENGE_BLANK.id]), FACILITATOR, {
      type: "chooseChallenge",
      cardId: CHALLENGE_ENERGY.id,
      text: "",
    });
    expect(state.setup).toMatchObject({ framingChallengeId: CHALLENGE_ENERGY.id, framingChallengeText: "" });
    expect(state.piles.challenge).toEqual([CHALLENGE_BLANK.id, CHALLENGE_MOBILITY.id]);
    // A challenge's face is its question; the title of an older deck is read as our label, left out when the question
    // already begins with it (« Chauffer les gens, pas les lieux »).
    expect(publicTable(state).framingChallenge?.title).toBe(CHALLENGE_ENERGY.text);
    expect(publicTable(state).framingChallenge?.label).toBe("");
  });

  it("given a framing card, when Awa writes the challenge by hand instead, then the card goes back to the bottom of the pile", () => {
    const state = act(tableInPreparation(), FACILITATOR, {
      type: "chooseChallenge",
      cardId: null,
      text: "  Zéro voiture en 2050 ?  ",
    });
    expect(state.setup).toMatchObject({ framingChallengeId: null, framingChallengeText: "Zéro voiture en 2050 ?" });
    expect(state.piles.challenge.at(-1)).toBe(CHALLENGE_MOBILITY.id);
  });

  it("given the card already framing the story, when it is chosen again, then nothing moves", () => {
    const state = tableInPreparation();
    const again = act(state, FACILITATOR, { type: "chooseChallenge", cardId: CHALLENGE_MOBILITY.id, text: "" });
    expect(again.setup).toEqual(state.setup);
    expect(again.piles).toEqual(state.piles);
  });

  it.each([
    ["a blank card", CHALLENGE_BLANK.id],
    ["a lever", LEVER_OPEN.id],
    ["an empty id", ""],
  ])("given %s, when Awa chooses it as the challenge, then it is refused", (_, cardId) => {
    expect(refusalOf(tableInPreparation(), FACILITATOR, { type: "chooseChallenge", cardId, text: "" }).code).toBe(
      "setupChallengeUnknown",
    );
  });

  it("given neither a card nor a text, when Awa chooses, then she is asked to choose or write one", () => {
    expect(
      refusalOf(tableInPreparation(), FACILITATOR, { type: "chooseChallenge", cardId: null, text: "  " }).code,
    ).toBe("setupChallengeRequired");
  });

  it("given a challenge that is in Bastien's hand, when Awa chooses it, then it is refused: a card lies in one place only", () => {
    let state = act(withChallengePile(tableInPreparation(), [CHALLENGE_ENERGY.id, CHALLENGE_BLANK.id]), FACILITATOR, {
      type: "startPlay",
    });
    state = act(state, BASTIEN, { type: "draw", deck: "challenge" });
    state = act(state, FACILITATOR, { type: "setPhase", phase: "preparation" });
    expect(handOf(state, BASTIEN)).toEqual([CHALLENGE_ENERGY.id]);
    const refusal = refusalOf(state, FACILITATOR, { type: "chooseChallenge", cardId: CHALLENGE_ENERGY.id, text: "" });
    expect(refusal.code).toBe("challengeNotInPile");
  });

  it("given a pile whose top is blank, when Awa draws a challenge, then the first card that can frame a story is taken and the old one goes under", () => {
    const state = act(withChallengePile(tableInPreparation(), [CHALLENGE_BLANK.id, CHALLENGE_ENERGY.id]), FACILITATOR, {
      type: "drawChallenge",
    });
    expect(state.setup.framingChallengeId).toBe(CHALLENGE_ENERGY.id);
    expect(state.piles.challenge).toEqual([CHALLENGE_BLANK.id, CHALLENGE_MOBILITY.id]);
  });

  it("given only the energy theme in play, when Awa draws, then a mobility card is never drawn; with no energy card left it is refused", () => {
    let state = act(
      tableInPreparation({ setup: { framingChallengeId: null, framingChallengeText: "Écrit." } }),
      FACILITATOR,
      {
        type: "chooseDecks",
        decks: ["challenge", "lever", "pitfall"],
        themes: ["energie"],
      },
    );
    state = withChallengePile(state, [CHALLENGE_MOBILITY.id, CHALLENGE_ENERGY.id]);
    state = act(state, FACILITATOR, { type: "drawChallenge" });
    expect(state.setup.framingChallengeId).toBe(CHALLENGE_ENERGY.id);
    expect(refusalOf(state, FACILITATOR, { type: "drawChallenge" }).code).toBe("noChallengeToDraw");
  });
});

describe("decks and themes in play (chooseDecks)", () => {
  it("given preparation, when Awa keeps levers and pitfalls and the mobility theme, then the table records them, in deck order", () => {
    const state = act(tableInPreparation(), FACILITATOR, {
      type: "chooseDecks",
      decks: ["pitfall", "lever", "pitfall"],
      themes: ["mobilite", "mobilite"],
    });
    expect(state.setup).toMatchObject({ decksInPlay: ["lever", "pitfall"], themesInPlay: ["mobilite"] });
    expect(publicTable(state)).toMatchObject({ decksInPlay: ["lever", "pitfall"], themesInPlay: ["mobilite"] });
  });

  it("given no deck, when Awa chooses, then she is told to keep at least one", () => {
    expect(refusalOf(tableInPreparation(), FACILITATOR, { type: "chooseDecks", decks: [], themes: [] }).code).toBe(
      "noDeckInPlay",
    );
  });

  it("given a theme no challenge of this table has, when Awa chooses it, then it is refused naming it and the known themes", () => {
    const refusal = refusalOf(tableInPreparation(), FACILITATOR, {
      type: "chooseDecks",
      decks: ["lever"],
      themes: ["climat"],
    });
    expect(refusal.code).toBe("unknownTheme");
    expect(refusal.message).toContain("« climat »");
    expect(refusal.message).toContain("mobilite");
  });
});

describe("importing a deck (importDeck)", () => {
  it("given a valid lever file, when Awa imports it, then its cards join the table's cards and the bottom of the lever pile", () => {
    const state = tableInPreparation();
    const next = act(state, FACILITATOR, {
      type: "importDeck",
      file: leverFile(["lever-frugal", "lever-resilient"]),
      fileName: "leviers.json",
    });
    expect(next.piles.lever.slice(0, 3)).toEqual(state.piles.lever);
    expect([...next.piles.lever.slice(3)].sort()).toEqual(["lever-frugal", "lever-resilient"]);
    expect(next.cards["lever-frugal"]).toMatchObject({
      deck: "lever",
      title: "Levier lever-frugal",
      source: "Atelier des Tanneurs",
    });
    expect(state.cards["lever-frugal"]).toBeUndefined();
  });

  it("given many imported cards, then they are shuffled, the same way for the same table", () => {
    const ids = Array.from({ length: 20 }, (_, i) => `lever-import-${i + 1}`);
    const action: Action = { type: "importDeck", file: leverFile(ids) };
    const a = act(tableInPreparation(), FACILITATOR, action);
    const b = act(tableInPreparation(), FACILITATOR, action);
    expect(a.piles.lever.slice(3)).not.toEqual(ids);
    expect(a.piles.lever).toEqual(b.piles.lever);
  });

  it("given a new challenge file with its own theme, when imported, then that theme can be put in play", () => {
    const file = {
      deck: "challenge",
      themes: [{ id: "eau", label: "L'eau" }],
      cards: [
        {
          id: "challenge-eau-01",
          deck: "challenge",
          title: "Récupérer l'eau de pluie",
          text: "Chaque toit récupère l'eau ?",
          theme: "eau",
          source: "Atelier",
        },
      ],
    };
    const state = act(tableInPreparation(), FACILITATOR, { type: "importDeck", file });
    expect(
      act(state, FACILITATOR, { type: "chooseDecks", decks: ["challenge"], themes: ["eau"] }).setup.themesInPlay,
    ).toEqual(["eau"]);
  });

  it("given a card without a title, when the file is imported, then the refusal names the file, the card and the field", () => {
    const file = leverFile(["lever-frugal", "lever-sans-titre"]);
    (file.cards[1] as { title?: string }).title = undefined;
    const refusal = refusalOf(tableInPreparation(), FACILITATOR, {
      type: "importDeck",
      file,
      fileName: "leviers-atelier.json",
    });
    expect(refusal.code).toBe("deckFileInvalid");
    expect(refusal.message).toContain("leviers-atelier.json");
    expect(refusal.message).toContain("« lever-sans-titre »");
    expect(refusal.message).toContain("title");
  });

  it("given a file with no name and not a deck at all, when imported, then the refusal still says what is wrong", () => {
    const refusal = refusalOf(tableInPreparation(), FACILITATOR, { type: "importDeck", file: "du texte" });
    expect(refusal.code).toBe("deckFileInvalid");
    expect(refusal.message).toContain("Fichier importé");
  });

  it("given a card whose id the table already has, when imported, then it is refused naming the file and the card", () => {
    const refusal = refusalOf(tableInPreparation(), FACILITATOR, {
      type: "importDeck",
      file: leverFile([LEVER_OPEN.id]),
      fileName: "doublon.json",
    });
    expect(refusal.code).toBe("deckCardIdTaken");
    expect(refusal.message).toContain("doublon.json");
    expect(refusal.message).toContain(`« ${LEVER_OPEN.id} »`);
  });

  it("given the deck another table exported (all three decks), when imported, then only the cards this table lacks are added, once", () => {
    const exported = {
      lever: { deck: "lever", cards: [LEVER_OPEN, ...leverFile(["lever-frugal"]).cards] },
      pitfall: undefined,
    };
    const before = tableInPreparation();
    const state = act(before, FACILITATOR, { type: "importDeck", file: exported, fileName: "cartes-table.json" });
    expect(state.cards["lever-frugal"]?.title).toBe("Levier lever-frugal");
    expect(state.piles.lever).toHaveLength(before.piles.lever.length + 1);
    expect(state.piles.lever.filter((id) => id === LEVER_OPEN.id)).toHaveLength(
      before.piles.lever.filter((id) => id === LEVER_OPEN.id).length,
    );

    const again = refusalOf(state, FACILITATOR, { type: "importDeck", file: exported, fileName: "cartes-table.json" });
    expect(again.code).toBe("deckNothingNew");
    expect(again.message).toContain("cartes-table.json");
  });
});

describe("suggestions from the group (suggest, acceptSuggestion, dismissSuggestion)", () => {
  const suggest = (
    state: TableState,
    name: string,
    field: Extract<Action, { type: "suggest" }>["field"],
    text: string,
  ) => act(state, name, { type: "suggest", field, text });

  it("given preparation, when Bastien suggests a value, then everyone sees his suggestion, trimmed and authored", () => {
    const state = suggest(tableInPreparation(), BASTIEN, "constraintValues", "  La sobriété  ");
    expect(publicTable(state).suggestions).toEqual([
      { id: "suggestion-1", authorId: idOf(BASTIEN), field: "constraintValues", text: "La sobriété", at: NOW },
    ]);
  });

  it("given a suggested constraint, when Awa accepts it, then it fills the empty constraint; a second one is added on a new line", () => {
    let state = suggest(tableInPreparation(), BASTIEN, "constraintValues", "La sobriété");
    state = suggest(state, CHLOE, "constraintValues", "La justice sociale");
    state = act(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" });
    expect(state.setup.constraints.values).toBe("La sobriété");
    state = act(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-2" });
    expect(state.setup.constraints.values).toBe("La sobriété\nLa justice sociale");
    expect(state.suggestions).toEqual([]);
  });

  it("given a suggested future, when accepted, then it is added to the other futures", () => {
    let state = suggest(tableInPreparation(), CHLOE, "desirableFuture", "Une rue commerçante vivante");
    state = act(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" });
    expect(state.setup.desirableFuture).toBe(SETUP.desirableFuture);
    expect(state.setup.otherFutures).toEqual(["Une rue commerçante vivante"]);
  });

  it("given a suggested system, when accepted, then it replaces the system", () => {
    let state = suggest(tableInPreparation(), CHLOE, "system", "Les Tanneurs et la gare");
    state = act(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" });
    expect(state.setup.system).toBe("Les Tanneurs et la gare");
  });

  it("given a suggested challenge, when accepted, then it frames the story as written, and the framing card goes back to the pile", () => {
    let state = suggest(
      tableInPreparation(),
      BASTIEN,
      "framingChallengeText",
      "Des rues sans voitures devant les écoles ?",
    );
    state = act(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" });
    expect(state.setup).toMatchObject({
      framingChallengeId: null,
      framingChallengeText: "Des rues sans voitures devant les écoles ?",
    });
    expect(state.piles.challenge).toContain(CHALLENGE_MOBILITY.id);
  });

  it(`given ${LIMITS.futures} futures already, when a suggested future is accepted, then it is refused and the suggestion stays pending`, () => {
    let state = act(tableInPreparation(), FACILITATOR, {
      type: "editSetup",
      changes: { otherFutures: Array.from({ length: LIMITS.futures - 1 }, (_, i) => `Futur ${i}`) },
    });
    state = suggest(state, CHLOE, "desirableFuture", "Encore un");
    expect(refusalOf(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" }).code).toBe(
      "tooManyFutures",
    );
    expect(state.suggestions).toHaveLength(1);
  });

  it("given a suggestion, when Awa dismisses it, then it is gone and the setup is unchanged", () => {
    const state = suggest(tableInPreparation(), BASTIEN, "presentState", "Autre chose");
    const next = act(state, FACILITATOR, { type: "dismissSuggestion", suggestionId: "suggestion-1" });
    expect(next.suggestions).toEqual([]);
    expect(next.setup).toEqual(state.setup);
  });

  it("given a suggestion already handled, when Awa accepts or dismisses it again, then she is told it is no longer pending", () => {
    let state = suggest(tableInPreparation(), BASTIEN, "presentState", "Autre chose");
    state = act(state, FACILITATOR, { type: "dismissSuggestion", suggestionId: "suggestion-1" });
    expect(refusalOf(state, FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" }).code).toBe(
      "suggestionNotFound",
    );
    expect(refusalOf(state, FACILITATOR, { type: "dismissSuggestion", suggestionId: "suggestion-1" }).code).toBe(
      "suggestionNotFound",
    );
  });

  it.each([
    ["an empty suggestion", "  ", "suggestionEmpty"],
    ["a suggestion too long", "x".repeat(LIMITS.setupTextLength + 1), "suggestionTooLong"],
  ] as const)("given %s, when Bastien sends it, then it is refused", (_, text, code) => {
    expect(refusalOf(tableInPreparation(), BASTIEN, { type: "suggest", field: "system", text }).code).toBe(code);
  });

  it(`given ${LIMITS.suggestions} pending suggestions, when one more is sent, then it is refused until some are handled`, () => {
    let state = tableInPreparation();
    for (let i = 0; i < LIMITS.suggestions; i++) state = suggest(state, BASTIEN, "system", `Idée ${i}`);
    expect(refusalOf(state, CHLOE, { type: "suggest", field: "system", text: "Une de plus" }).code).toBe(
      "tooManySuggestions",
    );
  });

  it("given preparation, when any of these moves is tried, accepted or refused, then the given state is deep-equal before and after", () => {
    const state = suggest(tableInPreparation(), BASTIEN, "constraintTime", "Trois ans");
    const tries: Array<[string, Action]> = [
      [FACILITATOR, { type: "editSetup", changes: { title: "Autre titre", constraints: { time: "2030" } } }],
      [FACILITATOR, { type: "editSetup", changes: { system: "" } }],
      [FACILITATOR, { type: "chooseChallenge", cardId: null, text: "Écrit" }],
      [FACILITATOR, { type: "drawChallenge" }],
      [FACILITATOR, { type: "chooseDecks", decks: ["lever"], themes: ["energie"] }],
      [FACILITATOR, { type: "importDeck", file: leverFile(["lever-frugal"]) }],
      [FACILITATOR, { type: "importDeck", file: leverFile([LEVER_OPEN.id]) }],
      [FACILITATOR, { type: "acceptSuggestion", suggestionId: "suggestion-1" }],
      [FACILITATOR, { type: "dismissSuggestion", suggestionId: "suggestion-1" }],
      [CHLOE, { type: "suggest", field: "system", text: "Une idée" }],
    ];
    for (const [name, action] of tries) {
      const before = structuredClone(state);
      const cards = state.cards;
      applyAction(state, action, { actorId: idOf(name), now: NOW + 1 });
      expect(state, `${action.type} changed its input`).toEqual(before);
      expect(state.cards).toBe(cards);
    }
  });
});
