// The timer, visible to all in the table's header (and large on the shared screen): a local countdown from what the
// server synced, a few spoken moments, the facilitator's hand on a running timer. Hidden once the story is closed.
import { m } from "framer-motion";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { TimerView } from "#shared/view.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { TimerControls } from "./TimerControls.tsx";
import {
  anchorFromLiveChange,
  formatClock,
  LOCAL_CLOCK,
  momentOf,
  remainingAt,
  serverNowOf,
  type ClockAnchor,
  type TimerMoment,
} from "./timer-clock.ts";

/**
 * The timer where it is shown: "bar" in the table's header (with the facilitator's controls), "present" on the shared
 * screen (large, no controls). Mount it for the whole visit: the spoken moments compare with what was seen before.
 */
export function TimerPanel({ variant = "bar" }: { variant?: "bar" | "present" }) {
  const { t } = useTranslation();
  const timer = useTableStore((s) => s.table?.timer ?? null);
  const closed = useTableStore((s) => s.table?.phase === "closed");
  const { remaining, moment } = useCountdown(closed ? null : timer);
  const announcement = useAnnouncement(closed ? null : timer, moment);

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {/* Nothing counts down over a finished story. */}
      {timer && !closed && (
        <section className={`timer timer--${variant}`} aria-labelledby={`timer-heading-${variant}`}>
          <h2 id={`timer-heading-${variant}`} className="visually-hidden">
            {t("play.timer.heading")}
          </h2>
          <TimerFace timer={timer} remaining={remaining} done={moment === "done"} />
          {variant === "bar" && <TimerControls timer={timer} />}
        </section>
      )}
    </>
  );
}

function TimerFace({ timer, remaining, done }: { timer: TimerView; remaining: number; done: boolean }) {
  const { t } = useTranslation();
  const clock = formatClock(remaining);
  const paused = !timer.runningSince && !done;
  return (
    // A calm change of colour at zero, never a movement.
    <m.div
      className={`timer__face${done ? " timer__face--done" : ""}`}
      animate={{ backgroundColor: done ? "#fff1cc" : "#f4f7f3" }}
      transition={{ duration: 1.2 }}
    >
      <p className="timer__label">{timer.label}</p>
      <p
        className="timer__clock"
        role="timer"
        aria-label={`${t("play.timer.clock", { clock })}${paused ? ` (${t("play.timer.paused")})` : ""}`}
      >
        {clock}
        {paused && <span className="timer__paused"> ({t("play.timer.paused")})</span>}
      </p>
      <p className="timer__done" role="status">
        {done && (
          <>
            <strong>{t("play.timer.done")}</strong> <span className="timer__done-hint">{t("play.timer.doneHint")}</span>
          </>
        )}
      </p>
    </m.div>
  );
}

/** Time left now, refreshed while the timer runs. */
function useCountdown(timer: TimerView | null): { remaining: number; moment: TimerMoment | null } {
  const anchor = clockAnchor(timer);
  const now = useNow(Boolean(timer?.runningSince));
  const remaining = timer ? remainingAt(timer, now + anchor.offset) : 0;
  return { remaining, moment: timer ? momentOf(remaining) : null };
}

/**
 * The server's clock as seen from here. A change seen live happened "now": the server's time of that change
 * (serverNow, or runningSince, which the rules set to the moment of a start, resume or extension) anchors the clock.
 * A timer already running when the page opened is read with the browser's own clock: its serverNow is from the past.
 * Kept for the whole page (not per component), so that going to the shared screen and back keeps the anchor.
 */
const memory: { seen: string | undefined; anchor: ClockAnchor } = { seen: undefined, anchor: LOCAL_CLOCK };
function clockAnchor(timer: TimerView | null): ClockAnchor {
  const runningSince = timer?.runningSince ?? 0;
  const changedAt = timer ? serverNowOf(timer) : 0;
  const key = `${runningSince}:${changedAt}`;
  if (memory.seen !== key) {
    if (memory.seen !== undefined && runningSince)
      memory.anchor = anchorFromLiveChange(changedAt || runningSince, Date.now());
    memory.seen = key;
  }
  return memory.anchor;
}

/** The browser's time, refreshed a few times a second while a timer runs. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [running]);
  return now;
}

/** What the screen reader hears besides the end: the start and the last minute; never each second. */
function useAnnouncement(timer: TimerView | null, moment: TimerMoment | null): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const previous = useRef<{ label: string; moment: TimerMoment } | null | undefined>(undefined);
  const label = timer?.label ?? null;
  const durationMs = timer?.durationMs ?? 0;
  useEffect(() => {
    const before = previous.current;
    previous.current = label !== null && moment ? { label, moment } : null;
    if (before === undefined) return; // first look at the table: nothing to announce
    if (label === null || !moment) return setMessage("");
    if (!before || before.label !== label) {
      setMessage(t("play.timer.announceStart", { label, count: Math.round(durationMs / 60_000) }));
    } else if (before.moment !== moment && moment === "lastMinute" && before.moment === "running") {
      setMessage(t("play.timer.announceOneMinute", { label }));
    }
    // The end is said by the timer's own status line ("Le temps est écoulé"), once.
  }, [label, moment, durationMs, t]);
  return message;
}
