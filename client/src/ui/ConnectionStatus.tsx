// Always says whether this browser is connected to the table.
import { useTranslation } from "react-i18next";
import { selectConnection, useTableStore } from "../store/table-store.ts";

export function ConnectionStatus() {
  const { t } = useTranslation();
  const connection = useTableStore(selectConnection);
  return (
    <p className={`connection connection--${connection.status}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {connection.error ?? t(`connection.${connection.status}`)}
    </p>
  );
}
