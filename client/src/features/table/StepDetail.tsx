// One step opened in full on the board: its card, the narration (and its editor), a dealt pitfall's answer, reactions
// and « oui, et… », and for the facilitator the moderation of the step (edit, move, remove). Read-only on the shared screen.
import { useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace } from "#client/ui/CardFace.tsx";
import { useAmFacilitator, useCan, useMyId } from "#client/store/can.ts";
import { PitfallAnswer, PitfallStatus } from "../play/PitfallAnswer.tsx";
import { StepContributions } from "../play/StepContributions.tsx";
import { StepReactions } from "../play/StepReactions.tsx";
import { openStep, stepElement } from "./board-store.ts";
import { NarrationEditor } from "./NarrationEditor.tsx";

interface Props {
  step: StepView;
  number: number;
  name: string;
  id: string;
  /** The shared screen: everything shown, nothing to edit. */
  readOnly: boolean;
}

export function StepDetail({ step, number, name, id, readOnly }: Props) {
  const { t } = useTranslation();
  const myId = useMyId();
  const canNarrate = useCan("narrate");
  const canModerate = useCan("editStep");
  const amFacilitator = useAmFacilitator();
  const readView = <NarrationRead step={step} name={name} />;
  // A pitfall the facilitator dealt onto the path waits for the group's answer: they only moderate it.
  const narration = readOnly ? (
    readView
  ) : myId === step.placedBy && canNarrate && !(step.dealt && amFacilitator) ? (
    <NarrationEditor step={step} number={number} />
  ) : canModerate ? (
    <NarrationEditor step={step} number={number} moderating readView={readView} />
  ) : (
    readView
  );

  return (
    <div id={id} className="step-detail">
      <div className="step-detail__story">
        <div className="step-detail__card">
          <CardFace card={step.card} titleAs="h4" />
          <p className="step-detail__placed">{t("path.placedBy", { name })}</p>
        </div>
        <div className="step-detail__narration">
          <PitfallStatus step={step} />
          {narration}
          <PitfallAnswer step={step} number={number} readOnly={readOnly} />
        </div>
      </div>
      <div className="step-detail__others">
        <StepReactions step={step} number={number} readOnly={readOnly} />
        <StepContributions step={step} number={number} readOnly={readOnly} />
        {!readOnly && <StepModeration step={step} number={number} />}
      </div>
    </div>
  );
}

function NarrationRead({ step, name }: { step: StepView; name: string }) {
  const { t } = useTranslation();
  if (step.narration) {
    return (
      <blockquote className="narration">
        <p className="pre-wrap" data-narration="">
          {step.narration}
        </p>
        <footer>{t("path.narratedBy", { name })}</footer>
      </blockquote>
    );
  }
  // A pitfall dealt onto the path is told through its answer, not by whoever dealt it.
  if (step.dealt) return null;
  return <p className="narration narration--empty">{t("path.notNarrated", { name })}</p>;
}

/** Where the step lands when moved one place up (null: to the start) or down; undefined: it cannot move that way. */
function useNeighbours(stepId: string): { up: string | null | undefined; down: string | undefined } {
  const up = useTableStore((s) => {
    const path = s.table?.path ?? [];
    const index = path.findIndex((p) => p.id === stepId);
    return index <= 0 ? undefined : (path[index - 2]?.id ?? null);
  });
  const down = useTableStore((s) => {
    const path = s.table?.path ?? [];
    const index = path.findIndex((p) => p.id === stepId);
    return index < 0 ? undefined : path[index + 1]?.id;
  });
  return { up, down };
}

function StepModeration({ step, number }: { step: StepView; number: number }) {
  const { t } = useTranslation();
  const canMove = useCan("moveStep");
  const canRemove = useCan("removeStep");
  const { up, down } = useNeighbours(step.id);
  const [confirming, setConfirming] = useState(false);
  if (!canMove && !canRemove) return null;

  async function remove() {
    // The step leaves the board: the focus goes to the tile that takes its place (or the path's heading).
    const path = useTableStore.getState().table?.path ?? [];
    const index = path.findIndex((p) => p.id === step.id);
    const next = path[index + 1] ?? path[index - 1];
    const refusal = await act({ type: "removeStep", stepId: step.id });
    if (refusal) return;
    openStep(null);
    const target = next
      ? stepElement(next.id)?.querySelector<HTMLElement>(".tile__open")
      : document.getElementById("path-heading");
    target?.focus();
  }

  return (
    <div className="step__moderation inline-row">
      {canMove && up !== undefined && (
        <button
          type="button"
          className="button button--small"
          onClick={() => void act({ type: "moveStep", stepId: step.id, afterStepId: up })}
        >
          <span aria-hidden="true">↑ </span>
          {t("play.moderation.moveUp", { number })}
        </button>
      )}
      {canMove && down !== undefined && (
        <button
          type="button"
          className="button button--small"
          onClick={() => void act({ type: "moveStep", stepId: step.id, afterStepId: down })}
        >
          <span aria-hidden="true">↓ </span>
          {t("play.moderation.moveDown", { number })}
        </button>
      )}
      {canRemove &&
        (confirming ? (
          <>
            <button type="button" className="button button--danger button--small" onClick={() => void remove()}>
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
