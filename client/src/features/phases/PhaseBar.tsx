// Where the story is (Préparation → Jeu → Débrief → Récit terminé), what is expected of me now, whether the table is
// locked; for a facilitator, the way forward and back. One compact row under the header: the story comes right after.
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Phase } from "#shared/model.ts";
import { PHASE_GUIDE, PHASE_ORDER } from "#shared/rules/permissions.ts";
import { act } from "#client/net/connection.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import { useAmFacilitator } from "#client/store/can.ts";
import "./phasebar.css";

export function PhaseBar() {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const locked = useTableStore((s) => s.table?.locked ?? false);
  const me = useTableStore(selectMe);
  // From the table, not from how this browser joined: a co-facilitator or a hand-over changes it.
  const facilitating = useAmFacilitator();
  if (!phase || !me) return null;

  const at = PHASE_ORDER.indexOf(phase);
  const who = me.observer ? "observer" : facilitating ? "facilitator" : "participant";
  const guide = t(PHASE_GUIDE[phase][who]);

  return (
    <section className="phasebar" aria-labelledby="phasebar-heading">
      <h2 id="phasebar-heading" className="visually-hidden">
        {t("preparation.phases.heading")}
      </h2>
      <ol className="phasebar__steps">
        {PHASE_ORDER.map((p, index) => (
          <li
            key={p}
            className={`phasebar__step${index < at ? " phasebar__step--passed" : ""}${p === phase ? " phasebar__step--current" : ""}`}
            aria-current={p === phase ? "step" : undefined}
          >
            <span className="phasebar__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="phasebar__name">{t(`phase.${p}`)}</span>
            {index < at && <span className="visually-hidden"> {t("preparation.phases.passed")}</span>}
            {p === phase && <span className="visually-hidden"> {t("preparation.phases.current")}</span>}
          </li>
        ))}
      </ol>
      {guide && (
        <div className="phasebar__guide">
          <h3 className="visually-hidden">{t("preparation.phases.expectedHeading")}</h3>
          <p>{guide}</p>
          {locked && <p className="phasebar__locked">{t("preparation.phases.locked")}</p>}
        </div>
      )}
      {facilitating && <PhaseControls phase={phase} />}
    </section>
  );
}

/** Forward and back; from preparation, forward is « Lancer la partie »; moving to "Récit terminé" asks to confirm. */
function PhaseControls({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  // Steps placed and not yet told (a pitfall the facilitator dealt onto the path is the group's to answer).
  const untold = useTableStore((s) => {
    const facilitators = new Set(s.table?.participants.filter((p) => p.facilitator).map((p) => p.id));
    return (
      s.table?.path.filter((step) => !step.narration && !(step.dealt && facilitators.has(step.placedBy))).length ?? 0
    );
  });
  const at = PHASE_ORDER.indexOf(phase);
  const previous = PHASE_ORDER[at - 1];
  const next = PHASE_ORDER[at + 1];

  useEffect(() => setConfirming(false), [phase]);

  const go = (to: Phase) => void act({ type: "setPhase", phase: to });
  const name = (p: Phase) => t(`phase.${p}`);

  return (
    <div className="phasebar__controls">
      {previous && (
        // Short on screen (« ← Préparation »), whole for a screen reader (« Revenir à la phase « Préparation » »).
        <button type="button" className="button button--small" onClick={() => go(previous)}>
          <span aria-hidden="true">← </span>
          <ShortLabel whole={(phase) => t("preparation.phases.previous", { phase })} shown={name(previous)} />
        </button>
      )}
      {phase === "preparation" ? (
        <button type="button" className="button button--primary" onClick={() => void act({ type: "startPlay" })}>
          {t("facilitation.startPlay")}
          <span aria-hidden="true"> →</span>
        </button>
      ) : (
        next &&
        (next !== "closed" ? (
          <button type="button" className="button button--primary" onClick={() => go(next)}>
            {t("preparation.phases.next", { phase: name(next) })}
            <span aria-hidden="true"> →</span>
          </button>
        ) : confirming ? (
          <div className="phasebar__confirm">
            {untold > 0 && (
              <p className="phasebar__untold" id="phasebar-untold">
                {t("preparation.phases.closeUntold", { count: untold })}
              </p>
            )}
            <p className="field__hint" id="phasebar-close-hint">
              {t("preparation.phases.closeHint")}
            </p>
            <div className="inline-row">
              {/* Focus follows the person from the first step of the confirmation to the second. */}
              <button
                type="button"
                className="button button--danger"
                autoFocus
                aria-describedby={`${untold > 0 ? "phasebar-untold " : ""}phasebar-close-hint`}
                onClick={() => go(next)}
              >
                {t("preparation.phases.confirmNext", { phase: name(next) })}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t("preparation.phases.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {t("preparation.phases.next", { phase: name(next) })}
            <span aria-hidden="true"> →</span>
          </button>
        ))
      )}
    </div>
  );
}

/** A label whose visible part is `shown`, the rest of the sentence being read out only (the visible part is in it). */
function ShortLabel({ whole, shown }: { whole: (part: string) => string; shown: string }) {
  const marker = "\u0000";
  const [before = "", after = ""] = whole(marker).split(marker);
  return (
    <>
      {before && <span className="visually-hidden">{before}</span>}
      {shown}
      {after && <span className="visually-hidden">{after}</span>}
    </>
  );
}
