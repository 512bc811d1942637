// What the server forgets, and when: the facilitator's « Effacer la table » behind a confirmation that lists what goes,
// and the date the server deletes the table by itself if nobody touches it (RETENTION_DAYS after the last action).
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import { deleteTable } from "#client/net/connection.ts";
import { showNotice, useTableStore } from "#client/store/table-store.ts";

const WHAT_GOES = ["path", "texts", "people", "links"] as const;

/** « Ce récit sera effacé le 12 juin 2026 si personne n'y touche. » Any action moves the date forward. */
export function RetentionDate() {
  const { t } = useTranslation();
  const deleteAfter = useTableStore((s) => s.table?.deleteAfter ?? null);
  if (!deleteAfter) return null;
  const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" }).format(new Date(deleteAfter));
  return <p className="field__hint retention-date">{t("deletion.retention", { date })}</p>;
}

/** Needs the facilitator link's secret (like the downloads); the facilitator then lands on the home page. */
export function DeleteTable({ tableId, facilitatorKey }: { tableId: string; facilitatorKey: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const title = useTableStore((s) => s.table?.title ?? "");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const hintId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // The confirmation takes the focus, so that a screen reader reads what will be gone before the button that does it.
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);

  async function erase() {
    setBusy(true);
    try {
      await deleteTable(tableId, facilitatorKey);
    } catch (error) {
      setBusy(false);
      showNotice("error", t("deletion.failed", { message: (error as Error).message }));
      return;
    }
    navigate("/");
    // The home page opens at its top, where the notice is, not at the scroll position of the long table it replaces.
    window.scrollTo(0, 0);
    showNotice("info", t("deletion.done", { title }));
  }

  return (
    <div className="deletion">
      <h3>{t("deletion.heading")}</h3>
      {!confirming ? (
        <>
          <button
            type="button"
            className="button button--danger"
            aria-describedby={hintId}
            onClick={() => setConfirming(true)}
          >
            {t("deletion.open")}
          </button>
          <p className="field__hint" id={hintId}>
            {t("deletion.openHint")}
          </p>
        </>
      ) : (
        <div className="deletion__confirm" role="group" aria-labelledby={headingId}>
          <h4 id={headingId} ref={heading} tabIndex={-1}>
            {t("deletion.confirmHeading")}
          </h4>
          <p>{t("deletion.willBeGone")}</p>
          <ul>
            {WHAT_GOES.map((what) => (
              <li key={what}>{t(`deletion.gone.${what}`)}</li>
            ))}
          </ul>
          <p>
            <strong>{t("deletion.advice")}</strong>
          </p>
          <div className="inline-row">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void erase()}>
              {t("deletion.confirm")}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t("deletion.cancel")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
