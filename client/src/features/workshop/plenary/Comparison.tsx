// The tables side by side (shared/workshop-compare.ts, the same comparison as the book's): the challenge that framed
// each story, its steps, the levers and pitfalls its path used, the pitfalls left open, the debriefs written; then the
// cards several tables played.
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { WorkshopComparison } from "#shared/workshop-compare.ts";

function Titles({ titles }: { titles: readonly string[] }) {
  const { t } = useTranslation();
  if (titles.length === 0) return <span className="comparison__none">{t("workshopPlenary.compare.none")}</span>;
  return (
    <ul className="comparison__titles">
      {titles.map((title, i) => (
        <li key={i}>{title}</li>
      ))}
    </ul>
  );
}

export function Comparison({ comparison, headingId }: { comparison: WorkshopComparison; headingId: string }) {
  const { t } = useTranslation();
  const uses = (list: { title: string; count: number }[]) =>
    list.map((use) =>
      use.count > 1 ? t("workshopPlenary.compare.times", { title: use.title, count: use.count }) : use.title,
    );
  const columns = ["framing", "steps", "levers", "pitfalls", "openPitfalls", "debrief"] as const;
  return (
    <section className="comparison" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("workshopPlenary.compare.heading")}</h2>
      {/* Scrolls sideways on a phone; focusable so that a keyboard can scroll it too. */}
      <div className="comparison__scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="comparison__table">
          <caption className="visually-hidden">{t("workshopPlenary.plenary.comparisonCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("workshopPlenary.compare.table")}</th>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {t(`workshopPlenary.compare.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.tables.map((table) => (
              <tr key={table.tableId}>
                <th scope="row">{table.name}</th>
                <td>
                  {table.framing.title && <p className="comparison__framing-title">{table.framing.title}</p>}
                  <p className="comparison__framing">{table.framing.text}</p>
                  {!table.framing.title && (
                    <p className="comparison__written">{t("workshopPlenary.compare.writtenFraming")}</p>
                  )}
                </td>
                <td className="comparison__number">{table.steps}</td>
                <td>
                  <Titles titles={uses(table.levers)} />
                </td>
                <td>
                  <Titles titles={uses(table.pitfalls)} />
                </td>
                <td>
                  <Titles titles={table.openPitfalls} />
                </td>
                <td className="comparison__number">{t("workshopPlenary.compare.debriefCount", table.debrief)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("workshopPlenary.compare.shared")}</h3>
      {comparison.shared.length === 0 ? (
        <p className="comparison__none">{t("workshopPlenary.compare.sharedNone")}</p>
      ) : (
        <ul className="comparison__shared">
          {comparison.shared.map((card) => (
            <li key={`${card.deck}:${card.title}`}>
              {t("workshopPlenary.compare.sharedItem", {
                title: card.title,
                deck: t(`deckOne.${card.deck}`),
                tables: card.tables.join(", "),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
