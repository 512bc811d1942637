// One table on the dashboard: its phase, who is there, how far its story is, its timer and latest step, and what the
// workshop facilitator does with it (open it with full rights, hand it to a helper, move someone before play).
import { memo, useEffect, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { tableLink } from "#shared/protocol-constants.ts";
import type { TableSummary } from "#shared/workshop.ts";
import { focusStayedIn } from "../../table/focus-section.ts";
import { Countdown } from "./Countdown.tsx";
import { HandOver } from "./HandOver.tsx";
import { MoveForm, type Destination } from "./MoveForm.tsx";

interface Props {
  summary: TableSummary;
  facilitatorKey: string;
  destinations: Destination[];
}

export const TableCard = memo(function TableCard({ summary, facilitatorKey, destinations }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<"handOver" | "move" | null>(null);
  // Someone just moved from this table: said under the actions, until a panel opens again.
  const [moved, setMoved] = useState<string | null>(null);
  const card = useRef<HTMLElement>(null);
  const movedRef = useRef<HTMLParagraphElement>(null);
  const refocus = useRef(false);
  const headingId = `table-card-${summary.tableId}`;
  const online = summary.people.filter((person) => person.online).length;
  const movable =
    summary.phase === "preparation" && summary.people.some((person) => !person.facilitator) && destinations.length > 1;
  const toggle = (panel: "handOver" | "move") => {
    setMoved(null);
    setOpen((current) => (current === panel ? null : panel));
  };

  // The move done, its form closes: the focus, which was in it (on « Déplacer », kept while the move went), goes to what
  // was done, said in its place (the moved person's name is no longer in this card).
  useEffect(() => {
    if (moved !== null && refocus.current) movedRef.current?.focus();
    refocus.current = false;
  }, [moved]);
  const onMoved = (done: string) => {
    refocus.current = focusStayedIn(card.current);
    setOpen(null);
    setMoved(done);
  };

  return (
    <article ref={card} className={`table-card table-card--${summary.phase}`} aria-labelledby={headingId}>
      <header className="table-card__header">
        <h3 id={headingId}>{summary.name}</h3>
        <p className={`table-card__phase phase-chip phase-chip--${summary.phase}`}>
          <span className="visually-hidden">{t("workshopOverview.phase")} : </span>
          {t(`phase.${summary.phase}`)}
          {summary.locked && <span className="table-card__locked"> · {t("workshopOverview.locked")}</span>}
        </p>
      </header>
      {summary.title && <p className="table-card__title">{summary.title}</p>}
      <dl className="table-card__facts">
        <div className="table-card__fact table-card__fact--people">
          <dt>{t("workshopOverview.onlineLabel")}</dt>
          <dd>
            <strong>{t("workshopOverview.online", { online, seated: summary.people.length })}</strong>
            {summary.people.length === 0 ? (
              <span className="table-card__nobody"> — {t("workshopOverview.nobody")}</span>
            ) : (
              <ul className="table-card__people">
                {summary.people.map((person) => (
                  <li key={person.id} className={person.online ? "person person--online" : "person"}>
                    <span aria-hidden="true" className="person__dot" />
                    <span className="visually-hidden">
                      {t(person.online ? "workshopOverview.personOnline" : "workshopOverview.personOffline", {
                        name: person.name,
                      })}
                    </span>
                    <span aria-hidden="true">{person.name}</span>
                    {person.facilitator && (
                      <span className="person__role"> ({t("workshopOverview.facilitatorMark")})</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="table-card__fact">
          <dt>{t("workshopOverview.steps")}</dt>
          <dd className="table-card__number">{summary.steps}</dd>
        </div>
        <div className="table-card__fact">
          <dt>{t("workshopOverview.contributions")}</dt>
          <dd className="table-card__number">{summary.contributions}</dd>
        </div>
        <div className="table-card__fact">
          <dt>{t("workshopOverview.openPitfalls")}</dt>
          <dd className="table-card__number">{summary.openPitfalls}</dd>
        </div>
        <div className="table-card__fact">
          <dt>{t("workshopOverview.debrief")}</dt>
          <dd className="table-card__number">{t("workshopOverview.debriefOf", summary.debrief)}</dd>
        </div>
        <div className="table-card__fact table-card__fact--timer">
          <dt>{t("workshopOverview.timer")}</dt>
          <dd>
            <Countdown timer={summary.timer} />
          </dd>
        </div>
        <div className="table-card__fact table-card__fact--latest">
          <dt>{t("workshopOverview.latestStep")}</dt>
          <dd>
            {summary.latestStep ? (
              <>
                <strong>
                  {t("workshopOverview.latestStepTitle", {
                    number: summary.latestStep.number,
                    title: summary.latestStep.title,
                  })}
                </strong>
                {summary.latestStep.narration && (
                  <span className="table-card__narration">{summary.latestStep.narration}</span>
                )}
              </>
            ) : (
              t("workshopOverview.noStep")
            )}
          </dd>
        </div>
      </dl>
      <div className="table-card__actions">
        <a
          className="button button--primary button--small"
          href={tableLink(summary.tableId, "facilitator", facilitatorKey)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t("workshopOverview.openTable")}
          <span className="visually-hidden">{t("workshopOverview.openTableSuffix", { name: summary.name })}</span>
        </a>
        <button
          type="button"
          className="button button--small"
          aria-expanded={open === "handOver"}
          onClick={() => toggle("handOver")}
        >
          {t("workshopOverview.handOver")}
          <span className="visually-hidden">{t("workshopOverview.handOverSuffix", { name: summary.name })}</span>
        </button>
        {movable && (
          <button
            type="button"
            className="button button--small"
            aria-expanded={open === "move"}
            onClick={() => toggle("move")}
          >
            {t("workshopOverview.move")}
            <span className="visually-hidden">{t("workshopOverview.moveSuffix", { name: summary.name })}</span>
          </button>
        )}
      </div>
      {moved !== null && (
        <p ref={movedRef} role="status" className="table-card__moved" tabIndex={-1}>
          {moved}
        </p>
      )}
      {open === "handOver" && <HandOver tableId={summary.tableId} name={summary.name} />}
      {open === "move" && movable && <MoveForm summary={summary} destinations={destinations} onMoved={onMoved} />}
    </article>
  );
});
