// Who is at the table, who is online, how many cards each one holds.
import { useTranslation } from "react-i18next";
import { selectMe, useTableStore } from "../../store/table-store.ts";

export function People() {
  const { t } = useTranslation();
  const people = useTableStore((s) => s.table?.participants ?? []);
  const me = useTableStore(selectMe);
  return (
    <section className="panel people" aria-labelledby="people-heading">
      <h2 id="people-heading">{t("people.heading", { count: people.length })}</h2>
      <ul className="people__list">
        {people.map((p) => (
          <li key={p.id} className={`person${p.connected ? "" : " person--offline"}`}>
            <span className={`presence presence--${p.connected ? "online" : "offline"}`} aria-hidden="true" />
            <span className="person__name">
              {p.name}
              {p.id === me?.participantId && ` (${t("people.me")})`}
            </span>
            <span className="person__role">
              {p.role}
              {p.facilitator && p.role.toLowerCase() !== t("people.facilitator") && ` · ${t("people.facilitator")}`}
            </span>
            <span className="person__meta">
              {p.connected ? t("people.online") : t("people.offline")} · {t("people.cards", { count: p.handCount })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
