// The decks and challenge themes in play, as two groups of checkboxes: at a table in preparation (DecksChooser) and for
// every table of a workshop (CreateWorkshopForm). No theme listed means every theme; the last theme cannot be unticked.
import { DECK_NAMES, type DeckName } from "#cards/deck-names.ts";
import { useTranslation } from "#client/i18n/use-translation.ts";

export interface DecksChoice {
  decks: DeckName[];
  themes: string[];
}

export function DecksAndThemes({
  value,
  themes,
  onChange,
  onRefused,
}: {
  value: DecksChoice;
  /** Every theme that may be ticked, with its label. */
  themes: readonly { id: string; label: string }[];
  onChange: (next: DecksChoice) => void;
  /** Says why a box did not change (the last theme). */
  onRefused: (message: string) => void;
}) {
  const { t } = useTranslation();
  const allThemeIds = themes.map((theme) => theme.id);
  const ticked = value.themes.length === 0 ? allThemeIds : value.themes;

  function toggleDeck(deck: DeckName, on: boolean) {
    onChange({ ...value, decks: DECK_NAMES.filter((d) => (d === deck ? on : value.decks.includes(d))) });
  }

  function toggleTheme(themeId: string, on: boolean) {
    const next = allThemeIds.filter((id) => (id === themeId ? on : ticked.includes(id)));
    if (next.length === 0) return onRefused(t("preparation.decks.keepOneTheme"));
    onChange({ ...value, themes: next.length === allThemeIds.length ? [] : next });
  }

  return (
    <>
      <fieldset className="fieldset">
        <legend>{t("preparation.decks.decksLegend")}</legend>
        <div className="checkbox-row">
          {DECK_NAMES.map((deck) => (
            <label key={deck}>
              <input
                type="checkbox"
                checked={value.decks.includes(deck)}
                onChange={(e) => toggleDeck(deck, e.target.checked)}
              />
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
                <input
                  type="checkbox"
                  checked={ticked.includes(theme.id)}
                  onChange={(e) => toggleTheme(theme.id, e.target.checked)}
                />
                {theme.label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </>
  );
}
