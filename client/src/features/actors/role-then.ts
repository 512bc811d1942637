// Who wrote what, signed with the role they had then: each step and contribution keeps its author's role of the time
// (changing hats does not rewrite it); in a table older than that, their role now.
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { displayName } from "../play/names.ts";

/** « Chloé (élue) »; the name alone when nobody of that id sits at the table. */
export function useSigned(personId: string, roleThen: string | undefined): string {
  const { t } = useTranslation();
  return useTableStore((s) => {
    const seat = s.table?.participants.find((p) => p.id === personId);
    const name = displayName(seat, t);
    const role = roleThen || seat?.role;
    return role ? t("actors.signed", { name, role }) : name;
  });
}
