// The shared screen, for a projector or a shared video-call window: large type, the table's title and phase, the timer
// readable across a room, the whole path, and while the table accepts arrivals (facilitator's screen only) a large QR
// code and the short join code. Opened from the facilitator's « Présenter », and by the observer link.
import { useEffect, useRef } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { JOIN_PHASES } from "#shared/rules/permissions.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { ConnectionStatus } from "#client/ui/ConnectionStatus.tsx";
import { FullscreenButton } from "#client/ui/FullscreenButton.tsx";
import { Notice } from "#client/ui/Notice.tsx";
import { DebriefPanel } from "../play/DebriefPanel.tsx";
import { TimerPanel } from "../play/TimerPanel.tsx";
import { useNameOf } from "../play/names.ts";
import { SetupSummary } from "../preparation/SetupSummary.tsx";
import { PathView } from "../table/PathView.tsx";
import { PlacingContext } from "../table/PlacingContext.tsx";
import { useShareLinks } from "../table/use-share-links.ts";
import { JoinInvite } from "./JoinInvite.tsx";
import { StoryEntry } from "./StoryEntry.tsx";
import { AnnouncementBanner } from "../workshop-table/AnnouncementBanner.tsx";
import { useFocusOnSwitch } from "./use-focus-on-switch.ts";
import "./present.css";

export function PresentationScreen({ onExit, exitLabel }: { onExit: () => void; exitLabel: string }) {
  const { t } = useTranslation();
  const title = useTableStore((s) => s.table?.title ?? "");
  const phase = useTableStore((s) => s.table?.phase);
  const locked = useTableStore((s) => s.table?.locked ?? false);
  const links = useShareLinks();
  const heading = useFocusOnSwitch<HTMLHeadingElement>();
  useEscapeToLeave(onExit);
  if (!phase) return null;
  // Arrivals are open in these phases unless the table is locked (the server decides; this only shapes the screen).
  const open = JOIN_PHASES.includes(phase) && !locked;

  return (
    <div className={`present present--${phase}`}>
      <header className="present__top">
        <div className="present__title">
          <p className="present__app">{t("app.name")}</p>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
        </div>
        <p className={`present__phase phase--${phase}`}>{t("table.phaseLabel", { phase: t(`phase.${phase}`) })}</p>
        <TimerPanel variant="present" />
        <div className="present__actions">
          <StoryEntry className="button button--primary" />
          <FullscreenButton />
          <button type="button" className="button" onClick={onExit} aria-keyshortcuts="Escape">
            {exitLabel}
          </button>
          <ConnectionStatus />
        </div>
      </header>
      <AnnouncementBanner variant="present" />
      <Notice />
      <div className={`present__layout${open && links ? " present__layout--join" : ""}`}>
        <div className="present__main">
          {phase === "preparation" && (
            <section className="present__setup" aria-labelledby="present-setup-heading">
              <h2 id="present-setup-heading">{t("present.setupHeading")}</h2>
              <SetupSummary />
            </section>
          )}
          <PlacingContext>
            <PathView variant="present" />
          </PlacingContext>
          {/* The story stays first on the shared screen; who has written their debrief is counted on the side. */}
          {(phase === "debrief" || phase === "closed") && <DebriefPanel />}
        </div>
        <aside className="present__side" aria-label={t("present.heading")}>
          {open && links && <JoinInvite links={links} />}
          <TableFacts />
        </aside>
      </div>
    </div>
  );
}

/**
 * Escape leaves the shared screen, as it leaves a slide show, unless something inside took it first: the story
 * presentation, a step opened in full, a dialog, a text field (listened to on the window, after all of those).
 */
function useEscapeToLeave(onExit: () => void) {
  const exit = useRef(onExit);
  exit.current = onExit;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest("input, textarea, select, [contenteditable='true'], dialog")) return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      exit.current();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** How many people, how many steps, whose turn it is: read from across the room. */
function TableFacts() {
  const { t } = useTranslation();
  const people = useTableStore((s) => s.table?.participants.filter((p) => !p.removed).length ?? 0);
  const steps = useTableStore((s) => s.table?.path.length ?? 0);
  const current = useTableStore((s) =>
    s.table?.phase === "play" && s.table.turns.mode === "turns" ? s.table.turns.current : null,
  );
  const debriefing = useTableStore((s) => s.table?.phase === "debrief" || s.table?.phase === "closed");
  // The players whose debriefs make the table win: seated, not facilitating (as DebriefPanel counts them).
  const total = useTableStore((s) => s.table?.participants.filter((p) => !p.removed && !p.facilitator).length ?? 0);
  const written = useTableStore(
    (s) => s.table?.participants.filter((p) => !p.removed && !p.facilitator && p.debrief).length ?? 0,
  );
  const nameOf = useNameOf();
  return (
    <ul className="present__facts">
      {current && <li className="present__turn">{t("play.turns.waiting", { name: nameOf(current) })}</li>}
      {debriefing && <li className="present__turn">{t("play.debrief.progress", { count: written, total })}</li>}
      <li>{t("present.people", { count: people })}</li>
      <li>{t("present.steps", { count: steps })}</li>
    </ul>
  );
}
