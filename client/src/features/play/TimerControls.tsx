// The facilitator's hand on the timer: start one (minutes and a label: in the facilitator's tools), and on a running
// timer, next to it in the header: pause, resume, add time, clear it.
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { TIMER_LABEL_LENGTH } from "#shared/rules/moves/timer.ts";
import type { TimerView } from "#shared/view.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { useCan } from "#client/store/can.ts";

/** Starts a timer; offered while none is set (a running one is cleared first, next to its clock). */
export function TimerStartForm() {
  const { t } = useTranslation();
  const canStart = useCan("startTimer");
  const hasTimer = useTableStore((s) => s.table?.timer != null);
  const [minutes, setMinutes] = useState(5);
  const [label, setLabel] = useState(() => t("play.timer.defaultLabel"));
  const id = useId();
  if (!canStart || hasTimer) return null;

  function start(event: FormEvent) {
    event.preventDefault();
    void act({ type: "startTimer", minutes, label: label.trim() || t("play.timer.defaultLabel") });
  }

  return (
    <section className="drawer__section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("facilitatorBar.timerStartHeading")}</h3>
      <form className="timer__start" onSubmit={start}>
        <div className="field">
          <label htmlFor={`${id}-label`}>{t("play.timer.label")}</label>
          <input
            id={`${id}-label`}
            value={label}
            maxLength={TIMER_LABEL_LENGTH}
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <div className="field timer__minutes">
          <label htmlFor={`${id}-minutes`}>{t("play.timer.minutes")}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            inputMode="numeric"
            min={1}
            max={LIMITS.timerMinutes}
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value))}
          />
        </div>
        <button type="submit" className="button button--primary">
          {t("play.timer.start")}
        </button>
      </form>
    </section>
  );
}

/** Pause, resume, add time, clear: small buttons next to the clock, a sign each (their whole name for screen readers). */
export function TimerControls({ timer }: { timer: TimerView }) {
  const { t } = useTranslation();
  const canPause = useCan("pauseTimer");
  const canResume = useCan("resumeTimer");
  const canExtend = useCan("extendTimer");
  const canClear = useCan("clearTimer");
  if (!canPause && !canResume && !canExtend && !canClear) return null;
  return (
    <div className="timer__controls">
      {timer.runningSince
        ? canPause && (
            <SignButton sign={PAUSE} name={t("play.timer.pause")} onClick={() => void act({ type: "pauseTimer" })} />
          )
        : canResume && (
            <SignButton
              sign={PLAY}
              name={t("play.timer.resume")}
              primary
              onClick={() => void act({ type: "resumeTimer" })}
            />
          )}
      {canExtend && (
        <>
          <SignButton
            sign={t("play.timer.plusOne")}
            name={t("play.timer.plusOneName")}
            onClick={() => void act({ type: "extendTimer", minutes: 1 })}
          />
          <SignButton
            sign={t("play.timer.plusFive")}
            name={t("play.timer.plusFiveName")}
            onClick={() => void act({ type: "extendTimer", minutes: 5 })}
          />
        </>
      )}
      {canClear && (
        <SignButton sign="×" name={t("play.timer.clear")} onClick={() => void act({ type: "clearTimer" })} />
      )}
    </div>
  );
}

/** Drawn, not typed: the pause and play characters are missing from many system fonts. */
const PAUSE = (
  <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor" focusable="false">
    <rect x="3" y="2" width="3.5" height="12" rx="1" />
    <rect x="9.5" y="2" width="3.5" height="12" rx="1" />
  </svg>
);
const PLAY = (
  <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor" focusable="false">
    <path d="M4 2.5v11a.8.8 0 0 0 1.2.7l9-5.5a.8.8 0 0 0 0-1.4l-9-5.5A.8.8 0 0 0 4 2.5z" />
  </svg>
);

/** A small button showing a sign (« ⏸ », « +1 min »), named in full, with the name as a tooltip. */
function SignButton({
  sign,
  name,
  primary = false,
  onClick,
}: {
  sign: ReactNode;
  name: string;
  primary?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`button button--small timer__button${primary ? " button--primary" : ""}`}
      title={name}
      onClick={onClick}
    >
      <span aria-hidden="true">{sign}</span>
      <span className="visually-hidden">{name}</span>
    </button>
  );
}
