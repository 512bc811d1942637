// « Animer un atelier de plusieurs tables »: the workshop's title, date, tables and seats, one setup for every table or
// one per table, the decks and themes in play, the facilitator's name. On success the facilitator lands on the
// workshop's overview; the server's refusal shows next to the form.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import { DECK_NAMES } from "#cards/deck-names.ts";
import { LIMITS } from "#shared/model.ts";
import { WORKSHOP_LIMITS, type CreateWorkshopBody } from "#shared/workshop.ts";
import { createWorkshop, type DecksResponse } from "#client/net/api.ts";
import { ChallengeOptions } from "#client/ui/ChallengeOptions.tsx";
import { Field } from "#client/ui/Field.tsx";
import { DecksAndThemes, type DecksChoice } from "#client/ui/DecksAndThemes.tsx";
import { rememberIdentity } from "../join/last-identity.ts";
import { inAppPath } from "../workshop/workshop-link.ts";
import type { ChallengeChoice } from "./ChallengePicker.tsx";
import { SetupFields, setupOf } from "./SetupFields.tsx";
import "./workshop-form.css";

/** The value of a table's challenge select that opens a text field for a challenge of its own. */
const WRITTEN = "__written";

interface TableRow {
  name: string;
  system: string;
  /** "" (the shared setup's challenge), WRITTEN, or a card id. */
  challenge: string;
  text: string;
}

export function CreateWorkshopForm({ decks, headingId }: { decks: DecksResponse | null; headingId: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [challenge, setChallenge] = useState<ChallengeChoice>({ mode: "deck", cardId: "", text: "" });
  const [setupMode, setSetupMode] = useState<CreateWorkshopBody["setupMode"]>("shared");
  const [tableCount, setTableCount] = useState(String(WORKSHOP_LIMITS.minTables));
  const [rows, setRows] = useState<TableRow[]>([]);
  const [inPlay, setInPlay] = useState<DecksChoice>({ decks: [...DECK_NAMES], themes: [] });
  const count = clampCount(tableCount);
  const row = (index: number): TableRow =>
    rows[index] ?? {
      name: t("workshopEntry.create.tableDefaultName", { number: index + 1 }),
      system: "",
      challenge: "",
      text: "",
    };
  const setRow = (index: number, next: TableRow) =>
    setRows((current) =>
      Array.from({ length: Math.max(current.length, index + 1) }, (_, i) =>
        i === index ? next : (current[i] ?? row(i)),
      ),
    );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    if (inPlay.decks.length === 0) return setError(t("workshopEntry.create.keepOneDeck"));
    setSubmitting(true);
    setError(null);
    const facilitatorName = text("facilitatorName");
    try {
      const created = await createWorkshop({
        title: text("title"),
        date: text("date"),
        tableCount: Number(tableCount),
        seatsPerTable: Number(text("seatsPerTable")),
        setupMode,
        setup: setupOf(form, challenge),
        tables: setupMode === "perTable" ? Array.from({ length: count }, (_, i) => tableOf(row(i))) : [],
        decks: inPlay.decks,
        themes: inPlay.themes,
        facilitatorName,
      });
      // The tables the facilitator opens from the overview ask for their name: the join form starts from it.
      rememberIdentity({ name: facilitatorName, role: t("home.facilitatorRoleDefault") });
      navigate(inAppPath(created.facilitatorLink));
    } catch (e) {
      setError((e as Error).message);
      setSubmitting(false);
    }
  }

  return (
    <form
      className="form home-form workshop-form"
      onSubmit={submit}
      aria-labelledby={headingId}
      aria-describedby={error ? errorId : undefined}
    >
      <Field label={t("workshopEntry.create.title")} hint={t("workshopEntry.create.titleHint")}>
        {(id, hintId) => (
          <input id={id} name="title" required maxLength={WORKSHOP_LIMITS.titleLength} aria-describedby={hintId} />
        )}
      </Field>
      <div className="workshop-form__numbers">
        <Field label={t("workshopEntry.create.date")}>
          {(id) => <input id={id} name="date" type="date" defaultValue={today()} />}
        </Field>
        <Field
          label={t("workshopEntry.create.tableCount")}
          hint={t("workshopEntry.create.tableCountHint", {
            min: WORKSHOP_LIMITS.minTables,
            max: WORKSHOP_LIMITS.maxTables,
          })}
        >
          {(id, hintId) => (
            <input
              id={id}
              name="tableCount"
              type="number"
              required
              min={WORKSHOP_LIMITS.minTables}
              max={WORKSHOP_LIMITS.maxTables}
              value={tableCount}
              onChange={(e) => setTableCount(e.target.value)}
              aria-describedby={hintId}
            />
          )}
        </Field>
        <Field label={t("workshopEntry.create.seatsPerTable")}>
          {(id) => (
            <input
              id={id}
              name="seatsPerTable"
              type="number"
              required
              min={WORKSHOP_LIMITS.minSeatsPerTable}
              max={WORKSHOP_LIMITS.maxSeatsPerTable}
              defaultValue={WORKSHOP_LIMITS.defaultSeatsPerTable}
            />
          )}
        </Field>
      </div>
      <fieldset className="fieldset">
        <legend>{t("workshopEntry.create.setupLegend")}</legend>
        <div className="radio-row">
          {(["shared", "perTable"] as const).map((mode) => (
            <label key={mode}>
              <input type="radio" name="setupMode" checked={setupMode === mode} onChange={() => setSetupMode(mode)} />
              {t(mode === "shared" ? "workshopEntry.create.setupShared" : "workshopEntry.create.setupPerTable")}
            </label>
          ))}
        </div>
        {setupMode === "perTable" && <p className="field__hint">{t("workshopEntry.create.setupPerTableHint")}</p>}
      </fieldset>
      <SharedSetup decks={decks} challenge={challenge} onChallenge={setChallenge} />
      {setupMode === "perTable" && <TableRows count={count} row={row} setRow={setRow} decks={decks} />}
      {decks && (
        <DecksAndThemes
          value={inPlay}
          themes={decks.challenge.themes ?? []}
          onChange={setInPlay}
          onRefused={setError}
        />
      )}
      <Field label={t("workshopEntry.create.facilitatorName")} hint={t("workshopEntry.create.facilitatorNameHint")}>
        {(id, hintId) => (
          <input
            id={id}
            name="facilitatorName"
            required
            maxLength={LIMITS.nameLength}
            autoComplete="name"
            aria-describedby={hintId}
          />
        )}
      </Field>
      {error && (
        <p id={errorId} className="form__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? t("workshopEntry.create.submitting") : t("workshopEntry.create.submit")}
      </button>
    </form>
  );
}

/** The setup every table starts from: the same fields as opening one table, but its title (each table has its name). */
function SharedSetup({
  decks,
  challenge,
  onChallenge,
}: {
  decks: DecksResponse | null;
  challenge: ChallengeChoice;
  onChallenge: (c: ChallengeChoice) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="workshop-form__group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("workshopEntry.create.sharedHeading")}</h3>
      <SetupFields decks={decks} challenge={challenge} onChallenge={onChallenge} />
    </section>
  );
}

/** One row per table: its name, and optionally a system and a challenge of its own. */
function TableRows({
  count,
  row,
  setRow,
  decks,
}: {
  count: number;
  row: (index: number) => TableRow;
  setRow: (index: number, next: TableRow) => void;
  decks: DecksResponse | null;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="workshop-form__group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("workshopEntry.create.tablesHeading")}</h3>
      <ol className="workshop-form__tables">
        {Array.from({ length: count }, (_, index) => {
          const current = row(index);
          const number = index + 1;
          const update = (change: Partial<TableRow>) => setRow(index, { ...current, ...change });
          return (
            <li key={index} className="workshop-form__table">
              <Field label={t("workshopEntry.create.tableName", { number })}>
                {(id) => (
                  <input
                    id={id}
                    required
                    maxLength={WORKSHOP_LIMITS.tableNameLength}
                    value={current.name}
                    onChange={(e) => update({ name: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t("workshopEntry.create.tableSystem", { number })}>
                {(id) => (
                  <input
                    id={id}
                    maxLength={LIMITS.setupTextLength}
                    placeholder={t("workshopEntry.create.tableSystemPlaceholder")}
                    value={current.system}
                    onChange={(e) => update({ system: e.target.value })}
                  />
                )}
              </Field>
              {decks && (
                <Field label={t("workshopEntry.create.tableChallenge", { number })}>
                  {(id) => (
                    <select id={id} value={current.challenge} onChange={(e) => update({ challenge: e.target.value })}>
                      <ChallengeOptions
                        deck={decks.challenge}
                        emptyLabel={t("workshopEntry.create.tableChallengeShared")}
                      >
                        <option value={WRITTEN}>{t("workshopEntry.create.tableChallengeWrite")}</option>
                      </ChallengeOptions>
                    </select>
                  )}
                </Field>
              )}
              {current.challenge === WRITTEN && (
                <Field
                  label={t("workshopEntry.create.tableChallengeText", { number })}
                  hint={t("kitStakes.challengeAdvice")}
                >
                  {(id, hintId) => (
                    <textarea
                      id={id}
                      aria-describedby={hintId}
                      required
                      rows={2}
                      maxLength={LIMITS.setupTextLength}
                      value={current.text}
                      onChange={(e) => update({ text: e.target.value })}
                    />
                  )}
                </Field>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A table of the per-table setup as the server takes it: empty fields take the shared setup's. */
function tableOf(row: TableRow): CreateWorkshopBody["tables"][number] {
  const fromDeck = row.challenge !== "" && row.challenge !== WRITTEN;
  return {
    name: row.name,
    system: row.system,
    framingChallengeId: fromDeck ? row.challenge : null,
    framingChallengeText: row.challenge === WRITTEN ? row.text : "",
  };
}

/** The number of table rows to show while the count is being typed (the server checks the number sent). */
function clampCount(typed: string): number {
  const n = Math.trunc(Number(typed));
  if (!Number.isFinite(n)) return WORKSHOP_LIMITS.minTables;
  return Math.min(WORKSHOP_LIMITS.maxTables, Math.max(WORKSHOP_LIMITS.minTables, n));
}

/** Today in this browser's time zone, YYYY-MM-DD (the date field's format). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
