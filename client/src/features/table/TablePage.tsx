// /t/:tableId — reads the link's secret, seats the person (or opens the table read-only for an observer), then shows the table.
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { parseLinkSecret } from "#shared/protocol-constants.ts";
import { leaveTable } from "#client/net/connection.ts";
import { loadSeat } from "#client/net/seat.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import { JoinForm } from "../join/JoinForm.tsx";
import { useDocumentTitle } from "../join/use-document-title.ts";
import { usePresentationMode } from "../present/use-presentation.ts";
import { MovedAway } from "../workshop-table/MovedAway.tsx";
import { TableGone } from "./TableGone.tsx";
import { takeAutoJoin } from "./auto-join.ts";
// The table's screens load with the table, not with the join form (table-parts.tsx).
import { PresentationScreen, TableScreen, usePreloadTable } from "./table-parts.tsx";

export function TablePage({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  const secret = useMemo(() => parseLinkSecret(window.location.hash), []);
  // The facilitator coming from the setup form (or someone moved here from another table of the workshop), or a
  // browser already seated at this table (reload, days later). Arriving from a form, the table opens at its top.
  const [{ autoJoin, arriving }] = useState(() => {
    const identity = takeAutoJoin(tableId);
    if (identity) return { autoJoin: identity, arriving: true };
    const seated = loadSeat(tableId)?.seated === true;
    return { autoJoin: seated ? { name: "", role: "" } : null, arriving: !seated };
  });
  const me = useTableStore(selectMe);
  const hasTable = useTableStore((s) => s.table !== null);
  const gone = useTableStore((s) => s.gone);
  const moved = useTableStore((s) => s.moved);
  // The tab names the table once it is here (the join form names it before).
  useDocumentTitle(useTableStore((s) => s.table?.title));
  // The shared screen: where an observer's link lands (a projector), and where a facilitator's « Présenter » goes.
  const [presenting, setPresenting] = usePresentationMode(secret?.kind === "observer");
  usePreloadTable(autoJoin !== null || secret?.kind === "observer", presenting);

  useEffect(() => () => void leaveTable(), []);

  if (moved) return <MovedAway fromTableId={tableId} moved={moved} />;
  if (gone) return <TableGone message={gone} />;
  if (!secret) {
    return (
      <div className="page page--narrow">
        <h1>{t("join.headingUnknown")}</h1>
        <p role="alert">{t("join.noSecret")}</p>
      </div>
    );
  }
  if (!me || !hasTable) return <JoinForm tableId={tableId} secret={secret} autoJoin={autoJoin} />;
  if (presenting) {
    return (
      <PresentationScreen
        onExit={() => setPresenting(false)}
        exitLabel={t(me.observer ? "present.toTable" : "present.exit")}
      />
    );
  }
  return (
    <TableScreen
      tableId={tableId}
      secret={secret}
      onPresent={() => setPresenting(true)}
      arriving={arriving && secret.kind !== "observer"}
    />
  );
}
