// Workshops as the server knows them: opening one (its row, then its tables through Tables), the lobby, seating a
// newcomer (a table picked, or the least full), and the changes the overview makes (arrivals, message, more tables).
import { LIMITS, type TableState } from "#shared/model.ts";
import { tableLink, type RefusalReply } from "#shared/protocol.ts";
import type { SetupInput } from "#shared/rules/index.ts";
import { t, type Dictionary } from "#shared/i18n/translate.ts";
import {
  WORKSHOP_LIMITS,
  workshopLink,
  type CreatedWorkshop,
  type CreateWorkshopBody,
  type SeatAnswer,
  type TableSummary,
  type WorkshopKeyRequest,
  type WorkshopLobby,
} from "#shared/workshop.ts";
import { leastFull, lobbyTable, seatRefusal, type Seating } from "#shared/workshop-seating.ts";
import { hashSecret, matchesHash, newId, newSecret } from "./secrets.ts";
import type { TableStore, WorkshopCreation, WorkshopTable } from "./store/table-store.ts";
import type { Tables } from "./tables.ts";

/** Which of a workshop's three links a request carries. */
export type WorkshopLinkKind = "facilitator" | "participant" | "observer";

/** What a workshop file brings to openFrom(): the workshop's own fields (its tables come as states). */
export interface WorkshopMeta {
  title: string;
  date: string;
  seatsPerTable: number;
}

export type WorkshopOutcome<T> = { ok: true; value: T } | { ok: false; refusal: RefusalReply };
/** A refusal of the lobby or a seat, with the HTTP status it is answered with. */
export type SeatOutcome<T> = { ok: true; value: T } | { ok: false; status: 403 | 404; refusal: RefusalReply };

export interface Workshops {
  /** Checks the whole request first (every table's setup included): a refused one creates nothing. */
  create(body: CreateWorkshopBody): Promise<WorkshopOutcome<CreatedWorkshop>>;
  /** A new workshop whose tables start from the given states (an imported workshop file), named in order by `names`. */
  openFrom(
    meta: WorkshopMeta,
    initials: readonly ((tableId: string, now: number) => TableState)[],
    names: readonly string[],
  ): Promise<CreatedWorkshop>;
  load(workshopId: string): Promise<WorkshopCreation | undefined>;
  /** The workshop of this join code (normalised), if any: one indexed read, then its row. */
  findByJoinCode(code: string): Promise<WorkshopCreation | undefined>;
  /** Every table as the lobby shows it (tables deleted since are left out); undefined when there is no such workshop. */
  lobby(workshopId: string): Promise<WorkshopLobby | undefined>;
  /** The participant link of the table picked, or of the least full open one (tableId null), while arrivals are open. */
  seat(workshopId: string, tableId: string | null): Promise<SeatOutcome<SeatAnswer>>;
  setArrivals(workshopId: string, open: boolean): Promise<WorkshopCreation | undefined>;
  /** The message shown on every screen ("" for none); a message over the limit is cut to it. */
  setMessage(workshopId: string, message: string): Promise<WorkshopCreation | undefined>;
  /** Opens `count` more tables like the first one (its setup as it stands), up to WORKSHOP_LIMITS.maxTables in all. */
  addTables(
    workshopId: string,
    count: number,
  ): Promise<{ ok: true; workshop: WorkshopCreation } | { ok: false; refusal: RefusalReply }>;
}

/** Which link of this workshop the request carries, if any (the secrets compared in constant time, as a table's). */
export function workshopLinkOf(key: WorkshopKeyRequest, workshop: WorkshopCreation): WorkshopLinkKind | null {
  if (matchesHash(key.facilitatorKey, workshop.facilitatorKeyHash)) return "facilitator";
  if (matchesHash(key.invite, hashSecret(workshop.invite))) return "participant";
  if (matchesHash(key.observerKey, hashSecret(workshop.observerKey))) return "observer";
  return null;
}

/** How long a « placez-moi » counts at its table before the person has sat down: about the time to fill the join form. */
const SENT_MEMORY_MS = 60_000;

const refusal = (
  code: keyof Dictionary["workshopCore"],
  params: Record<string, string | number> = {},
): RefusalReply => ({ code, message: t(`workshopCore.${code}`, params) });

/** At most `max` characters (whole ones: an emoji is not cut in two), with an ellipsis when cut. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** A table's title: its name, then the workshop's title, within the title limit of a table. */
export function tableTitle(name: string, workshopTitle: string): string {
  return cut(t("workshopCore.tableTitle", { name, title: workshopTitle }), LIMITS.titleLength);
}

/** The first thing a facilitator must fix in the workshop's own fields (the tables' setups are the rules' business). */
export function checkWorkshop(body: CreateWorkshopBody): RefusalReply | null {
  const { titleLength, minTables, maxTables, minSeatsPerTable, maxSeatsPerTable, tableNameLength } = WORKSHOP_LIMITS;
  if (!body.title) return refusal("titleRequired");
  if ([...body.title].length > titleLength) return refusal("titleTooLong", { max: titleLength });
  if (body.date !== "" && !isDay(body.date)) return refusal("dateInvalid");
  if (body.tableCount < minTables || body.tableCount > maxTables)
    return refusal("tableCount", { min: minTables, max: maxTables });
  if (body.seatsPerTable < minSeatsPerTable || body.seatsPerTable > maxSeatsPerTable) {
    return refusal("seatsPerTable", { min: minSeatsPerTable, max: maxSeatsPerTable });
  }
  if (body.setupMode === "perTable") {
    if (body.tables.length !== body.tableCount) return refusal("tablesToName", { count: body.tableCount });
    if (body.tables.some((table) => [...table.name].length > tableNameLength))
      return refusal("tableNameTooLong", { max: tableNameLength });
  }
  return null;
}

/** YYYY-MM-DD and a real day of the calendar. */
function isDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  // Out-of-range months are Invalid Date; 30 February rolls over to March, so the day read back differs.
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
}

/** Each table's name and setup: the shared setup, or in per-table mode the table's own fields where it has them. */
export function tableSetups(body: CreateWorkshopBody): { name: string; setup: SetupInput }[] {
  return Array.from({ length: body.tableCount }, (_, index) => {
    const own = body.setupMode === "perTable" ? body.tables[index] : undefined;
    const name = own?.name || t("workshopCore.tableName", { number: index + 1 });
    const ownChallenge = own && (own.framingChallengeId !== null || own.framingChallengeText.trim() !== "");
    const setup: SetupInput = {
      ...body.setup,
      title: tableTitle(name, body.title),
      system: own?.system.trim() || body.setup.system,
      framingChallengeId: ownChallenge ? own.framingChallengeId : body.setup.framingChallengeId,
      framingChallengeText: ownChallenge ? own.framingChallengeText : body.setup.framingChallengeText,
      decksInPlay: body.decks,
      themesInPlay: body.themes,
    };
    return { name, setup };
  });
}

/** How long one lobby answer serves every browser of the room that asks (they ask every few seconds). */
const LOBBY_FRESH_MS = 1_000;

export function workshopsFor(store: TableStore, tables: Tables, linkBase: string): Workshops {
  /** Placements of « placez-moi » not yet seen seated, by workshop then table: when each was sent. */
  const sent = new Map<string, Map<string, number[]>>();
  /** Changes to one workshop's list of tables, one after another (each reads the list the previous one wrote). */
  const queues = new Map<string, Promise<unknown>>();
  /**
   * The lobby as last answered, by workshop, for LOBBY_FRESH_MS: every waiting browser of a room asks every few seconds,
   * and they all share one answer instead of each asking every table. Seating reads the tables afresh.
   */
  const lobbies = new Map<string, { at: number; lobby: Promise<WorkshopLobby | undefined> }>();

  function serially<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
    const run = (queues.get(workshopId) ?? Promise.resolve()).then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(workshopId, settled);
    void settled.then(() => {
      if (queues.get(workshopId) === settled) queues.delete(workshopId);
    });
    return run;
  }

  function links(workshop: WorkshopCreation, facilitatorKey: string): CreatedWorkshop {
    return {
      workshopId: workshop.id,
      participantLink: linkBase + workshopLink(workshop.id, "invite", workshop.invite),
      facilitatorLink: linkBase + workshopLink(workshop.id, "facilitator", facilitatorKey),
      observerLink: linkBase + workshopLink(workshop.id, "observer", workshop.observerKey),
      joinCode: workshop.joinCode,
    };
  }

  /** The workshop's row, with its tables still to come; its facilitator's secret is returned, only its hash is kept. */
  async function newWorkshop(meta: WorkshopMeta): Promise<{ workshop: WorkshopCreation; facilitatorKey: string }> {
    const facilitatorKey = newSecret();
    const workshop = await store.createWorkshop({
      id: newId(),
      createdAt: Date.now(),
      title: meta.title,
      date: meta.date,
      facilitatorKeyHash: hashSecret(facilitatorKey),
      invite: newSecret(),
      observerKey: newSecret(),
      arrivalsOpen: true,
      seatsPerTable: meta.seatsPerTable,
      message: "",
      tables: [],
    });
    return { workshop, facilitatorKey };
  }

  /**
   * Opens each table in order with its own facilitator secret (kept plain in the workshop's list, to hand the table
   * over), then lists them in the workshop's row, in one write.
   */
  async function openTables(
    workshop: WorkshopCreation,
    opening: readonly { name: string; open: (facilitatorKey: string) => Promise<{ tableId: string }> }[],
  ): Promise<WorkshopCreation> {
    const opened: WorkshopTable[] = [];
    for (const { name, open } of opening) {
      const handOverKey = newSecret();
      const { tableId } = await open(handOverKey);
      opened.push({ tableId, name, handOverKey });
    }
    const updated = await store.updateWorkshop(workshop.id, { tables: [...workshop.tables, ...opened] });
    if (!updated) throw new Error(`workshop ${workshop.id} vanished while its tables were opened`);
    return updated;
  }

  /**
   * Every table's summary from its live room (tables deleted since are left out). Asked anew on each request: a room's
   * summary is a direct call in this process, cheap beside the HTTP request, and a lobby polled by a whole room stays
   * exact (no cache to be a second behind someone who just sat down).
   */
  async function freshLobby(workshopId: string): Promise<WorkshopLobby | undefined> {
    const workshop = await store.loadWorkshop(workshopId);
    if (!workshop) return undefined;
    const seating: Seating = workshop;
    return {
      workshopId,
      title: workshop.title,
      date: workshop.date,
      arrivalsOpen: workshop.arrivalsOpen,
      tables: (await summaries(workshop)).map((summary) => lobbyTable(summary, seating)),
    };
  }

  async function summaries(workshop: WorkshopCreation): Promise<TableSummary[]> {
    const all = await Promise.all(workshop.tables.map(({ tableId, name }) => tables.summary(tableId, name)));
    const missing = workshop.tables.filter((_, index) => all[index] === undefined).map((table) => table.tableId);
    if (missing.length > 0) await forgetDeleted(workshop.id, missing);
    return all.filter((summary): summary is TableSummary => summary !== undefined);
  }

  /**
   * Takes the tables deleted since (by a facilitator, or retention) off the workshop's list, so that no later request
   * tries to open them again. Only those the store no longer has: a room that failed to open is not a deleted table.
   */
  function forgetDeleted(workshopId: string, candidates: readonly string[]): Promise<void> {
    return serially(workshopId, async () => {
      const deleted = new Set<string>();
      for (const tableId of candidates) if (!(await tables.secrets(tableId))) deleted.add(tableId);
      const current = deleted.size > 0 ? await store.loadWorkshop(workshopId) : undefined;
      if (current)
        await store.updateWorkshop(workshopId, {
          tables: current.tables.filter((table) => !deleted.has(table.tableId)),
        });
    });
  }

  /** Placements still counted at each table of the workshop (older ones forgotten). */
  function recentlySent(workshopId: string, now: number): Map<string, number> {
    const byTable = sent.get(workshopId) ?? new Map<string, number[]>();
    const counts = new Map<string, number>();
    for (const [tableId, times] of byTable) {
      const recent = times.filter((at) => now - at < SENT_MEMORY_MS);
      if (recent.length > 0) {
        byTable.set(tableId, recent);
        counts.set(tableId, recent.length);
      } else byTable.delete(tableId);
    }
    if (byTable.size > 0) sent.set(workshopId, byTable);
    else sent.delete(workshopId);
    return counts;
  }

  function rememberSent(workshopId: string, tableId: string, now: number): void {
    const byTable = sent.get(workshopId) ?? new Map<string, number[]>();
    byTable.set(tableId, [...(byTable.get(tableId) ?? []), now]);
    sent.set(workshopId, byTable);
  }

  const seatRefused = (
    code: keyof Dictionary["workshopCore"],
    summary: TableSummary,
    seating: Seating,
  ): SeatOutcome<never> => ({
    ok: false,
    status: 403,
    refusal: refusal(code, { table: summary.name, seats: seating.seatsPerTable }),
  });

  return {
    async create(body) {
      const invalid = checkWorkshop(body);
      if (invalid) return { ok: false, refusal: invalid };
      const planned = tableSetups(body);
      for (const { name, setup } of planned) {
        const refused = tables.check(setup);
        if (!refused) continue;
        // The shared setup is refused the same way at every table: said once; a table's own, with its name.
        const message =
          body.setupMode === "perTable"
            ? t("workshopCore.tableSetup", { table: name, reason: refused.message })
            : refused.message;
        return { ok: false, refusal: { code: refused.code, message } };
      }
      const { workshop, facilitatorKey } = await newWorkshop({
        title: body.title,
        date: body.date,
        seatsPerTable: body.seatsPerTable,
      });
      await openTables(
        workshop,
        planned.map(({ name, setup }) => ({
          name,
          open: async (key: string) => {
            const opened = await tables.open(setup, { workshopId: workshop.id, facilitatorKey: key });
            // Checked above with the same cards: a refusal now is a fault, not a person's mistake.
            if (!opened.ok) throw new Error(`table « ${name} » refused after its check: ${opened.refusal.code}`);
            return opened.table;
          },
        })),
      );
      return { ok: true, value: links(workshop, facilitatorKey) };
    },

    async openFrom(meta, initials, names) {
      const { workshop, facilitatorKey } = await newWorkshop(meta);
      await openTables(
        workshop,
        initials.map((initial, index) => ({
          name: names[index] || t("workshopCore.tableName", { number: index + 1 }),
          open: (key: string) => tables.openFrom(initial, { workshopId: workshop.id, facilitatorKey: key }),
        })),
      );
      return links(workshop, facilitatorKey);
    },

    load(workshopId) {
      return store.loadWorkshop(workshopId);
    },

    async findByJoinCode(code) {
      const match = await store.findWorkshopByJoinCode(code);
      return match && store.loadWorkshop(match.workshopId);
    },

    lobby(workshopId) {
      const now = Date.now();
      const recent = lobbies.get(workshopId);
      if (recent && now - recent.at < LOBBY_FRESH_MS) return recent.lobby;
      for (const [id, kept] of lobbies) if (now - kept.at >= LOBBY_FRESH_MS) lobbies.delete(id);
      const lobby = freshLobby(workshopId);
      lobbies.set(workshopId, { at: now, lobby });
      lobby.catch(() => lobbies.delete(workshopId));
      return lobby;
    },

    async seat(workshopId, tableId) {
      // Someone is about to sit: the next lobby asked for counts them.
      lobbies.delete(workshopId);
      const workshop = await store.loadWorkshop(workshopId);
      if (!workshop) return { ok: false, status: 404, refusal: refusal("workshopNotFound") };
      if (!workshop.arrivalsOpen) return { ok: false, status: 403, refusal: refusal("arrivalsClosed") };
      if (tableId !== null && !workshop.tables.some((table) => table.tableId === tableId)) {
        return { ok: false, status: 404, refusal: refusal("tableNotInWorkshop") };
      }
      const all = await summaries(workshop);
      // From here to rememberSent nothing is awaited: two « placez-moi » at once see each other's placement.
      const now = Date.now();
      let chosen: TableSummary | undefined;
      if (tableId === null) {
        chosen = leastFull(all, workshop, recentlySent(workshopId, now));
        if (!chosen) return { ok: false, status: 403, refusal: refusal("noTableOpen") };
      } else {
        chosen = all.find((summary) => summary.tableId === tableId);
        if (!chosen) return { ok: false, status: 404, refusal: refusal("tableNotInWorkshop") };
        const refused = seatRefusal(chosen, workshop);
        if (refused) return seatRefused(refused, chosen, workshop);
      }
      rememberSent(workshopId, chosen.tableId, now);
      const secrets = await tables.secrets(chosen.tableId);
      if (!secrets) return { ok: false, status: 404, refusal: refusal("tableNotInWorkshop") };
      return {
        ok: true,
        value: {
          tableId: chosen.tableId,
          name: chosen.name,
          path: tableLink(chosen.tableId, "invite", secrets.invite),
        },
      };
    },

    setArrivals(workshopId, open) {
      lobbies.delete(workshopId);
      return store.updateWorkshop(workshopId, { arrivalsOpen: open });
    },

    setMessage(workshopId, message) {
      return store.updateWorkshop(workshopId, { message: cut(message.trim(), WORKSHOP_LIMITS.messageLength) });
    },

    addTables(workshopId, count) {
      lobbies.delete(workshopId);
      return serially(workshopId, async () => {
        const workshop = await store.loadWorkshop(workshopId);
        if (!workshop) return { ok: false, refusal: refusal("workshopNotFound") };
        const left = WORKSHOP_LIMITS.maxTables - workshop.tables.length;
        if (!Number.isInteger(count) || count < 1) return { ok: false, refusal: refusal("addAtLeastOne") };
        if (count > left)
          return { ok: false, refusal: refusal("tooManyTables", { max: WORKSHOP_LIMITS.maxTables, left }) };
        const model = await firstSetup(workshop);
        if (!model) return { ok: false, refusal: refusal("workshopNotFound") };
        const planned = Array.from({ length: count }, (_, index) =>
          t("workshopCore.tableName", { number: workshop.tables.length + index + 1 }),
        );
        const updated = await openTables(
          workshop,
          planned.map((name) => ({
            name,
            open: async (key: string) => {
              const opened = await tables.open(
                { ...model, title: tableTitle(name, workshop.title) },
                { workshopId, facilitatorKey: key },
              );
              if (!opened.ok)
                throw new Error(`a new table of workshop ${workshopId} was refused: ${opened.refusal.code}`);
              return opened.table;
            },
          })),
        );
        return { ok: true, workshop: updated };
      });
    },
  };

  /** The setup of the workshop's first table still there, as it stands: a table added later starts like it. */
  async function firstSetup(workshop: WorkshopCreation): Promise<SetupInput | undefined> {
    for (const { tableId } of workshop.tables) {
      const state = await tables.current(tableId);
      if (state) return state.setup;
    }
    return undefined;
  }
}
