// The plenary put on the projector from the workshop facilitator's page: the shared screen's view over the whole window,
// in a modal dialog, so the dashboard behind it (and the reminder about its secret link) is neither seen nor reachable.
// Escape, or « Quitter la présentation », brings the page back; the focus starts on the workshop's title.
import { useEffect, useRef, type ReactNode, type RefObject } from "react";

export function PlenaryProjection({
  labelledBy,
  initialFocus,
  onClose,
  children,
}: {
  labelledBy: string;
  initialFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    initialFocus.current?.focus();
    return () => element?.close();
  }, [initialFocus]);

  return (
    <dialog
      ref={dialog}
      className="plenary-projection"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
