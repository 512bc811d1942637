// The facilitation's message (the workshop facilitator's, sent to every table, or this table's facilitator's), shown on
// every screen of the table until cleared or replaced: a banner region named « Message de l'animation ». A new message is
// said politely to screen readers.
import { useId } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useTableStore } from "#client/store/table-store.ts";
import "./workshop-table.css";

export function AnnouncementBanner({ variant = "table" }: { variant?: "table" | "present" }) {
  const { t } = useTranslation();
  const text = useTableStore((s) => s.table?.announcement?.text ?? "");
  const at = useTableStore((s) => s.table?.announcement?.at ?? 0);
  const headingId = useId();
  const heading = t("workshopRules.banner.heading");

  return (
    <>
      {/* In the page before any message, so that screen readers hear each new one; keyed by when it was written, so
          the same words written again are said again. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {text && <span key={at}>{`${heading} : ${text}`}</span>}
      </p>
      {text && (
        <section key={at} className={`announcement announcement--${variant}`} aria-labelledby={headingId}>
          <h2 id={headingId} className="announcement__heading">
            {heading}
          </h2>
          <p className="announcement__text">{text}</p>
        </section>
      )}
    </>
  );
}
