// The workshop facilitator's page: the live overview of every table, acting on all of them at once, the room's way in,
// the plenary and the workshop's book, in three sections. Joins the workshop room on its own and stays joined.
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { joinWorkshop, leaveWorkshop } from "#client/net/workshop-connection.ts";
import { selectOverview, selectWorkshopConnection, useWorkshopStore } from "#client/store/workshop-store.ts";
import { BookDownloads } from "../plenary/BookDownloads.tsx";
import { Plenary } from "../plenary/Plenary.tsx";
import { BroadcastPanel } from "./BroadcastPanel.tsx";
import { SharePanel } from "./SharePanel.tsx";
import { TableGrid } from "./TableGrid.tsx";
import { Tabs, type Section } from "./Tabs.tsx";
import "./dashboard.css";

export function Dashboard({ workshopId, facilitatorKey }: { workshopId: string; facilitatorKey: string }) {
  const { t } = useTranslation();
  const overview = useWorkshopStore(selectOverview);
  const connection = useWorkshopStore(selectWorkshopConnection);
  const [section, setSection] = useState<Section>("overview");

  useEffect(() => {
    // A refusal (wrong link, no such workshop) lands in the store's connection error, shown below.
    joinWorkshop(workshopId, { facilitatorKey }).catch(() => undefined);
    return () => leaveWorkshop();
  }, [workshopId, facilitatorKey]);

  useEffect(() => {
    if (overview?.title) document.title = overview.title;
  }, [overview?.title]);

  return (
    <div className="page dashboard">
      <header className="dashboard__header">
        <div>
          <h1>{overview?.title ?? t("workshopOverview.connecting")}</h1>
          {overview?.date && (
            <p className="dashboard__date">
              {new Date(`${overview.date}T12:00:00`).toLocaleDateString("fr-FR", { dateStyle: "full" })}
            </p>
          )}
          {overview && <p className="dashboard__keep field__hint">{t("workshopOverview.keepLink")}</p>}
        </div>
        <p className={`connection connection--${connection.status}`} role="status">
          <span className="connection__dot" aria-hidden="true" />
          {connection.error ?? t(`connection.${connection.status}`)}
        </p>
      </header>
      {connection.error && connection.status === "idle" ? (
        <p role="alert" className="form__error">
          {connection.error}
        </p>
      ) : (
        <>
          <Tabs current={section} onChange={setSection} />
          <div
            role="tabpanel"
            id={`dashboard-panel-${section}`}
            aria-labelledby={`dashboard-tab-${section}`}
            className="dashboard__panel"
          >
            {section === "overview" &&
              (overview ? (
                <div className="dashboard__overview">
                  <div className="dashboard__side">
                    <BroadcastPanel overview={overview} />
                    <SharePanel />
                  </div>
                  <TableGrid overview={overview} facilitatorKey={facilitatorKey} />
                </div>
              ) : (
                <p role="status">{t("workshopOverview.connecting")}</p>
              ))}
            {section === "plenary" && <Plenary workshopId={workshopId} secret={{ facilitatorKey }} />}
            {section === "book" && <BookDownloads workshopId={workshopId} facilitatorKey={facilitatorKey} />}
          </div>
        </>
      )}
    </div>
  );
}
