// The table: the phase and what is expected now, the path from today to the horizon, the piles, my hand, the people, the facilitator's controls.
import { useTranslation } from "react-i18next";
import type { Secret } from "../../net/connection.ts";
import { selectMe, selectTable, useTableStore } from "../../store/table-store.ts";
import { ConnectionStatus } from "../../ui/ConnectionStatus.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { DeckPiles } from "./DeckPiles.tsx";
import { FacilitatorPanel } from "./FacilitatorPanel.tsx";
import { Hand } from "./Hand.tsx";
import { PathView } from "./PathView.tsx";
import { People } from "./People.tsx";
import { PlacingContext } from "./PlacingContext.tsx";
import { PhaseBar } from "../phases/PhaseBar.tsx";
import { PreparationPanel } from "../preparation/PreparationPanel.tsx";
import { PlayControls } from "../play/PlayControls.tsx";
import { DebriefPanel } from "../play/DebriefPanel.tsx";
import { useAmFacilitator } from "../play/can.ts";

export function TableScreen({ tableId, secret }: { tableId: string; secret: Secret }) {
  const { t } = useTranslation();
  const table = useTableStore(selectTable);
  const me = useTableStore(selectMe);
  // From the table, not from how this browser joined: a co-facilitator or a hand-over changes it.
  const facilitating = useAmFacilitator();
  if (!table || !me) return null;

  return (
    <div className="page page--table">
      <header className="table-header">
        <div>
          <p className="masthead__name">{t("app.name")}</p>
          <h1>{table.title}</h1>
        </div>
        <div className="table-header__status">
          <p className={`phase phase--${table.phase}`}>{t("table.phaseLabel", { phase: t(`phase.${table.phase}`) })}</p>
          <ConnectionStatus />
        </div>
      </header>
      {me.observer && (
        <p className="observer-banner" role="note">
          {t("preparation.observer.banner")}
        </p>
      )}
      <PhaseBar />
      <Notice />
      <PlayControls />
      <PlacingContext>
        <div className="table-layout">
          <div className="table-main">
            <PreparationPanel />
            <DebriefPanel />
            <PathView />
          </div>
          <aside className="table-side" aria-label={me.observer ? t("preparation.observer.side") : t("hand.heading")}>
            {facilitating && <FacilitatorPanel tableId={tableId} secret={secret} />}
            {/* An observer holds no hand and draws nothing. */}
            {!me.observer && <DeckPiles />}
            {!me.observer && <Hand />}
            <People />
          </aside>
        </div>
      </PlacingContext>
    </div>
  );
}
