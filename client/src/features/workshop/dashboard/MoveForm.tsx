// Before play, someone to another table: their table sends them on to the other one (they keep their name there).
// Done, the form closes and the table's card says so (TableCard); refused, the reason shows here, with the focus.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { TableSummary } from "#shared/workshop.ts";
import { sendWorkshopCommand } from "#client/net/workshop-connection.ts";
import { focusStayedIn } from "../../table/focus-section.ts";

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
  // An object: the same reason given twice is said (and focused) again.
  const [refusal, setRefusal] = useState<{ text: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const said = useRef<HTMLParagraphElement>(null);
  const refocus = useRef(false);

  // A refusal takes the focus from « Déplacer » (which was disabled while the command went): it is heard, and the form
  // is there to try again.
  useEffect(() => {
    if (refusal !== null && refocus.current) said.current?.focus();
    refocus.current = false;
  }, [refusal]);

  async function submit(event: FormEvent) {
    event.preventDefault();
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
      setSending(false);
    }
    refocus.current = focusStayedIn(form.current);
    setRefusal({ text: refused });
  }

  return (
    <form ref={form} className="table-card__panel move-form" onSubmit={(event) => void submit(event)}>
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
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("workshopOverview.moveTo")}</label>
        <select id={`${id}-to`} value={toTableId} onChange={(event) => setToTableId(event.target.value)}>
          {others.map((table) => (
            <option key={table.tableId} value={table.tableId}>
              {table.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="button button--primary button--small"
        disabled={sending || !participantId || !toTableId}
      >
        {t("workshopOverview.moveSubmit")}
      </button>
      {refusal !== null && (
        <p ref={said} role="alert" className="form__error" tabIndex={-1}>
          {refusal.text}
        </p>
      )}
    </form>
  );
}
