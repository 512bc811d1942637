// Replaying a log that holds undo entries: the undone actions are left out, everything else applies as it was
// accepted, and the same log always gives the same table.
import { describe, expect, it } from "vitest";
import type { Action, TableState } from "#shared/model.ts";
import { replay, undoneIds, undoTarget } from "#server/store/replay.ts";
import type { LogEntry, TableCreation } from "#server/store/table-store.ts";
import { act, BASTIEN, FACILITATOR, handOf, idOf, NOW, openTable, seat } from "../fixtures.ts";

function creation(initial: TableState): TableCreation {
  return {
    id: initial.id,
    createdAt: NOW,
    facilitatorKeyHash: "hash",
    invite: "invite",
    observerKey: "observer",
    joinCode: "K7PQ2MXR",
    workshopId: null,
    initial,
  };
}

/** A log written the way the room writes it: joins, then actions with their sender's ids. */
class Log {
  entries: LogEntry[] = [];

  join(name: string, facilitator: boolean): this {
    const participantId = idOf(name);
    return this.#push(`join:${participantId}`, {
      kind: "join",
      participantId,
      name,
      role: facilitator ? "animatrice" : "habitant",
      facilitator,
      seatKeyHash: `seat-${name}`,
    });
  }

  act(name: string, action: Action, entryId = `${idOf(name)}:${this.entries.length + 1}`): this {
    return this.#push(entryId, { kind: "action", actorId: idOf(name), action });
  }

  undo(name: string, undoes: string): this {
    return this.#push(`${idOf(name)}:undo-${this.entries.length + 1}`, { kind: "undo", actorId: idOf(name), undoes });
  }

  /** Joins at NOW, as the fixtures seat people; each action one second after the last entry. */
  #push(entryId: string, entry: LogEntry["entry"]): this {
    const seq = this.entries.length + 1;
    this.entries.push({ seq, entryId, at: entry.kind === "join" ? NOW : NOW + seq * 1000, entry });
    return this;
  }
}

/** Awa facilitates, Bastien plays: play started, Bastien drew a lever and placed it. */
function playedLog(): { log: Log; initial: TableState; cardId: string } {
  const initial = openTable();
  const log = new Log().join(FACILITATOR, true).join(BASTIEN, false).act(FACILITATOR, { type: "startPlay" }, "start");
  log.act(BASTIEN, { type: "draw", deck: "lever" }, "draw");
  const drawn = replay({ table: creation(initial), log: log.entries }).state;
  const cardId = handOf(drawn, BASTIEN)[0] ?? "";
  log.act(BASTIEN, { type: "place", cardId, afterStepId: null }, "place");
  return { log, initial, cardId };
}

describe("replaying a log with undo entries", () => {
  it("given an undone placement, when the log is replayed, then the card is back in hand and off the path", () => {
    const { log, initial, cardId } = playedLog();
    expect(undoTarget(log.entries)).toBe("place");
    log.undo(FACILITATOR, "place");

    const { state, entryIds, lastSeq } = replay({ table: creation(initial), log: log.entries });

    expect(state.path).toEqual([]);
    expect(handOf(state, BASTIEN)).toEqual([cardId]);
    // The undone entry keeps its id, so the same action sent again is still recognised and not applied.
    expect(entryIds.has("place")).toBe(true);
    expect(lastSeq).toBe(log.entries.length);
  });

  it("given two undos, then the second undoes the action before the first one, never a join nor an undo", () => {
    const { log, initial } = playedLog();
    log.undo(FACILITATOR, "place");
    expect(undoTarget(log.entries)).toBe("draw");
    log.undo(FACILITATOR, "draw");
    expect(undoTarget(log.entries)).toBe("start");
    log.undo(FACILITATOR, "start");
    expect(undoTarget(log.entries)).toBeUndefined();
    expect(undoneIds(log.entries)).toEqual(new Set(["place", "draw", "start"]));

    const { state, seats } = replay({ table: creation(initial), log: log.entries });

    // Back to the seated table in preparation, as if play never started.
    let expected = seat(openTable(), FACILITATOR, { role: "animatrice", facilitator: true });
    expected = seat(expected, BASTIEN, { role: "habitant" });
    expect(state.phase).toBe("preparation");
    expect(state.participants).toEqual(expected.participants);
    expect(state.piles).toEqual(expected.piles);
    expect(seats.size).toBe(2);
  });

  it("given actions after an undo, then they apply on the undone table, and replaying twice gives the same table", () => {
    const { log, initial } = playedLog();
    log.undo(FACILITATOR, "place");
    log.act(BASTIEN, {
      type: "discard",
      cardId: handOf(replay({ table: creation(initial), log: log.entries }).state, BASTIEN)[0] ?? "",
    });

    const first = replay({ table: creation(initial), log: log.entries }).state;
    const second = replay({ table: creation(initial), log: log.entries }).state;

    expect(first.discard).toHaveLength(1);
    expect(handOf(first, BASTIEN)).toEqual([]);
    expect(second).toEqual(first);
    // Playing the same moves live, without the undone one, gives the same table.
    let live = seat(initial, FACILITATOR, { role: "animatrice", facilitator: true });
    live = seat(live, BASTIEN, { role: "habitant" });
    live = act(live, FACILITATOR, { type: "startPlay" }, NOW + 3000);
    live = act(live, BASTIEN, { type: "draw", deck: "lever" }, NOW + 4000);
    live = act(live, BASTIEN, { type: "discard", cardId: handOf(live, BASTIEN)[0] ?? "" }, NOW + 7000);
    expect(first).toEqual(live);
  });
});
