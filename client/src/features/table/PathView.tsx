// The path as a board: from Aujourd'hui (the present state) to the horizon (the desirable futures), every step a tile
// in reading order, one open in full at a time. "table": this person's screen (slots to place cards, editing);
// "present": the shared screen (large type, nothing to edit, following new steps by default).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { useAfterFirstPaint } from "./after-first-paint.ts";
import { highlightStep, scrollBehavior, setFollow, stepElement, useBoard, type BoardVariant } from "./board-store.ts";
import { DropSlot } from "./DropSlot.tsx";
import { HorizonMilestone, TodayMilestone } from "./PathMilestones.tsx";
import { StepItem } from "./StepItem.tsx";
import "./board.css";

const NO_STEPS: StepView[] = [];
/** Steps rendered with the screen's first paint (more than a phone or a laptop shows); the others a frame later. */
const FIRST_STEPS = 12;

/** The step placed last (not the last of the path: a card can go anywhere). */
function latestOf(path: readonly StepView[]): StepView | undefined {
  let latest: StepView | undefined;
  for (const step of path) if (!latest || step.placedAt >= latest.placedAt) latest = step;
  return latest;
}

export function PathView({ variant = "table" }: { variant?: BoardVariant }) {
  const { t } = useTranslation();
  const path = useTableStore((s) => s.table?.path ?? NO_STEPS);
  const hasTable = useTableStore((s) => s.table !== null);
  const following = useBoard((s) => s.follow[variant]);
  const [announcement, setAnnouncement] = useState("");
  const section = useRef<HTMLElement>(null);
  // The steps already there when this screen first showed the path: they make no entrance.
  const [initial] = useState(() => new Set(path.map((s) => s.id)));
  const previous = useRef<Set<string> | null>(null);
  const table = variant === "table";
  const painted = useAfterFirstPaint();
  const shown = painted ? path : path.slice(0, FIRST_STEPS);
  const ids = table
    ? { section: "path", heading: "path-heading" }
    : { section: "present-path", heading: "present-path-heading" };

  // Follow mode: the newest arrival scrolls into view (unless someone is typing here), is highlighted and announced.
  useEffect(() => {
    const before = previous.current;
    previous.current = new Set(path.map((s) => s.id));
    if (!before) return;
    const newest = latestOf(path.filter((s) => !before.has(s.id)));
    if (!newest || !useBoard.getState().follow[variant]) return;
    highlightStep(newest.id);
    const typing =
      document.activeElement instanceof HTMLTextAreaElement || document.activeElement instanceof HTMLInputElement;
    if (!typing)
      stepElement(newest.id, section.current ?? document)?.scrollIntoView({
        block: "center",
        behavior: scrollBehavior(),
      });
    const seat = useTableStore.getState().table?.participants.find((p) => p.id === newest.placedBy);
    setAnnouncement(
      t("board.follow.arrived", { number: path.indexOf(newest) + 1, title: newest.card.title, name: seat?.name ?? "" }),
    );
  }, [path, variant, t]);

  if (!hasTable) return null;
  const latest = latestOf(path);

  function goToLatest() {
    if (!latest) return;
    const item = stepElement(latest.id, section.current ?? document);
    item?.scrollIntoView({ block: "center", behavior: scrollBehavior() });
    item?.querySelector<HTMLElement>(".tile__open")?.focus({ preventScroll: true });
    highlightStep(latest.id);
  }

  return (
    <section id={ids.section} ref={section} className={`path board board--${variant}`} aria-labelledby={ids.heading}>
      <div className="board__head">
        <h2 id={ids.heading} className="board__heading">
          {t("path.heading")}
        </h2>
        <p className="board__count">{t("board.toolbar.count", { count: path.length })}</p>
        {path.length > 0 && (
          <div className="board__tools" role="group" aria-label={t("board.toolbar.label")}>
            <button type="button" className="button button--small" onClick={goToLatest}>
              {t("board.toolbar.latest")}
            </button>
            <button
              type="button"
              className="button button--small board__follow"
              aria-pressed={following}
              onClick={() => setFollow(variant, !following)}
            >
              {t("board.toolbar.follow")}
            </button>
          </div>
        )}
      </div>
      <div className="board__grid">
        <TodayMilestone />
        {table && <DropSlot afterStepId={null} position={0} />}
        {/* The list keeps its role though it lays out its items in the board's grid (display: contents). */}
        <ol className="board__steps" role="list" aria-label={t("path.heading")}>
          {shown.map((step, index) => (
            <StepItem key={step.id} step={step} number={index + 1} variant={variant} arrived={!initial.has(step.id)} />
          ))}
        </ol>
        {path.length === 0 && <p className="board__empty">{t("path.empty")}</p>}
        <HorizonMilestone />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
