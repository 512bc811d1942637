// Writing and editing a step's narration — my own, or any step's when moderating; the draft is kept locally until the server has it.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import type { StepView } from "#shared/view.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { dropDraft, readDraft, writeDraft } from "./drafts.ts";
import { usePlacing } from "./ui-store.ts";
import { useReturnFocus } from "./use-return-focus.ts";

interface Props {
  step: StepView;
  number: number;
  /** The facilitator editing someone's narration (editStep) rather than the author writing theirs (narrate). */
  moderating?: boolean;
  /** What everyone else sees of this narration: shown to a moderator above their edit button. */
  readView?: ReactNode;
}

export function NarrationEditor({ step, number, moderating = false, readView }: Props) {
  const { t } = useTranslation();
  const tableId = useTableStore((s) => s.table?.id ?? "");
  const draftKey = moderating ? `moderation:${step.id}` : step.id;
  const draft = readDraft(tableId, draftKey);
  const [editing, setEditing] = useState((!moderating && !step.narration) || draft !== null);
  const [text, setText] = useState(draft ?? step.narration);
  const [saving, setSaving] = useState(false);
  const focusStepId = usePlacing((s) => s.focusStepId);
  const connected = useTableStore((s) => s.connection.status === "connected");
  const area = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const reopen = useRef<HTMLButtonElement>(null);
  const id = useId();
  const returnFocus = useReturnFocus(editing);

  // Saved or cancelled: the form gives way to the narration and its « Modifier » button, which takes the focus (it was
  // in the form, or fell to the page while the text went to the server), as a keyboard user goes on from there.
  function close() {
    returnFocus(form.current, () => reopen.current);
    setEditing(false);
  }

  useEffect(() => {
    if (!moderating && focusStepId === step.id) {
      setEditing(true);
      area.current?.focus();
      usePlacing.setState({ focusStepId: null });
    }
  }, [focusStepId, step.id, moderating]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    const refusal = await act(
      moderating ? { type: "editStep", stepId: step.id, narration: text } : { type: "narrate", stepId: step.id, text },
    );
    setSaving(false);
    if (refusal) return; // the text stays in the editor and in the draft
    dropDraft(tableId, draftKey);
    close();
  }

  function open() {
    setText(step.narration);
    setEditing(true);
  }

  if (!editing && moderating) {
    return (
      <div className="narration-moderated">
        {readView}
        <button ref={reopen} type="button" className="link-button" onClick={open}>
          {t("play.moderation.editNarration", { number })}
        </button>
      </div>
    );
  }
  if (!editing) {
    return (
      <div className="narration">
        <p className="pre-wrap" data-narration="">
          {step.narration}
        </p>
        <button ref={reopen} type="button" className="link-button" onClick={open}>
          {t("narration.edit")}
        </button>
      </div>
    );
  }

  return (
    <form ref={form} className="narration-editor" onSubmit={save}>
      <label htmlFor={id}>
        {moderating ? t("play.moderation.narrationLabel", { number }) : t("narration.label", { number })}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t("narration.hint")}
      </p>
      <textarea
        id={id}
        ref={area}
        rows={4}
        value={text}
        maxLength={LIMITS.narrationLength}
        aria-describedby={`${id}-hint ${id}-count`}
        autoFocus={moderating}
        onChange={(e) => {
          setText(e.target.value);
          writeDraft(tableId, draftKey, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
        }}
      />
      <p className="field__hint" id={`${id}-count`}>
        {t("narration.counter", { count: text.length, max: LIMITS.narrationLength })}
        {readDraft(tableId, draftKey) !== null && ` — ${t("narration.draftKept")}`}
      </p>
      <div className="inline-row">
        {/* Not disabled while saving: the focus stays on it until the narration is saved (see close). */}
        <button type="submit" className="button button--primary" aria-disabled={saving || undefined}>
          {saving ? (connected ? t("narration.saving") : t("narration.queued")) : t("narration.save")}
        </button>
        {(step.narration || moderating) && (
          <button
            type="button"
            className="button"
            onClick={() => {
              dropDraft(tableId, draftKey);
              setText(step.narration);
              close();
            }}
          >
            {t("narration.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
