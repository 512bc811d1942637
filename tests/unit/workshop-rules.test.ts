// A table inside a workshop: what the workshop facilitator may do to it from the overview (as WORKSHOP_ACTOR_ID), the
// facilitation's message on every screen, and someone moved to another table before play.
import { describe, expect, it } from "vitest";
import { PHASES, type Action, type ActionType, type Phase, type TableState } from "#shared/model.ts";
import { ACTION_RULES, applyAction, canAct, nameAvailable, type Refusal } from "#shared/rules/index.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { publicTable } from "#shared/view.ts";
import { WORKSHOP_ACTOR_ID, WORKSHOP_LIMITS } from "#shared/workshop.ts";
import { replay, undoTarget } from "#server/store/replay.ts";
import type { LogEntry, TableCreation } from "#server/store/table-store.ts";
import {
  act,
  BASTIEN,
  CHLOE,
  DORIAN,
  FACILITATOR,
  handOf,
  idOf,
  NOW,
  openTable,
  participant,
  refusalOf,
  seat,
  tableInPlay,
  tableInPreparation,
} from "../fixtures.ts";

const ctx = (now = NOW) => ({ actorId: WORKSHOP_ACTOR_ID, now });

/** Plays one action as the workshop facilitator; fails the test if the rules refuse it. */
function byWorkshop(state: TableState, action: Action, now = NOW): TableState {
  const outcome = applyAction(state, action, ctx(now));
  if (!outcome.ok)
    throw new Error(`the workshop could not ${action.type}: ${outcome.refusal.code} (${outcome.refusal.message})`);
  return outcome.state;
}

function workshopRefusal(state: TableState, action: Action): Refusal {
  const outcome = applyAction(state, action, ctx());
  expect(outcome.ok, `the workshop's ${action.type} should have been refused`).toBe(false);
  if (outcome.ok) throw new Error("unreachable");
  return outcome.refusal;
}

function tableIn(phase: Phase): TableState {
  const state = tableInPlay();
  return phase === "play" ? state : act(state, FACILITATOR, { type: "setPhase", phase });
}

const move = (name: string, toTableName = "Table 2"): Action => ({
  type: "moveAway",
  participantId: idOf(name),
  toTableName,
});

describe("what the workshop facilitator may do to a table from the overview", () => {
  const FROM_OVERVIEW: ActionType[] = [
    "announce",
    "startTimer",
    "pauseTimer",
    "resumeTimer",
    "extendTimer",
    "clearTimer",
    "startPlay",
    "setPhase",
    "closeStory",
    "lockTable",
    "moveAway",
  ];

  it("marks exactly the facilitation of the whole room as the workshop's: a message, the timer, the phases, arrivals, a move", () => {
    const marked = (Object.keys(ACTION_RULES) as ActionType[]).filter(
      (type) => ACTION_RULES[type].workshop || ACTION_RULES[type].who === "workshop",
    );
    expect(marked.sort()).toEqual([...FROM_OVERVIEW].sort());
  });

  it.each(PHASES)(
    "in %s, then the workshop may do its actions in their phases, and nothing of the game itself",
    (phase) => {
      const state = tableIn(phase);
      for (const type of Object.keys(ACTION_RULES) as ActionType[]) {
        const outcome = canAct(state, WORKSHOP_ACTOR_ID, type);
        const allowed = FROM_OVERVIEW.includes(type) && ACTION_RULES[type].phases.includes(phase);
        expect(outcome.ok, `${type} in ${phase}`).toBe(allowed);
        if (!outcome.ok && !FROM_OVERVIEW.includes(type)) expect(outcome.refusal.code).toBe("workshopActorNotAllowed");
      }
    },
  );

  it("given preparation, when the workshop starts a timer for everyone, starts play, then moves every table on, each is done as a facilitator would", () => {
    let state = byWorkshop(tableInPreparation(), { type: "startTimer", minutes: 10, label: "Installation" });
    expect(state.timer).toMatchObject({ label: "Installation", durationMs: 600_000, runningSince: NOW });
    state = byWorkshop(state, { type: "lockTable", locked: true });
    expect(state.locked).toBe(true);
    state = byWorkshop(state, { type: "startPlay" });
    expect(state.phase).toBe("play");
    state = byWorkshop(state, { type: "setPhase", phase: "debrief" });
    state = byWorkshop(state, { type: "clearTimer" });
    expect(state.timer).toBeNull();
    state = byWorkshop(state, { type: "closeStory" });
    expect(state.phase).toBe("closed");
  });

  it("given play, when the workshop tries to draw, deal a pitfall, remove someone or undo, then each is refused with a sentence that says why", () => {
    const state = tableInPlay();
    for (const action of [
      { type: "draw", deck: "lever" },
      { type: "dealPitfall", to: null, afterStepId: null },
      { type: "removeParticipant", participantId: idOf(BASTIEN) },
      { type: "undo" },
    ] satisfies Action[]) {
      const refusal = workshopRefusal(state, action);
      expect(refusal.code, action.type).toBe("workshopActorNotAllowed");
      expect(refusal.message).toMatch(/ouvrez la table/);
    }
  });

  it("given the facilitator and a participant at the table, when either tries to move someone away, then only the workshop may", () => {
    const state = tableInPreparation();
    expect(refusalOf(state, FACILITATOR, move(BASTIEN)).code).toBe("workshopOnly");
    expect(refusalOf(state, CHLOE, move(BASTIEN)).code).toBe("workshopOnly");
  });
});

describe("the facilitation's message on every screen", () => {
  it("given a message from the workshop, then every screen's view of the table holds it, with when it was written", () => {
    const state = byWorkshop(
      tableInPlay(),
      { type: "announce", text: "Pause dans cinq minutes : finissez votre tour." },
      NOW + 5000,
    );
    expect(publicTable(state).announcement).toEqual({
      text: "Pause dans cinq minutes : finissez votre tour.",
      at: NOW + 5000,
    });
  });

  it("given a message, when a new one comes, then it replaces it; when an empty one comes, then there is none", () => {
    let state = byWorkshop(tableInPlay(), { type: "announce", text: "Premier message" }, NOW + 1000);
    state = byWorkshop(state, { type: "announce", text: "Second message" }, NOW + 2000);
    expect(state.announcement).toEqual({ text: "Second message", at: NOW + 2000 });
    state = byWorkshop(state, { type: "announce", text: "  \n " });
    expect(state.announcement).toBeUndefined();
    expect(publicTable(state).announcement).toBeNull();
  });

  it("given no message on screen, when the workshop clears every table, then this table accepts it too (nothing to clear is not a failure)", () => {
    const state = byWorkshop(tableInPreparation(), { type: "announce", text: "" });
    expect(publicTable(state).announcement).toBeNull();
  });

  it("given a table's own facilitator, then she may write a message to her table; a participant may not", () => {
    const state = act(tableInPlay(), FACILITATOR, { type: "announce", text: "On reprend !" });
    expect(state.announcement?.text).toBe("On reprend !");
    expect(refusalOf(state, BASTIEN, { type: "announce", text: "Moi aussi" }).code).toBe("facilitatorOnly");
  });

  it("given a message of exactly the limit, then it is shown; one character more, then it is refused and nothing changes", () => {
    const max = WORKSHOP_LIMITS.messageLength;
    const state = tableInPlay();
    expect(byWorkshop(state, { type: "announce", text: "é".repeat(max) }).announcement?.text).toHaveLength(max);
    const refusal = workshopRefusal(state, { type: "announce", text: "é".repeat(max + 1) });
    expect(refusal.code).toBe("announcementTooLong");
    expect(refusal.message).toContain(String(max));
    expect(state.announcement).toBeUndefined();
  });

  it("given a message with invisible or direction-changing characters, then it is shown cleaned, as other texts are", () => {
    const state = byWorkshop(tableInPlay(), { type: "announce", text: "  Re\u200Btour\u202E en plénière\r\nà 11 h  " });
    expect(state.announcement?.text).toBe("Retour en plénière\nà 11 h");
  });
});

describe("moving someone to another table of the workshop", () => {
  it("given preparation, when the workshop moves Bastien to Table 2, then he is off this table, marked with where he went, and recorded", () => {
    const state = byWorkshop(tableInPreparation(), move(BASTIEN), NOW + 3000);
    const bastien = participant(state, BASTIEN);
    expect(bastien).toMatchObject({ removed: true, movedTo: "Table 2" });
    expect(state.turns.order).toEqual([idOf(CHLOE)]);
    expect(state.moderationLog.at(-1)).toEqual({
      at: NOW + 3000,
      by: WORKSHOP_ACTOR_ID,
      action: "moveAway",
      target: idOf(BASTIEN),
      before: BASTIEN,
    });
    const seen = publicTable(state).participants.find((p) => p.id === idOf(BASTIEN));
    expect(seen).toMatchObject({ removed: true, movedTo: "Table 2" });
    expect(publicTable(state).participants.find((p) => p.id === idOf(CHLOE))?.movedTo).toBe("");
  });

  it("given Bastien holding cards when play went back to preparation, when he is moved, then his cards go to the discard as a removal's do", () => {
    let state = act(tableInPlay(), BASTIEN, { type: "draw", deck: "lever" });
    const held = handOf(state, BASTIEN);
    expect(held).toHaveLength(1);
    state = act(state, FACILITATOR, { type: "setPhase", phase: "preparation" });
    state = byWorkshop(state, move(BASTIEN));
    expect(handOf(state, BASTIEN)).toEqual([]);
    expect(state.discard).toEqual(expect.arrayContaining(held));
  });

  it.each(["play", "debrief", "closed"] as const)(
    "given %s, when the workshop moves someone, then it is refused: moves happen before play",
    (phase) => {
      const state = tableIn(phase);
      const refusal = workshopRefusal(state, move(BASTIEN));
      expect(refusal.code).toBe(phase === "closed" ? "storyClosed" : "wrongPhase");
      expect(participant(state, BASTIEN).removed).toBe(false);
    },
  );

  it("given a moved person, when they try to act here, then they are refused with where they went; they no longer count among the seated", () => {
    const state = byWorkshop(tableInPreparation(), move(BASTIEN, "Table des Lilas"));
    const refusal = refusalOf(state, BASTIEN, { type: "suggest", field: "system", text: "Une idée" });
    expect(refusal.code).toBe("participantMoved");
    expect(refusal.message).toContain("Table des Lilas");
    expect(refusalOf(state, BASTIEN, { type: "anonymise" }).code).toBe("participantMoved");
    expect(state.participants.filter((p) => !p.removed).map((p) => p.name)).toEqual([FACILITATOR, CHLOE]);
  });

  it("given someone moved or removed already, a facilitator, a stranger or no table name, then the move is refused and nothing changes", () => {
    const state = byWorkshop(tableInPreparation(), move(BASTIEN));
    expect(workshopRefusal(state, move(BASTIEN)).code).toBe("participantAlreadyRemoved");
    expect(workshopRefusal(state, move(FACILITATOR)).code).toBe("cannotMoveFacilitator");
    expect(workshopRefusal(state, move("Inconnu")).code).toBe("participantNotFound");
    expect(workshopRefusal(state, move(CHLOE, "  ")).code).toBe("moveTableNameInvalid");
    expect(workshopRefusal(state, move(CHLOE, "T".repeat(WORKSHOP_LIMITS.tableNameLength + 1))).code).toBe(
      "moveTableNameInvalid",
    );
    expect(participant(state, CHLOE).removed).toBe(false);
  });

  it("given Bastien moved away, then his place is free for a newcomer, and his name stays taken (the story may sign with it)", () => {
    let state = byWorkshop(tableInPreparation(), move(BASTIEN));
    state = seat(state, DORIAN);
    expect(state.participants.filter((p) => !p.removed)).toHaveLength(3);
    const again = nameAvailable(state, { name: BASTIEN, role: "habitant", facilitator: false });
    expect(again.ok ? null : again.refusal.code).toBe("nameTaken");
  });

  it("given a moved person anonymised later, then the record of the move no longer holds their name", () => {
    let state = byWorkshop(tableInPreparation(), move(BASTIEN));
    state = act(state, FACILITATOR, { type: "anonymiseParticipant", participantId: idOf(BASTIEN) });
    const record = state.moderationLog.find((r) => r.action === "moveAway");
    expect(record?.before).toBe("Participant·e 2");
    expect(JSON.stringify(state)).not.toContain(BASTIEN);
  });
});

describe("a log holding the workshop's entries", () => {
  function creation(initial: TableState): TableCreation {
    return {
      id: initial.id,
      createdAt: NOW,
      facilitatorKeyHash: "h",
      invite: "i",
      observerKey: "o",
      joinCode: "K7PQ2MXR",
      initial,
    } as TableCreation;
  }

  /** Joins, then actions as the room logs them: a person's under their id, the workshop's under WORKSHOP_ACTOR_ID. */
  function logOf(entries: ({ join: string; facilitator?: boolean } | { by: string; action: Action })[]): LogEntry[] {
    return entries.map((e, i) => {
      const seq = i + 1;
      const at = NOW + seq * 1000;
      if ("join" in e) {
        const participantId = idOf(e.join);
        const facilitator = e.facilitator ?? false;
        return {
          seq,
          at,
          entryId: `join:${participantId}`,
          entry: {
            kind: "join",
            participantId,
            name: e.join,
            role: "habitant",
            facilitator,
            seatKeyHash: `seat-${e.join}`,
          },
        };
      }
      const actorId = e.by === WORKSHOP_ACTOR_ID ? WORKSHOP_ACTOR_ID : idOf(e.by);
      return {
        seq,
        at,
        entryId: `${actorId === WORKSHOP_ACTOR_ID ? "atelier" : actorId}:${seq}`,
        entry: { kind: "action", actorId, action: e.action },
      };
    });
  }

  const LOG = logOf([
    { join: FACILITATOR, facilitator: true },
    { join: BASTIEN },
    { join: CHLOE },
    { by: WORKSHOP_ACTOR_ID, action: { type: "announce", text: "Bienvenue à toutes et tous" } },
    { by: WORKSHOP_ACTOR_ID, action: { type: "startTimer", minutes: 15, label: "Préparation" } },
    { by: FACILITATOR, action: { type: "editSetup", changes: { system: "Le quartier et ses abords" } } },
    { by: WORKSHOP_ACTOR_ID, action: move(CHLOE) },
    { by: WORKSHOP_ACTOR_ID, action: { type: "startPlay" } },
  ]);

  it("given the log replayed, then it gives the same table as the actions applied live, and twice the same", () => {
    const initial = openTable();
    let live = initial;
    live = seat(live, FACILITATOR, { role: "habitant", facilitator: true });
    live = seat(live, BASTIEN, { role: "habitant" });
    live = seat(live, CHLOE, { role: "habitant" });
    for (const logged of LOG.slice(3)) {
      if (logged.entry.kind !== "action") continue;
      const outcome = applyAction(live, logged.entry.action, { actorId: logged.entry.actorId, now: logged.at });
      if (!outcome.ok) throw new Error(outcome.refusal.code);
      live = outcome.state;
    }
    const first = replay({ table: creation(initial), log: LOG }).state;
    const second = replay({ table: creation(initial), log: LOG }).state;
    expect(first).toEqual(second);
    expect({ ...first, participants: first.participants.map(({ joinedAt: _j, ...p }) => p) }).toEqual({
      ...live,
      participants: live.participants.map(({ joinedAt: _j, ...p }) => p),
    });
    expect(first.announcement?.text).toBe("Bienvenue à toutes et tous");
    expect(first.phase).toBe("play");
    expect(participant(first, CHLOE)).toMatchObject({ removed: true, movedTo: "Table 2" });
  });

  it("given a table facilitator's undo, then it takes back her own last action, never the workshop's", () => {
    expect(undoTarget(LOG)).toBe(`${idOf(FACILITATOR)}:6`);
  });
});

describe("a workshop's table in its story file", () => {
  it("given a message on screen and someone moved away, then the JSON reads back with both, and a table opened from it starts without the message", () => {
    let state = byWorkshop(tableInPreparation(), { type: "announce", text: "Bienvenue" });
    state = byWorkshop(state, move(BASTIEN));
    const parsed = parseStoryJson(
      JSON.parse(JSON.stringify(storyJson(state, { exportedAt: new Date(NOW), attribution: "CC BY-SA" }))),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.story.table.announcement).toEqual({ text: "Bienvenue", at: NOW });
    expect(parsed.story.table.participants.find((p) => p.id === idOf(BASTIEN))?.movedTo).toBe("Table 2");
    const reopened = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    expect(publicTable(reopened).announcement).toBeNull();
    expect(participant(reopened, BASTIEN)).toMatchObject({ removed: true, movedTo: "Table 2" });
  });
});
