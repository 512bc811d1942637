// A table of a workshop opened with the workshop facilitator's secret (« Ouvrir la table » on the overview puts it in
// the address): a plain link back to the workshop's overview, with that same secret, nothing more. The server names the
// workshop to that secret only: a table's own facilitator link (handed to a helper), a participant's and an observer's
// get no workshop, and no link (a participant's way into the workshop, the lobby, sends a seated browser back here).
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { workshopLink } from "#shared/workshop.ts";
import { fetchWorkshopOfTable } from "#client/net/api.ts";
import type { Secret } from "#client/net/connection.ts";
import "./workshop-table.css";

export function BackToWorkshop({ tableId, secret }: { tableId: string; secret: Secret }) {
  const { t } = useTranslation();
  const workshopId = useWorkshopOfTable(tableId, secret);
  if (!workshopId || secret.kind !== "facilitator") return null;
  return (
    <p className="back-to-workshop">
      <a href={workshopLink(workshopId, "facilitator", secret.value)}>
        <span aria-hidden="true">← </span>
        {t("workshopRules.backToOverview")}
      </a>
    </p>
  );
}

/** Asked once per table and secret while the page lives: the table screen comes and goes (the shared screen). */
const asked = new Map<string, Promise<string | null>>();

/** The workshop whose facilitator secret this page was opened with, once the server says so; null for any other link. */
function useWorkshopOfTable(tableId: string, secret: Secret): string | null {
  const [workshopId, setWorkshopId] = useState<string | null>(null);
  useEffect(() => {
    if (secret.kind !== "facilitator") return;
    const key = `${tableId}#${secret.value}`;
    let answer = asked.get(key);
    if (!answer) {
      // Not kept when the server could not be reached: the next table screen asks again.
      answer = fetchWorkshopOfTable(tableId, secret.value).catch(() => {
        asked.delete(key);
        return null;
      });
      asked.set(key, answer);
    }
    let current = true;
    void answer.then((id) => current && setWorkshopId(id));
    return () => {
      current = false;
    };
  }, [tableId, secret]);
  return workshopId;
}
