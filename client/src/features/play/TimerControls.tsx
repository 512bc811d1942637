// The facilitator's hand on the timer: start one (minutes and a label), pause, resume, add time, clear it.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/model.ts";
import { TIMER_LABEL_LENGTH } from "../../../../shared/rules/moves/timer.ts";
import type { TimerView } from "../../../../shared/view.ts";
import { act } from "../../net/connection.ts";
import { useCan } from "./can.ts";

export function TimerControls({ timer }: { timer: TimerView | null }) {
  const { t } = useTranslation();
  const canStart = useCan("startTimer");
  const canPause = useCan("pauseTimer");
  const canResume = useCan("resumeTimer");
  const canExtend = useCan("extendTimer");
  const canClear = useCan("clearTimer");
  const [minutes, setMinutes] = useState(5);
  const [label, setLabel] = useState(() => t("play.timer.defaultLabel"));
  const id = useId();

  function start(event: FormEvent) {
    event.preventDefault();
    void act({ type: "startTimer", minutes, label: label.trim() || t("play.timer.defaultLabel") });
  }

  if (!timer) {
    if (!canStart) return null;
    return (
      <form className="timer__start" onSubmit={start}>
        <div className="field">
          <label htmlFor={`${id}-label`}>{t("play.timer.label")}</label>
          <input id={`${id}-label`} value={label} maxLength={TIMER_LABEL_LENGTH} onChange={(e) => setLabel(e.target.value)} />
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
    );
  }
  return (
    <div className="inline-row timer__controls">
      {timer.runningSince
        ? canPause && (
            <button type="button" className="button" onClick={() => void act({ type: "pauseTimer" })}>
              {t("play.timer.pause")}
            </button>
          )
        : canResume && (
            <button type="button" className="button button--primary" onClick={() => void act({ type: "resumeTimer" })}>
              {t("play.timer.resume")}
            </button>
          )}
      {canExtend && (
        <>
          <button type="button" className="button" aria-label={t("play.timer.plusOneName")} onClick={() => void act({ type: "extendTimer", minutes: 1 })}>
            {t("play.timer.plusOne")}
          </button>
          <button type="button" className="button" aria-label={t("play.timer.plusFiveName")} onClick={() => void act({ type: "extendTimer", minutes: 5 })}>
            {t("play.timer.plusFive")}
          </button>
        </>
      )}
      {canClear && (
        <button type="button" className="link-button" onClick={() => void act({ type: "clearTimer" })}>
          {t("play.timer.clear")}
        </button>
      )}
    </div>
  );
}
