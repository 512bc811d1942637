// Placing cards from the hand onto the path by dragging: the drag-and-drop context (mouse, and a long press on a touch
// screen, so that a swipe still scrolls the hand), the card that follows the pointer or finger (an overlay on top of
// everything, never clipped by the sidebar), what a screen reader hears. Keyboard users place through the spot chooser.
import {
  DndContext,
  DragOverlay,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import type { ReactNode } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace } from "#client/ui/CardFace.tsx";
import { useDndAnnouncements } from "./dnd-announcements.ts";
import { placeCard, slotAnchor } from "./place-card.ts";
import { usePlacing } from "./ui-store.ts";

// The slot under the pointer or finger; failing that, the one the dragged card overlaps most.
const underPointer: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

export function PlacingContext({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const announcements = useDndAnnouncements();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );

  function onDragStart(event: DragStartEvent) {
    usePlacing.setState({ dragging: true, placingCardId: String(event.active.id), chooserCardId: null });
  }
  function onDragEnd(event: DragEndEvent) {
    const cardId = String(event.active.id);
    if (event.over) void placeCard(cardId, slotAnchor(String(event.over.id)));
    else usePlacing.setState({ dragging: false, placingCardId: null });
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={underPointer}
      // The drop zones open up once a drag starts, which moves the whole path: measure them while dragging.
      measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => usePlacing.setState({ dragging: false, placingCardId: null })}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("cards.dnd.instructions") } }}
    >
      {children}
      <DraggedCard />
    </DndContext>
  );
}

/** The dragged card, drawn above the page under the pointer or finger. */
function DraggedCard() {
  const cardId = usePlacing((s) => (s.dragging ? s.placingCardId : null));
  const card = useTableStore((s) => (cardId ? s.table?.myHand.find((c) => c.id === cardId) : undefined));
  // No drop animation: a card dropped on a slot leaves the hand for the path, it does not fly back.
  return createPortal(
    <DragOverlay className="drag-overlay" dropAnimation={null} zIndex={1000}>
      {card ? (
        <div className="drag-overlay__card" data-drag-overlay="">
          <CardFace card={card} sized titleAs="p" />
        </div>
      ) : null}
    </DragOverlay>,
    document.body,
  );
}
