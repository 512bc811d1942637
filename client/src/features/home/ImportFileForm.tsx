// Open something new from a JSON file exported earlier: a story (a new table that goes on from it) or a workshop's book
// (a new workshop whose tables go on from its stories). Reading the file, the server's refusal next to the form (in
// French, naming what is wrong) and where to go on success are the same for both; only the words and the extra fields
// differ.
import { useState, type FormEvent, type ReactNode } from "react";
import { Field } from "#client/ui/Field.tsx";

export interface ImportTexts {
  heading: string;
  intro: string;
  file: string;
  fileRequired: string;
  submit: string;
  submitting: string;
}

export function ImportFileForm({
  id,
  texts,
  children,
  open,
  onOpened,
}: {
  /** Names the section and its heading. */
  id: string;
  texts: ImportTexts;
  /** Fields asked beside the file (the facilitator's name and role for a story). */
  children?: ReactNode;
  /** Sends the file's text with the form's other fields; resolves where to go, rejects with the reason to show. */
  open: (text: string, form: FormData) => Promise<string>;
  onOpened: (path: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const headingId = `${id}-heading`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(texts.fileRequired);
    setSubmitting(true);
    setError(null);
    try {
      onOpened(await open(await file.text(), form));
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  }

  return (
    <section className="panel import" aria-labelledby={headingId}>
      <h2 id={headingId}>{texts.heading}</h2>
      <p>{texts.intro}</p>
      <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby={headingId}>
        <Field label={texts.file}>
          {(inputId) => <input id={inputId} name="file" type="file" accept=".json,application/json" required />}
        </Field>
        {children}
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? texts.submitting : texts.submit}
        </button>
      </form>
    </section>
  );
}
