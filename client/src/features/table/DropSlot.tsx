// A point of the path where a card can go: it opens into a drop zone while a card is dragged, and into a button
// when someone asked to choose the spot on the path (from the spot chooser); otherwise a thin gap.
import { useDroppable } from "@dnd-kit/core";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { placeCard, slotId } from "./place-card.ts";
import { usePlacing } from "./ui-store.ts";
import "./hand.css";

export function DropSlot({ afterStepId, position }: { afterStepId: string | null; position: number }) {
  const { t } = useTranslation();
  const placingCardId = usePlacing((s) => s.placingCardId);
  const dragging = usePlacing((s) => s.dragging);
  const card = useTableStore((s) => (placingCardId ? s.table?.myHand.find((c) => c.id === placingCardId) : undefined));
  const { setNodeRef, isOver } = useDroppable({ id: slotId(afterStepId), disabled: !placingCardId });

  if (!card) return <div ref={setNodeRef} className="slot slot--idle" aria-hidden="true" />;
  if (dragging) {
    // Heard through dnd-kit's announcements while dragging; seen here.
    return (
      <div
        ref={setNodeRef}
        className={`slot slot--drop${isOver ? " slot--over" : ""}`}
        data-spot={afterStepId === null ? "start" : `after-${position}`}
        aria-hidden="true"
      >
        <span className="slot__zone">{t("cards.dnd.dropHere")}</span>
      </div>
    );
  }
  const label =
    afterStepId === null
      ? t("path.placeAtStart", { card: card.title })
      : t("path.placeAfter", { card: card.title, number: position });
  return (
    <div ref={setNodeRef} className="slot slot--active">
      <button type="button" className="slot__button" onClick={() => void placeCard(card.id, afterStepId)}>
        {label}
      </button>
    </div>
  );
}
