// The workshop's lobby: every table (its name, its title, its phase, who sits there, seats left), « Rejoindre Table N »
// or « Placez-moi à une table » (the least full); the server answers the table's participant link, which this browser
// remembers for the workshop and opens: the table's usual join form. A browser that already sat at a table of the
// workshop goes straight back there (its seat key does the rest), unless that table is no longer in the workshop.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useLocation } from "wouter";
import type { LobbyTable, WorkshopLobby } from "#shared/workshop.ts";
import { seatInWorkshop, workshopLobby } from "#client/net/api.ts";
import { useDocumentTitle } from "../join/use-document-title.ts";
import { forgetTable, inAppPath, rememberTable, tableIdOfPath } from "./workshop-link.ts";
import "./lobby.css";

/** Seats fill up while people arrive: the list is asked again this often while the page is in view. */
const REFRESH_MS = 5_000;

export function Lobby({
  workshopId,
  invite,
  remembered,
}: {
  workshopId: string;
  invite: string;
  remembered: string | null;
}) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const { lobby, failure, stale, refresh } = useLobby(workshopId, invite);
  const [returning, setReturning] = useState(remembered !== null);
  // The table being asked for ("" for « placez-moi »), null when no request is on its way.
  const [seating, setSeating] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const refusalRef = useRef<HTMLParagraphElement>(null);
  useDocumentTitle(lobby?.title);

  async function seat(tableId: string | null) {
    setSeating(tableId ?? "");
    setRefusal(null);
    try {
      const answer = await seatInWorkshop(workshopId, { invite, tableId });
      const path = inAppPath(answer.path);
      rememberTable(workshopId, path);
      navigate(path);
    } catch (e) {
      setRefusal((e as Error).message);
      setSeating(null);
      refresh();
    }
  }

  useEffect(() => {
    if (refusal) refusalRef.current?.focus();
  }, [refusal]);

  useEffect(() => {
    if (!returning || !remembered || (!lobby && !failure)) return;
    // The lobby could not say (offline, say): the table page will tell what it finds.
    if (!lobby || lobby.tables.some((table) => table.tableId === tableIdOfPath(remembered))) {
      navigate(remembered, { replace: true });
    } else {
      forgetTable(workshopId);
      setReturning(false);
    }
  }, [returning, remembered, lobby, failure, workshopId, navigate]);

  if (returning) {
    return (
      <div className="page page--narrow">
        <p role="status">{t("workshopEntry.page.backToTable")}</p>
      </div>
    );
  }
  if (!lobby) {
    return (
      <div className="page page--narrow">
        {failure ? <p role="alert">{failure}</p> : <p role="status">{t("workshopEntry.lobby.loading")}</p>}
      </div>
    );
  }

  const anyOpen = lobby.arrivalsOpen && lobby.tables.some((table) => table.open);
  return (
    <div className="page lobby">
      <header className="lobby__header">
        <p className="masthead__name">{t("app.name")}</p>
        <h1>{lobby.title}</h1>
        {lobby.date && <p className="lobby__date">{t("workshopEntry.lobby.date", { date: formatDay(lobby.date) })}</p>}
      </header>
      {lobby.arrivalsOpen ? (
        <section className="lobby__place" aria-labelledby="lobby-place-heading">
          <h2 id="lobby-place-heading">{t("workshopEntry.lobby.heading")}</h2>
          <button
            type="button"
            className="button button--primary lobby__place-me"
            disabled={!anyOpen || seating !== null}
            aria-describedby="lobby-place-hint"
            onClick={() => void seat(null)}
          >
            {seating === "" ? t("workshopEntry.lobby.placing") : t("workshopEntry.lobby.placeMe")}
          </button>
          <p id="lobby-place-hint" className="field__hint">
            {anyOpen ? t("workshopEntry.lobby.placeMeHint") : t("workshopEntry.lobby.noTableOpen")}
          </p>
        </section>
      ) : (
        <p className="lobby__closed" role="status">
          {t("workshopEntry.lobby.arrivalsClosed")}
        </p>
      )}
      {refusal && (
        <p ref={refusalRef} className="form__error" role="alert" tabIndex={-1}>
          {refusal}
        </p>
      )}
      {stale && (
        <p className="field__hint" role="status">
          {t("workshopEntry.lobby.refreshFailed")}
        </p>
      )}
      <h2 className="lobby__tables-heading">{t("workshopEntry.lobby.tablesHeading")}</h2>
      <ul className="lobby__tables">
        {lobby.tables.map((table) => (
          <li key={table.tableId}>
            <LobbyTableCard
              table={table}
              workshopTitle={lobby.title}
              busy={seating !== null}
              seating={seating === table.tableId}
              onJoin={() => void seat(table.tableId)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

function LobbyTableCard({
  table,
  workshopTitle,
  busy,
  seating,
  onJoin,
}: {
  table: LobbyTable;
  workshopTitle: string;
  busy: boolean;
  seating: boolean;
  onJoin: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const reason = table.refusal ? t(REFUSAL_KEYS[table.refusal]) : null;
  // A table's title says something only when it is not the one the server gives by default (« Table 1 · <atelier> »).
  const ownTitle =
    table.title !== t("workshopCore.tableTitle", { name: table.name, title: workshopTitle }) &&
    table.title !== table.name;
  return (
    <article className={`lobby-table${reason ? " lobby-table--closed" : ""}`} aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} className="lobby-table__name">
        {table.name}
      </h3>
      {ownTitle && <p className="lobby-table__title">{table.title}</p>}
      <p className="lobby-table__facts">
        <span className={`phase phase--${table.phase}`}>
          {t("workshopEntry.lobby.phase", { phase: t(`phase.${table.phase}`) })}
        </span>
        {/* A table closed to arrivals has no place to offer, whatever its count: its reason says why, under the button. */}
        {table.open && (
          <span className="lobby-table__seats">{t("workshopEntry.lobby.seatsLeft", { count: table.seatsLeft })}</span>
        )}
      </p>
      {table.seated.length === 0 ? (
        <p className="lobby-table__nobody">{t("workshopEntry.lobby.seatedNone")}</p>
      ) : (
        <ul className="lobby-table__people" aria-label={t("workshopEntry.lobby.seatedLabel", { name: table.name })}>
          {table.seated.map((name, index) => (
            <li key={`${index}-${name}`}>{name}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button lobby-table__join"
        disabled={!table.open || busy}
        aria-describedby={reason ? `${id}-reason` : undefined}
        onClick={onJoin}
      >
        {seating ? t("workshopEntry.lobby.placing") : t("workshopEntry.lobby.join", { name: table.name })}
      </button>
      {reason && (
        <p id={`${id}-reason`} className="lobby-table__reason">
          {reason}
        </p>
      )}
    </article>
  );
}

/** The words of the server's reason why a newcomer cannot sit at a table now. */
const REFUSAL_KEYS = {
  arrivalsClosed: "workshopEntry.lobby.reasonArrivals",
  storyClosed: "workshopEntry.lobby.reasonClosed",
  tableLocked: "workshopEntry.lobby.reasonLocked",
  tableFull: "workshopEntry.lobby.reasonFull",
} as const;

/** « 12 mars 2026 » from the workshop's YYYY-MM-DD (read as that day wherever the browser is). */
function formatDay(date: string): string {
  const day = new Date(`${date}T12:00:00`);
  return Number.isNaN(day.getTime()) ? date : new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" }).format(day);
}

interface LobbyState {
  lobby: WorkshopLobby | null;
  /** Why the lobby could not be shown at all (a wrong link, an unknown workshop). */
  failure: string | null;
  /** The last refresh failed: what shows may be out of date. */
  stale: boolean;
  refresh: () => void;
}

/** The lobby, asked now and again every few seconds while the page is in view. */
function useLobby(workshopId: string, invite: string): LobbyState {
  const [state, setState] = useState<Omit<LobbyState, "refresh">>({ lobby: null, failure: null, stale: false });
  const live = useRef(true);

  const refresh = useCallback(() => {
    workshopLobby(workshopId, { invite }).then(
      (lobby) => live.current && setState({ lobby, failure: null, stale: false }),
      (error: Error) =>
        live.current &&
        setState((s) => (s.lobby ? { ...s, stale: true } : { lobby: null, failure: error.message, stale: false })),
    );
  }, [workshopId, invite]);

  useEffect(() => {
    live.current = true;
    refresh();
    const timer = setInterval(() => document.visibilityState === "visible" && refresh(), REFRESH_MS);
    const onVisible = () => document.visibilityState === "visible" && refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      live.current = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  return { ...state, refresh };
}
