// Continue a story: a JSON file exported from a table opens a new table that goes on from it, with me as facilitator.
import { useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import { LIMITS } from "#shared/model.ts";
import { importStory } from "#client/net/api.ts";
import { enterAsFacilitator } from "../table/auto-join.ts";
import { Field } from "./HomePage.tsx";

export function ImportStoryForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("story");
    if (!(file instanceof File) || file.size === 0) return setError(t("home.import.fileRequired"));
    setSubmitting(true);
    setError(null);
    try {
      const created = await importStory(await file.text());
      navigate(enterAsFacilitator(created, { name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") }));
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  }

  return (
    <section className="panel import" aria-labelledby="import-heading">
      <h2 id="import-heading">{t("home.import.heading")}</h2>
      <p>{t("home.import.intro")}</p>
      <form className="form" onSubmit={submit} aria-labelledby="import-heading">
        <Field label={t("home.import.file")}>{(id) => <input id={id} name="story" type="file" accept=".json,application/json" required />}</Field>
        <Field label={t("home.facilitatorName")}>{(id) => <input id={id} name="name" required maxLength={LIMITS.nameLength} />}</Field>
        <Field label={t("home.facilitatorRole")}>
          {(id) => <input id={id} name="role" required maxLength={LIMITS.roleLength} defaultValue={t("home.facilitatorRoleDefault")} />}
        </Field>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t("home.submitting") : t("home.import.submit")}
        </button>
      </form>
    </section>
  );
}
