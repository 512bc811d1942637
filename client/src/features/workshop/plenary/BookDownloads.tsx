// The workshop's book, for its facilitator: every table's story in one file — printable HTML, Markdown, or the JSON
// that opens a new workshop when imported. Fetched with the facilitator's secret in a header, saved as a file. While
// one is on its way, the buttons say so (aria-disabled) and ignore clicks, but keep the focus.
import { useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StoryFormat } from "#shared/protocol-constants.ts";
import { downloadBook } from "#client/net/plenary-api.ts";
import "./plenary.css";

const FORMATS: readonly StoryFormat[] = ["html", "md", "json"];

export function BookDownloads({ workshopId, facilitatorKey }: { workshopId: string; facilitatorKey: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<StoryFormat | null>(null);
  const inFlight = useRef(false);

  async function download(format: StoryFormat) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(format);
    setError(null);
    try {
      await downloadBook(workshopId, facilitatorKey, format);
    } catch (e) {
      setError(t("workshopPlenary.bookDownloads.failed", { message: (e as Error).message }));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }

  return (
    <section className="panel book-downloads" aria-labelledby="book-downloads-heading">
      <h2 id="book-downloads-heading">{t("workshopPlenary.bookDownloads.heading")}</h2>
      <p className="field__hint">{t("workshopPlenary.bookDownloads.intro")}</p>
      <div className="book-downloads__buttons">
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            aria-busy={busy === format}
            aria-disabled={busy !== null || undefined}
            onClick={() => void download(format)}
          >
            {t(`workshopPlenary.bookDownloads.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className="field__hint">
        {busy && t("workshopPlenary.bookDownloads.preparing")}
      </p>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
