// Messages to the person: an information is said politely and fades by itself after a few seconds; a refusal is said
// at once and stays until closed. Both float over the page (they never push it down) and go when the phase changes.
import { useEffect, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { clearNotice, useTableStore, type Notice as NoticeData } from "../store/table-store.ts";
import "./notice.css";

/** How long an information stays on screen (while the pointer or the focus is not on it). */
export const INFO_NOTICE_MS = 6000;

export function Notice() {
  const info = useTableStore((s) => s.notices.info);
  const error = useTableStore((s) => s.notices.error);
  return (
    <div className="notices">
      {/* Both live regions are in the page before any message, so that screen readers hear what arrives in them. */}
      <div className="notices__slot" role="alert">
        {error && <NoticeLine key={error.id} notice={error} />}
      </div>
      <div className="notices__slot" role="status" aria-live="polite">
        {info && <NoticeLine key={info.id} notice={info} fades />}
      </div>
    </div>
  );
}

function NoticeLine({ notice, fades = false }: { notice: NoticeData; fades?: boolean }) {
  const { t } = useTranslation();
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!fades || held) return;
    const timer = setTimeout(() => clearNotice(notice.id), INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [fades, held, notice.id]);

  return (
    // A CSS entrance (notice.css), not framer-motion: a message must show even before the animation code has arrived.
    <p
      className={`notice notice--${notice.kind}`}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span>{notice.text}</span>
      <button
        type="button"
        className="notice__close"
        aria-label={t("layout.closeNotice")}
        onClick={() => clearNotice(notice.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </p>
  );
}
