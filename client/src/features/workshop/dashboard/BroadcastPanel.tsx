// What the workshop facilitator does to every table at once: a message on every screen, a timer for everyone, each
// table to its next phase, arrivals closed or reopened, more tables. Each table answers for itself (CommandResults).
// While a command is on its way, its buttons say so (aria-disabled) and ignore clicks, but keep the focus: a disabled
// button would drop it to the page.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import {
  WORKSHOP_LIMITS,
  type WorkshopCommand,
  type WorkshopCommandReply,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import { PHASE_ORDER } from "#shared/rules/permissions.ts";
import { sendWorkshopCommand } from "#client/net/workshop-connection.ts";
import { focusStayedIn } from "../../table/focus-section.ts";
import { CommandResults, type Answered } from "./CommandResults.tsx";

export function BroadcastPanel({ overview }: { overview: WorkshopOverview }) {
  const { t } = useTranslation();
  const id = useId();
  // The command on its way, if any: said in CommandResults while the tables answer.
  const [sending, setSending] = useState<WorkshopCommand["type"] | null>(null);
  // The same, read when a click or a key comes before the next render: nothing is sent twice.
  const inFlight = useRef(false);
  const busy = sending !== null;
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [message, setMessage] = useState(overview.message);
  const [minutes, setMinutes] = useState(15);
  const [label, setLabel] = useState(() => t("workshopOverview.timerLabelDefault"));
  const [tablesToAdd, setTablesToAdd] = useState(1);
  const [confirmingPhase, setConfirmingPhase] = useState(false);
  const room = WORKSHOP_LIMITS.maxTables - overview.tables.length;
  const phaseBox = useRef<HTMLDivElement>(null);
  const phaseButton = useRef<HTMLButtonElement>(null);
  const phaseConfirm = useRef<HTMLButtonElement>(null);
  // Where the focus goes once the next phase's question shows (its confirmation) or goes (the button that asked it,
  // which says it is busy until the tables have answered, when confirmed).
  const phaseFocus = useRef<"confirm" | "button" | null>(null);
  useEffect(() => {
    const target = phaseFocus.current === "confirm" ? phaseConfirm.current : phaseButton.current;
    if (!phaseFocus.current || !target) return;
    phaseFocus.current = null;
    if (focusStayedIn(phaseBox.current)) target.focus();
  }, [confirmingPhase]);
  // « Retirer le message » leaves with the message it removed: the focus it held goes to the message's field.
  const messageBox = useRef<HTMLTextAreaElement>(null);
  const clearing = useRef(false);
  useEffect(() => {
    if (overview.message || !clearing.current) return;
    clearing.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) messageBox.current?.focus();
  }, [overview.message]);
  // The last tables added, « Ajouter » leaves with its form: the focus it held goes to the line saying why.
  const fullNote = useRef<HTMLParagraphElement>(null);
  const adding = useRef(false);
  useEffect(() => {
    if (room > 0 || !adding.current) return;
    adding.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) fullNote.current?.focus();
  }, [room]);
  const askPhase = (asking: boolean) => {
    phaseFocus.current = asking ? "confirm" : "button";
    setConfirmingPhase(asking);
  };

  async function send(command: WorkshopCommand) {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(command.type);
    try {
      const reply: WorkshopCommandReply = await sendWorkshopCommand(command);
      setAnswered({ command: command.type, reply });
    } catch (error) {
      setAnswered({ command: command.type, reply: { ok: false, results: [], message: (error as Error).message } });
    } finally {
      inFlight.current = false;
      setSending(null);
    }
  }

  const onSubmit = (command: () => WorkshopCommand) => (event: FormEvent) => {
    event.preventDefault();
    void send(command());
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="broadcast">
      <h2 id={`${id}-heading`}>{t("workshopOverview.broadcastHeading")}</h2>
      <div className="broadcast__grid">
        <form className="broadcast__form" onSubmit={onSubmit(() => ({ type: "message", text: message.trim() }))}>
          <label htmlFor={`${id}-message`}>{t("workshopOverview.messageLabel")}</label>
          <textarea
            ref={messageBox}
            id={`${id}-message`}
            rows={2}
            maxLength={WORKSHOP_LIMITS.messageLength}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-describedby={`${id}-message-hint`}
          />
          <p id={`${id}-message-hint`} className="field__hint">
            {t("workshopOverview.messageHint", { max: WORKSHOP_LIMITS.messageLength })}
          </p>
          <div className="inline-row">
            <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
              {t("workshopOverview.messageSubmit")}
            </button>
            {overview.message && (
              <button
                type="button"
                className="button"
                aria-disabled={busy || undefined}
                onClick={() => {
                  if (inFlight.current) return;
                  clearing.current = true;
                  setMessage("");
                  void send({ type: "message", text: "" });
                }}
              >
                {t("workshopOverview.messageClear")}
              </button>
            )}
          </div>
          {overview.message && (
            <p className="broadcast__current">{t("workshopOverview.messageCurrent", { text: overview.message })}</p>
          )}
        </form>

        <form className="broadcast__form" onSubmit={onSubmit(() => ({ type: "timer", minutes, label: label.trim() }))}>
          <div className="broadcast__timer-fields">
            <div className="field">
              <label htmlFor={`${id}-minutes`}>{t("workshopOverview.timerMinutes")}</label>
              <input
                id={`${id}-minutes`}
                type="number"
                min={1}
                max={180}
                value={minutes}
                onChange={(event) => setMinutes(Math.max(1, Math.min(180, Number(event.target.value) || 1)))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-label`}>{t("workshopOverview.timerLabel")}</label>
              <input
                id={`${id}-label`}
                maxLength={60}
                value={label}
                onChange={(event) => setLabel(event.target.value)}
              />
            </div>
          </div>
          <div className="inline-row">
            <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
              {t("workshopOverview.timerSubmit")}
            </button>
            <button
              type="button"
              className="button"
              aria-disabled={busy || undefined}
              onClick={() => void send({ type: "clearTimer" })}
            >
              {t("workshopOverview.timerClear")}
            </button>
          </div>
        </form>

        <div ref={phaseBox} className="broadcast__form">
          {confirmingPhase ? (
            <div role="group" aria-labelledby={`${id}-phase-question`}>
              <p id={`${id}-phase-question`}>{t("workshopOverview.nextPhaseConfirm")}</p>
              {/* Tables at different stages each move one step on: said table by table before it is done. */}
              <ul className="broadcast__moves" aria-label={t("workshopOverview.nextPhaseMoves")}>
                {overview.tables.map((table) => {
                  const next = PHASE_ORDER[PHASE_ORDER.indexOf(table.phase) + 1];
                  const from = t(`phase.${table.phase}`);
                  return (
                    <li key={table.tableId}>
                      {next
                        ? t("workshopOverview.nextPhaseItem", { name: table.name, from, to: t(`phase.${next}`) })
                        : t("workshopOverview.nextPhaseStays", { name: table.name, from })}
                    </li>
                  );
                })}
              </ul>
              <div className="inline-row">
                <button
                  ref={phaseConfirm}
                  type="button"
                  className="button button--primary"
                  aria-disabled={busy || undefined}
                  onClick={() => {
                    if (inFlight.current) return;
                    askPhase(false);
                    void send({ type: "nextPhase" });
                  }}
                >
                  {t("workshopOverview.nextPhase")}
                </button>
                <button type="button" className="button" onClick={() => askPhase(false)}>
                  {t("workshopOverview.cancel")}
                </button>
              </div>
            </div>
          ) : (
            <button
              ref={phaseButton}
              type="button"
              className="button"
              aria-disabled={busy || undefined}
              onClick={() => !inFlight.current && askPhase(true)}
            >
              {t("workshopOverview.nextPhase")}
            </button>
          )}
          <p className="broadcast__arrivals">
            <strong>
              {t(overview.arrivalsOpen ? "workshopOverview.arrivalsOpen" : "workshopOverview.arrivalsClosed")}
            </strong>
          </p>
          <button
            type="button"
            className="button"
            aria-disabled={busy || undefined}
            onClick={() => void send({ type: "arrivals", open: !overview.arrivalsOpen })}
          >
            {t(overview.arrivalsOpen ? "workshopOverview.arrivalsClose" : "workshopOverview.arrivalsReopen")}
          </button>
          {room > 0 && (
            <form
              className="inline-row broadcast__add"
              onSubmit={onSubmit(() => {
                adding.current = true;
                return { type: "addTables", count: tablesToAdd };
              })}
            >
              <label htmlFor={`${id}-add`}>{t("workshopOverview.addTablesLabel")}</label>
              <input
                id={`${id}-add`}
                type="number"
                min={1}
                max={room}
                value={tablesToAdd}
                onChange={(event) => setTablesToAdd(Math.max(1, Math.min(room, Number(event.target.value) || 1)))}
              />
              <button type="submit" className="button" aria-disabled={busy || undefined}>
                {t("workshopOverview.addTablesSubmit")}
              </button>
            </form>
          )}
          {room <= 0 && (
            <p ref={fullNote} tabIndex={-1} className="broadcast__add">
              {t("workshopOverview.tablesFull", { max: WORKSHOP_LIMITS.maxTables })}
            </p>
          )}
        </div>
      </div>
      <CommandResults answered={answered} sending={sending} tables={overview.tables} />
    </section>
  );
}
