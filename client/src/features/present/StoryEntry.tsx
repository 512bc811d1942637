// « Présenter le récit » on the shared screen: opens the story presentation (the story replayed step by step, at the
// facilitator's pace) in Débrief and Récit terminé. (On the table screen, the path's own toolbar offers it.)
import { useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { StoryPresentation } from "../table/StoryPresentation.tsx";

export function StoryEntry({ className = "button" }: { className?: string }) {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (phase !== "debrief" && phase !== "closed") return null;

  function close() {
    setOpen(false);
    // Back where the person was, on the button that opened it.
    requestAnimationFrame(() => button.current?.focus());
  }

  return (
    <>
      <button ref={button} type="button" className={className} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t("facilitatorBar.presentStory")}
      </button>
      {open && <StoryPresentation onClose={close} />}
    </>
  );
}
