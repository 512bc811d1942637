// The last refusal or message, read out by screen readers, until closed or replaced.
import { useTranslation } from "react-i18next";
import { clearNotice, useTableStore } from "../store/table-store.ts";

export function Notice() {
  const { t } = useTranslation();
  const notice = useTableStore((s) => s.notice);
  return (
    <div className="notice-area" role="alert" aria-live="assertive">
      {notice && (
        <p className={`notice notice--${notice.kind}`} key={notice.id}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={clearNotice}>
            {t("table.closeNotice")}
          </button>
        </p>
      )}
    </div>
  );
}
