// Writing and editing my own narration of a step; the draft is kept locally until the server has it.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/model.ts";
import type { StepView } from "../../../../shared/view.ts";
import { act } from "../../net/connection.ts";
import { useTableStore } from "../../store/table-store.ts";
import { dropDraft, readDraft, writeDraft } from "./drafts.ts";
import { usePlacing } from "./ui-store.ts";

export function NarrationEditor({ step, number }: { step: StepView; number: number }) {
  const { t } = useTranslation();
  const tableId = useTableStore((s) => s.table?.id ?? "");
  const draft = readDraft(tableId, step.id);
  const [editing, setEditing] = useState(!step.narration || draft !== null);
  const [text, setText] = useState(draft ?? step.narration);
  const [saving, setSaving] = useState(false);
  const focusStepId = usePlacing((s) => s.focusStepId);
  const connected = useTableStore((s) => s.connection.status === "connected");
  const area = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    if (focusStepId === step.id) {
      setEditing(true);
      area.current?.focus();
      usePlacing.setState({ focusStepId: null });
    }
  }, [focusStepId, step.id]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    setSaving(true);
    const refusal = await act({ type: "narrate", stepId: step.id, text });
    setSaving(false);
    if (refusal) return; // the text stays in the editor and in the draft
    dropDraft(tableId, step.id);
    setEditing(false);
  }

  if (!editing) {
    return (
      <div className="narration">
        <p className="pre-wrap">{step.narration}</p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setText(step.narration);
            setEditing(true);
          }}
        >
          {t("narration.edit")}
        </button>
      </div>
    );
  }

  return (
    <form className="narration-editor" onSubmit={save}>
      <label htmlFor={id}>{t("narration.label", { number })}</label>
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
        onChange={(e) => {
          setText(e.target.value);
          writeDraft(tableId, step.id, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
        }}
      />
      <p className="field__hint" id={`${id}-count`}>
        {t("narration.counter", { count: text.length, max: LIMITS.narrationLength })}
        {readDraft(tableId, step.id) !== null && ` — ${t("narration.draftKept")}`}
      </p>
      <div className="inline-row">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? (connected ? t("narration.saving") : t("narration.queued")) : t("narration.save")}
        </button>
        {step.narration && (
          <button
            type="button"
            className="button"
            onClick={() => {
              dropDraft(tableId, step.id);
              setText(step.narration);
              setEditing(false);
            }}
          >
            {t("narration.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
