// « Rejoindre avec un code »: the short code the facilitator shows or reads aloud opens the table's join form (a
// workshop's code, its lobby), as the participant link would. The form is checked here first (a code of the wrong form
// costs no attempt), then the server says which table it is, while the table accepts arrivals; failed attempts are
// limited per address.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import { isJoinCode, JOIN_CODE_LENGTH, normaliseJoinCode } from "#shared/join-code.ts";
import { resolveJoinCode } from "#client/net/api.ts";
import "./join-code.css";

export function JoinByCode() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  function refused(message: string) {
    setError(message);
    setBusy(false);
    input.current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normaliseJoinCode(input.current?.value ?? "");
    if (!isJoinCode(code)) return refused(t("joinCode.invalid"));
    setBusy(true);
    setError(null);
    try {
      // The participant link's path and fragment: a table's usual join form, which names the table, or a workshop's
      // lobby, where the person picks a table (or goes straight back to the one this browser sat at).
      navigate((await resolveJoinCode(code)).path);
    } catch (e) {
      refused((e as Error).message);
    }
  }

  return (
    <section className="join-by-code" aria-labelledby="join-code-heading">
      <h2 id="join-code-heading">{t("joinCode.heading")}</h2>
      <p>{t("joinCode.intro")}</p>
      <form
        className="join-by-code__form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="join-code-heading"
        noValidate
      >
        <div className="field">
          <label htmlFor={inputId}>{t("joinCode.label")}</label>
          <p className="field__hint" id={hintId}>
            {t("joinCode.hint")}
          </p>
          <div className="join-by-code__row">
            <input
              ref={input}
              id={inputId}
              name="code"
              className="join-by-code__input"
              // Letters and digits: the text keyboard, in capitals, with nothing the phone would "correct".
              inputMode="text"
              autoCapitalize="characters"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              maxLength={JOIN_CODE_LENGTH * 3}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              onInput={() => error && setError(null)}
            />
            <button type="submit" className="button button--primary join-by-code__submit" disabled={busy}>
              {busy ? t("joinCode.submitting") : t("joinCode.submit")}
            </button>
          </div>
        </div>
        {error && (
          <p id={errorId} className="form__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
