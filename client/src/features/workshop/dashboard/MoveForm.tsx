// Before play, someone to another table: their table sends them on to the other one (they keep their name there).
import { useId, useState, type FormEvent } from "react";
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
  onDone,
}: {
  summary: TableSummary;
  destinations: Destination[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const people = summary.people.filter((person) => !person.facilitator);
  const others = destinations.filter((table) => table.tableId !== summary.tableId);
  const [participantId, setParticipantId] = useState(people[0]?.id ?? "");
  const [toTableId, setToTableId] = useState(others[0]?.tableId ?? "");
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    try {
      const reply = await sendWorkshopCommand({ type: "move", fromTableId: summary.tableId, participantId, toTableId });
      const name = people.find((person) => person.id === participantId)?.name ?? "";
      const table = others.find((other) => other.tableId === toTableId)?.name ?? "";
      setOutcome(
        reply.ok
          ? { ok: true, text: t("workshopOverview.moveDone", { name, table }) }
          : { ok: false, text: reply.results[0]?.message ?? "" },
      );
      if (reply.ok) setTimeout(onDone, 2500);
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    } finally {
      setSending(false);
    }
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
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? undefined : "form__error"}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
