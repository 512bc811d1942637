// The dashboard's three sections as tabs (WAI-ARIA tabs: arrow keys move between them, Home and End to the ends).
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";

export type Section = "overview" | "plenary" | "book";
const SECTIONS: readonly Section[] = ["overview", "plenary", "book"];
const LABELS = {
  overview: "workshopOverview.tabOverview",
  plenary: "workshopOverview.tabPlenary",
  book: "workshopOverview.tabBook",
} as const;

export function Tabs({ current, onChange }: { current: Section; onChange: (section: Section) => void }) {
  const { t } = useTranslation();
  const buttons = useRef(new Map<Section, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent) {
    const index = SECTIONS.indexOf(current);
    const next =
      event.key === "ArrowRight"
        ? SECTIONS[(index + 1) % SECTIONS.length]
        : event.key === "ArrowLeft"
          ? SECTIONS[(index + SECTIONS.length - 1) % SECTIONS.length]
          : event.key === "Home"
            ? SECTIONS[0]
            : event.key === "End"
              ? SECTIONS[SECTIONS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    onChange(next);
    buttons.current.get(next)?.focus();
  }

  return (
    <div role="tablist" aria-label={t("workshopOverview.tabs")} className="dashboard__tabs" onKeyDown={onKeyDown}>
      {SECTIONS.map((section) => (
        <button
          key={section}
          ref={(element) => {
            if (element) buttons.current.set(section, element);
          }}
          type="button"
          role="tab"
          id={`dashboard-tab-${section}`}
          aria-selected={section === current}
          // Only the shown section's panel is in the page.
          aria-controls={section === current ? `dashboard-panel-${section}` : undefined}
          tabIndex={section === current ? 0 : -1}
          className="dashboard__tab"
          onClick={() => onChange(section)}
        >
          {t(LABELS[section])}
        </button>
      ))}
    </div>
  );
}
