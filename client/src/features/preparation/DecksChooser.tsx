// The facilitator chooses which decks and challenge themes are in play, and imports a deck file into this table.
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { DeckName } from "#cards/deck-names.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { Field } from "#client/ui/Field.tsx";
import { DecksAndThemes, type DecksChoice } from "#client/ui/DecksAndThemes.tsx";
import { useDecks } from "#client/net/use-decks.ts";
import "./preparation.css";

const NONE: never[] = [];

type Choice = DecksChoice;

export function DecksChooser() {
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
  const themes = [
    ...kitThemes,
    ...themesInPlay.filter((id) => !kitThemes.some((k) => k.id === id)).map((id) => ({ id, label: id })),
  ];

  async function choose(nextDecks: DeckName[], nextThemes: string[]) {
    setError(null);
    const choice = { decks: nextDecks, themes: nextThemes };
    latest.current = choice;
    setSending(choice);
    const refusal = await act({ type: "chooseDecks", ...choice });
    if (latest.current === choice) setSending(null);
    if (refusal) setError(refusal.message);
  }

  return (
    <div className="decks-chooser">
      <DecksAndThemes
        value={{ decks: decksInPlay, themes: themesInPlay }}
        themes={themes}
        onChange={(next) => void choose(next.decks, next.themes)}
        onRefused={setError}
      />
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
        {(id, hintId) => (
          <input id={id} name="deck" type="file" accept=".json,application/json" aria-describedby={hintId} />
        )}
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
