// The workshop's book, for its facilitator: every table's story in one file — printable HTML, Markdown, or the JSON
// that opens a new workshop when imported. Fetched with the facilitator's secret in a header, saved as a file.
import { useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StoryFormat } from "#shared/protocol-constants.ts";
import { downloadBook } from "#client/net/plenary-api.ts";
import "./plenary.css";

const FORMATS: readonly StoryFormat[] = ["html", "md", "json"];

export function BookDownloads({ workshopId, facilitatorKey }: { workshopId: string; facilitatorKey: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<StoryFormat | null>(null);

  async function download(format: StoryFormat) {
    setBusy(format);
    setError(null);
    try {
      await downloadBook(workshopId, facilitatorKey, format);
    } catch (e) {
      setError(t("workshopPlenary.bookDownloads.failed", { message: (e as Error).message }));
    } finally {
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
            disabled={busy !== null}
            onClick={() => void download(format)}
          >
            {t(`workshopPlenary.bookDownloads.${format}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
