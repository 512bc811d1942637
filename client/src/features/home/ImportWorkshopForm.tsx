// Continue a workshop: the JSON of a workshop's book opens a new workshop whose tables go on from its stories, with me
// as its facilitator (I land on its overview).
import { useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import { importWorkshopBook } from "#client/net/plenary-api.ts";
import { inAppPath } from "../workshop/workshop-link.ts";
import { Field } from "./HomePage.tsx";

export function ImportWorkshopForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("book");
    if (!(file instanceof File) || file.size === 0) return setError(t("workshopPlenary.importWorkshop.fileRequired"));
    setSubmitting(true);
    setError(null);
    try {
      const created = await importWorkshopBook(await file.text());
      navigate(inAppPath(created.facilitatorLink));
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  }

  return (
    <section className="panel import" aria-labelledby="import-workshop-heading">
      <h2 id="import-workshop-heading">{t("workshopPlenary.importWorkshop.heading")}</h2>
      <p>{t("workshopPlenary.importWorkshop.intro")}</p>
      <form className="form" onSubmit={submit} aria-labelledby="import-workshop-heading">
        <Field label={t("workshopPlenary.importWorkshop.file")}>{(id) => <input id={id} name="book" type="file" accept=".json,application/json" required />}</Field>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t("workshopPlenary.importWorkshop.submitting") : t("workshopPlenary.importWorkshop.submit")}
        </button>
      </form>
    </section>
  );
}
