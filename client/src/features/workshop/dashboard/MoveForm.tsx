// Before play, someone to another table: their table sends them on to the other one (they keep their name there).
// The destinations are a list of choices, each table's whole name on its own lines (a select cut long names short in a
// card). Done, the form closes and the table's card says so (TableCard); refused, the reason shows here. While the move
// is on its way, « Déplacer » says so (aria-disabled) and ignores clicks, but keeps the focus.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { TableSummary } from "#shared/workshop.ts";
import { sendWorkshopCommand } from "#client/net/workshop-connection.ts";

export interface Destination {
  tableId: string;
  name: string;
}

export function MoveForm({
  summary,
  destinations,
  onMoved,
}: {
  summary: TableSummary;
  destinations: Destination[];
  /** The move is done: what to say of it (« Bea va rejoindre Table 2. »). */
  onMoved: (done: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const people = summary.people.filter((person) => !person.facilitator);
  const others = destinations.filter((table) => table.tableId !== summary.tableId);
  const [participantId, setParticipantId] = useState(people[0]?.id ?? "");
  const [toTableId, setToTableId] = useState(others[0]?.tableId ?? "");
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);
  // Counted: the same reason given twice is a new alert, said again.
  const [refusal, setRefusal] = useState<{ text: string; count: number } | null>(null);
  const ready = Boolean(participantId && toTableId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current || !ready) return;
    inFlight.current = true;
    setSending(true);
    let refused: string;
    try {
      const reply = await sendWorkshopCommand({ type: "move", fromTableId: summary.tableId, participantId, toTableId });
      const name = people.find((person) => person.id === participantId)?.name ?? "";
      const table = others.find((other) => other.tableId === toTableId)?.name ?? "";
      if (reply.ok) return onMoved(t("workshopOverview.moveDone", { name, table }));
      refused = reply.results[0]?.message ?? "";
    } catch (error) {
      refused = (error as Error).message;
    } finally {
      inFlight.current = false;
      setSending(false);
    }
    setRefusal((previous) => ({ text: refused, count: (previous?.count ?? 0) + 1 }));
  }

  return (
    <form className="table-card__panel move-form" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={`${id}-who`}>{t("workshopOverview.moveWho")}</label>
        <select id={`${id}-who`} value={participantId} onChange={(event) => setParticipantId(event.target.value)}>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="move-form__to">
        <legend>{t("workshopOverview.moveTo")}</legend>
        {others.map((table) => (
          <label key={table.tableId} className="move-form__choice">
            <input
              type="radio"
              name={`${id}-to`}
              value={table.tableId}
              checked={toTableId === table.tableId}
              onChange={() => setToTableId(table.tableId)}
            />
            <span>{table.name}</span>
          </label>
        ))}
      </fieldset>
      <div className="inline-row">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={!ready}
          aria-disabled={sending || undefined}
        >
          {t("workshopOverview.moveSubmit")}
        </button>
        <p role="status" className="field__hint">
          {sending && t("workshopOverview.moveSending")}
        </p>
      </div>
      {refusal !== null && (
        <p key={refusal.count} role="alert" className="form__error">
          {refusal.text}
        </p>
      )}
    </form>
  );
}
