// A point of the path where the chosen card can go: a drop zone for the mouse and touch, a button for the keyboard.
import { useDroppable } from "@dnd-kit/core";
import { useTranslation } from "react-i18next";
import { useTableStore } from "../../store/table-store.ts";
import { placeCard, slotId } from "./place-card.ts";
import { usePlacing } from "./ui-store.ts";

export function DropSlot({ afterStepId, position }: { afterStepId: string | null; position: number }) {
  const { t } = useTranslation();
  const placingCardId = usePlacing((s) => s.placingCardId);
  const dragging = usePlacing((s) => s.dragging);
  const card = useTableStore((s) => s.table?.myHand.find((c) => c.id === placingCardId));
  const { setNodeRef, isOver } = useDroppable({ id: slotId(afterStepId), disabled: !placingCardId });

  if (!placingCardId || !card) return <div ref={setNodeRef} className="slot slot--idle" aria-hidden="true" />;
  const label =
    afterStepId === null ? t("path.placeAtStart", { card: card.title }) : t("path.placeAfter", { card: card.title, number: position });
  return (
    <div ref={setNodeRef} className={`slot slot--active${isOver ? " slot--over" : ""}`}>
      <button type="button" className="slot__button" disabled={dragging} onClick={() => void placeCard(card.id, afterStepId)}>
        {label}
      </button>
    </div>
  );
}
