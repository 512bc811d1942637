// The table: a compact header (title, phase, timer, connection, the facilitator's tools), the phase bar, then what this
// phase asks of the person first — the setup in Préparation, the path with the hand in Jeu, the debrief in Débrief,
// the story and its downloads at Récit terminé — with the hand, piles and people beside it (below it on a phone).
import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Phase } from "#shared/model.ts";
import { PHASE_GUIDE } from "#shared/rules/permissions.ts";
import type { Secret } from "#client/net/connection.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import { ConnectionStatus } from "#client/ui/ConnectionStatus.tsx";
import { Notice } from "#client/ui/Notice.tsx";
import { PhaseBar } from "../phases/PhaseBar.tsx";
import { DebriefPanel } from "../play/DebriefPanel.tsx";
import { TakeHome } from "../play/TakeHome.tsx";
import { TimerPanel } from "../play/TimerPanel.tsx";
import { TurnOrder } from "../play/TurnOrder.tsx";
import { useAmFacilitator } from "#client/store/can.ts";
import { PreparationPanel } from "../preparation/PreparationPanel.tsx";
import { useFocusOnSwitch } from "../present/use-focus-on-switch.ts";
import { AnnouncementBanner } from "../workshop-table/AnnouncementBanner.tsx";
import { BackToWorkshop } from "../workshop-table/BackToWorkshop.tsx";
import { useMovedNotice } from "../workshop-table/MovedAway.tsx";
import { DeckPiles } from "./DeckPiles.tsx";
import { FacilitatorDrawer, StoryDownloads } from "./FacilitatorPanel.tsx";
import { Hand } from "./Hand.tsx";
import { PathView } from "./PathView.tsx";
import { People } from "./People.tsx";
import { Publication } from "./Publication.tsx";
import { PlacingContext } from "./PlacingContext.tsx";
import { SkipLinks } from "./SkipLinks.tsx";
import { useAfterFirstPaint } from "./after-first-paint.ts";
import { focusSection } from "./focus-section.ts";
import "./table-screen.css";

interface Props {
  tableId: string;
  secret: Secret;
  /** Switches this page to the shared screen (facilitators and observers). */
  onPresent: () => void;
  /**
   * The person has just filled a form to be here: the join form, or the setup form that opened the table (not back at
   * a seat this browser holds, as on a reload).
   */
  arriving?: boolean;
}

export function TableScreen({ tableId, secret, onPresent, arriving = false }: Props) {
  const { t } = useTranslation();
  const title = useTableStore((s) => s.table?.title ?? "");
  const phase = useTableStore((s) => s.table?.phase);
  const me = useTableStore(selectMe);
  // From the table, not from how this browser joined: a co-facilitator or a hand-over changes it.
  const facilitating = useAmFacilitator();
  const [tools, setTools] = useState(false);
  const toolsButton = useRef<HTMLButtonElement>(null);
  const heading = useFocusOnSwitch<HTMLHeadingElement>();
  useStartAtTop(heading, arriving);
  const arrival = usePhaseArrival(phase, me?.observer ? "observer" : facilitating ? "facilitator" : "participant");
  // The side column (below the path on a phone) renders right after the first paint (after-first-paint.ts).
  const painted = useAfterFirstPaint();
  useMovedNotice(tableId);
  if (!phase || !me) return null;

  const playing = phase === "play" && !me.observer;
  const closeTools = () => {
    setTools(false);
    toolsButton.current?.focus();
  };

  return (
    <div className={`page page--table table-screen table-screen--${phase}`}>
      {/* The hand and the piles arrive with the side column, after the first paint: the links look again then. */}
      <SkipLinks watch={`${phase}:${me.observer}:${painted}`} dock={playing} />
      <header className="table-top">
        <div className="table-top__title">
          <BackToWorkshop tableId={tableId} secret={secret} />
          <p className="masthead__name">{t("app.name")}</p>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
        </div>
        <div className="table-top__status">
          <p className={`phase phase--${phase}`}>{t("table.phaseLabel", { phase: t(`phase.${phase}`) })}</p>
          <TimerPanel />
          <ConnectionStatus />
        </div>
        {(facilitating || me.observer) && (
          <div className="table-top__actions">
            <button type="button" className="button button--small" aria-describedby="present-hint" onClick={onPresent}>
              {t("facilitatorBar.present")}
            </button>
            <span id="present-hint" className="visually-hidden">
              {t("facilitatorBar.presentHint")}
            </span>
            {facilitating && (
              <button
                ref={toolsButton}
                type="button"
                className="button button--small button--primary"
                aria-expanded={tools}
                aria-controls="facilitator-drawer"
                onClick={() => (tools ? closeTools() : setTools(true))}
              >
                <span aria-hidden="true">☰ </span>
                {t("facilitatorBar.tools")}
              </button>
            )}
          </div>
        )}
      </header>
      {me.observer && (
        <p className="observer-banner" role="note">
          {t("preparation.observer.banner")}
        </p>
      )}
      <PhaseBar />
      <AnnouncementBanner />
      <Notice />
      <p className="visually-hidden" aria-live="polite">
        {arrival}
      </p>
      <PlacingContext>
        <div className="table-layout">
          <div className="table-main">
            <PhaseContent phase={phase} facilitating={facilitating} tableId={tableId} secret={secret} />
          </div>
          <aside className="table-side" aria-label={me.observer ? t("preparation.observer.side") : t("hand.heading")}>
            {/* Turns, piles and hand only while playing: other phases have nothing to draw or place. */}
            {painted && phase === "play" && <TurnOrder />}
            {painted && playing && <DeckPiles />}
            {painted && playing && <Hand />}
            {painted && <People />}
          </aside>
        </div>
      </PlacingContext>
      {facilitating && <FacilitatorDrawer tableId={tableId} secret={secret} open={tools} onClose={closeTools} />}
    </div>
  );
}

/**
 * What the phase asks first, then the rest: the setup folds away under the story once play has started. The rest
 * renders right after the first paint (after-first-paint.ts).
 */
function PhaseContent({
  phase,
  facilitating,
  tableId,
  secret,
}: {
  phase: Phase;
  facilitating: boolean;
  tableId: string;
  secret: Secret;
}) {
  const painted = useAfterFirstPaint();
  const setup = <PreparationPanel key="setup" />;
  const path = <PathView key="path" />;
  const debrief = <DebriefPanel key="debrief" />;
  const order: Record<Phase, ReactNode[]> = {
    preparation: [setup, path],
    play: [path, setup],
    debrief: [debrief, path, setup],
    closed: [
      <ClosedStory key="closed" facilitating={facilitating} tableId={tableId} secret={secret} />,
      path,
      debrief,
      setup,
    ],
  };
  return <>{painted ? order[phase] : order[phase].slice(0, 1)}</>;
}

/** At Récit terminé, above the story: it is over, the downloads (in plain sight), taking one's part home, publishing it. */
function ClosedStory({ facilitating, tableId, secret }: { facilitating: boolean; tableId: string; secret: Secret }) {
  const { t } = useTranslation();
  return (
    <section className="panel closed-story" aria-labelledby="closed-heading">
      <h2 id="closed-heading">{t("facilitatorBar.closedHeading")}</h2>
      <p className="field__hint">
        {t(facilitating ? "facilitatorBar.closedIntro" : "facilitatorBar.closedIntroParticipant")}
      </p>
      {facilitating && (
        <>
          <h3 className="closed-story__downloads">{t("facilitatorBar.downloadsHeading")}</h3>
          <StoryDownloads tableId={tableId} secret={secret} />
        </>
      )}
      <TakeHome tableId={tableId} withStory={!(facilitating && secret.kind === "facilitator")} />
      <Publication />
    </section>
  );
}

/**
 * Who arrives from a form (joining, or opening the table) starts at the table's top, the focus on its title: the form
 * is long on a phone, its button at the bottom, and the table kept that scroll (the phase and what to do now out of
 * sight), or the focus was left on the page's body. Once, on arrival.
 */
function useStartAtTop(title: RefObject<HTMLElement | null>, arriving: boolean) {
  useEffect(() => {
    if (!arriving) return;
    window.scrollTo(0, 0);
    title.current?.focus({ preventScroll: true });
  }, [title, arriving]);
}

/** The heading each phase opens on: the first thing it asks. */
const PHASE_TOP: Record<Phase, string> = {
  preparation: "preparation-heading",
  play: "path-heading",
  debrief: "debrief-heading",
  closed: "closed-heading",
};

/**
 * On a phase change, brings the person to the top of what the new phase asks (scroll and focus), unless they are
 * typing in a field that is still there; and says the new phase and what it asks, politely.
 */
function usePhaseArrival(phase: Phase | undefined, who: "facilitator" | "participant" | "observer"): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const seen = useRef(phase);
  useEffect(() => {
    if (!phase || seen.current === phase) return;
    const first = seen.current === undefined;
    seen.current = phase;
    if (first) return;
    setMessage(t("layout.phaseChanged", { phase: t(`phase.${phase}`), guide: t(PHASE_GUIDE[phase][who]) }));
    const active = document.activeElement;
    const typing =
      active instanceof HTMLElement &&
      active.isConnected &&
      active.matches("input, textarea, select, [contenteditable]");
    if (!typing) focusSection(PHASE_TOP[phase], { scroll: "top" });
  }, [phase, who, t]);
  return message;
}
