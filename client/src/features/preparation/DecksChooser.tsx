// The facilitator chooses which decks and challenge themes are in play, and imports a deck file into this table.
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { DECK_NAMES, type DeckName } from "#cards/deck-names.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { Field } from "#client/ui/Field.tsx";
import { useDecks } from "#client/net/use-decks.ts";
import "./preparation.css";

const NONE: never[] = [];

interface Choice {
  decks: DeckName[];
  themes: string[];
}

export function DecksChooser() {
  const { t } = useTranslation();
  const tableDecks = useTableStore((s) => s.table?.decksInPlay ?? NONE);
  const tableThemes = useTableStore((s) => s.table?.themesInPlay ?? NONE);
  const { decks } = useDecks();
  const [error, setError] = useState<string | null>(null);
  // The choice on its way to the table: the boxes show it at once, then the table's answer.
  const [sending, setSending] = useState<Choice | null>(null);
  const latest = useRef<Choice | null>(null);
  const decksInPlay = sending?.decks ?? tableDecks;
  const themesInPlay = sending?.themes ?? tableThemes;

  // The kit's themes, plus any theme in play that came with an imported deck.
  const kitThemes = decks?.challenge.themes ?? [];
  const themes = [...kitThemes, ...themesInPlay.filter((id) => !kitThemes.some((k) => k.id === id)).map((id) => ({ id, label: id }))];
  const allThemeIds = themes.map((theme) => theme.id);
  // No theme listed means every theme.
  const ticked = themesInPlay.length === 0 ? allThemeIds : themesInPlay;

  async function choose(nextDecks: DeckName[], nextThemes: string[]) {
    setError(null);
    const choice = { decks: nextDecks, themes: nextThemes };
    latest.current = choice;
    setSending(choice);
    const refusal = await act({ type: "chooseDecks", ...choice });
    if (latest.current === choice) setSending(null);
    if (refusal) setError(refusal.message);
  }

  function toggleDeck(deck: DeckName, on: boolean) {
    const next = DECK_NAMES.filter((d) => (d === deck ? on : decksInPlay.includes(d)));
    void choose(next, themesInPlay);
  }

  function toggleTheme(themeId: string, on: boolean) {
    const next = allThemeIds.filter((id) => (id === themeId ? on : ticked.includes(id)));
    if (next.length === 0) return setError(t("preparation.decks.keepOneTheme"));
    void choose(decksInPlay, next.length === allThemeIds.length ? [] : next);
  }

  return (
    <div className="decks-chooser">
      <fieldset className="fieldset">
        <legend>{t("preparation.decks.decksLegend")}</legend>
        <div className="checkbox-row">
          {DECK_NAMES.map((deck) => (
            <label key={deck}>
              <input type="checkbox" checked={decksInPlay.includes(deck)} onChange={(e) => toggleDeck(deck, e.target.checked)} />
              {t(`deck.${deck}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {themes.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t("preparation.decks.themesLegend")}</legend>
          <p className="field__hint">{t("preparation.decks.themesHint")}</p>
          <div className="checkbox-row">
            {themes.map((theme) => (
              <label key={theme.id}>
                <input type="checkbox" checked={ticked.includes(theme.id)} onChange={(e) => toggleTheme(theme.id, e.target.checked)} />
                {theme.label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      <ImportDeckForm />
    </div>
  );
}

/** Frames above the server's 64 KB limit would cut the connection: such a file is refused here, with a reason. */
const MAX_DECK_BYTES = 60 * 1024;

function ImportDeckForm() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get("deck");
    setDone(null);
    if (!(file instanceof File) || file.size === 0) return setError(t("preparation.decks.fileRequired"));
    const text = await file.text();
    const size = new TextEncoder().encode(text).length;
    if (size > MAX_DECK_BYTES) {
      return setError(t("preparation.decks.tooLarge", { size: Math.ceil(size / 1024), max: MAX_DECK_BYTES / 1024 }));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return setError(t("preparation.decks.notJson", { message: (e as Error).message }));
    }
    setError(null);
    setSending(true);
    const refusal = await act({ type: "importDeck", file: parsed, fileName: file.name });
    setSending(false);
    if (refusal) return setError(refusal.message);
    form.reset();
    setDone(t("preparation.decks.imported", { file: file.name }));
  }

  return (
    <form className="import-deck" onSubmit={submit} aria-labelledby="import-deck-heading">
      <h4 id="import-deck-heading">{t("preparation.decks.importHeading")}</h4>
      <Field label={t("preparation.decks.importFile")} hint={t("preparation.decks.importHint")}>
        {(id, hintId) => <input id={id} name="deck" type="file" accept=".json,application/json" aria-describedby={hintId} />}
      </Field>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="import-deck__done" role="status">
          {done}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={sending}>
          {sending ? t("preparation.decks.importing") : t("preparation.decks.importSubmit")}
        </button>
      </div>
    </form>
  );
}
