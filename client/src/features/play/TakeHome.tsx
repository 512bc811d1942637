// At « Récit terminé », every person seated at the table takes their part home: the table's story (as the
// facilitator's export) and a page of their own. The server knows them by this browser's seat key at the table, sent in
// the request's body; an observer has none, and sees nothing here.
import { useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { MessageKey } from "#shared/i18n/translate.ts";
import { downloadTakeHome, takeHomeFileName, type TakeHomeFile } from "#client/net/plenary-api.ts";
import { loadSeat } from "#client/net/seat.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import "./take-home.css";

const STORY_FILES: { file: TakeHomeFile; label: MessageKey }[] = [
  { file: { kind: "story", format: "html" }, label: "workshopPlenary.takeHome.storyHtml" },
  { file: { kind: "story", format: "md" }, label: "workshopPlenary.takeHome.storyMarkdown" },
  { file: { kind: "story", format: "json" }, label: "workshopPlenary.takeHome.storyJson" },
];
const MINE_FILES: { file: TakeHomeFile; label: MessageKey }[] = [
  { file: { kind: "mine", format: "html" }, label: "workshopPlenary.takeHome.mineHtml" },
  { file: { kind: "mine", format: "md" }, label: "workshopPlenary.takeHome.mineMarkdown" },
];

/**
 * `withStory` false: only « Ma page » (the facilitator's downloads, just above, already give the table's story: the
 * same three files twice read as two different things).
 */
export function TakeHome({ tableId, withStory = true }: { tableId: string; withStory?: boolean }) {
  const { t } = useTranslation();
  const me = useTableStore(selectMe);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const seat = loadSeat(tableId);
  if (!me || me.observer || !seat) return null;
  const seatKey = seat.seatKey;

  async function download(file: TakeHomeFile) {
    const name = takeHomeFileName(tableId, file);
    setBusy(name);
    setError(null);
    setStatus("");
    try {
      await downloadTakeHome(tableId, seatKey, file);
      setStatus(t("workshopPlenary.takeHome.downloaded", { file: name }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const group = (heading: MessageKey, files: typeof STORY_FILES, id: string) => (
    <div className="take-home__group" role="group" aria-labelledby={id}>
      <h4 id={id}>{t(heading)}</h4>
      <div className="take-home__buttons">
        {files.map(({ file, label }) => (
          <button
            key={label}
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void download(file)}
          >
            {busy === takeHomeFileName(tableId, file) ? t("workshopPlenary.takeHome.downloading") : t(label)}
          </button>
        ))}
      </div>
    </div>
  );

  return (
    <section className="take-home" aria-labelledby="take-home-heading">
      <h3 id="take-home-heading">
        {t(withStory ? "workshopPlenary.takeHome.heading" : "workshopPlenary.takeHome.headingMine")}
      </h3>
      <p className="field__hint">
        {t(withStory ? "workshopPlenary.takeHome.intro" : "workshopPlenary.takeHome.introMine")}
      </p>
      {group("workshopPlenary.takeHome.mineGroup", MINE_FILES, "take-home-mine")}
      {withStory && group("workshopPlenary.takeHome.storyGroup", STORY_FILES, "take-home-story")}
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
