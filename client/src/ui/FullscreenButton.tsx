// « Plein écran » on a screen made for a projector (the table's shared screen, the workshop's plenary): the whole page
// fills the projector's screen where the browser allows it (a modal dialog open on it stays on top: dialogs themselves
// may not go full screen), and the button says « Quitter le plein écran » while it does.
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";

export function FullscreenButton() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const update = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener("fullscreenchange", update);
    return () => document.removeEventListener("fullscreenchange", update);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="button"
      onClick={() =>
        void (full ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined)
      }
    >
      {full ? t("present.exitFullscreen") : t("present.fullscreen")}
    </button>
  );
}
