// What each table answered to the last command sent to all of them: done, or refused with its reason; while a command
// is on its way, that it is.
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { TableSummary, WorkshopCommand, WorkshopCommandReply } from "#shared/workshop.ts";

export interface Answered {
  command: WorkshopCommand["type"];
  reply: WorkshopCommandReply;
}

export function CommandResults({
  answered,
  sending,
  tables,
}: {
  answered: Answered | null;
  /** The command on its way, if any: its buttons only say they are busy, this says what. */
  sending: WorkshopCommand["type"] | null;
  tables: readonly TableSummary[];
}) {
  const { t } = useTranslation();
  const nameOf = (tableId: string) => tables.find((table) => table.tableId === tableId)?.name ?? tableId;
  // Always in the page, so that a screen reader hears each new answer (and that one is on its way).
  return (
    <div role="status" className="command-results">
      {sending && (
        <p className="command-results__summary">
          {t("workshopOverview.sending", { command: t(`workshopOverview.command.${sending}`) })}
        </p>
      )}
      {!sending && answered && (
        <>
          <p
            className={
              answered.reply.ok
                ? "command-results__summary"
                : "command-results__summary command-results__summary--refused"
            }
          >
            {t("workshopOverview.resultsHeading", { command: t(`workshopOverview.command.${answered.command}`) })} —{" "}
            {answered.reply.message ??
              (answered.reply.ok
                ? t("workshopOverview.allDone")
                : t("workshopOverview.someRefused", {
                    count: answered.reply.results.filter((result) => !result.ok).length,
                    total: answered.reply.results.length,
                  }))}
          </p>
          {answered.reply.results.length > 0 && (
            <ul className="command-results__list">
              {answered.reply.results.map((result) => (
                <li key={result.tableId} className={result.ok ? "command-results__ok" : "command-results__refused"}>
                  <strong>{nameOf(result.tableId)}</strong> :{" "}
                  {result.ok
                    ? t("workshopOverview.resultOk")
                    : t("workshopOverview.resultRefused", { message: result.message ?? "" })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
