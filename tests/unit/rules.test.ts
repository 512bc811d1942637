// Unit tests of the shared rules: opening a table, taking a seat, every move of play and facilitation, and every refusal.
import { describe, expect, it } from "vitest";
import { LIMITS, type Action, type ActionType, type TableState } from "#shared/model.ts";
import { ACTION_RULES, applyAction, canAct, createTable, join, type Refusal } from "#shared/rules/index.ts";
import {
  act,
  BASTIEN,
  CHALLENGE_BLANK,
  CHALLENGE_ENERGY,
  CHALLENGE_MOBILITY,
  CHLOE,
  drawAndPlace,
  FACILITATOR,
  handOf,
  idOf,
  LEVER_OPEN,
  manyLevers,
  NOW,
  openTable,
  participant,
  PITFALL_MONEY,
  PITFALL_REBOUND,
  PITFALL_TECH,
  refusalOf,
  seat,
  SETUP,
  SMALL_DECK,
  tableInPlay,
  tableInPreparation,
} from "../fixtures.ts";

/** A refusal a person can read: the expected code, and a French sentence that says what is wrong. */
function expectReadable(refusal: Refusal, code: Refusal["code"], keyWord: string | RegExp) {
  expect(refusal.code).toBe(code);
  expect(refusal.message.trim().length).toBeGreaterThan(10);
  expect(refusal.message).not.toMatch(/refusal\.|\{\{|undefined/);
  expect(refusal.message).toMatch(keyWord instanceof RegExp ? keyWord : new RegExp(keyWord, "i"));
}

function setupRefusal(setup: Partial<typeof SETUP>): Refusal {
  const outcome = createTable({ id: "t", now: NOW, seed: "s", setup: { ...SETUP, ...setup }, cards: SMALL_DECK });
  expect(outcome.ok, "the setup should have been refused").toBe(false);
  if (outcome.ok) throw new Error("unreachable");
  return outcome.refusal;
}

/** The moves of the first playable table; the others have their own test files (play, phases, moderation, permissions). */
type FirstMove = "draw" | "place" | "narrate" | "discard" | "startPlay" | "removeStep" | "closeStory";
const ALL_ACTIONS: Record<FirstMove, Action> = {
  draw: { type: "draw", deck: "lever" },
  place: { type: "place", cardId: LEVER_OPEN.id, afterStepId: null },
  narrate: { type: "narrate", stepId: "step-1", text: "Il se passe quelque chose." },
  discard: { type: "discard", cardId: LEVER_OPEN.id },
  startPlay: { type: "startPlay" },
  removeStep: { type: "removeStep", stepId: "step-1" },
  closeStory: { type: "closeStory" },
};

describe("opening a table (createTable)", () => {
  it("given a complete setup, when the table opens, then it is in preparation, empty, with trimmed texts", () => {
    const state = openTable({ setup: { title: "  Les Tanneurs  ", system: "\n Le quartier \n" } });
    expect(state.phase).toBe("preparation");
    expect(state.createdAt).toBe(NOW);
    expect(state.participants).toEqual([]);
    expect(state.path).toEqual([]);
    expect(state.discard).toEqual([]);
    expect(state.setup.title).toBe("Les Tanneurs");
    expect(state.setup.system).toBe("Le quartier");
    expect(state.setup.horizonYear).toBe(2050);
  });

  it.each([
    ["title", { title: "   " }, "setupTitleRequired", /titre/i],
    ["system", { system: "" }, "setupSystemRequired", /système/i],
    ["present state", { presentState: " \n " }, "setupPresentRequired", /présent/i],
    ["desirable future", { desirableFuture: "" }, "setupFutureRequired", /futur/i],
  ] as const)(
    "given no %s, when the table opens, then it is refused and says what is missing",
    (_, setup, code, word) => {
      expectReadable(setupRefusal(setup), code, word);
    },
  );

  it("given a title longer than the limit, when the table opens, then it is refused naming the title field", () => {
    const refusal = setupRefusal({ title: "T".repeat(LIMITS.titleLength + 1) });
    expectReadable(refusal, "setupTextTooLong", /Titre/);
    expect(refusal.message).toContain(String(LIMITS.titleLength));
  });

  it("given a present state longer than the limit, when the table opens, then it is refused naming that field", () => {
    const refusal = setupRefusal({ presentState: "x".repeat(LIMITS.setupTextLength + 1) });
    expectReadable(refusal, "setupTextTooLong", /État présent/);
    expect(refusal.message).toContain(String(LIMITS.setupTextLength));
  });

  it.each([2024, 2201, 2050.5, Number.NaN])(
    "given horizon %s, when the table opens, then it is refused with the allowed range",
    (year) => {
      const refusal = setupRefusal({ horizonYear: year });
      expectReadable(refusal, "setupHorizonInvalid", /horizon/i);
      expect(refusal.message).toContain(String(LIMITS.minHorizonYear));
      expect(refusal.message).toContain(String(LIMITS.maxHorizonYear));
    },
  );

  it.each([LIMITS.minHorizonYear, LIMITS.maxHorizonYear])(
    "given horizon %s (a bound), when the table opens, then it is accepted",
    (year) => {
      expect(openTable({ setup: { horizonYear: year } }).setup.horizonYear).toBe(year);
    },
  );

  it("given neither a challenge card nor a written challenge, when the table opens, then it is refused", () => {
    expectReadable(
      setupRefusal({ framingChallengeId: null, framingChallengeText: "   " }),
      "setupChallengeRequired",
      /défi/i,
    );
  });

  it.each([
    ["an id no card has", "challenge-inconnu"],
    ["a lever's id", LEVER_OPEN.id],
    ["a blank challenge card", CHALLENGE_BLANK.id],
  ])("given %s as framing challenge, when the table opens, then it is refused as unknown", (_, id) => {
    expectReadable(setupRefusal({ framingChallengeId: id }), "setupChallengeUnknown", /défi/i);
  });

  it("given a framing challenge card, when the table opens, then that card is not in the challenge pile but can still be shown", () => {
    const state = openTable({ setup: { framingChallengeId: CHALLENGE_MOBILITY.id, framingChallengeText: "ignoré" } });
    expect(state.piles.challenge).not.toContain(CHALLENGE_MOBILITY.id);
    expect(state.piles.challenge.sort()).toEqual([CHALLENGE_BLANK.id, CHALLENGE_ENERGY.id].sort());
    expect(state.cards[CHALLENGE_MOBILITY.id]).toEqual(CHALLENGE_MOBILITY);
    expect(state.setup.framingChallengeText).toBe("");
  });

  it("given a challenge written by hand, when the table opens, then every challenge card stays in the pile", () => {
    const state = openTable({
      setup: { framingChallengeId: null, framingChallengeText: "  Zéro voiture en 2050 ?  " },
    });
    expect(state.setup.framingChallengeText).toBe("Zéro voiture en 2050 ?");
    expect(state.piles.challenge).toHaveLength(3);
  });

  it("given a deck, when the table opens, then each pile holds exactly that deck's cards", () => {
    const state = openTable();
    expect([...state.piles.lever].sort()).toEqual(["lever-agile", "lever-cooperatif", "lever-ouvert"]);
    expect([...state.piles.pitfall].sort()).toEqual([PITFALL_MONEY.id, PITFALL_REBOUND.id, PITFALL_TECH.id].sort());
  });

  it("given the same seed, when two tables open, then their piles are in the same order", () => {
    const cards = [...SMALL_DECK, ...manyLevers(20)];
    const a = openTable({ seed: "atelier-1", cards });
    const b = openTable({ seed: "atelier-1", cards });
    expect(a.piles).toEqual(b.piles);
  });

  it("given different seeds, when two tables open, then the same cards come in a different order", () => {
    const cards = [...SMALL_DECK, ...manyLevers(20)];
    const a = openTable({ seed: "atelier-1", cards });
    const b = openTable({ seed: "atelier-2", cards });
    expect(a.piles.lever).not.toEqual(b.piles.lever);
    expect([...a.piles.lever].sort()).toEqual([...b.piles.lever].sort());
  });

  it("given a deck in file order, when the table opens, then the pile is shuffled, not left in file order", () => {
    const levers = manyLevers(20);
    const state = openTable({ cards: [...SMALL_DECK.filter((c) => c.deck !== "lever"), ...levers] });
    expect(state.piles.lever).not.toEqual(levers.map((c) => c.id));
  });
});

describe("taking a seat (join)", () => {
  it("given a table in preparation, when someone joins, then they sit with their trimmed name, role and an empty hand", () => {
    const outcome = join(
      openTable(),
      { name: "  Awa  ", role: " animatrice ", facilitator: true },
      { actorId: "p-1", now: NOW + 5 },
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.state.participants).toEqual([
      {
        id: "p-1",
        name: "Awa",
        role: "animatrice",
        facilitator: true,
        hand: [],
        joinedAt: NOW + 5,
        removed: false,
        debrief: "",
        debriefAt: null,
      },
    ]);
  });

  it("given a table in play, when someone arrives late, then they still get a seat", () => {
    const state = seat(tableInPlay(), "Dorian");
    expect(participant(state, "Dorian").facilitator).toBe(false);
  });

  it.each([
    ["an empty name", { name: "   ", role: "habitant" }, "nameRequired", /nom/i],
    ["a name too long", { name: "N".repeat(LIMITS.nameLength + 1), role: "habitant" }, "nameTooLong", /nom/i],
    ["an empty role", { name: "Dorian", role: "" }, "roleRequired", /système/i],
    ["a role too long", { name: "Dorian", role: "r".repeat(LIMITS.roleLength + 1) }, "roleTooLong", /rôle/i],
  ] as const)("given %s, when someone joins, then they are refused and told why", (_, identity, code, word) => {
    const outcome = join(openTable(), { ...identity, facilitator: false }, { actorId: "p-x", now: NOW });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expectReadable(outcome.refusal, code, word);
  });

  it("given a name exactly at the limit once trimmed, when someone joins, then they are seated", () => {
    const name = `  ${"N".repeat(LIMITS.nameLength)}  `;
    const outcome = join(openTable(), { name, role: "habitant", facilitator: false }, { actorId: "p-x", now: NOW });
    expect(outcome.ok).toBe(true);
  });

  it("given a full table, when one more person joins, then they are refused with the table size", () => {
    let state = openTable();
    for (let i = 0; i < LIMITS.participants; i++) state = seat(state, `Personne ${i}`);
    const outcome = join(
      state,
      { name: "Retardataire", role: "habitant", facilitator: false },
      { actorId: "p-late", now: NOW },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expectReadable(outcome.refusal, "tableFull", /complète/i);
    expect(outcome.refusal.message).toContain(String(LIMITS.participants));
  });

  it("given a table filled by bots the facilitator then removed, when a real person joins, then they are seated: removed seats take no place", () => {
    let state = seat(openTable(), "Awa", { facilitator: true });
    for (let i = 1; i < LIMITS.participants; i++) state = seat(state, `Robot ${i}`);
    for (let i = 1; i < LIMITS.participants; i++) {
      const outcome = applyAction(
        state,
        { type: "removeParticipant", participantId: idOf(`Robot ${i}`) },
        { actorId: idOf("Awa"), now: NOW },
      );
      if (!outcome.ok) throw new Error(outcome.refusal.code);
      state = outcome.state;
    }
    const outcome = join(
      state,
      { name: "Vraie personne", role: "habitante", facilitator: false },
      { actorId: "p-real", now: NOW },
    );
    expect(outcome.ok).toBe(true);
  });

  it("given a closed story, when someone joins, then they are refused", () => {
    const closed = act(tableInPlay(), FACILITATOR, { type: "closeStory" });
    const outcome = join(
      closed,
      { name: "Dorian", role: "habitant", facilitator: false },
      { actorId: "p-d", now: NOW },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expectReadable(outcome.refusal, "storyClosed", /terminé/i);
  });

  it("given any join, refused or not, then the table it was given is left untouched", () => {
    const state = openTable();
    const before = structuredClone(state);
    join(state, { name: "Dorian", role: "habitant", facilitator: false }, { actorId: "p-d", now: NOW });
    join(state, { name: "", role: "habitant", facilitator: false }, { actorId: "p-e", now: NOW });
    expect(state).toEqual(before);
  });
});

describe("drawing a card (draw)", () => {
  it("given a table in play, when Bastien draws a lever, then the top lever moves from the pile to his hand", () => {
    const state = tableInPlay();
    const top = state.piles.lever[0];
    const next = act(state, BASTIEN, { type: "draw", deck: "lever" });
    expect(handOf(next, BASTIEN)).toEqual([top]);
    expect(next.piles.lever).toEqual(state.piles.lever.slice(1));
    expect(handOf(next, CHLOE)).toEqual([]);
  });

  it("given two draws, then the hand keeps the cards in the order drawn", () => {
    const state = tableInPlay();
    const [first, second] = state.piles.pitfall;
    let next = act(state, BASTIEN, { type: "draw", deck: "pitfall" });
    next = act(next, BASTIEN, { type: "draw", deck: "pitfall" });
    expect(handOf(next, BASTIEN)).toEqual([first, second]);
  });

  it("given an empty pile, when someone draws from it, then it is refused naming the pile", () => {
    let state = tableInPlay();
    for (let i = 0; i < 3; i++) state = act(state, BASTIEN, { type: "draw", deck: "pitfall" });
    expect(state.piles.pitfall).toEqual([]);
    expectReadable(refusalOf(state, CHLOE, { type: "draw", deck: "pitfall" }), "deckEmpty", /Écueils/);
  });

  it(`given a hand of ${LIMITS.handSize} cards, when its owner draws again, then it is refused until a card leaves the hand`, () => {
    let state = tableInPlay();
    for (const deck of ["lever", "lever", "lever", "pitfall", "pitfall"] as const)
      state = act(state, BASTIEN, { type: "draw", deck });
    expect(handOf(state, BASTIEN)).toHaveLength(LIMITS.handSize);
    const refusal = refusalOf(state, BASTIEN, { type: "draw", deck: "pitfall" });
    expectReadable(refusal, "handFull", /main est pleine/i);
    expect(refusal.message).toContain(String(LIMITS.handSize));

    const discarded = act(state, BASTIEN, { type: "discard", cardId: handOf(state, BASTIEN)[0] ?? "" });
    expect(handOf(act(discarded, BASTIEN, { type: "draw", deck: "pitfall" }), BASTIEN)).toHaveLength(LIMITS.handSize);
  });
});

describe("placing a card on the path (place)", () => {
  it("given a card in hand, when it is placed at the start, then it becomes the first step, leaves the hand and records who and when", () => {
    let state = act(tableInPlay(), BASTIEN, { type: "draw", deck: "lever" });
    const cardId = handOf(state, BASTIEN)[0] ?? "";
    state = act(state, BASTIEN, { type: "place", cardId, afterStepId: null }, NOW + 1000);
    expect(handOf(state, BASTIEN)).toEqual([]);
    expect(state.path).toEqual([
      {
        id: "step-1",
        cardId,
        placedBy: idOf(BASTIEN),
        placedAt: NOW + 1000,
        // The role he placed it in: changing hats later does not rewrite it.
        authorRole: "habitant",
        narration: "",
        narratedAt: null,
        dealt: false,
        open: false,
        contributions: [],
        reactions: { plausible: [], desirable: [] },
      },
    ]);
  });

  it("given steps on the path, when cards are placed at the start, between two steps and after the last, then the path has that order", () => {
    let state = tableInPlay();
    const a = drawAndPlace(state, BASTIEN, "lever", null);
    const b = drawAndPlace(a.state, CHLOE, "pitfall", a.stepId); // after A: A, B
    const c = drawAndPlace(b.state, BASTIEN, "lever", a.stepId); // between A and B: A, C, B
    const d = drawAndPlace(c.state, CHLOE, "pitfall", null); // at the start: D, A, C, B
    const e = drawAndPlace(d.state, BASTIEN, "lever", b.stepId); // after the last: D, A, C, B, E
    state = e.state;
    expect(state.path.map((s) => s.id)).toEqual([d.stepId, a.stepId, c.stepId, b.stepId, e.stepId]);
    expect(new Set(state.path.map((s) => s.id)).size).toBe(5);
  });

  it("given a card that is not in the placer's hand, when it is placed, then it is refused", () => {
    const state = act(tableInPlay(), CHLOE, { type: "draw", deck: "lever" });
    const chloesCard = handOf(state, CHLOE)[0] ?? "";
    expectReadable(
      refusalOf(state, BASTIEN, { type: "place", cardId: chloesCard, afterStepId: null }),
      "cardNotInHand",
      /main/i,
    );
    expectReadable(
      refusalOf(state, BASTIEN, { type: "place", cardId: "carte-inventee", afterStepId: null }),
      "cardNotInHand",
      /main/i,
    );
  });

  it("given an anchor step the facilitator removed, when a card is placed after it, then it is refused and the card stays in hand", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    let state = act(a.state, FACILITATOR, { type: "removeStep", stepId: a.stepId });
    state = act(state, CHLOE, { type: "draw", deck: "pitfall" });
    const cardId = handOf(state, CHLOE)[0] ?? "";
    expectReadable(
      refusalOf(state, CHLOE, { type: "place", cardId, afterStepId: a.stepId }),
      "anchorNotFound",
      /chemin/i,
    );
  });
});

describe("narrating a step (narrate)", () => {
  it("given my own step, when I narrate it, then the trimmed text and the time are recorded", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const state = act(
      a.state,
      BASTIEN,
      { type: "narrate", stepId: a.stepId, text: "  Les rues s'ouvrent aux vélos.\n " },
      NOW + 60_000,
    );
    expect(state.path[0]).toMatchObject({ narration: "Les rues s'ouvrent aux vélos.", narratedAt: NOW + 60_000 });
  });

  it("given a narrated step, when its author narrates again, then the new text replaces the old one", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    let state = act(a.state, BASTIEN, { type: "narrate", stepId: a.stepId, text: "Première version." }, NOW + 1);
    state = act(state, BASTIEN, { type: "narrate", stepId: a.stepId, text: "Version corrigée." }, NOW + 2);
    expect(state.path[0]).toMatchObject({ narration: "Version corrigée.", narratedAt: NOW + 2 });
  });

  it("given someone else's step, when I narrate it, then it is refused, even for the facilitator", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const action: Action = { type: "narrate", stepId: a.stepId, text: "Je raconte à sa place." };
    expectReadable(refusalOf(a.state, CHLOE, action), "notYourStep", /narration/i);
    expectReadable(refusalOf(a.state, FACILITATOR, action), "notYourStep", /narration/i);
  });

  it("given a step that is not on the path, when I narrate it, then it is refused", () => {
    expectReadable(
      refusalOf(tableInPlay(), BASTIEN, { type: "narrate", stepId: "step-99", text: "…" }),
      "stepNotFound",
      /chemin/i,
    );
  });

  it("given a narration over the limit, when I narrate, then it is refused with the limit; at the limit once trimmed it is accepted", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const refusal = refusalOf(a.state, BASTIEN, {
      type: "narrate",
      stepId: a.stepId,
      text: "x".repeat(LIMITS.narrationLength + 1),
    });
    expectReadable(refusal, "narrationTooLong", /narration/i);
    expect(refusal.message).toContain(String(LIMITS.narrationLength));

    const atLimit = `   ${"x".repeat(LIMITS.narrationLength)}   `;
    const state = act(a.state, BASTIEN, { type: "narrate", stepId: a.stepId, text: atLimit });
    expect(state.path[0]?.narration).toHaveLength(LIMITS.narrationLength);
  });
});

describe("discarding a card (discard)", () => {
  it("given a card in hand, when it is discarded, then it leaves the hand for the discard pile", () => {
    let state = act(tableInPlay(), CHLOE, { type: "draw", deck: "pitfall" });
    const cardId = handOf(state, CHLOE)[0] ?? "";
    state = act(state, CHLOE, { type: "discard", cardId });
    expect(handOf(state, CHLOE)).toEqual([]);
    expect(state.discard).toEqual([cardId]);
  });

  it("given a card not in hand, when it is discarded, then it is refused", () => {
    const state = act(tableInPlay(), CHLOE, { type: "draw", deck: "pitfall" });
    const chloesCard = handOf(state, CHLOE)[0] ?? "";
    expectReadable(refusalOf(state, BASTIEN, { type: "discard", cardId: chloesCard }), "cardNotInHand", /main/i);
  });
});

describe("facilitation (startPlay, removeStep, closeStory)", () => {
  it("given a table in preparation, when the facilitator starts play, then the phase is play", () => {
    expect(act(tableInPreparation(), FACILITATOR, { type: "startPlay" }).phase).toBe("play");
  });

  it("given a table already in play, when the facilitator starts play again, then it is refused naming the phase", () => {
    expectReadable(refusalOf(tableInPlay(), FACILITATOR, { type: "startPlay" }), "wrongPhase", /« Jeu »/);
  });

  it("given a step, when the facilitator removes it, then it leaves the path, is kept aside, and its card is discarded", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const b = drawAndPlace(a.state, CHLOE, "pitfall", a.stepId);
    const state = act(b.state, FACILITATOR, { type: "removeStep", stepId: a.stepId });
    expect(state.path.map((s) => s.id)).toEqual([b.stepId]);
    expect(state.removedSteps.map((s) => s.id)).toEqual([a.stepId]);
    expect(state.discard).toEqual([a.cardId]);
  });

  it("given a step already removed, when the facilitator removes it again, then it is refused", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const state = act(a.state, FACILITATOR, { type: "removeStep", stepId: a.stepId });
    expectReadable(refusalOf(state, FACILITATOR, { type: "removeStep", stepId: a.stepId }), "stepNotFound", /chemin/i);
  });

  it("given a table in play, when the facilitator closes the story, then the phase is closed and the path is kept", () => {
    const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const state = act(a.state, FACILITATOR, { type: "closeStory" });
    expect(state.phase).toBe("closed");
    expect(state.path).toEqual(a.state.path);
  });

  it.each(["startPlay", "removeStep", "closeStory"] as const)(
    "given a participant without the facilitator secret, when they try %s, then it is refused as facilitator-only",
    (type) => {
      const state =
        type === "startPlay" ? tableInPreparation() : drawAndPlace(tableInPlay(), BASTIEN, "lever", null).state;
      expectReadable(refusalOf(state, BASTIEN, ALL_ACTIONS[type]), "facilitatorOnly", /animateur/i);
    },
  );

  it("given a table in preparation, when the facilitator closes the story, then it is refused naming the phase", () => {
    expectReadable(
      refusalOf(tableInPreparation(), FACILITATOR, { type: "closeStory" }),
      "wrongPhase",
      /« Préparation »/,
    );
  });
});

describe("phases: nothing is played before the start or after the close", () => {
  const beforeStart = (["draw", "place", "narrate", "discard", "removeStep", "closeStory"] as const).map((type) => [
    type,
  ]);
  it.each(beforeStart)(
    "given a table in preparation, when the facilitator tries %s, then it is refused as the wrong phase",
    (type) => {
      expectReadable(refusalOf(tableInPreparation(), FACILITATOR, ALL_ACTIONS[type]), "wrongPhase", /Préparation/);
    },
  );

  it.each((["draw", "place", "narrate", "discard"] as const).map((type) => [type]))(
    "given a table in preparation, when a participant tries %s, then it is refused as the wrong phase",
    (type) => {
      expectReadable(refusalOf(tableInPreparation(), BASTIEN, ALL_ACTIONS[type]), "wrongPhase", /Préparation/);
    },
  );

  it.each(Object.keys(ALL_ACTIONS).map((type) => [type as FirstMove]))(
    "given a closed story, when the facilitator tries %s, then it is refused because the story is over",
    (type) => {
      let state = tableInPlay();
      state = act(state, FACILITATOR, { type: "draw", deck: "lever" });
      state = act(state, FACILITATOR, { type: "closeStory" });
      const action = {
        ...ALL_ACTIONS[type],
        ...(type === "place" || type === "discard" ? { cardId: handOf(state, FACILITATOR)[0] } : {}),
      } as Action;
      expectReadable(refusalOf(state, FACILITATOR, action), "storyClosed", /terminé/i);
    },
  );

  it("given a closed story, when a participant who holds a card tries to place it, then it is refused and keeps the card", () => {
    let state = act(tableInPlay(), BASTIEN, { type: "draw", deck: "lever" });
    state = act(state, FACILITATOR, { type: "closeStory" });
    const cardId = handOf(state, BASTIEN)[0] ?? "";
    expectReadable(refusalOf(state, BASTIEN, { type: "place", cardId, afterStepId: null }), "storyClosed", /terminé/i);
    expect(handOf(state, BASTIEN)).toEqual([cardId]);
  });
});

describe("someone who is not seated", () => {
  it.each(Object.keys(ALL_ACTIONS).map((type) => [type as FirstMove]))(
    "when they try %s, then it is refused",
    (type) => {
      const refusal = refusalOf(tableInPlay(), "Inconnu", ALL_ACTIONS[type]);
      expectReadable(refusal, "notSeated", /assis/i);
    },
  );
});

describe("applyAction leaves its input untouched", () => {
  /** Every kind of move on one table, accepted and refused, each checked against a deep copy taken before. */
  function movesToTry(state: TableState): Array<[string, string, Action]> {
    const bastiensCard = handOf(state, BASTIEN)[0] ?? "";
    const step = state.path[0]?.id ?? "";
    return [
      ["accepted draw", CHLOE, { type: "draw", deck: "lever" }],
      ["accepted place", BASTIEN, { type: "place", cardId: bastiensCard, afterStepId: step }],
      ["accepted narrate", BASTIEN, { type: "narrate", stepId: step, text: "Une autre fin." }],
      ["accepted discard", BASTIEN, { type: "discard", cardId: bastiensCard }],
      ["accepted removeStep", FACILITATOR, { type: "removeStep", stepId: step }],
      ["accepted closeStory", FACILITATOR, { type: "closeStory" }],
      ["refused startPlay", FACILITATOR, { type: "startPlay" }],
      ["refused place", CHLOE, { type: "place", cardId: bastiensCard, afterStepId: null }],
      ["refused narrate", CHLOE, { type: "narrate", stepId: step, text: "Pas mon étape." }],
      ["refused removeStep", BASTIEN, { type: "removeStep", stepId: step }],
      ["refused draw", "Inconnu", { type: "draw", deck: "lever" }],
    ];
  }

  it("given a table with a hand and a narrated step, when any move is tried, then the given state is deep-equal before and after", () => {
    let state = drawAndPlace(tableInPlay(), BASTIEN, "lever", null).state;
    state = act(state, BASTIEN, { type: "narrate", stepId: state.path[0]?.id ?? "", text: "Le début." });
    state = act(state, BASTIEN, { type: "draw", deck: "pitfall" });
    for (const [label, name, action] of movesToTry(state)) {
      const before = structuredClone(state);
      const outcome = applyAction(state, action, { actorId: idOf(name), now: NOW + 1 });
      expect(outcome.ok, label).toBe(label.startsWith("accepted"));
      expect(state, `${label} changed its input`).toEqual(before);
    }
  });

  it("given a table in preparation, when play starts, then the original still says preparation", () => {
    const state = tableInPreparation();
    const next = act(state, FACILITATOR, { type: "startPlay" });
    expect(state.phase).toBe("preparation");
    expect(next.phase).toBe("play");
  });

  it("given a table in play, when a step is narrated, then the other steps are shared, not copied, and frozen", () => {
    let state = drawAndPlace(tableInPlay(), BASTIEN, "lever", null).state;
    state = drawAndPlace(state, BASTIEN, "lever", state.path[0]?.id ?? null).state;
    const [first, second] = state.path;
    const next = act(state, BASTIEN, { type: "narrate", stepId: second?.id ?? "", text: "La suite." });
    expect(next.path[0]).toBe(first);
    expect(next.path[1]).not.toBe(second);
    expect(next.path[1]?.narration).toBe("La suite.");
    expect(second?.narration).toBe("");
    expect(Object.isFrozen(next.path[1])).toBe(true);
  });
});

describe("asking whether someone may act (canAct)", () => {
  it("given a participant in play, then they may draw, place, narrate and discard but not facilitate", () => {
    const state = tableInPlay();
    for (const type of ["draw", "place", "narrate", "discard"] as const)
      expect(canAct(state, idOf(BASTIEN), type).ok, type).toBe(true);
    for (const type of ["startPlay", "removeStep", "closeStory"] as const) {
      const answer = canAct(state, idOf(BASTIEN), type);
      expect(answer.ok, type).toBe(false);
      if (!answer.ok) expect(answer.refusal.code).toBe("facilitatorOnly");
    }
  });

  it("given the facilitator, then what they may do follows the phase table", () => {
    const phases = {
      preparation: tableInPreparation(),
      play: tableInPlay(),
      closed: act(tableInPlay(), FACILITATOR, { type: "closeStory" }),
    };
    for (const [phase, state] of Object.entries(phases)) {
      for (const [type, rule] of Object.entries(ACTION_RULES)) {
        const answer = canAct(state, idOf(FACILITATOR), type as ActionType);
        // Moving someone to another table is the workshop facilitator's alone (from the overview).
        expect(answer.ok, `${type} in ${phase}`).toBe(rule.who !== "workshop" && rule.phases.includes(state.phase));
      }
    }
  });

  it("given the facilitator in play, then they may start nothing new but may remove steps and close", () => {
    const state = tableInPlay();
    expect(canAct(state, idOf(FACILITATOR), "startPlay")).toMatchObject({ ok: false, refusal: { code: "wrongPhase" } });
    expect(canAct(state, idOf(FACILITATOR), "removeStep").ok).toBe(true);
    expect(canAct(state, idOf(FACILITATOR), "closeStory").ok).toBe(true);
  });

  it("given someone not seated, then they may do nothing", () => {
    expect(canAct(tableInPlay(), "p-personne", "draw")).toMatchObject({ ok: false, refusal: { code: "notSeated" } });
  });

  it("given a closed story, then everyone is told the story is over", () => {
    const state = act(tableInPlay(), FACILITATOR, { type: "closeStory" });
    expect(canAct(state, idOf(BASTIEN), "draw")).toMatchObject({ ok: false, refusal: { code: "storyClosed" } });
  });
});
