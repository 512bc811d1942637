// One step of the path: its card, who placed it, the narration (editable by its author), and the facilitator's removal.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StepView } from "../../../../shared/view.ts";
import { act } from "../../net/connection.ts";
import { selectMe, useTableStore } from "../../store/table-store.ts";
import { CardFace } from "../../ui/CardFace.tsx";
import { NarrationEditor } from "./NarrationEditor.tsx";

export function StepItem({ step, number }: { step: StepView; number: number }) {
  const { t } = useTranslation();
  const me = useTableStore(selectMe);
  const phase = useTableStore((s) => s.table?.phase);
  const author = useTableStore((s) => s.table?.participants.find((p) => p.id === step.placedBy));
  const [confirming, setConfirming] = useState(false);
  const name = author?.name ?? "?";
  const mine = me?.participantId === step.placedBy;
  const label = t("path.stepLabel", { number });

  return (
    <article className="step" aria-label={`${label} : ${step.card.title}`}>
      <header className="step__header">
        <h3 className="step__number">{label}</h3>
        <p className="step__author">{t("path.placedBy", { name })}</p>
      </header>
      <CardFace card={step.card} />
      {mine && phase === "play" ? (
        <NarrationEditor step={step} number={number} />
      ) : step.narration ? (
        <blockquote className="narration">
          <p className="pre-wrap">{step.narration}</p>
          <footer>{t("path.narratedBy", { name })}</footer>
        </blockquote>
      ) : (
        <p className="narration narration--empty">{t("path.notNarrated", { name })}</p>
      )}
      {me?.facilitator && phase === "play" && (
        <div className="step__moderation">
          {confirming ? (
            <>
              <button type="button" className="button button--danger" onClick={() => void act({ type: "removeStep", stepId: step.id })}>
                {t("path.confirmRemove", { number })}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t("path.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="link-button" onClick={() => setConfirming(true)}>
              {t("path.removeStep", { number })}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
