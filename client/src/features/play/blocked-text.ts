// Says in words why something is not on offer right now (whose turn it is, which phase…).
import type { TableView } from "#client/net/types.ts";
import type { Blocker } from "#client/store/can.ts";
import { displayName } from "./names.ts";

type T = (key: string, params?: Record<string, unknown>) => string;

export function blockedText(blocker: Blocker, table: TableView | null, t: T): string {
  if (blocker !== "notYourTurn") return t(`play.blocked.${blocker}`);
  const current = table?.turns.current;
  if (!current) return t("play.blocked.notYourTurnNobody");
  return t("play.blocked.notYourTurn", { name: displayName(table.participants.find((p) => p.id === current), t) });
}
