// What a screen reader hears while a card is dragged with dnd-kit, in French.
import type { Announcements } from "@dnd-kit/core";
import { useTranslation } from "react-i18next";
import { useTableStore } from "../../store/table-store.ts";

function cardTitle(id: string | number): string {
  return useTableStore.getState().table?.myHand.find((c) => c.id === id)?.title ?? String(id);
}

function slotName(id: string | number, t: (key: string, params?: Record<string, unknown>) => string): string {
  const anchor = String(id).replace(/^slot:/, "");
  if (anchor === "start") return t("path.today");
  const path = useTableStore.getState().table?.path ?? [];
  const index = path.findIndex((s) => s.id === anchor);
  return t("path.stepLabel", { number: index + 1 });
}

export function useDndAnnouncements(): Announcements {
  const { t } = useTranslation();
  return {
    onDragStart: ({ active }) => t("dnd.start", { card: cardTitle(active.id) }),
    onDragOver: ({ over }) => (over ? t("dnd.over", { slot: slotName(over.id, t) }) : t("dnd.outside")),
    onDragEnd: ({ active, over }) => (over ? t("dnd.end", { card: cardTitle(active.id) }) : t("dnd.cancel")),
    onDragCancel: () => t("dnd.cancel"),
  };
}
