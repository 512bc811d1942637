// The page of someone the workshop facilitator moved to another table: it says so, keeps who they are, and opens the
// new table's link, where they are seated without a form and told where they are (useMovedNotice).
import { useEffect } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { showNotice, type MovedAway as Moved } from "#client/store/table-store.ts";
import { followMove, isTablePath, takeMovedNotice } from "./follow-move.ts";
import "./workshop-table.css";

export function MovedAway({ fromTableId, moved }: { fromTableId: string; moved: Moved }) {
  const { t } = useTranslation();
  const table = moved.table || t("workshopRules.moved.anotherTable");
  const valid = isTablePath(moved.path);

  useEffect(() => {
    if (!valid) return;
    followMove(fromTableId, moved);
    // A whole new page: the new table's link carries its own secret, read when the page starts.
    window.location.assign(moved.path);
  }, [fromTableId, moved, valid]);

  return (
    <div className="page page--narrow moved-page">
      <h1>{t("workshopRules.moved.pageHeading")}</h1>
      <p role="status">{valid ? t("workshopRules.moved.leaving", { table }) : t("refusal.seatMoved", { table })}</p>
    </div>
  );
}

/** At the new table, once seated: « Vous avez été déplacé·e vers Table 2 », said politely (it fades like any information). */
export function useMovedNotice(tableId: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    const table = takeMovedNotice(tableId);
    if (table !== null)
      showNotice("info", t("workshopRules.moved.notice", { table: table || t("workshopRules.moved.anotherTable") }));
  }, [tableId, t]);
}
