// Names as the table shows them: a removed participant keeps authorship, marked "(retiré·e)"; someone the workshop moved
// to another table, "(parti·e vers Table 2)".
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Translate } from "#shared/i18n/translate.ts";
import type { SeatView } from "#client/net/types.ts";
import { useTableStore } from "#client/store/table-store.ts";

export function displayName(seat: SeatView | undefined, t: Translate): string {
  if (!seat) return t("play.unknownName");
  if (seat.movedTo) return t("workshopRules.moved.name", { name: seat.name, table: seat.movedTo });
  return seat.removed ? t("play.removedName", { name: seat.name }) : seat.name;
}

/** A function from participant id to the name to show. */
export function useNameOf(): (id: string) => string {
  const { t } = useTranslation();
  const people = useTableStore((s) => s.table?.participants);
  return (id: string) =>
    displayName(
      people?.find((p) => p.id === id),
      t,
    );
}

/** One person's name to show; re-renders only when that name changes (not on every change of anyone's seat). */
export function useName(id: string): string {
  const { t } = useTranslation();
  return useTableStore((s) =>
    displayName(
      s.table?.participants.find((p) => p.id === id),
      t,
    ),
  );
}
