// The plenary: the workshop's stories one table after another for the shared screen (previous/next with buttons or
// the arrow keys), and the tables compared. Read only; asked again every 15 s and on demand, so the plenary can start
// while the last tables finish.
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { compareTables } from "#shared/workshop-compare.ts";
import { Comparison } from "./Comparison.tsx";
import { PlenaryStory } from "./PlenaryStory.tsx";
import { tablesOf } from "./stories.ts";
import { useWorkshopStories } from "./use-workshop-stories.ts";
import "./plenary.css";

type View = "stories" | "comparison";

/** Keys typed into a field, or with a modifier (the browser's own shortcuts), never turn the page. */
function isPageTurn(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  const target = event.target as HTMLElement | null;
  return !target?.closest("input, textarea, select, [contenteditable='true']");
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
  const id = useId();
  const tables = useMemo(() => (stories ? tablesOf(stories) : []), [stories]);
  const comparison = useMemo(() => compareTables(tables), [tables]);
  // A table may have gone since the last refresh: stay within the tables there are.
  const index = Math.min(wanted, Math.max(tables.length - 1, 0));
  const table = tables[index];
  const count = tables.length;

  useEffect(() => {
    if (view !== "stories" || count < 2) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isPageTurn(event)) return;
      if (event.key === "ArrowRight") setIndex(Math.min(index + 1, count - 1));
      else if (event.key === "ArrowLeft") setIndex(Math.max(index - 1, 0));
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [view, index, count]);

  const position = count > 0 ? t("workshopPlenary.plenary.position", { number: index + 1, count }) : "";

  return (
    <div className={`plenary${screen ? " plenary--screen" : ""}`}>
      <header className="plenary__top">
        <div className="plenary__title">
          <p className="plenary__kicker">{t("workshopPlenary.plenary.kicker")}</p>
          {screen ? (
            <h1>{stories?.title ?? t("workshopPlenary.plenary.heading")}</h1>
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
          <nav className="plenary__nav" aria-label={position}>
            <button type="button" className="button" onClick={() => setIndex(index - 1)} disabled={index === 0}>
              <span aria-hidden="true">← </span>
              {t("workshopPlenary.plenary.previous")}
            </button>
            <p className="plenary__position" aria-live="polite">
              {position}
            </p>
            <button type="button" className="button" onClick={() => setIndex(index + 1)} disabled={index >= count - 1}>
              {t("workshopPlenary.plenary.next")}
              <span aria-hidden="true"> →</span>
            </button>
          </nav>
          <p className="visually-hidden">{t("workshopPlenary.plenary.keysHint")}</p>
          <PlenaryStory key={table.tableId} table={table} headingId={`${id}-story`} />
        </>
      )}
      {stories && count > 0 && view === "comparison" && (
        <Comparison comparison={comparison} headingId={`${id}-comparison`} />
      )}
    </div>
  );
}
