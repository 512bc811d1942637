// Every table of the workshop, one card each, in the workshop's order: a grid that fills a shared screen.
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { WorkshopOverview } from "#shared/workshop.ts";
import { TableCard } from "./TableCard.tsx";

export function TableGrid({ overview, facilitatorKey }: { overview: WorkshopOverview; facilitatorKey: string }) {
  const { t } = useTranslation();
  const destinations = overview.tables.map(({ tableId, name }) => ({ tableId, name }));
  return (
    <section aria-labelledby="dashboard-tables-heading" className="dashboard__tables">
      <h2 id="dashboard-tables-heading">{t("workshopOverview.tablesHeading")}</h2>
      {overview.tables.length === 0 ? (
        <p>{t("workshopOverview.noTables")}</p>
      ) : (
        <ul className="table-grid">
          {overview.tables.map((summary) => (
            <li key={summary.tableId}>
              <TableCard summary={summary} facilitatorKey={facilitatorKey} destinations={destinations} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
