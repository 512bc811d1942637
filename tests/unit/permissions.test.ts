// Who may do what, in which phase: every action × every phase × every kind of person, checked against the permission table.
import { describe, expect, it } from "vitest";
import { PHASES, type ActionType, type Phase, type TableState } from "#shared/model.ts";
import { ACTION_RULES, applyAction, canAct, type RefusalCode } from "#shared/rules/index.ts";
import { WORKSHOP_ACTOR_ID } from "#shared/workshop.ts";
import type { Whoami } from "#shared/protocol.ts";
import { publicTable } from "#shared/view.ts";
import { blockerOf } from "#client/store/can.ts";
import {
  act,
  BASTIEN,
  CHLOE,
  DORIAN,
  FACILITATOR,
  idOf,
  SAMPLE_ACTIONS,
  tableInPlay,
  tableInTurns,
  withDorianRemoved,
} from "../fixtures.ts";

type Person = "facilitator" | "participant" | "removed participant" | "not seated" | "workshop facilitator";
const PEOPLE: Record<Person, string> = {
  facilitator: idOf(FACILITATOR),
  participant: idOf(BASTIEN),
  "removed participant": idOf(DORIAN),
  "not seated": "p-inconnu",
  // Seated at no table: what the workshop facilitator does to every table at once from the overview.
  "workshop facilitator": WORKSHOP_ACTOR_ID,
};

/** The same table (Awa facilitates, Bastien and Chloé play, Dorian was removed) in each phase, in free play. */
function tableIn(phase: Phase): TableState {
  const state = withDorianRemoved(tableInPlay());
  return phase === "play" ? state : act(state, FACILITATOR, { type: "setPhase", phase });
}
const TABLES = Object.fromEntries(PHASES.map((phase) => [phase, tableIn(phase)])) as Record<Phase, TableState>;

/** What the permission table says for this person, action and phase, in free play: null when allowed. */
function expected(person: Person, type: ActionType, phase: Phase): RefusalCode | null {
  const rule = ACTION_RULES[type];
  const phaseRefusal = rule.phases.includes(phase) ? null : phase === "closed" ? "storyClosed" : "wrongPhase";
  if (person === "workshop facilitator")
    return rule.workshop || rule.who === "workshop" ? phaseRefusal : "workshopActorNotAllowed";
  if (person === "not seated") return "notSeated";
  if (person === "removed participant") return "participantRemoved";
  if (rule.who === "workshop") return "workshopOnly";
  if (rule.who === "facilitator" && person !== "facilitator") return "facilitatorOnly";
  return phaseRefusal;
}

function answer(state: TableState, actorId: string, type: ActionType): RefusalCode | null {
  const outcome = canAct(state, actorId, type);
  return outcome.ok ? null : outcome.refusal.code;
}

const TYPES = Object.keys(ACTION_RULES) as ActionType[];
const CASES = TYPES.flatMap((type) =>
  PHASES.flatMap((phase) => (Object.keys(PEOPLE) as Person[]).map((person) => [type, phase, person] as const)),
);

describe("the permission table, case by case (free play)", () => {
  it("covers every action type, and each rule names at least one phase", () => {
    expect(TYPES).toHaveLength(Object.keys(SAMPLE_ACTIONS).length);
    for (const type of TYPES) expect(ACTION_RULES[type].phases.length, type).toBeGreaterThan(0);
    expect(CASES).toHaveLength(TYPES.length * PHASES.length * Object.keys(PEOPLE).length);
  });

  it.each(CASES)("%s in %s by a %s: canAct answers what ACTION_RULES says", (type, phase, person) => {
    expect(answer(TABLES[phase], PEOPLE[person], type)).toBe(expected(person, type, phase));
  });

  it.each(CASES.filter(([type, phase, person]) => expected(person, type, phase) !== null))(
    "%s in %s by a %s: applyAction refuses it with the same reason, and the table is untouched",
    (type, phase, person) => {
      const state = TABLES[phase];
      const before = structuredClone(state);
      const outcome = applyAction(state, SAMPLE_ACTIONS[type], { actorId: PEOPLE[person], now: 1 });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.refusal.code).toBe(expected(person, type, phase));
      expect(state).toEqual(before);
    },
  );
});

describe("the permission table, a few cases written out by hand", () => {
  const may = (phase: Phase, name: string, type: ActionType) => answer(TABLES[phase], idOf(name), type);

  it("given preparation, then a participant may suggest but not edit the setup, and nobody may draw yet", () => {
    expect(may("preparation", BASTIEN, "suggest")).toBeNull();
    expect(may("preparation", BASTIEN, "editSetup")).toBe("facilitatorOnly");
    expect(may("preparation", FACILITATOR, "editSetup")).toBeNull();
    expect(may("preparation", FACILITATOR, "draw")).toBe("wrongPhase");
    expect(may("preparation", BASTIEN, "writeDebrief")).toBe("wrongPhase");
  });

  it("given play, then a participant may draw, place, write a card and add a « oui, et… », but not deal a pitfall or skip a turn", () => {
    for (const type of [
      "draw",
      "place",
      "narrate",
      "discard",
      "writeCard",
      "contribute",
      "react",
      "passTurn",
    ] as const) {
      expect(may("play", CHLOE, type), type).toBeNull();
    }
    for (const type of [
      "dealPitfall",
      "skipTurn",
      "reorderTurns",
      "setTurnMode",
      "startTimer",
      "removeStep",
      "lockTable",
    ] as const) {
      expect(may("play", CHLOE, type), type).toBe("facilitatorOnly");
    }
    expect(may("play", CHLOE, "suggest")).toBe("wrongPhase");
  });

  it("given the debrief, then participants write their debrief and may still build on steps, but no longer draw", () => {
    expect(may("debrief", BASTIEN, "writeDebrief")).toBeNull();
    expect(may("debrief", BASTIEN, "contribute")).toBeNull();
    expect(may("debrief", BASTIEN, "react")).toBeNull();
    expect(may("debrief", BASTIEN, "draw")).toBe("wrongPhase");
    expect(may("debrief", FACILITATOR, "editStep")).toBeNull();
  });

  it("given a closed story, then participants can do nothing more, and the facilitator may still reopen, lock or share the role", () => {
    expect(may("closed", BASTIEN, "writeDebrief")).toBe("storyClosed");
    expect(may("closed", BASTIEN, "contribute")).toBe("storyClosed");
    expect(may("closed", FACILITATOR, "setPhase")).toBeNull();
    expect(may("closed", FACILITATOR, "lockTable")).toBeNull();
    expect(may("closed", FACILITATOR, "handOver")).toBeNull();
    expect(may("closed", FACILITATOR, "undo")).toBe("storyClosed");
    expect(may("closed", FACILITATOR, "removeParticipant")).toBe("storyClosed");
  });

  it("given a removed participant, then even what anyone may do is refused to them, with a sentence that says why", () => {
    const outcome = canAct(TABLES.play, idOf(DORIAN), "react");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.refusal.message).toMatch(/retiré·e/);
  });
});

describe("the permission table in turns mode", () => {
  const ON_TURN = TYPES.filter((type) => ACTION_RULES[type].onTurn);
  const state = tableInTurns();

  it("marks exactly drawing, placing, discarding and passing as moves made on one's turn", () => {
    expect([...ON_TURN].sort()).toEqual(["discard", "draw", "passTurn", "place"]);
  });

  it.each(TYPES.filter((type) => ACTION_RULES[type].phases.includes("play")))(
    "%s: the player whose turn it is may do it when the table says anyone may; the others only when it is not a move made on one's turn",
    (type) => {
      const rule = ACTION_RULES[type];
      expect(state.turns.current).toBe(idOf(BASTIEN));
      expect(answer(state, idOf(BASTIEN), type)).toBe(rule.who === "anyone" ? null : "facilitatorOnly");
      const forChloe = rule.who === "facilitator" ? "facilitatorOnly" : rule.onTurn ? "notYourTurn" : null;
      expect(answer(state, idOf(CHLOE), type)).toBe(forChloe);
      // Facilitators have no turn: they may do what is theirs, and narrate, add to or react to steps, but not play cards.
      expect(answer(state, idOf(FACILITATOR), type)).toBe(rule.onTurn ? "notYourTurn" : null);
    },
  );

  it("given Bastien's turn, when Chloé tries to draw, then she is told it is Bastien's turn", () => {
    const outcome = canAct(state, idOf(CHLOE), "draw");
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.refusal.code).toBe("notYourTurn");
      expect(outcome.refusal.message).toContain(BASTIEN);
    }
  });
});

describe("what the browser offers (client/src/store/can.ts) asks the same rules of the synced table", () => {
  const views = (state: TableState) => ({
    ...publicTable(state),
    participants: publicTable(state).participants.map((p) => ({ ...p, connected: true })),
    myHand: [],
    deleteAfter: null,
  });
  const whoami = (participantId: string) => ({ participantId }) as Whoami;
  const seated = (Object.keys(PEOPLE) as Person[]).filter((person) => person !== "workshop facilitator");

  it.each(
    TYPES.flatMap((type) => [
      ...PHASES.map((phase) => [type, phase, TABLES[phase]] as const),
      [type, "play (turns)", tableInTurns()] as const,
    ]),
  )("%s in %s: offered to exactly those the server would let do it", (type, _phase, state) => {
    const view = views(state);
    for (const person of [...seated, "chloé (not on turn)"] as const) {
      const id = person === "chloé (not on turn)" ? idOf(CHLOE) : PEOPLE[person];
      expect(blockerOf(view, whoami(id), type) === null, person).toBe(canAct(state, id, type).ok);
    }
  });

  it("tells an observer, a removed participant, the wrong phase and someone else's turn apart", () => {
    expect(blockerOf(views(TABLES.play), null, "draw")).toBe("observer");
    expect(blockerOf(views(TABLES.play), whoami(idOf(DORIAN)), "react")).toBe("removed");
    expect(blockerOf(views(TABLES.play), whoami(idOf(CHLOE)), "dealPitfall")).toBe("facilitatorOnly");
    expect(blockerOf(views(TABLES.closed), whoami(idOf(CHLOE)), "contribute")).toBe("wrongPhase");
    expect(blockerOf(views(tableInTurns()), whoami(idOf(CHLOE)), "draw")).toBe("notYourTurn");
  });
});
