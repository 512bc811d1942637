// Something to pass on (a link, an address): a read-only field, selected on focus, and a copy button that says when it
// copied. Without a clipboard (an insecure origin, a refusal) the text is selected for the person to copy by hand.
import { useId, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import "./copy-field.css";

export function CopyField({
  label,
  value,
  copyLabel,
  small = false,
}: {
  label: string;
  value: string;
  /** The button's name (« Copier le lien », « Copier l'adresse »…). */
  copyLabel: string;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
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
        <button type="button" className={small ? "button button--small" : "button"} onClick={() => void copy()}>
          {copied ? t("facilitation.copied") : copyLabel}
        </button>
      </div>
    </div>
  );
}
