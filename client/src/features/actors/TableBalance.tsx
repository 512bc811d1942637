// How the table stands on the kit's actor map: each zone with how many people stand there and who, the zones nobody
// represents pointed out; in preparation, with the kit's advice « Construisez votre table » quoted beside it.
import { useId } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { tableBalance } from "#shared/actor-map.ts";
import { useTableStore } from "#client/store/table-store.ts";
import "./actors.css";

const ADVICE = ["balance", "diversity", "vocabulary", "citizens"] as const;

export function TableBalance({ advice }: { advice: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const people = useTableStore((s) => s.table?.participants);
  if (!people) return null;
  const balance = tableBalance(people);
  const missing = balance.missing.map((zone) => `« ${t(`actors.zone.${zone}`)} »`).join(", ");
  const coreMissing = balance.missing.includes("digital") || balance.missing.includes("environment");

  return (
    <section className={`table-balance${advice ? " table-balance--full" : ""}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{t("actors.balance.heading")}</h3>
      {advice && <p className="field__hint">{t("actors.balance.intro")}</p>}
      <ul className="table-balance__zones">
        {balance.zones.map(({ zone, people: there }) => (
          <li key={zone} className={`table-balance__zone${there.length === 0 ? " table-balance__zone--empty" : ""}`}>
            <span className="table-balance__name">{t(`actors.zone.${zone}`)}</span>{" "}
            <span className="table-balance__count">{t("actors.balance.count", { count: there.length })}</span>
            {there.length > 0 && <span className="table-balance__who">{there.map((p) => p.name).join(", ")}</span>}
          </li>
        ))}
      </ul>
      {/* Polite: the facilitator hears the table fill without losing their place. */}
      <div aria-live="polite">
        {missing ? (
          <p className="table-balance__missing">
            {t("actors.balance.missing", { zones: missing })} {coreMissing && t("actors.balance.missingCore")}
          </p>
        ) : (
          <p className="table-balance__balanced">{t("actors.balance.balanced")}</p>
        )}
      </div>
      {balance.unplaced.length > 0 && (
        <p className="field__hint">
          {t("actors.balance.noZone", { names: balance.unplaced.map((p) => p.name).join(", ") })}
        </p>
      )}
      {advice && (
        <figure className="table-balance__advice">
          <figcaption>{t("actors.balance.adviceHeading")}</figcaption>
          <blockquote>
            <ul>
              {ADVICE.map((key) => (
                <li key={key}>{t(`actors.balance.advice.${key}`)}</li>
              ))}
            </ul>
          </blockquote>
          <p className="table-balance__source">— {t("actors.balance.adviceSource")}</p>
        </figure>
      )}
    </section>
  );
}
