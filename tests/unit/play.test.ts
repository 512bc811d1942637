// Play: decks and themes in play, pitfalls dealt and answered, our own cards, "oui, et…", reactions, turns, the timer, the debrief and the win.
import { describe, expect, it } from "vitest";
import { LIMITS, type Action, type DeckName, type TableState } from "#shared/model.ts";
import { applyAction, hasWon, timeLeft } from "#shared/rules/index.ts";
import { publicTable } from "#shared/view.ts";
import {
  act,
  BASTIEN,
  CHALLENGE_BLANK,
  CHALLENGE_ENERGY,
  CHALLENGE_MOBILITY,
  CHLOE,
  DORIAN,
  drawAndPlace,
  FACILITATOR,
  handOf,
  idOf,
  NOW,
  openTable,
  participant,
  PITFALL_MONEY,
  PITFALL_REBOUND,
  PITFALL_TECH,
  refusalOf,
  seat,
  tableInDebrief,
  tableInPlay,
  tableInPreparation,
  tableInTurns,
  withDorianRemoved,
} from "../fixtures.ts";

const MINUTE = 60_000;

/** The same table with a pile in a known order (top first), for tests that need to know which card comes next. */
function withPile(state: TableState, deck: DeckName, ids: string[]): TableState {
  return { ...state, piles: { ...state.piles, [deck]: ids } };
}

/** A table whose framing challenge was written by hand, so every challenge card is in the pile. */
const WRITTEN_CHALLENGE = { setup: { framingChallengeId: null, framingChallengeText: "Zéro voiture en 2050 ?" } };

/** In play, with only these decks and themes chosen during preparation. */
function playingWith(decks: DeckName[], themes: string[]): TableState {
  const prepared = act(tableInPreparation(WRITTEN_CHALLENGE), FACILITATOR, { type: "chooseDecks", decks, themes });
  return act(prepared, FACILITATOR, { type: "startPlay" });
}

function stepOf(state: TableState, stepId: string) {
  const step = state.path.find((s) => s.id === stepId);
  if (!step) throw new Error(`${stepId} is not on the path`);
  return step;
}

describe("decks and themes in play filter what can be drawn", () => {
  it("given only levers and pitfalls in play, when Bastien draws a challenge, then it is refused naming the pile", () => {
    const refusal = refusalOf(playingWith(["lever", "pitfall"], []), BASTIEN, { type: "draw", deck: "challenge" });
    expect(refusal.code).toBe("deckNotInPlay");
    expect(refusal.message).toContain("« Défis »");
  });

  it("given only the energy theme, when Bastien draws challenges, then mobility cards are skipped and stay in the pile in order", () => {
    let state = playingWith(["challenge", "lever", "pitfall"], ["energie"]);
    state = withPile(state, "challenge", [CHALLENGE_MOBILITY.id, CHALLENGE_ENERGY.id, CHALLENGE_BLANK.id]);
    state = act(state, BASTIEN, { type: "draw", deck: "challenge" });
    expect(handOf(state, BASTIEN)).toEqual([CHALLENGE_ENERGY.id]);
    expect(state.piles.challenge).toEqual([CHALLENGE_MOBILITY.id, CHALLENGE_BLANK.id]);
    expect(refusalOf(state, BASTIEN, { type: "draw", deck: "challenge" }).code).toBe("noChallengeOfThemes");
  });

  it("given every theme in play (none chosen), when challenges are drawn, then the top of the pile comes first", () => {
    let state = withPile(tableInPlay(WRITTEN_CHALLENGE), "challenge", [CHALLENGE_MOBILITY.id, CHALLENGE_ENERGY.id]);
    state = act(state, CHLOE, { type: "draw", deck: "challenge" });
    expect(handOf(state, CHLOE)).toEqual([CHALLENGE_MOBILITY.id]);
  });
});

describe("pitfalls dealt into the story (dealPitfall)", () => {
  it("given Awa deals a pitfall to Bastien, then it leaves the pile for his hand and he cannot discard it", () => {
    const state = act(withPile(tableInPlay(), "pitfall", [PITFALL_TECH.id, PITFALL_MONEY.id]), FACILITATOR, {
      type: "dealPitfall",
      to: idOf(BASTIEN),
      afterStepId: null,
    });
    expect(handOf(state, BASTIEN)).toEqual([PITFALL_TECH.id]);
    expect(state.piles.pitfall).toEqual([PITFALL_MONEY.id]);
    expect(state.dealtCards).toEqual([PITFALL_TECH.id]);
    const refusal = refusalOf(state, BASTIEN, { type: "discard", cardId: PITFALL_TECH.id });
    expect(refusal.code).toBe("dealtPitfallKept");
    expect(refusal.message).toMatch(/posez-le sur le chemin/);
  });

  it("given a dealt pitfall in Bastien's hand, when he places it, then the step is marked open until he narrates how the story meets it", () => {
    let state = act(withPile(tableInPlay(), "pitfall", [PITFALL_TECH.id]), FACILITATOR, {
      type: "dealPitfall",
      to: idOf(BASTIEN),
      afterStepId: null,
    });
    state = act(state, BASTIEN, { type: "place", cardId: PITFALL_TECH.id, afterStepId: null });
    expect(state.path[0]).toMatchObject({ cardId: PITFALL_TECH.id, placedBy: idOf(BASTIEN), dealt: true, open: true });
    expect(state.dealtCards).toEqual([]);
    expect(publicTable(state).path[0]).toMatchObject({ dealt: true, open: true });

    state = act(state, BASTIEN, {
      type: "narrate",
      stepId: "step-1",
      text: "Des ateliers en mots simples, au marché.",
    });
    expect(state.path[0]).toMatchObject({ dealt: true, open: false });
  });

  it("given a card Bastien drew himself, when he places it, then the step is neither dealt nor open", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "pitfall", null);
    expect(stepOf(placed.state, placed.stepId)).toMatchObject({ dealt: false, open: false });
  });

  it("given Awa deals a pitfall onto the path after a step, then it lies there, placed by her, open, until someone answers it", () => {
    const first = drawAndPlace(
      withPile(tableInPlay(), "pitfall", [PITFALL_REBOUND.id, PITFALL_TECH.id]),
      BASTIEN,
      "lever",
      null,
    );
    let state = act(first.state, FACILITATOR, { type: "dealPitfall", to: null, afterStepId: first.stepId }, NOW + 5);
    const dealt = state.path[1];
    expect(dealt).toMatchObject({
      cardId: PITFALL_REBOUND.id,
      placedBy: idOf(FACILITATOR),
      placedAt: NOW + 5,
      dealt: true,
      open: true,
    });

    state = act(state, CHLOE, {
      type: "contribute",
      stepId: dealt?.id ?? "",
      kind: "answer",
      text: "Le conseil de quartier vote une règle d'usage.",
    });
    expect(state.path[1]).toMatchObject({ open: false });
    expect(state.path[1]?.contributions).toEqual([
      {
        id: "contribution-1",
        authorId: idOf(CHLOE),
        kind: "answer",
        text: "Le conseil de quartier vote une règle d'usage.",
        at: NOW,
        authorRole: "élue",
      },
    ]);
    const again = refusalOf(state, BASTIEN, {
      type: "contribute",
      stepId: dealt?.id ?? "",
      kind: "answer",
      text: "Autre réponse.",
    });
    expect(again.code).toBe("stepNotOpen");
    expect(again.message).toMatch(/oui, et/);
  });

  it("given an empty pitfall pile, when Awa deals, then it is refused naming the pile", () => {
    const refusal = refusalOf(withPile(tableInPlay(), "pitfall", []), FACILITATOR, {
      type: "dealPitfall",
      to: null,
      afterStepId: null,
    });
    expect(refusal.code).toBe("deckEmpty");
    expect(refusal.message).toContain("Écueils");
  });

  it(`given Bastien's hand is full, when Awa deals him a pitfall, then she is told his hand is full and the pitfall stays in the pile`, () => {
    let state = tableInPlay();
    for (const deck of ["lever", "lever", "lever", "challenge", "challenge"] as const)
      state = act(state, BASTIEN, { type: "draw", deck });
    const refusal = refusalOf(state, FACILITATOR, { type: "dealPitfall", to: idOf(BASTIEN), afterStepId: null });
    expect(refusal.code).toBe("dealHandFull");
    expect(refusal.message).toContain(BASTIEN);
    expect(refusal.message).toContain(String(LIMITS.handSize));
  });

  it("given someone who is not (or no longer) at the table, when Awa deals them a pitfall, then it is refused", () => {
    expect(
      refusalOf(tableInPlay(), FACILITATOR, { type: "dealPitfall", to: "p-inconnu", afterStepId: null }).code,
    ).toBe("participantNotFound");
    const removed = withDorianRemoved(tableInPlay());
    expect(refusalOf(removed, FACILITATOR, { type: "dealPitfall", to: idOf(DORIAN), afterStepId: null }).code).toBe(
      "participantNotFound",
    );
  });

  it("given a step that is gone, when Awa deals a pitfall after it, then it is refused", () => {
    expect(refusalOf(tableInPlay(), FACILITATOR, { type: "dealPitfall", to: null, afterStepId: "step-9" }).code).toBe(
      "anchorNotFound",
    );
  });
});

describe("our own cards (writeCard)", () => {
  it("given play, when Chloé writes a challenge, then it is a new card of this table, marked as hers, in her hand", () => {
    const state = tableInPlay();
    const next = act(state, CHLOE, {
      type: "writeCard",
      deck: "challenge",
      title: "  Des  rues\naux enfants ",
      text: " Fermer les rues des écoles aux voitures ? ",
    });
    expect(handOf(next, CHLOE)).toEqual(["written-1"]);
    expect(next.cards["written-1"]).toEqual({
      id: "written-1",
      deck: "challenge",
      title: "Des rues aux enfants",
      text: "Fermer les rues des écoles aux voitures ?",
      source: "Écrite à cette table par Chloé",
      writtenBy: idOf(CHLOE),
    });
    expect(next.nextId).toBe(2);
    expect(state.cards["written-1"]).toBeUndefined();
  });

  it("given a written card, when it is placed, then everyone sees it on the path with its author", () => {
    let state = act(tableInPlay(), CHLOE, {
      type: "writeCard",
      deck: "lever",
      title: "Frugal",
      text: "Faire mieux avec moins.",
    });
    state = act(state, CHLOE, { type: "place", cardId: "written-1", afterStepId: null });
    expect(publicTable(state).path[0]?.card).toMatchObject({
      title: "Frugal",
      writtenBy: idOf(CHLOE),
      source: "Écrite à cette table par Chloé",
      themes: [],
    });
  });

  it.each([
    ["no title", { title: "  ", text: "Un texte." }, "cardTitleRequired"],
    ["a title too long", { title: "T".repeat(LIMITS.customCardTitle + 1), text: "Un texte." }, "cardTitleTooLong"],
    ["no text", { title: "Un titre", text: "\n" }, "cardTextRequired"],
    ["a text too long", { title: "Un titre", text: "x".repeat(LIMITS.customCardText + 1) }, "cardTextTooLong"],
  ] as const)("given %s, when a card is written, then it is refused and says what to fix", (_, card, code) => {
    const refusal = refusalOf(tableInPlay(), BASTIEN, { type: "writeCard", deck: "pitfall", ...card });
    expect(refusal.code).toBe(code);
    expect(refusal.message).toMatch(/carte/);
  });

  it("given a full hand, when Bastien writes a card, then it is refused like a draw", () => {
    let state = tableInPlay();
    for (let i = 0; i < LIMITS.handSize; i++)
      state = act(state, BASTIEN, { type: "writeCard", deck: "lever", title: `Levier ${i}`, text: "…" });
    expect(refusalOf(state, BASTIEN, { type: "writeCard", deck: "lever", title: "Un de trop", text: "…" }).code).toBe(
      "handFull",
    );
  });
});

describe("« oui, et… » and reactions (contribute, react)", () => {
  it("given a step, when two people add to it, then the contributions stay in order with their authors and time", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    let state = act(
      placed.state,
      CHLOE,
      { type: "contribute", stepId: placed.stepId, kind: "yesAnd", text: " Oui, et l'école suit. " },
      NOW + 1,
    );
    state = act(
      state,
      FACILITATOR,
      { type: "contribute", stepId: placed.stepId, kind: "yesAnd", text: "Oui, et la mairie aussi." },
      NOW + 2,
    );
    expect(stepOf(state, placed.stepId).contributions.map((c) => [c.authorId, c.text, c.at])).toEqual([
      [idOf(CHLOE), "Oui, et l'école suit.", NOW + 1],
      [idOf(FACILITATOR), "Oui, et la mairie aussi.", NOW + 2],
    ]);
    expect(publicTable(state).path[0]?.contributions).toHaveLength(2);
  });

  it("given the debrief, when someone adds to a step, then it is still accepted", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const debrief = act(placed.state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    expect(
      stepOf(
        act(debrief, CHLOE, { type: "contribute", stepId: placed.stepId, kind: "yesAnd", text: "Et après ?" }),
        placed.stepId,
      ).contributions,
    ).toHaveLength(1);
  });

  it.each([
    ["an empty text", "   ", "contributionEmpty"],
    ["a text too long", "x".repeat(LIMITS.contributionLength + 1), "contributionTooLong"],
  ] as const)("given %s, when someone contributes, then it is refused", (_, text, code) => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    expect(
      refusalOf(placed.state, CHLOE, { type: "contribute", stepId: placed.stepId, kind: "yesAnd", text }).code,
    ).toBe(code);
  });

  it("given a step that is not open, when someone answers it, then it is refused; a step that is gone is refused too", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    expect(
      refusalOf(placed.state, CHLOE, { type: "contribute", stepId: placed.stepId, kind: "answer", text: "Réponse" })
        .code,
    ).toBe("stepNotOpen");
    expect(
      refusalOf(placed.state, CHLOE, { type: "contribute", stepId: "step-9", kind: "yesAnd", text: "Oui" }).code,
    ).toBe("stepNotFound");
  });

  it("given a step, when Chloé finds it plausible then changes her mind, then her reaction is toggled on then off", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    let state = act(placed.state, CHLOE, { type: "react", stepId: placed.stepId, reaction: "plausible" });
    state = act(state, BASTIEN, { type: "react", stepId: placed.stepId, reaction: "desirable" });
    expect(publicTable(state).path[0]).toMatchObject({ plausible: [idOf(CHLOE)], desirable: [idOf(BASTIEN)] });
    state = act(state, CHLOE, { type: "react", stepId: placed.stepId, reaction: "plausible" });
    expect(stepOf(state, placed.stepId).reactions).toEqual({ plausible: [], desirable: [idOf(BASTIEN)] });
  });
});

describe("turns (setTurnMode, passTurn, skipTurn, reorderTurns)", () => {
  it("given free play, when Awa switches to turns, then the order is the participants in order of arrival and the first plays", () => {
    expect(tableInTurns().turns).toEqual({
      mode: "turns",
      order: [idOf(BASTIEN), idOf(CHLOE)],
      current: idOf(BASTIEN),
    });
  });

  it("given Bastien's turn, when he draws then passes, then it is Chloé's turn, and after her it wraps back to Bastien", () => {
    let state = act(tableInTurns(), BASTIEN, { type: "draw", deck: "lever" });
    expect(refusalOf(state, CHLOE, { type: "draw", deck: "lever" }).message).toContain(BASTIEN);
    state = act(state, BASTIEN, { type: "passTurn" });
    expect(state.turns.current).toBe(idOf(CHLOE));
    expect(refusalOf(state, BASTIEN, { type: "passTurn" }).code).toBe("notYourTurn");
    state = act(state, CHLOE, { type: "passTurn" });
    expect(state.turns.current).toBe(idOf(BASTIEN));
  });

  it("given Bastien's turn, when Chloé adds a « oui, et… » or the facilitator narrates, then it is accepted: only cards wait for one's turn", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const state = act(placed.state, FACILITATOR, { type: "setTurnMode", mode: "turns" });
    expect(
      act(state, CHLOE, { type: "contribute", stepId: placed.stepId, kind: "yesAnd", text: "Oui, et…" }).path,
    ).toHaveLength(1);
  });

  it("given Bastien's turn, when Awa skips it, then Chloé plays; in free play there is nothing to skip or pass", () => {
    expect(act(tableInTurns(), FACILITATOR, { type: "skipTurn" }).turns.current).toBe(idOf(CHLOE));
    expect(refusalOf(tableInPlay(), FACILITATOR, { type: "skipTurn" }).code).toBe("noTurns");
    expect(refusalOf(tableInPlay(), BASTIEN, { type: "passTurn" }).code).toBe("noTurns");
  });

  it("given turns, when Awa reorders them, then the new order holds and it is still Bastien's turn", () => {
    const state = act(tableInTurns(), FACILITATOR, { type: "reorderTurns", order: [idOf(CHLOE), idOf(BASTIEN)] });
    expect(state.turns).toMatchObject({ order: [idOf(CHLOE), idOf(BASTIEN)], current: idOf(BASTIEN) });
    expect(act(state, BASTIEN, { type: "passTurn" }).turns.current).toBe(idOf(CHLOE));
  });

  it.each([
    ["someone left out", [idOf(CHLOE)]],
    ["someone twice", [idOf(CHLOE), idOf(CHLOE)]],
    ["a stranger", [idOf(CHLOE), "p-inconnu"]],
    ["the facilitator added", [idOf(CHLOE), idOf(BASTIEN), idOf(FACILITATOR)]],
  ])("given an order with %s, when Awa reorders, then it is refused", (_, order) => {
    expect(refusalOf(tableInTurns(), FACILITATOR, { type: "reorderTurns", order }).code).toBe("turnOrderMismatch");
  });

  it("given turns, when Dorian arrives, then he joins the end of the order without taking the turn", () => {
    const state = seat(tableInTurns(), DORIAN);
    expect(state.turns).toEqual({
      mode: "turns",
      order: [idOf(BASTIEN), idOf(CHLOE), idOf(DORIAN)],
      current: idOf(BASTIEN),
    });
  });

  it("given turns with nobody to play yet, when Dorian arrives, then it is his turn", () => {
    let state = seat(openTable(), FACILITATOR, { facilitator: true });
    state = act(act(state, FACILITATOR, { type: "startPlay" }), FACILITATOR, { type: "setTurnMode", mode: "turns" });
    expect(state.turns).toEqual({ mode: "turns", order: [], current: null });
    expect(seat(state, DORIAN).turns.current).toBe(idOf(DORIAN));
  });

  it("given it is Bastien's turn, when Awa removes him from the table, then he leaves the order and Chloé plays", () => {
    const state = act(tableInTurns(), FACILITATOR, { type: "removeParticipant", participantId: idOf(BASTIEN) });
    expect(state.turns).toEqual({ mode: "turns", order: [idOf(CHLOE)], current: idOf(CHLOE) });
  });

  it("given turns, when Awa goes back to free play, then nobody holds the turn and everyone may draw; the same mode twice is refused", () => {
    const free = act(tableInTurns(), FACILITATOR, { type: "setTurnMode", mode: "free" });
    expect(free.turns.current).toBeNull();
    expect(handOf(act(free, CHLOE, { type: "draw", deck: "lever" }), CHLOE)).toHaveLength(1);
    expect(refusalOf(free, FACILITATOR, { type: "setTurnMode", mode: "free" }).code).toBe("alreadyFreePlay");
    expect(refusalOf(tableInTurns(), FACILITATOR, { type: "setTurnMode", mode: "turns" }).code).toBe("alreadyTurns");
  });
});

describe("the timer (startTimer, pauseTimer, resumeTimer, extendTimer, clearTimer)", () => {
  const T0 = NOW;
  const start = (minutes = 5) =>
    act(tableInPlay(), FACILITATOR, { type: "startTimer", minutes, label: " Tour de  Bastien " }, T0);

  it("given Awa starts 5 minutes at T0, then it runs from T0 with 5 minutes left, and everyone sees it", () => {
    const state = start();
    expect(state.timer).toEqual({
      label: "Tour de Bastien",
      durationMs: 5 * MINUTE,
      remainingMs: 5 * MINUTE,
      runningSince: T0,
    });
    expect(publicTable(state).timer).toEqual({
      label: "Tour de Bastien",
      durationMs: 5 * MINUTE,
      remainingMs: 5 * MINUTE,
      runningSince: T0,
    });
    expect(timeLeft(state.timer!, T0 + 2 * MINUTE)).toBe(3 * MINUTE);
  });

  it("given a running timer, when paused one minute in, then 4 minutes are kept however long the pause lasts", () => {
    const paused = act(start(), FACILITATOR, { type: "pauseTimer" }, T0 + MINUTE);
    expect(paused.timer).toMatchObject({ remainingMs: 4 * MINUTE, runningSince: null });
    expect(timeLeft(paused.timer!, T0 + 60 * MINUTE)).toBe(4 * MINUTE);
    expect(publicTable(paused).timer?.runningSince).toBe(0);
    expect(refusalOf(paused, FACILITATOR, { type: "pauseTimer" }).code).toBe("timerAlreadyPaused");
  });

  it("given a paused timer, when resumed ten minutes later, then it counts down again from what was left", () => {
    let state = act(start(), FACILITATOR, { type: "pauseTimer" }, T0 + MINUTE);
    state = act(state, FACILITATOR, { type: "resumeTimer" }, T0 + 10 * MINUTE);
    expect(state.timer).toMatchObject({ remainingMs: 4 * MINUTE, runningSince: T0 + 10 * MINUTE });
    expect(timeLeft(state.timer!, T0 + 11 * MINUTE)).toBe(3 * MINUTE);
    expect(refusalOf(state, FACILITATOR, { type: "resumeTimer" }).code).toBe("timerAlreadyRunning");
  });

  it("given a running timer, when extended by 2 minutes one minute in, then 6 minutes are left and the duration is 7", () => {
    const state = act(start(), FACILITATOR, { type: "extendTimer", minutes: 2 }, T0 + MINUTE);
    expect(state.timer).toEqual({
      label: "Tour de Bastien",
      durationMs: 7 * MINUTE,
      remainingMs: 6 * MINUTE,
      runningSince: T0 + MINUTE,
    });
  });

  it("given a paused timer, when extended, then the minutes are added and it stays paused", () => {
    let state = act(start(), FACILITATOR, { type: "pauseTimer" }, T0 + MINUTE);
    state = act(state, FACILITATOR, { type: "extendTimer", minutes: 3 }, T0 + 30 * MINUTE);
    expect(state.timer).toMatchObject({ remainingMs: 7 * MINUTE, runningSince: null, durationMs: 8 * MINUTE });
  });

  it("given a timer run past zero, then it shows zero, never less; extending then gives the full extra minutes", () => {
    const state = start(1);
    expect(timeLeft(state.timer!, T0 + 5 * MINUTE)).toBe(0);
    const extended = act(state, FACILITATOR, { type: "extendTimer", minutes: 2 }, T0 + 5 * MINUTE);
    expect(timeLeft(extended.timer!, T0 + 5 * MINUTE)).toBe(2 * MINUTE);
    expect(act(state, FACILITATOR, { type: "pauseTimer" }, T0 + 5 * MINUTE).timer?.remainingMs).toBe(0);
  });

  it("given a timer run past zero, then nothing happens to anyone: play goes on", () => {
    const state = start(1);
    expect(
      applyAction(state, { type: "draw", deck: "lever" }, { actorId: idOf(BASTIEN), now: T0 + 10 * MINUTE }).ok,
    ).toBe(true);
  });

  it("given a timer, when cleared, then there is none; clearing or pausing none is refused", () => {
    const cleared = act(start(), FACILITATOR, { type: "clearTimer" });
    expect(cleared.timer).toBeNull();
    expect(publicTable(cleared).timer).toBeNull();
    for (const type of ["clearTimer", "pauseTimer", "resumeTimer"] as const)
      expect(refusalOf(cleared, FACILITATOR, { type }).code, type).toBe("noTimer");
    expect(refusalOf(cleared, FACILITATOR, { type: "extendTimer", minutes: 1 }).code).toBe("noTimer");
  });

  it.each([0, LIMITS.timerMinutes + 1, 1.5, Number.NaN, -3])(
    "given %s minutes, when Awa starts or extends a timer, then it is refused with the range",
    (minutes) => {
      const refusal = refusalOf(tableInPlay(), FACILITATOR, { type: "startTimer", minutes, label: "" });
      expect(refusal.code).toBe("timerMinutesInvalid");
      expect(refusal.message).toContain(String(LIMITS.timerMinutes));
      expect(refusalOf(start(), FACILITATOR, { type: "extendTimer", minutes }).code).toBe("timerMinutesInvalid");
    },
  );

  it("given a label longer than 80 characters, when Awa starts a timer, then it is refused", () => {
    expect(refusalOf(tableInPlay(), FACILITATOR, { type: "startTimer", minutes: 5, label: "x".repeat(81) }).code).toBe(
      "timerLabelTooLong",
    );
  });
});

describe("the debrief and the winning condition (writeDebrief, hasWon)", () => {
  it("given the debrief, when Bastien then Chloé write theirs, then the table has won only once both have, and everyone sees who has", () => {
    let state = tableInDebrief();
    expect(hasWon(state)).toBe(false);
    state = act(state, BASTIEN, { type: "writeDebrief", text: "  J'anime l'atelier vélo de la rue.  " }, NOW + 1);
    expect(participant(state, BASTIEN)).toMatchObject({
      debrief: "J'anime l'atelier vélo de la rue.",
      debriefAt: NOW + 1,
    });
    expect(publicTable(state).won).toBe(false);
    expect(publicTable(state).participants.map((p) => p.debrief !== "")).toEqual([false, true, false]);
    state = act(state, CHLOE, { type: "writeDebrief", text: "Je porte le budget des rues scolaires." });
    expect(hasWon(state)).toBe(true);
    expect(publicTable(state).won).toBe(true);
  });

  it("given a debrief written, when its author rewrites it, then the new text replaces the old", () => {
    let state = act(tableInDebrief(), BASTIEN, { type: "writeDebrief", text: "Première idée." });
    state = act(state, BASTIEN, { type: "writeDebrief", text: "Idée mûrie." });
    expect(participant(state, BASTIEN).debrief).toBe("Idée mûrie.");
  });

  it("given the facilitator has written nothing, then the table still wins: facilitators do not count", () => {
    let state = act(tableInDebrief(), BASTIEN, { type: "writeDebrief", text: "Moi." });
    state = act(state, CHLOE, { type: "writeDebrief", text: "Moi aussi." });
    expect(participant(state, FACILITATOR).debrief).toBe("");
    expect(hasWon(state)).toBe(true);
  });

  it("given Dorian was removed without writing, then the table still wins when the others have: removed people do not count", () => {
    let state = act(withDorianRemoved(tableInPlay()), FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = act(state, BASTIEN, { type: "writeDebrief", text: "Moi." });
    state = act(state, CHLOE, { type: "writeDebrief", text: "Moi aussi." });
    expect(hasWon(state)).toBe(true);
  });

  it("given only the facilitator at the table, then nobody has won", () => {
    const state = act(
      act(seat(openTable(), FACILITATOR, { facilitator: true }), FACILITATOR, { type: "startPlay" }),
      FACILITATOR,
      {
        type: "setPhase",
        phase: "debrief",
      },
    );
    expect(hasWon(state)).toBe(false);
  });

  it.each([
    ["an empty debrief", " \n ", "debriefEmpty"],
    ["a debrief too long", "x".repeat(LIMITS.debriefLength + 1), "debriefTooLong"],
  ] as const)("given %s, when it is written, then it is refused", (_, text, code) => {
    expect(refusalOf(tableInDebrief(), BASTIEN, { type: "writeDebrief", text }).code).toBe(code);
  });
});

describe("applyAction leaves its input untouched, for every move of play", () => {
  it("given a table in play with a dealt pitfall, a step and a timer, when each move is tried, accepted or refused, then the given state is deep-equal before and after", () => {
    let state = drawAndPlace(tableInPlay(), BASTIEN, "lever", null).state;
    state = act(state, FACILITATOR, { type: "dealPitfall", to: idOf(CHLOE), afterStepId: null });
    state = act(state, FACILITATOR, { type: "startTimer", minutes: 5, label: "Tour" });
    const step = state.path[0]?.id ?? "";
    const dealt = state.dealtCards[0] ?? "";
    const tries: Array<[string, Action]> = [
      [CHLOE, { type: "place", cardId: dealt, afterStepId: step }],
      [CHLOE, { type: "discard", cardId: dealt }],
      [CHLOE, { type: "writeCard", deck: "lever", title: "Frugal", text: "Moins." }],
      [CHLOE, { type: "contribute", stepId: step, kind: "yesAnd", text: "Oui, et…" }],
      [CHLOE, { type: "contribute", stepId: step, kind: "answer", text: "Refusé : pas ouvert." }],
      [CHLOE, { type: "react", stepId: step, reaction: "desirable" }],
      [FACILITATOR, { type: "dealPitfall", to: null, afterStepId: step }],
      [FACILITATOR, { type: "setTurnMode", mode: "turns" }],
      [FACILITATOR, { type: "pauseTimer" }],
      [FACILITATOR, { type: "extendTimer", minutes: 2 }],
      [FACILITATOR, { type: "clearTimer" }],
      [FACILITATOR, { type: "setPhase", phase: "debrief" }],
      [BASTIEN, { type: "writeDebrief", text: "Pas encore le moment." }],
    ];
    for (const [name, action] of tries) {
      const before = structuredClone(state);
      const cards = state.cards;
      applyAction(state, action, { actorId: idOf(name), now: NOW + 1 });
      expect(state, `${name}'s ${action.type} changed its input`).toEqual(before);
      expect(state.cards, `${action.type} replaced the catalogue of its input`).toBe(cards);
    }
  });
});
