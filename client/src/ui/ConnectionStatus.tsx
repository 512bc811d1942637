// Always says whether this browser is connected to the table.
import { useEffect, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { selectConnection, useTableStore } from "../store/table-store.ts";

export function ConnectionStatus() {
  const { t } = useTranslation();
  const connection = useTableStore(selectConnection);
  const pending = useSettled(useTableStore((s) => s.pending));
  return (
    <p className={`connection connection--${connection.status}`} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {connection.error ?? t(`connection.${connection.status}`)}
      {pending > 0 && <span className="connection__pending"> · {t("connection.pending", { count: pending })}</span>}
    </p>
  );
}

/**
 * The pending count once it has stayed the same for a second: an action answered at once never shows, so the header
 * does not jump under the pointer while someone clicks; one that waits for the network does.
 */
function useSettled(value: number): number {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === 0) return setSettled(0);
    const timer = setTimeout(() => setSettled(value), 1000);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}
