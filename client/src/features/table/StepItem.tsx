// One step of the path on the board: a tile that opens in full in place (spanning its row), and after it the slot where
// a card can be placed. Memoised: a patch that leaves this step's object as it was does not render it again.
import { memo, useCallback, useEffect, useId, useRef, type KeyboardEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import { useMyId } from "#client/store/can.ts";
import { useSigned } from "../actors/role-then.ts";
import { openStep, scrollBehavior, useBoard, type BoardVariant } from "./board-store.ts";
import { DropSlot } from "./DropSlot.tsx";
import { StepDetail } from "./StepDetail.tsx";
import { StepTile } from "./StepTile.tsx";
import { usePlacing } from "./ui-store.ts";

interface Props {
  step: StepView;
  number: number;
  variant: BoardVariant;
  /** Placed while this screen was open (not there when it first showed the path): it makes an entrance. */
  arrived: boolean;
}

export const StepItem = memo(function StepItem({ step, number, variant, arrived }: Props) {
  const { t } = useTranslation();
  const open = useBoard((s) => s.openStepId === step.id);
  const highlighted = useBoard((s) => s.highlightId === step.id);
  // Signed with the role the placer had when they wrote it, not the hat they wear now.
  const name = useSigned(step.placedBy, step.authorRole);
  const myId = useMyId();
  const justPlaced = usePlacing((s) => s.focusStepId === step.id);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  const detailId = useId();
  const table = variant === "table";

  // The step I just placed opens in full; its narration editor takes the focus (NarrationEditor).
  useEffect(() => {
    if (table && justPlaced) openStep(step.id);
  }, [table, justPlaced, step.id]);

  const toggle = useCallback(() => {
    if (useBoard.getState().openStepId === step.id) openStep(null);
    else {
      openStep(step.id);
      // The tile moves to a row of its own: keep its top in view.
      requestAnimationFrame(() => {
        const top = articleRef.current?.getBoundingClientRect().top ?? 0;
        if (top < 0 || top > window.innerHeight - 160)
          articleRef.current?.scrollIntoView({ block: "start", behavior: scrollBehavior() });
      });
    }
  }, [step.id]);

  const close = useCallback(() => {
    openStep(null);
    toggleRef.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "Escape" || !open) return;
    // Escape in a text field belongs to the field: nothing typed is ever lost by it.
    if (event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement) return;
    event.stopPropagation();
    close();
  }

  const classes = [
    "tile",
    `tile--${step.card.deck}`,
    open && "tile--open",
    step.dealt && step.open && "tile--pitfall-open",
    highlighted && "tile--highlight",
  ];
  const mine = myId === step.placedBy && !step.narration && !step.dealt;

  return (
    <li
      className={`board__item${open ? " board__item--open" : ""}${arrived ? " board__item--arrived" : ""}`}
      data-step-id={step.id}
    >
      <article
        ref={articleRef}
        className={classes.filter(Boolean).join(" ")}
        aria-label={`${t("path.stepLabel", { number })} : ${step.card.title}`}
        onKeyDown={onKeyDown}
      >
        <StepTile
          step={step}
          number={number}
          name={name}
          mine={mine}
          open={open}
          detailId={detailId}
          onToggle={toggle}
          onClose={close}
          toggleRef={toggleRef}
        />
        {open && <StepDetail step={step} number={number} name={name} id={detailId} readOnly={!table} />}
      </article>
      {table && <DropSlot afterStepId={step.id} position={number} />}
    </li>
  );
});
