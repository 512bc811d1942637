// The two ends of the path on the board: Aujourd'hui (the system, its present state, the framing challenge, what is at
// stake) before the first step, the horizon (the desirable futures) after the last. Each a tile that reads in full on demand.
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useShallow } from "zustand/react/shallow";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace, DeckIcon } from "#client/ui/CardFace.tsx";
import { TextList } from "#client/ui/TextList.tsx";
import { StakesRows, useHasStakes } from "../preparation/StakesSummary.tsx";

function Milestone({
  kind,
  heading,
  open,
  onToggle,
  children,
}: {
  kind: string;
  heading: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div
      className={`milestone milestone--${kind}${open ? " milestone--open" : ""}`}
      role="group"
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`} className="milestone__heading">
        {heading}
      </h3>
      <div id={`${id}-body`} className="milestone__body">
        {children}
      </div>
      <button
        type="button"
        className="link-button milestone__more"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        aria-label={t(open ? "board.milestone.lessName" : "board.milestone.moreName", { what: heading })}
        onClick={onToggle}
      >
        {t(open ? "board.milestone.less" : "board.milestone.more")}
      </button>
    </div>
  );
}

export function TodayMilestone() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const system = useTableStore((s) => s.table?.system ?? "");
  const present = useTableStore((s) => s.table?.presentState ?? "");
  const challenge = useTableStore((s) => s.table?.framingChallenge ?? null);
  const challengeText = useTableStore((s) => s.table?.framingChallengeText ?? "");
  const hasStakes = useHasStakes();
  const stakesId = useId();

  return (
    <Milestone kind="today" heading={t("path.today")} open={open} onToggle={() => setOpen(!open)}>
      <p className="milestone__system">
        {/* On the tile the system's name speaks for itself; the label is for screen readers, and the open tile. */}
        <strong className={open ? undefined : "visually-hidden"}>{t("table.system")} : </strong>
        {system}
      </p>
      <p className="milestone__text pre-wrap">{present}</p>
      {open && challenge ? (
        <div className="milestone__challenge">
          <CardFace card={challenge} titleAs="h4" />
        </div>
      ) : (
        <p className="milestone__challenge-line">
          {challenge && <DeckIcon deck="challenge" className="milestone__icon" />}
          <strong>{t("table.framingChallenge")} :</strong> {challenge?.title ?? challengeText}
        </p>
      )}
      {open && hasStakes && (
        <div className="milestone__stakes" role="group" aria-labelledby={`${stakesId}-heading`}>
          <h4 id={`${stakesId}-heading`}>{t("kitStakes.story.heading")}</h4>
          <dl>
            <StakesRows />
          </dl>
        </div>
      )}
    </Milestone>
  );
}

export function HorizonMilestone() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const year = useTableStore((s) => s.table?.horizonYear ?? 0);
  const future = useTableStore((s) => s.table?.desirableFuture ?? "");
  // Compared item by item: a new array on every patch would render this tile again each time.
  const otherFutures = useTableStore(useShallow((s) => (s.table?.otherFutures ?? []).filter((f) => f.trim())));

  return (
    <Milestone kind="horizon" heading={t("path.horizon", { year })} open={open} onToggle={() => setOpen(!open)}>
      <p className="milestone__label">{t("path.desirableFuture")} :</p>
      <p className="milestone__text pre-wrap">{future}</p>
      {otherFutures.length > 0 && !open && (
        <p className="milestone__label">
          {t("play.path.otherFutures", { count: otherFutures.length })} ({otherFutures.length})
        </p>
      )}
      {otherFutures.length > 0 && open && (
        <>
          <p className="milestone__label">{t("play.path.otherFutures", { count: otherFutures.length })} :</p>
          <TextList items={otherFutures} className="milestone__futures" />
        </>
      )}
    </Milestone>
  );
}
