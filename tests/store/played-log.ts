// A table's log written the way the room writes it, with the real rules: joins, draws, placements, narrations, undos.
// The store tests replay it from snapshots and from the start; the live state is kept beside it to compare.
import type { Action, TableState } from "#shared/model.ts";
import { applyEntry, replay, undoTarget } from "#server/store/replay.ts";
import type { JoinEntry, LogEntry, TableCreation } from "#server/store/table-store.ts";
import { idOf, manyLevers, NOW, openTable, SMALL_DECK } from "../fixtures.ts";

/** A table with levers enough for a long game. */
export function longTable(id: string): TableCreation {
  const initial = { ...openTable({ cards: [...SMALL_DECK, ...manyLevers(150)] }), id };
  return {
    id,
    createdAt: NOW,
    facilitatorKeyHash: `hash-${id}`,
    invite: `invite-${id}`,
    observerKey: `observer-${id}`,
    joinCode: "K7PQ2MXR",
    workshopId: null,
    initial,
  };
}

export class PlayedLog {
  readonly table: TableCreation;
  entries: LogEntry[] = [];
  state: TableState;

  constructor(table: TableCreation) {
    this.table = table;
    this.state = table.initial;
  }

  join(name: string, facilitator = false): this {
    const entry: JoinEntry = {
      kind: "join",
      participantId: idOf(name),
      name,
      role: facilitator ? "animatrice" : "habitant·e",
      facilitator,
      seatKeyHash: `seat-${name}`,
    };
    return this.#push(`join:${idOf(name)}`, entry);
  }

  act(name: string, action: Action): this {
    return this.#push(`${idOf(name)}:${this.entries.length + 1}`, { kind: "action", actorId: idOf(name), action });
  }

  /** The facilitator undoes the last action not undone; as the room does, an undo whose replay fails is not logged. */
  undo(name: string): boolean {
    const undoes = undoTarget(this.entries);
    if (!undoes) return false;
    const logged = this.#logged(`${idOf(name)}:undo-${this.entries.length + 1}`, {
      kind: "undo",
      actorId: idOf(name),
      undoes,
    });
    try {
      this.state = replay({ table: this.table, log: [...this.entries, logged] }).state;
    } catch {
      return false;
    }
    this.entries.push(logged);
    return true;
  }

  /** One move of this person, whatever fits: draw a lever, place the card in hand after the last step, tell their step. */
  move(name: string, round: number): this {
    const person = this.state.participants.find((p) => p.id === idOf(name));
    if (!person) throw new Error(`${name} is not seated`);
    const card = person.hand[0];
    const ownStep = this.state.path.findLast((step) => step.placedBy === person.id && !step.narration);
    if (ownStep)
      return this.act(name, {
        type: "narrate",
        stepId: ownStep.id,
        text: `« Étape ${round} » racontée par ${name} 🌳`,
      });
    if (card) return this.act(name, { type: "place", cardId: card, afterStepId: this.state.path.at(-1)?.id ?? null });
    return this.act(name, { type: "draw", deck: "lever" });
  }

  #push(entryId: string, entry: LogEntry["entry"]): this {
    const logged = this.#logged(entryId, entry);
    this.state = applyEntry(this.state, logged);
    this.entries.push(logged);
    return this;
  }

  #logged(entryId: string, entry: LogEntry["entry"]): LogEntry {
    const seq = this.entries.length + 1;
    return { seq, entryId, at: NOW + seq * 1000, entry };
  }
}

/**
 * A long game of three people, a fourth arriving halfway, and undos (one, then three in a row) at the given entries:
 * `steps` entries or a few more.
 */
export function playedGame(table: TableCreation, steps: number, undosAt: readonly number[] = []): PlayedLog {
  const log = new PlayedLog(table).join("Awa", true).join("Bastien").join("Chloé").act("Awa", { type: "startPlay" });
  const players = ["Bastien", "Chloé", "Awa"];
  const undone = new Set<number>();
  for (let round = 1; log.entries.length < steps; round++) {
    if (log.entries.length >= steps / 2 && !players.includes("Dorian")) {
      log.join("Dorian");
      players.push("Dorian");
    }
    for (const name of players) log.move(name, round);
    for (const [i, at] of undosAt.entries()) {
      if (undone.has(at) || log.entries.length < at) continue;
      undone.add(at);
      for (let times = i % 2 === 0 ? 1 : 3; times > 0; times--) log.undo("Awa");
    }
  }
  return log;
}
