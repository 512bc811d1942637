// A table's timer on the dashboard, counted down in the browser from the summary (no tick crosses the network).
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Timer } from "#shared/model.ts";
import { useWorkshopStore } from "#client/store/workshop-store.ts";
import { formatClock, remainingAt } from "#client/features/play/timer-clock.ts";

export function Countdown({ timer }: { timer: Timer | null }) {
  const { t } = useTranslation();
  const offset = useWorkshopStore((s) => s.clockOffset);
  const running = timer?.runningSince != null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [running]);
  if (!timer) return <>{t("workshopOverview.noTimer")}</>;
  // The summary says null while paused where the table's view says 0.
  const clock = formatClock(remainingAt({ ...timer, runningSince: timer.runningSince ?? 0 }, now + offset));
  return (
    <span className={running ? "table-card__clock" : "table-card__clock table-card__clock--paused"}>
      {timer.label && <span className="table-card__clock-label">{timer.label} · </span>}
      {running ? clock : t("workshopOverview.timerPaused", { clock })}
    </span>
  );
}
