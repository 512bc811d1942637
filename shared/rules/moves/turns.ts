// Free play or turns: the facilitator switches mode, skips and reorders; the player whose turn it is may pass.
import { accept, refuse } from "../result.ts";
import { nextInOrder, players } from "../turns.ts";
import type { MovesOf } from "./move.ts";

export const TURN_MOVES: MovesOf<"setTurnMode" | "passTurn" | "skipTurn" | "reorderTurns"> = {
  setTurnMode(state, _actor, { mode }) {
    const { turns } = state;
    if (turns.mode === mode) return refuse(mode === "turns" ? "alreadyTurns" : "alreadyFreePlay");
    turns.mode = mode;
    if (mode === "free") {
      turns.current = null;
      return accept(state);
    }
    if (turns.order.length === 0) turns.order = players(state);
    turns.current = turns.order[0] ?? null;
    return accept(state);
  },

  passTurn(state) {
    if (state.turns.mode !== "turns") return refuse("noTurns");
    state.turns.current = nextInOrder(state.turns.order, state.turns.current);
    return accept(state);
  },

  skipTurn(state) {
    if (state.turns.mode !== "turns") return refuse("noTurns");
    state.turns.current = nextInOrder(state.turns.order, state.turns.current);
    return accept(state);
  },

  reorderTurns(state, _actor, { order }) {
    const now = state.turns.order;
    const same =
      order.length === now.length && new Set(order).size === order.length && order.every((id) => now.includes(id));
    if (!same) return refuse("turnOrderMismatch");
    state.turns.order = [...order];
    return accept(state);
  },
};
