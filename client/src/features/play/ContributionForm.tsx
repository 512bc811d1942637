// Writing a contribution under a step ("oui, et…" or the answer to a pitfall); the draft stays in this browser until the server has it.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS, type Contribution } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import type { RefusalReply } from "#shared/protocol.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { dropDraft, readDraft, writeDraft } from "../table/drafts.ts";
import { useSentBeforeReload } from "../table/sent-before-reload.ts";

interface Props {
  stepId: string;
  kind: Contribution["kind"];
  label: string;
  hint: string;
  submit: string;
  rows?: number;
  onClose?: () => void;
  cancel?: string;
  /** Opened on demand (a button): the focus goes to the text at once. */
  autoFocus?: boolean;
}

export function ContributionForm({
  stepId,
  kind,
  label,
  hint,
  submit,
  rows = 2,
  onClose,
  cancel,
  autoFocus = false,
}: Props) {
  const { t } = useTranslation();
  const tableId = useTableStore((s) => s.table?.id ?? "");
  const draftKey = `${kind}:${stepId}`;
  const [kept] = useState(() => readDraft(tableId, draftKey));
  const [text, setText] = useState(kept ?? "");
  const [saving, setSaving] = useState(false);
  const id = useId();
  // What the form holds now: an answer arrives after more typing may have happened.
  const latest = useRef(text);
  /** The server answered the text sent: applied, the form is emptied (unless more was typed meanwhile) and closes. */
  function answered(refusal: RefusalReply | null, sent: string) {
    setSaving(false);
    if (refusal || latest.current !== sent) return; // the text stays, in the form and in the draft
    latest.current = "";
    dropDraft(tableId, draftKey);
    setText("");
    onClose?.();
  }

  useSentBeforeReload({
    kept: kept !== null,
    carries: (a) => a.type === "contribute" && a.stepId === stepId && a.kind === kind && a.text === kept,
    arrived: () => {
      const { table, me } = useTableStore.getState();
      const step = table?.path.find((s) => s.id === stepId);
      return !!step?.contributions.some((c) => c.kind === kind && c.authorId === me?.participantId && c.text === kept);
    },
    sending: () => setSaving(true),
    answered: (refusal) => answered(refusal, kept ?? ""),
  });

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim() || saving) return;
    setSaving(true);
    answered(await act({ type: "contribute", stepId, kind, text }), text);
  }

  return (
    <form className={`contribution-form contribution-form--${kind}`} onSubmit={save}>
      <label htmlFor={id}>{label}</label>
      {/* The hint is the placeholder, which browsers also give screen readers as the field's description. */}
      <textarea
        id={id}
        rows={rows}
        value={text}
        maxLength={LIMITS.contributionLength}
        placeholder={hint}
        autoFocus={autoFocus}
        onChange={(e) => {
          latest.current = e.target.value;
          setText(e.target.value);
          if (e.target.value) writeDraft(tableId, draftKey, e.target.value);
          else dropDraft(tableId, draftKey);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
          // Escape leaves an empty form (a text typed stays: it is kept as a draft and the form stays open).
          if (e.key === "Escape" && onClose && !text.trim()) {
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <div className="inline-row">
        {/* Not disabled while saving: the focus stays on it until the text is saved (then onClose moves it on). */}
        <button type="submit" className="button" disabled={!text.trim()} aria-disabled={saving || undefined}>
          {saving ? t("play.yesAnd.saving") : submit}
        </button>
        {onClose && (
          <button type="button" className="link-button" onClick={onClose}>
            {cancel}
          </button>
        )}
      </div>
    </form>
  );
}
