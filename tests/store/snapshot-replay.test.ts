// Replaying from a snapshot must give the table that replaying from the first state gives, whatever the log holds
// (joins, undos, actions after undos), and a snapshot the log does not allow must not be used.
import { describe, expect, it } from "vitest";
import { replay, snapshotFits } from "#server/store/replay.ts";
import type { LogEntry, Snapshot } from "#server/store/table-store.ts";
import { longTable, playedGame, type PlayedLog } from "./played-log.ts";

/** The snapshot a store would have taken after entry `seq`: the replay of the log as it stood then. */
function snapshotAt(game: PlayedLog, seq: number): Snapshot {
  return { seq, state: replay({ table: game.table, log: game.entries.slice(0, seq) }).state };
}

/** Each game, and how many undos its log holds. */
const GAMES: Record<string, [() => PlayedLog, number]> = {
  "a game without undo, someone arriving halfway": [() => playedGame(longTable("sans-annulation"), 40), 0],
  "a game with one undo, then three in a row": [() => playedGame(longTable("annulations"), 48, [14, 30]), 4],
  "a game ending on undos": [() => playedGame(longTable("fin-annulee"), 30, [12, 26, 29]), 5],
};

describe("replaying from a snapshot", () => {
  for (const [name, [play, undos]] of Object.entries(GAMES)) {
    it(`given ${name}, then replay from any snapshot it allows equals replay from the start, and the others are left aside`, () => {
      const game = play();
      expect(game.entries.filter((logged) => logged.entry.kind === "undo")).toHaveLength(undos);
      expect(game.entries.filter((logged) => logged.entry.kind === "join")).toHaveLength(4);
      const full = replay({ table: game.table, log: game.entries });
      // The live table, as the rules built it entry by entry, is what replay gives back.
      expect(full.state).toEqual(game.state);
      let used = 0;
      for (let seq = 1; seq <= game.entries.length; seq++) {
        const snapshot = snapshotAt(game, seq);
        const fromSnapshot = replay({ table: game.table, log: game.entries, snapshot });
        expect(fromSnapshot.state).toEqual(full.state);
        expect(fromSnapshot.seats).toEqual(full.seats);
        expect(fromSnapshot.entryIds).toEqual(full.entryIds);
        expect(fromSnapshot.lastSeq).toBe(full.lastSeq);
        if (!snapshotFits(snapshot, game.entries)) {
          expect(fromSnapshot.from).toBe(0);
          continue;
        }
        used++;
        expect(fromSnapshot.from).toBe(seq);
        // Given only the entries after it, as the snapshot keeper reads them, it gives the same table.
        if (seq < game.entries.length)
          expect(replay({ table: game.table, log: game.entries.slice(seq), snapshot }).state).toEqual(full.state);
      }
      expect(used).toBeGreaterThan(game.entries.length / 2);
    });
  }

  it("given an undo of an entry before the snapshot, then the snapshot is not used (it holds what was undone)", () => {
    const game = playedGame(longTable("annulation-lointaine"), 20);
    const snapshot = snapshotAt(game, game.entries.length);
    const undone = game.entries.findLast((logged) => logged.entry.kind === "action");
    expect(game.undo("Awa")).toBe(true);

    expect(snapshotFits(snapshot, game.entries)).toBe(false);
    const replayed = replay({ table: game.table, log: game.entries, snapshot });
    expect(replayed.from).toBe(0);
    expect(replayed.state).toEqual(game.state);
    expect(replayed.state).not.toEqual(snapshot.state);
    expect(undone).toBeDefined();
  });

  it("given only the entries after a snapshot that does not fit, then replay refuses rather than guess", () => {
    const game = playedGame(longTable("sans-debut"), 20);
    const snapshot = snapshotAt(game, 10);
    const tail: LogEntry[] = game.entries.slice(12);

    expect(() => replay({ table: game.table, log: tail, snapshot })).toThrow(/without a snapshot that fits/);
  });
});
