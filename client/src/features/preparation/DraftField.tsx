// One field of the setup the facilitator edits: typing stays in a local draft (live changes never overwrite it), kept in
// this browser until saved (a reload brings it back, unsaved), saved when the field is left or with its "Enregistrer"
// button; a refusal keeps the text and shows why.
import { useEffect, useId, useRef, useState, type FocusEvent, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { RefusalReply } from "#shared/protocol.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { dropSetupDraft, readSetupDraft, writeSetupDraft, type SetupDraft } from "../table/drafts.ts";
import "./preparation.css";

export interface DraftFieldProps {
  /** Which field of the setup this is, the same across reloads (e.g. "system", "otherFutures.0"): its kept draft's name. */
  draftKey: string;
  label: string;
  hint?: string;
  /** Ids of more text the field is described by (a hint shared by a list of fields). */
  describedBy?: string;
  /** The table's value now. */
  value: string;
  maxLength: number;
  kind?: "line" | "text" | "year";
  /** Sends the text; resolves with the refusal, or null once the table has it. */
  onSave: (text: string) => Promise<RefusalReply | null>;
  /** Called once the text is saved (e.g. to close a "new future" field). */
  onSaved?: () => void;
  autoFocus?: boolean;
  /** More controls next to "Enregistrer" (remove, cancel). */
  children?: ReactNode;
}

const tableIdNow = () => useTableStore.getState().table?.id ?? "";

/** Whether this browser keeps an unsaved draft of this field (a field shown on demand opens again to show it). */
export function hasKeptDraft(draftKey: string): boolean {
  return readSetupDraft(tableIdNow(), draftKey) !== null;
}

/** Forgets this field's kept draft: its text was given up (« Annuler » on a new field). */
export function forgetKeptDraft(draftKey: string): void {
  dropSetupDraft(tableIdNow(), draftKey);
}

/** The draft kept for this field, unless it says what the table already holds. */
function keptDraft(tableId: string, draftKey: string, value: string): SetupDraft | null {
  const kept = readSetupDraft(tableId, draftKey);
  return kept && kept.text !== value ? kept : null;
}

export function DraftField({
  draftKey,
  label,
  hint,
  describedBy,
  value,
  maxLength,
  kind = "text",
  onSave,
  onSaved,
  autoFocus,
  children,
}: DraftFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const connected = useTableStore((s) => s.connection.status === "connected");
  const tableId = useTableStore((s) => s.table?.id ?? "");
  // A draft this browser kept (the page was reloaded before it was saved) is the field's content again, not yet saved.
  const [kept] = useState(() => keptDraft(tableId, draftKey, value));
  const [draft, setDraft] = useState<string | null>(kept?.text ?? null);
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);
  // Refs, because a save resolves after more typing may have happened.
  const latest = useRef<string | null>(kept?.text ?? null);
  const sending = useRef<string | null>(null);
  // The table's value the draft was written over: the one before the reload for a kept draft.
  const base = useRef(kept?.base ?? value);

  // A kept draft that now says what the table holds (saved from here or elsewhere) is no longer needed.
  useEffect(() => {
    if (readSetupDraft(tableId, draftKey)?.text === value) dropSetupDraft(tableId, draftKey);
  }, [tableId, draftKey, value]);

  const shown = draft ?? value;
  const dirty = draft !== null && draft !== value;
  const changedMeanwhile = draft !== null && base.current !== value && draft !== value;

  function change(text: string) {
    if (latest.current === null) base.current = value;
    latest.current = text;
    setDraft(text);
    setError(null);
    setStatus("idle");
    if (text === value) dropSetupDraft(tableId, draftKey);
    else writeSetupDraft(tableId, draftKey, { text, base: base.current });
  }

  async function save() {
    const text = latest.current;
    if (text === null || sending.current === text) return;
    if (text === value) {
      latest.current = null;
      setDraft(null);
      dropSetupDraft(tableId, draftKey);
      return;
    }
    sending.current = text;
    setStatus("saving");
    const refusal = await onSave(text);
    sending.current = null;
    if (refusal) {
      setError(refusal.message);
      setStatus("idle");
      return;
    }
    if (latest.current === text) {
      latest.current = null;
      setDraft(null);
      dropSetupDraft(tableId, draftKey);
    }
    setStatus("saved");
    onSaved?.();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  // Leaving the field (not for its own buttons) saves it.
  function leave(event: FocusEvent<HTMLFormElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) void save();
  }

  const descriptions = [hint ? `${id}-hint` : "", describedBy ?? "", `${id}-status`].filter(Boolean).join(" ");
  const common = {
    id,
    value: shown,
    "aria-describedby": descriptions,
    "aria-invalid": error ? true : undefined,
    autoFocus,
  } as const;

  return (
    <form className="draft-field" onSubmit={submit} onBlur={leave}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {kind === "text" ? (
        <textarea
          {...common}
          rows={3}
          maxLength={maxLength}
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
          }}
        />
      ) : (
        <input
          {...common}
          type={kind === "year" ? "number" : "text"}
          maxLength={kind === "year" ? undefined : maxLength}
          onChange={(e) => change(e.target.value)}
        />
      )}
      <div className="draft-field__row">
        <button
          type="submit"
          className="button button--small"
          aria-label={t("preparation.setup.saveField", { field: label })}
        >
          {t("preparation.setup.save")}
        </button>
        {children}
        <span id={`${id}-status`} className="draft-field__status">
          {status === "saving"
            ? connected
              ? t("preparation.setup.saving")
              : t("narration.queued")
            : dirty
              ? t("preparation.setup.unsaved")
              : status === "saved"
                ? t("preparation.setup.saved")
                : ""}
          {changedMeanwhile && ` ${t("preparation.setup.changedMeanwhile")}`}
        </span>
      </div>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
