// Says in words why something is not on offer right now (whose turn it is, which phase…).
import type { TableView } from "#client/net/types.ts";
import type { Translate } from "#shared/i18n/translate.ts";
import type { Blocker } from "#client/store/can.ts";
import { displayName } from "./names.ts";

export function blockedText(blocker: Blocker, table: TableView | null, t: Translate): string {
  if (blocker !== "notYourTurn") return t(`play.blocked.${blocker}`);
  const current = table?.turns.current;
  if (!current) return t("play.blocked.notYourTurnNobody");
  return t("play.blocked.notYourTurn", {
    name: displayName(
      table.participants.find((p) => p.id === current),
      t,
    ),
  });
}
