// The home page: a participant types the table's (or workshop's) join code; a facilitator opens a table (on success they
// land at the table as facilitator), opens a workshop of several tables, or continues an exported story.
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import { LIMITS } from "#shared/model.ts";
import { fetchDecks, openTable, type DecksResponse } from "#client/net/api.ts";
import { enterAsFacilitator } from "../table/auto-join.ts";
import type { ChallengeChoice } from "./ChallengePicker.tsx";
import { SetupFields, setupOf } from "./SetupFields.tsx";
import { CreateWorkshopForm } from "./CreateWorkshopForm.tsx";
import { ImportStoryForm } from "./ImportStoryForm.tsx";
import { ImportWorkshopForm } from "./ImportWorkshopForm.tsx";
import { JoinByCode } from "./JoinByCode.tsx";
import "./home.css";
import { Notice } from "#client/ui/Notice.tsx";
import { Field } from "#client/ui/Field.tsx";

export function HomePage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [decks, setDecks] = useState<DecksResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [challenge, setChallenge] = useState<ChallengeChoice>({ mode: "deck", cardId: "", text: "" });
  const errorId = useId();

  useEffect(() => {
    fetchDecks().then(setDecks, (e: Error) => setError(e.message));
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    setSubmitting(true);
    setError(null);
    try {
      const created = await openTable({
        title: text("title"),
        ...setupOf(form, challenge),
      });
      navigate(enterAsFacilitator(created, { name: text("facilitatorName"), role: text("facilitatorRole") }));
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  }

  return (
    <div className="page page--narrow">
      <header className="masthead">
        <h1 className="masthead__name">{t("app.name")}</h1>
        <p className="masthead__tagline">{t("app.tagline")}</p>
      </header>
      {/* A message brought from a page left behind (a table just deleted). */}
      <Notice />
      {/* First: on a phone, someone with a code has nothing else to do here. */}
      <JoinByCode />
      <h2 id="create-heading" className="home__heading">
        {t("home.heading")}
      </h2>
      <p>{t("home.intro")}</p>
      <form
        className="form home-form"
        onSubmit={submit}
        aria-labelledby="create-heading"
        aria-describedby={error ? errorId : undefined}
      >
        <Field label={t("home.title")} hint={t("home.titleHint")}>
          {(id, hintId) => (
            <input id={id} name="title" required maxLength={LIMITS.titleLength} aria-describedby={hintId} />
          )}
        </Field>
        <SetupFields decks={decks} challenge={challenge} onChallenge={setChallenge} loadingShown={!error} />
        <Field label={t("home.facilitatorName")}>
          {(id) => <input id={id} name="facilitatorName" required maxLength={LIMITS.nameLength} autoComplete="name" />}
        </Field>
        <Field label={t("home.facilitatorRole")}>
          {(id) => (
            <input
              id={id}
              name="facilitatorRole"
              required
              maxLength={LIMITS.roleLength}
              defaultValue={t("home.facilitatorRoleDefault")}
            />
          )}
        </Field>
        {error && (
          <p id={errorId} className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t("home.submitting") : t("home.submit")}
        </button>
      </form>
      <WorkshopEntry decks={decks} />
      <ImportStoryForm />
      <ImportWorkshopForm />
    </div>
  );
}

/** « Animer un atelier de plusieurs tables »: a disclosure, so that the one-table form stays the page's first form. */
function WorkshopEntry({ decks }: { decks: DecksResponse | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="workshop-entry" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="home__heading">
        {t("workshopEntry.create.heading")}
      </h2>
      <p>{t("workshopEntry.create.intro")}</p>
      <button
        type="button"
        className="button workshop-entry__toggle"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => setOpen(!open)}
      >
        {open ? t("workshopEntry.create.close") : t("workshopEntry.create.open")}
      </button>
      {/* Kept when folded: what was typed is still there when it opens again. */}
      <div id={`${id}-form`} hidden={!open}>
        <CreateWorkshopForm decks={decks} headingId={`${id}-heading`} />
      </div>
    </section>
  );
}
