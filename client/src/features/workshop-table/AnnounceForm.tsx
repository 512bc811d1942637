// A table's facilitator writes the message shown on every screen of their table (the workshop's overview writes the
// same message to every table at once); writing another replaces it, « Effacer » takes it down.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { WORKSHOP_LIMITS } from "#shared/workshop.ts";
import { act } from "#client/net/connection.ts";
import { showNotice, useTableStore } from "#client/store/table-store.ts";
import { useCan } from "#client/store/can.ts";
import "./workshop-table.css";

export function AnnounceForm() {
  const { t } = useTranslation();
  const canAnnounce = useCan("announce");
  const shown = useTableStore((s) => s.table?.announcement?.text ?? "");
  const [text, setText] = useState("");
  const fieldId = useId();
  const hintId = useId();
  if (!canAnnounce) return null;
  const max = WORKSHOP_LIMITS.messageLength;

  async function send(message: string) {
    const refusal = await act({ type: "announce", text: message });
    if (refusal) return;
    showNotice("info", t(message ? "workshopRules.announce.shown" : "workshopRules.announce.cleared"));
    if (message) setText("");
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim()) void send(text);
  }

  return (
    <section className="drawer__section announce-form" aria-labelledby={`${fieldId}-heading`}>
      <h3 id={`${fieldId}-heading`}>{t("workshopRules.announce.heading")}</h3>
      <form onSubmit={submit}>
        <label htmlFor={fieldId}>{t("workshopRules.announce.label")}</label>
        <textarea
          id={fieldId}
          aria-describedby={hintId}
          rows={3}
          maxLength={max}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="field__hint" id={hintId}>
          {t("workshopRules.announce.hint", { max })}
        </p>
        <div className="inline-row">
          <button type="submit" className="button button--primary" disabled={!text.trim()}>
            {t("workshopRules.announce.submit")}
          </button>
          {shown && (
            <button type="button" className="button" onClick={() => void send("")}>
              {t("workshopRules.announce.clear")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
