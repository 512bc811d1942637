// Placing cards from the hand onto the path: the drag-and-drop context (pointer, touch and keyboard sensors, what a
// screen reader hears) around everything that shows the hand or the path.
import {
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { placeCard, slotAnchor } from "./place-card.ts";
import { usePlacing } from "./ui-store.ts";
import { useDndAnnouncements } from "./dnd-announcements.ts";

export function PlacingContext({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const announcements = useDndAnnouncements();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));

  function onDragStart(event: DragStartEvent) {
    usePlacing.setState({ dragging: true, placingCardId: String(event.active.id) });
  }
  function onDragEnd(event: DragEndEvent) {
    const cardId = String(event.active.id);
    if (event.over) void placeCard(cardId, slotAnchor(String(event.over.id)));
    else usePlacing.setState({ dragging: false, placingCardId: null });
  }

  return (
    <DndContext
      sensors={sensors}
      // The drop zones open up once a drag starts, which moves the whole path: measure them while dragging.
      measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => usePlacing.setState({ dragging: false, placingCardId: null })}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
    >
      {children}
    </DndContext>
  );
}
