// What this browser may offer now: reads the permission table of the rules (shared/rules/permissions.ts), never restates it.
import type { ActionType } from "#shared/model.ts";
import type { Whoami } from "#shared/protocol.ts";
import { ACTION_RULES } from "#shared/rules/permissions.ts";
import type { TableView } from "#client/net/types.ts";
import { useTableStore, type TableStoreState } from "#client/store/table-store.ts";

/** Why an action is not on offer; null when it is. */
export type Blocker = "observer" | "removed" | "facilitatorOnly" | "wrongPhase" | "notYourTurn";

export function blockerOf(table: TableView | null, me: Whoami | null, type: ActionType): Blocker | null {
  const seat = table?.participants.find((p) => p.id === me?.participantId);
  if (!table || !seat) return "observer";
  if (seat.removed) return "removed";
  const rule = ACTION_RULES[type];
  // Moving someone to another table is the workshop facilitator's, from the overview: never offered at a table.
  if (rule.who === "workshop" || (rule.who === "facilitator" && !seat.facilitator)) return "facilitatorOnly";
  if (!rule.phases.includes(table.phase)) return "wrongPhase";
  if (rule.onTurn && table.turns.mode === "turns" && table.turns.current !== seat.id) return "notYourTurn";
  return null;
}

/** Why I may not do this now (null: I may); re-renders only when the answer changes. */
export function useBlocker(type: ActionType): Blocker | null {
  return useTableStore((s: TableStoreState) => blockerOf(s.table, s.me, type));
}

export function useCan(type: ActionType): boolean {
  return useBlocker(type) === null;
}

/** Facilitator rights follow the table (co-facilitation, hand-over), not only how this browser joined. */
export function useAmFacilitator(): boolean {
  return useTableStore((s) => {
    const seat = s.table?.participants.find((p) => p.id === s.me?.participantId);
    return Boolean(seat?.facilitator && !seat.removed);
  });
}

export function useMyId(): string | null {
  return useTableStore((s) => s.me?.participantId ?? null);
}
