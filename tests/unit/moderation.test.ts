// Moderation: edits and removals recorded with the text as it was, steps moved, the table locked, people removed, the role shared or handed over.
import { describe, expect, it } from "vitest";
import type { Action, TableState } from "#shared/model.ts";
import { applyAction, canAct } from "#shared/rules/index.ts";
import { publicTable } from "#shared/view.ts";
import {
  act,
  BASTIEN,
  CHLOE,
  DORIAN,
  drawAndPlace,
  FACILITATOR,
  handOf,
  idOf,
  NOW,
  participant,
  refusalOf,
  seat,
  tableInPlay,
  tableInTurns,
  withDorianRemoved,
} from "../fixtures.ts";

/** Bastien placed and narrated step A; Chloé placed step B after it and added a « oui, et… » under A. */
function storySoFar(): { state: TableState; a: string; b: string } {
  const a = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
  let state = act(a.state, BASTIEN, { type: "narrate", stepId: a.stepId, text: "Les rues s'ouvrent aux vélos." });
  const b = drawAndPlace(state, CHLOE, "lever", a.stepId);
  state = act(b.state, CHLOE, { type: "contribute", stepId: a.stepId, kind: "yesAnd", text: "Oui, et l'école suit." });
  return { state, a: a.stepId, b: b.stepId };
}

describe("editing and removing what was told (editStep, removeStep, editContribution, removeContribution)", () => {
  it("given Bastien's narration, when Awa edits it, then the new text shows and the old one is recorded", () => {
    const { state, a } = storySoFar();
    const next = act(
      state,
      FACILITATOR,
      { type: "editStep", stepId: a, narration: " Les rues s'ouvrent aux vélos et aux piétons. " },
      NOW + 9,
    );
    expect(next.path[0]?.narration).toBe("Les rues s'ouvrent aux vélos et aux piétons.");
    expect(next.moderationLog).toEqual([
      { at: NOW + 9, by: idOf(FACILITATOR), action: "editStep", target: a, before: "Les rues s'ouvrent aux vélos." },
    ]);
  });

  it("given a step, when Awa removes it, then it leaves the path and the story, its narration is recorded, its card discarded", () => {
    const { state, a, b } = storySoFar();
    const next = act(state, FACILITATOR, { type: "removeStep", stepId: a });
    expect(next.path.map((s) => s.id)).toEqual([b]);
    expect(publicTable(next).path.map((s) => s.id)).toEqual([b]);
    expect(next.removedSteps.map((s) => s.id)).toEqual([a]);
    expect(next.moderationLog).toMatchObject([
      { action: "removeStep", target: a, before: "Les rues s'ouvrent aux vélos." },
    ]);
  });

  it("given a « oui, et… », when Awa edits it, then the new text shows and the old one is recorded", () => {
    const { state, a } = storySoFar();
    const next = act(state, FACILITATOR, {
      type: "editContribution",
      stepId: a,
      contributionId: "contribution-1",
      text: "Oui, et le collège aussi.",
    });
    expect(next.path[0]?.contributions[0]?.text).toBe("Oui, et le collège aussi.");
    expect(next.moderationLog).toMatchObject([
      { action: "editContribution", target: "contribution-1", before: "Oui, et l'école suit." },
    ]);
  });

  it("given a « oui, et… », when Awa removes it, then it is no longer under the step and its text is recorded", () => {
    const { state, a } = storySoFar();
    const next = act(state, FACILITATOR, { type: "removeContribution", stepId: a, contributionId: "contribution-1" });
    expect(next.path[0]?.contributions).toEqual([]);
    expect(next.moderationLog).toMatchObject([
      { action: "removeContribution", target: "contribution-1", before: "Oui, et l'école suit." },
    ]);
  });

  it("given a dealt pitfall answered once, when Awa removes that answer, then the pitfall is open again", () => {
    let state = act(tableInPlay(), FACILITATOR, { type: "dealPitfall", to: null, afterStepId: null });
    state = act(state, CHLOE, { type: "contribute", stepId: "step-1", kind: "answer", text: "Réponse hors sujet." });
    expect(state.path[0]?.open).toBe(false);
    state = act(state, FACILITATOR, { type: "removeContribution", stepId: "step-1", contributionId: "contribution-1" });
    expect(state.path[0]?.open).toBe(true);
  });

  it.each([
    ["editStep on a step that is gone", { type: "editStep", stepId: "step-9", narration: "x" }, "stepNotFound"],
    [
      "editStep over the limit",
      { type: "editStep", stepId: "step-1", narration: "x".repeat(4001) },
      "narrationTooLong",
    ],
    [
      "editContribution on a contribution that is gone",
      { type: "editContribution", stepId: "step-1", contributionId: "contribution-9", text: "x" },
      "contributionNotFound",
    ],
    [
      "editContribution to an empty text",
      { type: "editContribution", stepId: "step-1", contributionId: "contribution-1", text: " " },
      "contributionEmpty",
    ],
    [
      "removeContribution that is gone",
      { type: "removeContribution", stepId: "step-1", contributionId: "contribution-9" },
      "contributionNotFound",
    ],
    [
      "removeContribution under a step that is gone",
      { type: "removeContribution", stepId: "step-9", contributionId: "contribution-1" },
      "stepNotFound",
    ],
  ] as Array<[string, Action, string]>)("given %s, then it is refused and nothing is recorded", (_, action, code) => {
    expect(refusalOf(storySoFar().state, FACILITATOR, action).code).toBe(code);
  });

  it("given a participant, when they try to edit someone's narration or remove a contribution, then it is refused as facilitator-only", () => {
    const { state, a } = storySoFar();
    expect(refusalOf(state, CHLOE, { type: "editStep", stepId: a, narration: "À ma façon." }).code).toBe(
      "facilitatorOnly",
    );
    expect(
      refusalOf(state, BASTIEN, { type: "removeContribution", stepId: a, contributionId: "contribution-1" }).code,
    ).toBe("facilitatorOnly");
  });
});

describe("moving steps (moveStep)", () => {
  it("given steps A then B, when Awa moves B to the start, then B comes first and the move is recorded with where B was", () => {
    const { state, a, b } = storySoFar();
    const next = act(state, FACILITATOR, { type: "moveStep", stepId: b, afterStepId: null });
    expect(next.path.map((s) => s.id)).toEqual([b, a]);
    expect(next.moderationLog).toMatchObject([{ action: "moveStep", target: b, before: a }]);
  });

  it("given steps B, A, C, when Awa moves B after C, then the path is A, C, B", () => {
    const { state, a, b } = storySoFar();
    let next = act(state, FACILITATOR, { type: "moveStep", stepId: b, afterStepId: null });
    const c = drawAndPlace(next, CHLOE, "pitfall", a);
    next = act(c.state, FACILITATOR, { type: "moveStep", stepId: b, afterStepId: c.stepId });
    expect(next.path.map((s) => s.id)).toEqual([a, c.stepId, b]);
  });

  it("given a step, when Awa moves it after itself or after a step that is gone, then it is refused", () => {
    const { state, a } = storySoFar();
    expect(refusalOf(state, FACILITATOR, { type: "moveStep", stepId: a, afterStepId: a }).code).toBe("moveOntoItself");
    expect(refusalOf(state, FACILITATOR, { type: "moveStep", stepId: a, afterStepId: "step-9" }).code).toBe(
      "anchorNotFound",
    );
    expect(refusalOf(state, FACILITATOR, { type: "moveStep", stepId: "step-9", afterStepId: null }).code).toBe(
      "stepNotFound",
    );
  });
});

describe("removing someone from the table (removeParticipant)", () => {
  it("given Bastien holds cards, one of them a dealt pitfall, when Awa removes him, then his hand is discarded and he stays listed as removed", () => {
    let state = act(tableInPlay(), BASTIEN, { type: "draw", deck: "lever" });
    state = act(state, FACILITATOR, { type: "dealPitfall", to: idOf(BASTIEN), afterStepId: null });
    const hand = handOf(state, BASTIEN);
    state = act(state, FACILITATOR, { type: "removeParticipant", participantId: idOf(BASTIEN) }, NOW + 3);
    expect(participant(state, BASTIEN)).toMatchObject({ removed: true, hand: [] });
    expect(state.discard).toEqual(hand);
    expect(state.dealtCards).toEqual([]);
    expect(state.turns.order).toEqual([idOf(CHLOE)]);
    expect(publicTable(state).participants.find((p) => p.id === idOf(BASTIEN))).toMatchObject({
      removed: true,
      handCount: 0,
    });
    expect(state.moderationLog).toEqual([
      { at: NOW + 3, by: idOf(FACILITATOR), action: "removeParticipant", target: idOf(BASTIEN), before: BASTIEN },
    ]);
  });

  it("given Bastien was removed, then his steps keep him as author and he can no longer act", () => {
    const { state: told, a } = storySoFar();
    const state = act(told, FACILITATOR, { type: "removeParticipant", participantId: idOf(BASTIEN) });
    expect(state.path.find((s) => s.id === a)?.placedBy).toBe(idOf(BASTIEN));
    expect(refusalOf(state, BASTIEN, { type: "narrate", stepId: a, text: "Je reviens." }).code).toBe(
      "participantRemoved",
    );
  });

  it("given Awa, when she tries to remove herself, someone unknown, or someone already removed, then it is refused", () => {
    const state = withDorianRemoved(tableInPlay());
    expect(refusalOf(state, FACILITATOR, { type: "removeParticipant", participantId: idOf(FACILITATOR) }).code).toBe(
      "cannotRemoveYourself",
    );
    expect(refusalOf(state, FACILITATOR, { type: "removeParticipant", participantId: "p-inconnu" }).code).toBe(
      "participantNotFound",
    );
    const again = refusalOf(state, FACILITATOR, { type: "removeParticipant", participantId: idOf(DORIAN) });
    expect(again.code).toBe("participantAlreadyRemoved");
    expect(again.message).toContain(DORIAN);
  });
});

describe("sharing and handing over the facilitator role (setFacilitator, handOver)", () => {
  it("given turns, when Awa makes Chloé co-facilitator, then Chloé leaves the turn order and may deal pitfalls", () => {
    const state = act(tableInTurns(), FACILITATOR, {
      type: "setFacilitator",
      participantId: idOf(CHLOE),
      facilitator: true,
    });
    expect(participant(state, CHLOE).facilitator).toBe(true);
    expect(state.turns.order).toEqual([idOf(BASTIEN)]);
    expect(canAct(state, idOf(CHLOE), "dealPitfall").ok).toBe(true);
  });

  it("given two facilitators, when one steps down, then she joins the turn order; the last facilitator cannot step down", () => {
    let state = act(tableInPlay(), FACILITATOR, {
      type: "setFacilitator",
      participantId: idOf(CHLOE),
      facilitator: true,
    });
    state = act(state, CHLOE, { type: "setFacilitator", participantId: idOf(FACILITATOR), facilitator: false });
    expect(participant(state, FACILITATOR).facilitator).toBe(false);
    expect(state.turns.order).toEqual([idOf(BASTIEN), idOf(FACILITATOR)]);
    const refusal = refusalOf(state, CHLOE, { type: "setFacilitator", participantId: idOf(CHLOE), facilitator: false });
    expect(refusal.code).toBe("lastFacilitator");
    expect(refusal.message).toMatch(/au moins une personne/);
  });

  it("given Bastien already facilitating, or Chloé not, when Awa sets the same again, then she is told so by name", () => {
    const state = act(tableInPlay(), FACILITATOR, {
      type: "setFacilitator",
      participantId: idOf(BASTIEN),
      facilitator: true,
    });
    expect(
      refusalOf(state, FACILITATOR, { type: "setFacilitator", participantId: idOf(BASTIEN), facilitator: true })
        .message,
    ).toContain(BASTIEN);
    expect(
      refusalOf(state, FACILITATOR, { type: "setFacilitator", participantId: idOf(CHLOE), facilitator: false }).code,
    ).toBe("notAFacilitator");
  });

  it("given Awa hands over to Bastien, then he facilitates and leaves the turn order, and she plays like anyone", () => {
    const state = act(tableInTurns(), FACILITATOR, { type: "handOver", participantId: idOf(BASTIEN) });
    expect(participant(state, BASTIEN).facilitator).toBe(true);
    expect(participant(state, FACILITATOR).facilitator).toBe(false);
    expect(state.turns).toEqual({ mode: "turns", order: [idOf(CHLOE), idOf(FACILITATOR)], current: idOf(CHLOE) });
    expect(refusalOf(state, FACILITATOR, { type: "dealPitfall", to: null, afterStepId: null }).code).toBe(
      "facilitatorOnly",
    );
    expect(act(state, BASTIEN, { type: "dealPitfall", to: null, afterStepId: null }).path).toHaveLength(1);
  });

  it("given Awa, when she hands over to herself or to someone removed, then it is refused", () => {
    const state = withDorianRemoved(tableInPlay());
    expect(refusalOf(state, FACILITATOR, { type: "handOver", participantId: idOf(FACILITATOR) }).code).toBe(
      "handOverToYourself",
    );
    expect(refusalOf(state, FACILITATOR, { type: "handOver", participantId: idOf(DORIAN) }).code).toBe(
      "participantNotFound",
    );
  });

  it("given a participant, when they try to make themself facilitator, then it is refused", () => {
    expect(
      refusalOf(tableInPlay(), BASTIEN, { type: "setFacilitator", participantId: idOf(BASTIEN), facilitator: true })
        .code,
    ).toBe("facilitatorOnly");
    expect(refusalOf(tableInPlay(), BASTIEN, { type: "handOver", participantId: idOf(CHLOE) }).code).toBe(
      "facilitatorOnly",
    );
  });
});

describe("locking the table and undoing (lockTable, undo)", () => {
  it("given a locked table, then people already seated still act; the lock shows to everyone", () => {
    const state = act(tableInPlay(), FACILITATOR, { type: "lockTable", locked: true });
    expect(publicTable(state).locked).toBe(true);
    expect(handOf(act(state, BASTIEN, { type: "draw", deck: "lever" }), BASTIEN)).toHaveLength(1);
  });

  it("given the facilitator asks to undo, then the rules accept and change nothing: the server replays its log without the last action", () => {
    const { state } = storySoFar();
    expect(act(state, FACILITATOR, { type: "undo" })).toEqual(state);
    expect(refusalOf(state, BASTIEN, { type: "undo" }).code).toBe("facilitatorOnly");
  });
});

describe("applyAction leaves its input untouched, for every move of moderation", () => {
  it("given a told story, when each moderation move is tried, accepted or refused, then the given state is deep-equal before and after", () => {
    const { state: told, a, b } = storySoFar();
    const state = seat(told, DORIAN);
    const tries: Action[] = [
      { type: "editStep", stepId: a, narration: "Revu." },
      { type: "removeStep", stepId: b },
      { type: "moveStep", stepId: b, afterStepId: null },
      { type: "moveStep", stepId: a, afterStepId: a },
      { type: "editContribution", stepId: a, contributionId: "contribution-1", text: "Revu." },
      { type: "removeContribution", stepId: a, contributionId: "contribution-1" },
      { type: "lockTable", locked: true },
      { type: "removeParticipant", participantId: idOf(DORIAN) },
      { type: "removeParticipant", participantId: idOf(FACILITATOR) },
      { type: "setFacilitator", participantId: idOf(CHLOE), facilitator: true },
      { type: "setFacilitator", participantId: idOf(FACILITATOR), facilitator: false },
      { type: "handOver", participantId: idOf(BASTIEN) },
      { type: "undo" },
    ];
    for (const action of tries) {
      const before = structuredClone(state);
      applyAction(state, action, { actorId: idOf(FACILITATOR), now: NOW + 1 });
      expect(state, `${action.type} changed its input`).toEqual(before);
    }
  });
});
