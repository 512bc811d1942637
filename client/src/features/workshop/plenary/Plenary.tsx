// The plenary: the workshop's stories one table after another (previous/next with buttons or the arrow keys), and the
// tables compared. Read only; asked again every 15 s and on demand, so the plenary can start while the last tables
// finish. On the workshop facilitator's page it is a tab of the dashboard; on the projector it is the shared screen, in
// the spirit of a table's (present.css): large type, each story across the width. The observer link opens that screen
// (`screen`); the facilitator puts their own page on the projector with « Présenter la plénière ».
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { compareTables } from "#shared/workshop-compare.ts";
import { FullscreenButton } from "#client/ui/FullscreenButton.tsx";
import { scrollBehavior } from "#client/ui/scroll-behavior.ts";
import { Comparison } from "./Comparison.tsx";
import { PlenaryNav } from "./PlenaryNav.tsx";
import { PlenaryProjection } from "./PlenaryProjection.tsx";
import { PlenaryStory } from "./PlenaryStory.tsx";
import { tablesOf } from "./stories.ts";
import { useWorkshopStories } from "./use-workshop-stories.ts";
import "#client/features/present/present.css";
import "./plenary.css";

type View = "stories" | "comparison";

/** After a page turn, the new story is read from its start: back to the plenary's top if it was scrolled past. */
function showTop(top: HTMLElement | null): void {
  if (!top || top.getBoundingClientRect().top >= 0) return;
  top.scrollIntoView({ block: "start", behavior: scrollBehavior() });
}

export function Plenary({
  workshopId,
  secret,
  screen = false,
}: {
  workshopId: string;
  secret: { facilitatorKey?: string; observerKey?: string };
  screen?: boolean;
}) {
  const { t } = useTranslation();
  const { stories, error, refreshing, updatedAt, refresh } = useWorkshopStories(
    workshopId,
    secret.facilitatorKey,
    secret.observerKey,
  );
  const [view, setView] = useState<View>("stories");
  const [wanted, setIndex] = useState(0);
  // The facilitator's page on the projector (the observer link's page is the projector's already).
  const [presenting, setPresenting] = useState(false);
  const projected = screen || presenting;
  const top = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const presentButton = useRef<HTMLButtonElement>(null);
  const wasPresenting = useRef(false);
  const id = useId();
  const tables = useMemo(() => (stories ? tablesOf(stories) : []), [stories]);
  const comparison = useMemo(() => compareTables(tables), [tables]);
  // A table may have gone since the last refresh: stay within the tables there are.
  const index = Math.min(wanted, Math.max(tables.length - 1, 0));
  const table = tables[index];
  const count = tables.length;

  // Back from the projector, the focus goes to the button that put the plenary there.
  useEffect(() => {
    if (wasPresenting.current && !presenting) presentButton.current?.focus();
    wasPresenting.current = presenting;
  }, [presenting]);

  function turn(to: number) {
    setIndex(to);
    requestAnimationFrame(() => showTop(top.current));
  }

  const plenary = (
    <div className={`plenary${projected ? " present plenary--screen" : ""}`}>
      <header ref={top} className="plenary__top">
        <div className="plenary__title">
          <p className="plenary__kicker">{t("workshopPlenary.plenary.kicker")}</p>
          {projected ? (
            <h1 id={`${id}-title`} ref={title} tabIndex={-1}>
              {stories?.title ?? t("workshopPlenary.plenary.heading")}
            </h1>
          ) : (
            <h2 className="plenary__heading">{t("workshopPlenary.plenary.heading")}</h2>
          )}
        </div>
        <div className="plenary__views" role="group" aria-label={t("workshopPlenary.plenary.views")}>
          {(["stories", "comparison"] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={`button${view === v ? " button--primary" : ""}`}
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {t(v === "stories" ? "workshopPlenary.plenary.viewStories" : "workshopPlenary.plenary.viewComparison")}
            </button>
          ))}
        </div>
        <div className="plenary__refresh">
          {/* Kept focusable while the stories come (every 15 s too): a disabled button would drop the focus to the page. */}
          <button
            type="button"
            className="button button--small"
            onClick={() => !refreshing && refresh()}
            aria-disabled={refreshing || undefined}
          >
            {refreshing ? t("workshopPlenary.plenary.refreshing") : t("workshopPlenary.plenary.refresh")}
          </button>
          {updatedAt && (
            <p className="field__hint">
              {t("workshopPlenary.plenary.updatedAt", {
                time: updatedAt.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
              })}
            </p>
          )}
        </div>
        <div className="plenary__screen-actions">
          {projected && <FullscreenButton />}
          {presenting && (
            <button type="button" className="button" onClick={() => setPresenting(false)} aria-keyshortcuts="Escape">
              {t("present.exit")}
            </button>
          )}
          {!projected && (
            <button
              ref={presentButton}
              type="button"
              className="button"
              aria-describedby={`${id}-present-hint`}
              onClick={() => setPresenting(true)}
            >
              {t("workshopPlenary.plenary.present")}
            </button>
          )}
          {!projected && (
            <p id={`${id}-present-hint`} className="field__hint">
              {t("workshopPlenary.plenary.presentHint")}
            </p>
          )}
        </div>
      </header>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      {!stories && !error && <p className="plenary__loading">{t("workshopPlenary.plenary.loading")}</p>}
      {stories && count === 0 && <p>{t("workshopPlenary.plenary.noTables")}</p>}
      {table && view === "stories" && (
        <>
          <PlenaryNav index={index} count={count} onTurn={turn} />
          <PlenaryStory key={table.tableId} table={table} headingId={`${id}-story`} />
        </>
      )}
      {stories && count > 0 && view === "comparison" && (
        <Comparison comparison={comparison} headingId={`${id}-comparison`} />
      )}
    </div>
  );

  if (!presenting) return plenary;
  return (
    <PlenaryProjection labelledBy={`${id}-title`} initialFocus={title} onClose={() => setPresenting(false)}>
      {plenary}
    </PlenaryProjection>
  );
}
