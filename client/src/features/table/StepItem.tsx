// One step of the path: its card, who placed it, the narration, a dealt pitfall's answer, reactions and "oui, et…",
// and for the facilitator the moderation of the step (edit, move, remove).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StepView } from "../../../../shared/view.ts";
import { act } from "../../net/connection.ts";
import { CardFace } from "../../ui/CardFace.tsx";
import { useAmFacilitator, useCan, useMyId } from "../play/can.ts";
import { useNameOf } from "../play/names.ts";
import { PitfallAnswer, PitfallStatus } from "../play/PitfallAnswer.tsx";
import { StepContributions } from "../play/StepContributions.tsx";
import { StepReactions } from "../play/StepReactions.tsx";
import { NarrationEditor } from "./NarrationEditor.tsx";

interface Props {
  step: StepView;
  number: number;
  /** Where the step lands when moved one place up or down (undefined: it cannot move that way). */
  moveUpAfter: string | null | undefined;
  moveDownAfter: string | undefined;
}

export function StepItem({ step, number, moveUpAfter, moveDownAfter }: Props) {
  const { t } = useTranslation();
  const myId = useMyId();
  const nameOf = useNameOf();
  const canNarrate = useCan("narrate");
  const canModerate = useCan("editStep");
  const amFacilitator = useAmFacilitator();
  const name = nameOf(step.placedBy);
  const label = t("path.stepLabel", { number });
  const readView = <NarrationRead step={step} name={name} />;

  return (
    <article className={`step${step.dealt ? " step--dealt" : ""}${step.open ? " step--open" : ""}`} aria-label={`${label} : ${step.card.title}`}>
      <header className="step__header">
        <h3 className="step__number">{label}</h3>
        <p className="step__author">{t("path.placedBy", { name })}</p>
      </header>
      <PitfallStatus step={step} />
      <CardFace card={step.card} />
      {/* A pitfall the facilitator dealt onto the path waits for the group's answer: they only moderate it. */}
      {myId === step.placedBy && canNarrate && !(step.dealt && amFacilitator) ? (
        <NarrationEditor step={step} number={number} />
      ) : canModerate ? (
        <NarrationEditor step={step} number={number} moderating readView={readView} />
      ) : (
        readView
      )}
      <PitfallAnswer step={step} number={number} />
      <StepReactions step={step} number={number} />
      <StepContributions step={step} number={number} />
      <StepModeration step={step} number={number} moveUpAfter={moveUpAfter} moveDownAfter={moveDownAfter} />
    </article>
  );
}

function NarrationRead({ step, name }: { step: StepView; name: string }) {
  const { t } = useTranslation();
  if (step.narration) {
    return (
      <blockquote className="narration">
        <p className="pre-wrap">{step.narration}</p>
        <footer>{t("path.narratedBy", { name })}</footer>
      </blockquote>
    );
  }
  // A pitfall dealt onto the path is told through its answer, not by whoever dealt it.
  if (step.dealt) return null;
  return <p className="narration narration--empty">{t("path.notNarrated", { name })}</p>;
}

function StepModeration({ step, number, moveUpAfter, moveDownAfter }: Omit<Props, "step"> & { step: StepView }) {
  const { t } = useTranslation();
  const canMove = useCan("moveStep");
  const canRemove = useCan("removeStep");
  const [confirming, setConfirming] = useState(false);
  if (!canMove && !canRemove) return null;

  return (
    <div className="step__moderation inline-row">
      {canMove && moveUpAfter !== undefined && (
        <button type="button" className="button button--small" onClick={() => void act({ type: "moveStep", stepId: step.id, afterStepId: moveUpAfter })}>
          <span aria-hidden="true">↑ </span>
          {t("play.moderation.moveUp", { number })}
        </button>
      )}
      {canMove && moveDownAfter !== undefined && (
        <button type="button" className="button button--small" onClick={() => void act({ type: "moveStep", stepId: step.id, afterStepId: moveDownAfter })}>
          <span aria-hidden="true">↓ </span>
          {t("play.moderation.moveDown", { number })}
        </button>
      )}
      {canRemove &&
        (confirming ? (
          <>
            <button type="button" className="button button--danger button--small" onClick={() => void act({ type: "removeStep", stepId: step.id })}>
              {t("path.confirmRemove", { number })}
            </button>
            <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
              {t("path.cancel")}
            </button>
          </>
        ) : (
          <button type="button" className="link-button" onClick={() => setConfirming(true)}>
            {t("path.removeStep", { number })}
          </button>
        ))}
    </div>
  );
}
