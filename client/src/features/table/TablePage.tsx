// /t/:tableId — reads the link's secret, seats the person (or opens the table read-only for an observer), then shows the table.
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LINK_KEYS } from "../../../../shared/protocol.ts";
import { leaveTable, type Secret } from "../../net/connection.ts";
import { loadSeat } from "../../net/seat.ts";
import { selectMe, useTableStore } from "../../store/table-store.ts";
import { JoinForm } from "../join/JoinForm.tsx";
import { TableGone } from "./TableGone.tsx";
import { secretFromLocation, takeAutoJoin } from "./auto-join.ts";
import { TableScreen } from "./TableScreen.tsx";

export function TablePage({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  const secret = useMemo(() => linkSecret(window.location.hash), []);
  // The facilitator coming from the setup form, or a browser already seated at this table (reload, days later).
  const [autoJoin] = useState(() => takeAutoJoin(tableId) ?? (loadSeat(tableId)?.seated ? { name: "", role: "" } : null));
  const me = useTableStore(selectMe);
  const hasTable = useTableStore((s) => s.table !== null);
  const gone = useTableStore((s) => s.gone);

  useEffect(() => () => void leaveTable(), []);

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
  return <TableScreen tableId={tableId} secret={secret} />;
}

/** The facilitator's, a participant's or an observer's link secret (in the fragment, never sent by the browser). */
function linkSecret(hash: string): Secret | null {
  const seated = secretFromLocation(hash);
  if (seated) return seated;
  const observer = new URLSearchParams(hash.replace(/^#/, "")).get(LINK_KEYS.observer);
  return observer ? { kind: "observer", value: observer } : null;
}
