// What this browser may offer now: the store's selectors of rights, read by every feature. They ask the rules' own
// blockerOf (shared/rules/may-act.ts, the same function the server's canAct asks) of the synced table, and sort its
// answer into what the screen says about it.
import type { ActionType } from "#shared/model.ts";
import type { Whoami } from "#shared/protocol.ts";
import { blockerOf as rulesBlocker, type Blocker as RulesBlocker } from "#shared/rules/may-act.ts";
import type { TableView } from "#client/net/types.ts";
import { useTableStore, type TableStoreState } from "#client/store/table-store.ts";

/** Why an action is not on offer, as the screen tells it (play.blocked.*); null when it is. */
export type Blocker = "observer" | "removed" | "facilitatorOnly" | "wrongPhase" | "notYourTurn";

const SHOWN_AS: Record<RulesBlocker, Blocker> = {
  notSeated: "observer",
  workshopActorNotAllowed: "observer",
  participantMoved: "removed",
  participantRemoved: "removed",
  // Moving someone to another table is the workshop facilitator's, from the overview: never offered at a table.
  workshopOnly: "facilitatorOnly",
  facilitatorOnly: "facilitatorOnly",
  wrongPhase: "wrongPhase",
  storyClosed: "wrongPhase",
  notYourTurn: "notYourTurn",
  nobodysTurn: "notYourTurn",
};

export function blockerOf(table: TableView | null, me: Whoami | null, type: ActionType): Blocker | null {
  if (!table || !me?.participantId) return "observer";
  const blocker = rulesBlocker(table, me.participantId, type);
  return blocker === null ? null : SHOWN_AS[blocker];
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
