// Always says whether this browser is connected to the table.
import { useTranslation } from "react-i18next";
import { selectConnection, useTableStore } from "../store/table-store.ts";

export function ConnectionStatus() {
  const { t } = useTranslation();
  const connection = useTableStore(selectConnection);
  const pending = useTableStore((s) => s.pending);
  return (
    <p className={`connection connection--${connection.status}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {connection.error ?? t(`connection.${connection.status}`)}
      {pending > 0 && <span className="connection__pending"> · {t("connection.pending", { count: pending })}</span>}
    </p>
  );
}
