// Phases as data: Préparation → Jeu → Débrief → Récit terminé, forward and back; who may join when; what each phase asks of each person.
import { describe, expect, it } from "vitest";
import { PHASES, type Phase } from "#shared/model.ts";
import { t } from "#shared/i18n/translate.ts";
import { JOIN_PHASES, join, PHASE_GUIDE, PHASE_ORDER } from "#shared/rules/index.ts";
import {
  act,
  BASTIEN,
  CHLOE,
  DORIAN,
  drawAndPlace,
  FACILITATOR,
  idOf,
  openTable,
  participant,
  refusalOf,
  seat,
  tableInPlay,
  tableInPreparation,
  tableInTurns,
} from "../fixtures.ts";

function joinAs(state: ReturnType<typeof openTable>, name: string) {
  return join(state, { name, role: "habitante", facilitator: false }, { actorId: idOf(name), now: 1 });
}

describe("the phase table", () => {
  it("orders the four phases from preparation to the closed story", () => {
    expect(PHASE_ORDER).toEqual(["preparation", "play", "debrief", "closed"]);
    expect([...PHASE_ORDER].sort()).toEqual([...PHASES].sort());
  });

  it.each(PHASES)("names the phase « %s » in French for everyone to read", (phase) => {
    expect(t(`phase.${phase}`)).not.toBe(`phase.${phase}`);
  });

  it.each(
    PHASES.flatMap((phase) =>
      (["facilitator", "participant", "observer"] as const).map((who) => [phase, who] as const),
    ),
  )("tells, in %s, the %s what is expected of them now, in a French sentence", (phase, who) => {
    const sentence = t(PHASE_GUIDE[phase][who]);
    expect(sentence).not.toBe(PHASE_GUIDE[phase][who]);
    expect(sentence.length).toBeGreaterThan(10);
  });

  it.each(PHASES)("lets newcomers join in %s exactly when JOIN_PHASES says so", (phase) => {
    let state = tableInPlay();
    if (phase !== "play") state = act(state, FACILITATOR, { type: "setPhase", phase });
    expect(joinAs(state, DORIAN).ok).toBe(JOIN_PHASES.includes(phase));
  });
});

describe("moving between phases (setPhase, startPlay, closeStory)", () => {
  it("given preparation, when the facilitator moves forward phase by phase, then the table goes through play and debrief to the closed story", () => {
    let state = tableInPreparation();
    const seen: Phase[] = [state.phase];
    for (const phase of ["play", "debrief", "closed"] as const) {
      state = act(state, FACILITATOR, { type: "setPhase", phase });
      seen.push(state.phase);
    }
    expect(seen).toEqual(PHASE_ORDER);
  });

  it("given the debrief, when the facilitator goes back to play, then play resumes with the path as it was", () => {
    const debrief = act(tableInPlay(), FACILITATOR, { type: "setPhase", phase: "debrief" });
    const back = act(debrief, FACILITATOR, { type: "setPhase", phase: "play" });
    expect(back.phase).toBe("play");
    expect(act(back, BASTIEN, { type: "draw", deck: "lever" }).participants).toHaveLength(3);
  });

  it("given a closed story, when the facilitator reopens it, then people can play again", () => {
    const closed = act(tableInPlay(), FACILITATOR, { type: "closeStory" });
    const reopened = act(closed, FACILITATOR, { type: "setPhase", phase: "debrief" });
    expect(act(reopened, BASTIEN, { type: "writeDebrief", text: "Je répare des vélos." }).phase).toBe("debrief");
  });

  it("given play, when the facilitator sets play again, then it is refused naming the phase", () => {
    const refusal = refusalOf(tableInPlay(), FACILITATOR, { type: "setPhase", phase: "play" });
    expect(refusal.code).toBe("alreadyInPhase");
    expect(refusal.message).toContain("« Jeu »");
  });

  it("given the debrief, when the facilitator closes the story, then it is closed", () => {
    const debrief = act(tableInPlay(), FACILITATOR, { type: "setPhase", phase: "debrief" });
    expect(act(debrief, FACILITATOR, { type: "closeStory" }).phase).toBe("closed");
  });

  it("given a step placed and not yet narrated, when the table moves to the debrief, then its placer may still narrate it; once the story is closed, no one may", () => {
    const { state, stepId } = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    const debrief = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    const narrated = act(debrief, BASTIEN, { type: "narrate", stepId, text: "Les ateliers vélo ouvrent le samedi." });
    expect(narrated.path[0]?.narration).toBe("Les ateliers vélo ouvrent le samedi.");
    const closed = act(debrief, FACILITATOR, { type: "closeStory" });
    expect(refusalOf(closed, BASTIEN, { type: "narrate", stepId, text: "Trop tard." }).code).toBe("storyClosed");
  });

  it("given a participant, when they try to change the phase, then it is refused as facilitator-only", () => {
    expect(refusalOf(tableInPlay(), BASTIEN, { type: "setPhase", phase: "debrief" }).code).toBe("facilitatorOnly");
  });

  it("given turns set up then a step back to preparation with nobody's turn, when play starts again, then the first in the order plays", () => {
    let state = act(tableInTurns(), FACILITATOR, { type: "setPhase", phase: "preparation" });
    state = { ...state, turns: { ...state.turns, current: null } };
    state = act(state, FACILITATOR, { type: "startPlay" });
    expect(state.turns.current).toBe(idOf(BASTIEN));
  });
});

describe("taking a seat during the session", () => {
  it("given the facilitator locked the table, when someone new arrives, then they are told the table is closed to arrivals", () => {
    const locked = act(tableInPlay(), FACILITATOR, { type: "lockTable", locked: true });
    const outcome = joinAs(locked, DORIAN);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.refusal.code).toBe("tableLocked");
      expect(outcome.refusal.message).toMatch(/fermé la table/);
    }
  });

  it("given a locked table, when someone arrives with the facilitator link (a new device), then they still get in", () => {
    const locked = act(tableInPlay(), FACILITATOR, { type: "lockTable", locked: true });
    const outcome = join(
      locked,
      { name: "Awa (tablette)", role: "animatrice", facilitator: true },
      { actorId: "p-awa-2", now: 1 },
    );
    expect(outcome.ok).toBe(true);
  });

  it("given a locked table, when the facilitator unlocks it, then newcomers sit again", () => {
    let state = act(tableInPlay(), FACILITATOR, { type: "lockTable", locked: true });
    state = act(state, FACILITATOR, { type: "lockTable", locked: false });
    expect(participant(seat(state, DORIAN), DORIAN).removed).toBe(false);
  });

  it("given a closed story, when someone arrives, then they are told the story is over, even if the table is also locked", () => {
    let state = act(tableInPlay(), FACILITATOR, { type: "lockTable", locked: true });
    state = act(state, FACILITATOR, { type: "closeStory" });
    const outcome = joinAs(state, DORIAN);
    expect(outcome.ok ? "accepted" : outcome.refusal.code).toBe("storyClosed");
  });

  it("given free play, when people join, then every participant but the facilitator enters the turn order in order of arrival", () => {
    const state = seat(tableInPreparation(), DORIAN);
    expect(state.turns).toEqual({ mode: "free", order: [idOf(BASTIEN), idOf(CHLOE), idOf(DORIAN)], current: null });
    expect(participant(state, DORIAN)).toMatchObject({ removed: false, debrief: "", debriefAt: null });
  });

  it("given a co-facilitator joining with the facilitator secret, then they do not enter the turn order", () => {
    const state = seat(tableInPreparation(), "Elsa", { facilitator: true });
    expect(state.turns.order).not.toContain(idOf("Elsa"));
  });
});
