// Opening a link: names the table, asks for a display name and who I am in the system, then seats me (the facilitator
// from the setup form is seated directly; an observer link asks nothing and opens the table read-only).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { fetchTableTitle } from "#client/net/api.ts";
import { joinTable, secretOption, type Secret } from "#client/net/connection.ts";
import { Field } from "#client/ui/Field.tsx";
import { ZoneChoice, zoneFrom } from "../actors/ZoneChoice.tsx";
import type { Identity } from "../table/auto-join.ts";
import { lastIdentity, rememberIdentity } from "./last-identity.ts";
import { useDocumentTitle } from "./use-document-title.ts";

export function JoinForm({
  tableId,
  secret,
  autoJoin,
}: {
  tableId: string;
  secret: Secret;
  autoJoin: Identity | null;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const observer = secret.kind === "observer";
  const facilitating = secret.kind === "facilitator";
  // An observer takes no seat: no name, no role, in at once.
  const automatic = observer ? { name: "", role: "" } : autoJoin;
  const [submitting, setSubmitting] = useState(automatic !== null);
  const started = useRef(false);
  const title = useTableTitle(tableId, secret, automatic === null);
  // What the form starts from: who the page was sent with, else who this browser last sat down as.
  const [prefill] = useState(() => (autoJoin?.name ? autoJoin : lastIdentity()));
  useDocumentTitle(title);

  async function seat(identity: Identity) {
    setSubmitting(true);
    setError(null);
    try {
      await joinTable(tableId, secret, identity.name, identity.role, identity.zone);
      rememberIdentity(identity);
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  }

  useEffect(() => {
    if (automatic && !started.current) {
      started.current = true;
      void seat(automatic);
    }
    // Once per page: the link's identity is seated when the form mounts (started guards React's development double
    // mount); seat is a new function every render, and a later render must not seat anyone again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const zone = zoneFrom(form, "zone");
    void seat({ name: String(form.get("name") ?? ""), role: String(form.get("role") ?? ""), ...(zone && { zone }) });
  }

  if (observer) {
    return (
      <div className="page page--narrow">
        <h1>{t("preparation.observer.heading")}</h1>
        {error ? (
          <>
            <p className="form__error" role="alert">
              {error}
            </p>
            <button
              type="button"
              className="button"
              disabled={submitting}
              onClick={() => void seat({ name: "", role: "" })}
            >
              {t("preparation.observer.retry")}
            </button>
          </>
        ) : (
          <p role="status">{t("preparation.observer.joining")}</p>
        )}
      </div>
    );
  }

  if (submitting && autoJoin && !error) {
    return (
      <div className="page page--narrow">
        <h1>{t("join.headingUnknown")}</h1>
        <p role="status">{t("connection.rejoining")}</p>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <h1>{title ? t("join.heading", { title }) : t("join.headingUnknown")}</h1>
      <p>{t("join.intro")}</p>
      {secret.kind === "facilitator" && <p className="badge-line">{t("join.asFacilitator")}</p>}
      <form className="form" onSubmit={submit}>
        <Field label={t("join.name")}>
          {(id) => (
            <input
              id={id}
              name="name"
              required
              maxLength={LIMITS.nameLength}
              autoComplete="nickname"
              defaultValue={prefill?.name || undefined}
            />
          )}
        </Field>
        {/* Where I stand on the kit's actor map: asked of participants; the facilitator hosts and may skip it. */}
        <ZoneChoice
          name="zone"
          legend={t("actors.join.legend")}
          hint={
            facilitating ? `${t("actors.join.hint")} ${t("actors.join.optionalForFacilitator")}` : t("actors.join.hint")
          }
          required={!facilitating}
          defaultValue={prefill?.zone}
        />
        <Field label={t("join.role")} hint={t("join.roleHint")}>
          {(id, hintId) => (
            <input
              id={id}
              name="role"
              required
              maxLength={LIMITS.roleLength}
              aria-describedby={hintId}
              defaultValue={prefill?.role || undefined}
            />
          )}
        </Field>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t("join.submitting") : t("join.submit")}
        </button>
      </form>
    </div>
  );
}

/**
 * The table's title, asked with this page's link secret (the server checks it first), when the form is shown: a page
 * that seats its person at once needs no such request. Null until known, or when the server would not say.
 */
function useTableTitle(tableId: string, secret: Secret, wanted: boolean): string | null {
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    fetchTableTitle(tableId, secretOption(secret)).then(
      (answer) => current && setTitle(answer || null),
      // Unknown table, wrong or replaced link: the join itself says why, in words; the heading stays general.
      () => undefined,
    );
    return () => void (current = false);
  }, [tableId, secret, wanted]);
  return title;
}
