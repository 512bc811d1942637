// A link to pass on: a read-only field (selected on focus) and a copy button.
import { useId, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";

export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      // No clipboard (an insecure origin, a refusal): the text is selected for the person to copy.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    }
  }

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="inline-row">
        <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {copied ? t("workshopOverview.copied") : t("workshopOverview.copy")}
        </button>
      </div>
    </div>
  );
}
