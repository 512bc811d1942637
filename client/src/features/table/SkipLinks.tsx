// Skip links at the top of the table: to the path, my hand, the piles — only those whose section is on the screen in
// this phase. They move the focus without touching the address: its fragment holds the link's secret.
import { useLayoutEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { focusSection } from "./focus-section.ts";

const TARGETS = [
  { id: "path", label: "layout.skipToPath", short: "layout.dockPath" },
  { id: "hand", label: "layout.skipToHand", short: "layout.dockHand" },
  { id: "piles", label: "layout.skipToPiles", short: "layout.dockPiles" },
] as const;

/**
 * `watch` changes whenever the sections on screen may have changed (the phase, the person's role). With `dock`
 * (playing, on a phone) the same links stay on screen as a bar at the bottom: the hand is one tap away from any step.
 */
export function SkipLinks({ watch, dock = false }: { watch: string; dock?: boolean }) {
  const { t } = useTranslation();
  const [present, setPresent] = useState<string[]>([]);

  // After the screen of this phase is drawn: which targets are there.
  useLayoutEffect(() => {
    const found = TARGETS.filter(({ id }) => document.getElementById(id)).map(({ id }) => id);
    setPresent((before) => (before.join() === found.join() ? before : found));
  }, [watch]);

  if (present.length === 0) return null;
  return (
    <nav
      className={`skip-links${dock && present.length > 1 ? " skip-links--dock" : ""}`}
      aria-label={t("layout.skipLinks")}
    >
      <ul>
        {TARGETS.filter(({ id }) => present.includes(id)).map(({ id, label, short }) => (
          <li key={id}>
            <a
              className="skip-links__link"
              href={`#${id}`}
              onClick={(e) => {
                e.preventDefault();
                focusSection(id);
              }}
            >
              <span className="skip-links__long">{t(label)}</span>
              {/* The short label of the phone's bar is part of the long one (the same name for voice control). */}
              <span className="skip-links__short" aria-hidden="true">
                {t(short)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
