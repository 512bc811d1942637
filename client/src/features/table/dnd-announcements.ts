// What a screen reader hears while a card is dragged with dnd-kit, in French: the card, then each spot it passes over.
import type { Announcements } from "@dnd-kit/core";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Translate } from "#shared/i18n/translate.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { slotAnchor } from "./place-card.ts";

function cardTitle(id: string | number): string {
  return useTableStore.getState().table?.myHand.find((c) => c.id === id)?.title ?? String(id);
}

/** « au début du chemin », or « après l'étape N, « <title> » ». */
function overSpot(id: string | number, t: Translate): string {
  const anchor = slotAnchor(String(id));
  if (anchor === null) return t("cards.dnd.overStart");
  const path = useTableStore.getState().table?.path ?? [];
  const index = path.findIndex((s) => s.id === anchor);
  return t("cards.dnd.overAfter", { number: index + 1, title: path[index]?.card.title ?? "" });
}

export function useDndAnnouncements(): Announcements {
  const { t } = useTranslation();
  return {
    onDragStart: ({ active }) => t("dnd.start", { card: cardTitle(active.id) }),
    onDragOver: ({ over }) => (over ? overSpot(over.id, t) : t("dnd.outside")),
    onDragEnd: ({ active, over }) => (over ? t("dnd.end", { card: cardTitle(active.id) }) : t("dnd.cancel")),
    onDragCancel: () => t("dnd.cancel"),
  };
}
