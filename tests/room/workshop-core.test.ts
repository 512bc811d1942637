// A workshop against the real server (HTTP + WebSocket on port 2568): creating one (and the refusals), its lobby,
// « placez-moi », the refusals of a seat, its join code, and the rights of each secret: the workshop facilitator's at
// every table, a table's own only there, a stranger's nowhere (and at no cost to the server).
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { matchMaker } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "@colyseus/sdk";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { t } from "#shared/i18n/translate.ts";
import type { Action, TableState } from "#shared/model.ts";
import {
  ACTION_REQUEST,
  API,
  LINK_KEYS,
  PROTOCOL_VERSION,
  tableLink,
  WHOAMI_REQUEST,
  type ResolvedJoinCode,
  type Whoami,
} from "#shared/protocol.ts";
import {
  WORKSHOP_API,
  workshopLink,
  type CreatedWorkshop,
  type CreateWorkshopBody,
  type SeatAnswer,
  type WorkshopLobby,
} from "#shared/workshop.ts";
import { JoinRefusedError, joinOverHttp } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

const BASE_URL = "http://localhost:2568";
const WORKSHOP_CREATIONS_PER_HOUR = 4;
const TITLE = "Atelier des Tanneurs";

let colyseus: ColyseusTestServer;
let app: ReturnType<typeof createApp>;
const store = new SqliteTableStore(":memory:");
const { logger, lines: logLines } = loggingToLines("info");
const openRooms: Room[] = [];

/** Each test speaks from its own address (X-Forwarded-For, trusted through one proxy here), so that limits per address don't mix. */
let addressCount = 0;
const newAddress = () => `198.51.100.${++addressCount}`;

beforeAll(async () => {
  const config = {
    ...readConfig({
      LIMIT_WORKSHOP_CREATIONS_PER_HOUR: String(WORKSHOP_CREATIONS_PER_HOUR),
      LIMIT_JOINS_PER_MINUTE: "1000",
      TRUST_PROXY: "1",
      PORT: "2568",
    }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  };
  app = createApp({ config, store, gracefullyShutdown: false, logger });
  colyseus = await boot(app);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(
    openRooms.splice(0).map((room) => (room.connection?.isOpen ? Promise.race([room.leave(), sleep(500)]) : undefined)),
  );
});

afterAll(async () => {
  await colyseus.shutdown();
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What the home page's « Animer un atelier » form sends, with a shared setup. */
function workshopForm(changes: Partial<CreateWorkshopBody> = {}): CreateWorkshopBody {
  return {
    title: TITLE,
    date: "2030-06-21",
    tableCount: 3,
    seatsPerTable: 10,
    setupMode: "shared",
    setup: {
      system: "Le quartier des Tanneurs",
      presentState: "Des voitures partout",
      horizonYear: 2050,
      desirableFuture: "Une rue aux enfants",
      framingChallengeId: null,
      framingChallengeText: "Diviser par dix le nombre de voitures ?",
    },
    tables: [],
    decks: ["challenge", "lever", "pitfall"],
    themes: [],
    facilitatorName: "Awa",
    ...changes,
  };
}

function post(pathname: string, body: unknown, address = newAddress()): Promise<Response> {
  return fetch(`${BASE_URL}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
    body: JSON.stringify(body),
  });
}

function secretFrom(link: string, key: string): string {
  const value = new URLSearchParams(link.slice(link.indexOf("#") + 1)).get(key);
  if (!value) throw new Error(`no #${key}= in ${link}`);
  return value;
}

interface Opened {
  workshopId: string;
  created: CreatedWorkshop;
  invite: string;
  facilitatorKey: string;
  observerKey: string;
  /** The tables in the workshop's order. */
  tableIds: string[];
}

async function openWorkshop(changes: Partial<CreateWorkshopBody> = {}): Promise<Opened> {
  const response = await post(WORKSHOP_API.create, workshopForm(changes));
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as CreatedWorkshop;
  const stored = await store.loadWorkshop(created.workshopId);
  return {
    workshopId: created.workshopId,
    created,
    invite: secretFrom(created.participantLink, LINK_KEYS.invite),
    facilitatorKey: secretFrom(created.facilitatorLink, LINK_KEYS.facilitator),
    observerKey: secretFrom(created.observerLink, LINK_KEYS.observer),
    tableIds: stored?.tables.map((table) => table.tableId) ?? [],
  };
}

async function lobbyOf(workshopId: string, key: Record<string, string | undefined>): Promise<Response> {
  return post(WORKSHOP_API.lobby(workshopId), key);
}

async function lobby(opened: Opened): Promise<WorkshopLobby> {
  const response = await lobbyOf(opened.workshopId, { invite: opened.invite });
  expect(response.status).toBe(200);
  return (await response.json()) as WorkshopLobby;
}

function seat(opened: Opened, tableId: string | null, invite = opened.invite): Promise<Response> {
  return post(WORKSHOP_API.seat(opened.workshopId), { invite, tableId });
}

async function seated(opened: Opened, tableId: string | null): Promise<SeatAnswer> {
  const response = await seat(opened, tableId);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SeatAnswer;
}

async function join(tableId: string, options: Record<string, unknown>): Promise<Room> {
  const seatKey = randomBytes(32).toString("base64url");
  const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    seatKey,
    ...options,
  });
  room.reconnection.enabled = false;
  openRooms.push(room);
  return room;
}

/** Someone takes the seat the lobby gave them, with the participant link it answered. */
async function sitDown(answer: SeatAnswer, name: string): Promise<Room> {
  return join(answer.tableId, { invite: secretFrom(answer.path, LINK_KEYS.invite), name, role: "habitant·e" });
}

async function refusalOf(joining: Promise<unknown>): Promise<JoinRefusedError> {
  const error = await joining.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof JoinRefusedError)) throw new Error(`expected a refused join, got ${String(error)}`);
  return error;
}

let actionCount = 0;
async function act(room: Room, action: Action): Promise<void> {
  await expect(room.request(ACTION_REQUEST, { id: `action-${++actionCount}-xxxx`, action })).resolves.toEqual({
    ok: true,
  });
}

function stateOf(tableId: string): Promise<TableState> {
  return matchMaker.remoteRoomCall(tableId, "exportState") as Promise<TableState>;
}

/** Closes every room of these tables (everyone leaves) and waits until they are gone. */
async function closeRooms(tableIds: readonly string[]): Promise<void> {
  for (const tableId of tableIds) await matchMaker.getLocalRoomById(tableId)?.disconnect();
  await vi.waitFor(async () => {
    for (const tableId of tableIds) expect(await matchMaker.getRoomById(tableId)).toBeFalsy();
  });
}

async function roomsOpen(tableIds: readonly string[]): Promise<number> {
  let open = 0;
  for (const tableId of tableIds) if (await matchMaker.getRoomById(tableId)) open++;
  return open;
}

const download = (tableId: string, key: string) =>
  fetch(`${BASE_URL}${API.story(tableId, "md")}`, { headers: { Authorization: `Bearer ${key}` } });

describe("creating a workshop", () => {
  it("given one shared setup, when a workshop of three tables is created, then it gives its three links and code, and three tables named in order, each framed alike", async () => {
    const opened = await openWorkshop({ decks: ["lever", "pitfall"] });

    expect(opened.created.participantLink).toBe(
      `http://localhost:2568${workshopLink(opened.workshopId, "invite", opened.invite)}`,
    );
    expect(opened.created.joinCode).toMatch(/^[2-9A-Z]{8}$/);
    expect(new Set([opened.invite, opened.facilitatorKey, opened.observerKey]).size).toBe(3);
    const { tables, title, date, arrivalsOpen } = await lobby(opened);
    expect({ title, date, arrivalsOpen }).toEqual({ title: TITLE, date: "2030-06-21", arrivalsOpen: true });
    expect(tables.map((table) => [table.name, table.title, table.phase, table.seatsLeft, table.open])).toEqual([
      ["Table 1", `Table 1 · ${TITLE}`, "preparation", 10, true],
      ["Table 2", `Table 2 · ${TITLE}`, "preparation", 10, true],
      ["Table 3", `Table 3 · ${TITLE}`, "preparation", 10, true],
    ]);
    for (const tableId of opened.tableIds) {
      const { setup } = await stateOf(tableId);
      expect(setup).toMatchObject({
        system: "Le quartier des Tanneurs",
        decksInPlay: ["lever", "pitfall"],
        framingChallengeText: "Diviser par dix le nombre de voitures ?",
      });
    }
    // Each table is a table of its own: its own join code, distinct from the workshop's.
    const codes = await Promise.all(opened.tableIds.map(async (id) => (await store.load(id))?.table.joinCode));
    expect(new Set([...codes, opened.created.joinCode]).size).toBe(4);
  });

  it("given a setup per table, then each table has the name and system the facilitator gave, and empty fields take the shared setup's", async () => {
    const tables = [
      {
        name: "Les Mobilités",
        system: "Les déplacements du quartier",
        framingChallengeId: null,
        framingChallengeText: "Et sans voiture ?",
      },
      { name: "", system: "", framingChallengeId: null, framingChallengeText: "" },
    ];
    const opened = await openWorkshop({ setupMode: "perTable", tableCount: 2, tables });

    expect((await lobby(opened)).tables.map((table) => [table.name, table.title])).toEqual([
      ["Les Mobilités", `Les Mobilités · ${TITLE}`],
      ["Table 2", `Table 2 · ${TITLE}`],
    ]);
    const [first, second] = await Promise.all(opened.tableIds.map(stateOf));
    expect(first?.setup).toMatchObject({
      system: "Les déplacements du quartier",
      framingChallengeText: "Et sans voiture ?",
      desirableFuture: "Une rue aux enfants",
    });
    expect(second?.setup).toMatchObject({
      system: "Le quartier des Tanneurs",
      framingChallengeText: "Diviser par dix le nombre de voitures ?",
    });
  });

  it("cuts a table's title to a table's limit when the workshop's title is long", async () => {
    const long = "Un atelier au titre très long ".repeat(4).trim().slice(0, 120);
    const opened = await openWorkshop({ title: long, tableCount: 2 });

    const [table] = (await lobby(opened)).tables;
    expect([...(table?.title ?? "")].length).toBeLessThanOrEqual(120);
    expect(table?.title).toMatch(/^Table 1 · Un atelier au titre.*…$/);
  });

  it("given a request to fix, then it is refused with a French reason that says what, and nothing is created", async () => {
    const createWorkshop = vi.spyOn(store, "createWorkshop");
    const createTable = vi.spyOn(store, "create");
    const perTable = (table: Partial<CreateWorkshopBody["tables"][number]>) =>
      workshopForm({
        setupMode: "perTable",
        tableCount: 2,
        tables: [
          { name: "A", system: "", framingChallengeId: null, framingChallengeText: "", ...table },
          { name: "B", system: "", framingChallengeId: null, framingChallengeText: "" },
        ],
      });
    const cases: [unknown, string][] = [
      [workshopForm({ title: "   " }), t("workshopCore.titleRequired")],
      [workshopForm({ tableCount: 1 }), t("workshopCore.tableCount", { min: 2, max: 20 })],
      [workshopForm({ tableCount: 21 }), t("workshopCore.tableCount", { min: 2, max: 20 })],
      [workshopForm({ seatsPerTable: 1 }), t("workshopCore.seatsPerTable", { min: 2, max: 40 })],
      [workshopForm({ date: "21/06/2030" }), t("workshopCore.dateInvalid")],
      [workshopForm({ date: "2030-02-30" }), t("workshopCore.dateInvalid")],
      [workshopForm({ date: "2030-13-45" }), t("workshopCore.dateInvalid")],
      [workshopForm({ setupMode: "perTable", tables: [] }), t("workshopCore.tablesToName", { count: 3 })],
      [workshopForm({ decks: [] }), t("refusal.noDeckInPlay")],
      [workshopForm({ setup: { ...workshopForm().setup, desirableFuture: "" } }), t("refusal.setupFutureRequired")],
      [
        perTable({ framingChallengeId: "pas-une-carte" }),
        t("workshopCore.tableSetup", { table: "A", reason: t("refusal.setupChallengeUnknown") }),
      ],
      [{ ...workshopForm(), tableCount: "trois" }, t("http.invalidBody")],
      [{ title: TITLE }, t("http.invalidBody")],
    ];
    for (const [body, reason] of cases) {
      const response = await post(WORKSHOP_API.create, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { message: string }).message, JSON.stringify(body)).toBe(reason);
    }
    expect(createWorkshop).not.toHaveBeenCalled();
    expect(createTable).not.toHaveBeenCalled();
  });

  it(`given ${WORKSHOP_CREATIONS_PER_HOUR} workshops opened from one address within the hour, then the next is refused with a reason, and another address still opens one`, async () => {
    const address = newAddress();
    for (let i = 0; i < WORKSHOP_CREATIONS_PER_HOUR; i++)
      expect((await post(WORKSHOP_API.create, workshopForm({ tableCount: 2 }), address)).status).toBe(201);

    const refused = await post(WORKSHOP_API.create, workshopForm({ tableCount: 2 }), address);

    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(((await refused.json()) as { code: string }).code).toBe("rateLimited");
    expect((await post(WORKSHOP_API.create, workshopForm({ tableCount: 2 }))).status).toBe(201);
  });
});

describe("the lobby", () => {
  it("given people seated, then the lobby shows who sits at each table and the seats left, to any of the workshop's three links", async () => {
    const opened = await openWorkshop({ seatsPerTable: 4 });
    const [first] = opened.tableIds as [string];
    await join(first, { facilitatorKey: opened.facilitatorKey, name: "Awa", role: "animation" });
    await sitDown(await seated(opened, first), "Bastien");
    await sitDown(await seated(opened, first), "Chloé");

    for (const key of [
      { invite: opened.invite },
      { facilitatorKey: opened.facilitatorKey },
      { observerKey: opened.observerKey },
    ]) {
      const response = await lobbyOf(opened.workshopId, key);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const { tables } = (await response.json()) as WorkshopLobby;
      // The workshop facilitator sits at the table but takes no participant's seat.
      expect(tables[0]).toMatchObject({ seated: ["Awa", "Bastien", "Chloé"], seatsLeft: 2, open: true });
      expect(tables[1]).toMatchObject({ seated: [], seatsLeft: 4, open: true });
    }
  });

  it("given a stranger's key or a table's own facilitator key, then the lobby answers 401 and no table is opened", async () => {
    const opened = await openWorkshop();
    const other = await openWorkshop({ tableCount: 2 });
    const handOverKey = (await store.loadWorkshop(opened.workshopId))?.tables[0]?.handOverKey ?? "";
    await closeRooms(opened.tableIds);

    for (const key of [
      {},
      { invite: "pas-le-bon" },
      { facilitatorKey: handOverKey },
      { invite: other.invite },
      { facilitatorKey: other.facilitatorKey },
      { observerKey: opened.invite },
    ]) {
      const response = await lobbyOf(opened.workshopId, key);
      expect(response.status, JSON.stringify(key)).toBe(401);
      expect(((await response.json()) as { message: string }).message).toBe(t("workshopCore.badLink"));
    }
    expect(await roomsOpen(opened.tableIds)).toBe(0);
    expect((await lobbyOf("atelier-inconnu", { invite: opened.invite })).status).toBe(404);
  });
});

describe("seating newcomers", () => {
  it("given people pressing « placez-moi » together, then they are spread over the tables, and each sits with the link given", async () => {
    const opened = await openWorkshop();

    const answers = await Promise.all(Array.from({ length: 6 }, () => seated(opened, null)));

    const perTable = opened.tableIds.map((id) => answers.filter((answer) => answer.tableId === id).length);
    expect(perTable).toEqual([2, 2, 2]);
    const first = answers.find((answer) => answer.tableId === opened.tableIds[0]) as SeatAnswer;
    expect(first).toEqual({
      tableId: opened.tableIds[0],
      name: "Table 1",
      path: tableLink(first.tableId, "invite", secretFrom(first.path, LINK_KEYS.invite)),
    });
    const bastien = await sitDown(first, "Bastien");
    expect(((await bastien.request(WHOAMI_REQUEST)) as Whoami).facilitator).toBe(false);
  });

  it("given tables already holding people, then « placez-moi » sends a newcomer to the least full open one", async () => {
    const opened = await openWorkshop({ seatsPerTable: 2 });
    const [first, second, third] = opened.tableIds as [string, string, string];
    await sitDown(await seated(opened, first), "Awa");
    await sitDown(await seated(opened, first), "Bastien");
    await sitDown(await seated(opened, third), "Chloé");

    // Table 1 is full; Table 2 is empty.
    expect((await seated(opened, null)).tableId).toBe(second);
  });

  it("given a table full, locked or closed, or arrivals closed, then a seat there is refused with the reason, and « placez-moi » avoids it", async () => {
    const opened = await openWorkshop({ seatsPerTable: 2 });
    const [full, locked, closed] = opened.tableIds as [string, string, string];
    await sitDown(await seated(opened, full), "Awa");
    await sitDown(await seated(opened, full), "Bastien");
    const lockHost = await join(locked, { facilitatorKey: opened.facilitatorKey, name: "Awa", role: "animation" });
    await act(lockHost, { type: "lockTable", locked: true });
    const closeHost = await join(closed, { facilitatorKey: opened.facilitatorKey, name: "Awa", role: "animation" });
    await act(closeHost, { type: "setPhase", phase: "closed" });

    const reasons: [string, string][] = [
      [full, t("workshopCore.tableFull", { table: "Table 1", seats: 2 })],
      [locked, t("workshopCore.tableLocked", { table: "Table 2" })],
      [closed, t("workshopCore.storyClosed", { table: "Table 3" })],
    ];
    for (const [tableId, reason] of reasons) {
      const response = await seat(opened, tableId);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toBe(reason);
    }
    expect((await lobby(opened)).tables.map((table) => table.open)).toEqual([false, false, false]);
    const none = await seat(opened, null);
    expect(none.status).toBe(403);
    expect(((await none.json()) as { message: string }).message).toBe(t("workshopCore.noTableOpen"));

    await act(lockHost, { type: "lockTable", locked: false });
    expect((await seated(opened, null)).tableId).toBe(locked);
    await store.updateWorkshop(opened.workshopId, { arrivalsOpen: false });
    const closedArrivals = await seat(opened, locked);
    expect(closedArrivals.status).toBe(403);
    expect(((await closedArrivals.json()) as { message: string }).message).toBe(t("workshopCore.arrivalsClosed"));
    expect((await lobby(opened)).arrivalsOpen).toBe(false);
  });

  it("given a table of another workshop, or a link other than the lobby's, then no seat is given", async () => {
    const opened = await openWorkshop({ tableCount: 2 });
    const other = await openWorkshop({ tableCount: 2 });

    expect((await seat(opened, other.tableIds[0] ?? "")).status).toBe(404);
    for (const key of [opened.facilitatorKey, opened.observerKey, other.invite, "pas-le-bon"]) {
      const response = await seat(opened, null, key);
      expect(response.status).toBe(401);
    }
  });
});

describe("a workshop's join code", () => {
  it("given the workshop's code, when it is resolved, then it leads to the lobby; once arrivals close, it is refused with the reason", async () => {
    const opened = await openWorkshop({ tableCount: 2 });
    const tableCode = (await store.load(opened.tableIds[0] ?? ""))?.table.joinCode ?? "";

    const response = await post(API.resolveJoinCode, { code: opened.created.joinCode.toLowerCase() });

    expect(response.status).toBe(200);
    expect((await response.json()) as ResolvedJoinCode).toEqual({
      kind: "workshop",
      workshopId: opened.workshopId,
      title: TITLE,
      path: workshopLink(opened.workshopId, "invite", opened.invite),
    });
    // A table of the workshop keeps its own code, which leads to that table.
    expect((await (await post(API.resolveJoinCode, { code: tableCode })).json()) as ResolvedJoinCode).toMatchObject({
      kind: "table",
      tableId: opened.tableIds[0],
    });

    await store.updateWorkshop(opened.workshopId, { arrivalsOpen: false });
    const closed = await post(API.resolveJoinCode, { code: opened.created.joinCode });
    expect(closed.status).toBe(403);
    expect(await closed.json()).toEqual({ code: "arrivalsClosed", message: t("workshopCore.arrivalsClosed") });
  });
});

describe("the rights of each secret", () => {
  it("given the workshop facilitator's secret, then it seats them as facilitator at every table and downloads each table's story", async () => {
    const opened = await openWorkshop();

    for (const [index, tableId] of opened.tableIds.entries()) {
      const awa = await join(tableId, { facilitatorKey: opened.facilitatorKey, name: "Awa", role: "animation" });
      expect(((await awa.request(WHOAMI_REQUEST)) as Whoami).facilitator).toBe(true);
      await act(awa, { type: "editSetup", changes: { system: `Le système de la table ${index + 1}` } });
      const story = await download(tableId, opened.facilitatorKey);
      expect(story.status).toBe(200);
      expect(await story.text()).toContain(`Le système de la table ${index + 1}`);
    }
    const title = await post(API.tableTitle(opened.tableIds[1] ?? ""), { facilitatorKey: opened.facilitatorKey });
    // This secret alone learns the workshop: the table page's way back to the overview that same secret opens.
    expect(await title.json()).toEqual({ title: `Table 2 · ${TITLE}`, workshopId: opened.workshopId });
  });

  it("given a table's own facilitator secret (handed to a helper), then it gives rights at that table only: nothing at another table nor on the workshop", async () => {
    const opened = await openWorkshop();
    const [own, other] = opened.tableIds as [string, string];
    const handOverKey = (await store.loadWorkshop(opened.workshopId))?.tables[0]?.handOverKey ?? "";

    const helper = await join(own, { facilitatorKey: handOverKey, name: "Bintou", role: "animation" });
    expect(((await helper.request(WHOAMI_REQUEST)) as Whoami).facilitator).toBe(true);
    expect((await download(own, handOverKey)).status).toBe(200);

    expect(
      (await refusalOf(join(other, { facilitatorKey: handOverKey, name: "Bintou", role: "animation" }))).status,
    ).toBe(401);
    expect((await download(other, handOverKey)).status).toBe(401);
    expect((await lobbyOf(opened.workshopId, { facilitatorKey: handOverKey })).status).toBe(401);
    // Its table page is not told the workshop (no way to the overview), nor is a participant's of that table.
    const titleOf = async (secret: Record<string, string>) => (await post(API.tableTitle(own), secret)).json();
    expect(await titleOf({ facilitatorKey: handOverKey })).toEqual({ title: `Table 1 · ${TITLE}` });
    const participantPath = (await seated(opened, own)).path;
    expect(await titleOf({ invite: secretFrom(participantPath, LINK_KEYS.invite) })).toEqual({
      title: `Table 1 · ${TITLE}`,
    });
    expect(
      (
        await fetch(`${BASE_URL}/api/tables/${other}`, {
          method: "DELETE",
          headers: { Authorization: `Bearer ${handOverKey}` },
        })
      ).status,
    ).toBe(401);
    expect(await store.load(other)).toBeDefined();
  });

  it("given a stranger's secret, then every table of the workshop answers 401, and none is even opened", async () => {
    const opened = await openWorkshop();
    const other = await openWorkshop({ tableCount: 2 });
    await closeRooms(opened.tableIds);

    for (const key of ["pas-le-bon", other.facilitatorKey, opened.invite, opened.observerKey]) {
      for (const tableId of opened.tableIds) {
        expect((await refusalOf(join(tableId, { facilitatorKey: key, name: "Mallory", role: "intruse" }))).status).toBe(
          401,
        );
        expect((await download(tableId, key)).status).toBe(401);
      }
    }
    expect(await roomsOpen(opened.tableIds)).toBe(0);
    // No secret of any workshop is ever written to the log.
    const log = logLines.join("\n");
    for (const secret of [opened.invite, opened.facilitatorKey, opened.observerKey, opened.created.joinCode])
      expect(log).not.toContain(secret);
  });
});

describe("a table deleted from a workshop", () => {
  it("given the workshop facilitator deleting one table, then the lobby lists the others, and the workshop forgets it", async () => {
    const opened = await openWorkshop();
    const [first, second, third] = opened.tableIds as [string, string, string];

    const deleted = await fetch(`${BASE_URL}/api/tables/${second}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${opened.facilitatorKey}` },
    });

    expect(deleted.status).toBe(204);
    expect((await lobby(opened)).tables.map((table) => [table.tableId, table.name])).toEqual([
      [first, "Table 1"],
      [third, "Table 3"],
    ]);
    expect((await store.loadWorkshop(opened.workshopId))?.tables.map((table) => table.tableId)).toEqual([first, third]);
    expect((await seat(opened, second)).status).toBe(404);
  });
});

describe("retention", () => {
  it("given a workshop whose tables were all deleted, when the sweep runs, then the workshop is deleted too: its links and code lead nowhere", async () => {
    const opened = await openWorkshop({ tableCount: 2 });
    for (const tableId of opened.tableIds) {
      const deleted = await fetch(`${BASE_URL}/api/tables/${tableId}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${opened.facilitatorKey}` },
      });
      expect(deleted.status).toBe(204);
    }
    const kept = await openWorkshop({ tableCount: 2 });

    // Two hours on: the sweep leaves a workshop alone for its first hour (its row comes a moment before its tables).
    await app.retention.sweep(Date.now() + 2 * 60 * 60 * 1000);

    expect(await store.loadWorkshop(opened.workshopId)).toBeUndefined();
    expect((await lobbyOf(opened.workshopId, { invite: opened.invite })).status).toBe(404);
    expect((await post(API.resolveJoinCode, { code: opened.created.joinCode })).status).toBe(404);
    expect((await lobby(kept)).tables).toHaveLength(2);
  });
});
