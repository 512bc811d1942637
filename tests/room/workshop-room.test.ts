// A workshop's live overview against the real server (HTTP + WebSocket on port 2568): the dashboard follows the tables
// as people sit and act, its commands reach every table, a plenary screen only watches, a wrong link gets nothing.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { matchMaker } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "@colyseus/sdk";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { createLogger } from "#server/logger.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { t } from "#shared/i18n/translate.ts";
import type { TableState } from "#shared/model.ts";
import { LINK_KEYS, PROTOCOL_VERSION, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import {
  WORKSHOP_API,
  WORKSHOP_OVERVIEW_REQUEST,
  WORKSHOP_REQUEST,
  WORKSHOP_TABLE_MESSAGE,
  type CreatedWorkshop,
  type SeatAnswer,
  type TableSummary,
  type WorkshopCommand,
  type WorkshopCommandReply,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import { joinOverHttp } from "../join.ts";
import { lilasWorkshop, secretIn } from "../workshop-body.ts";

const WORKSHOP = lilasWorkshop();

const BASE_URL = "http://localhost:2568";

let colyseus: ColyseusTestServer;
const openRooms: Room[] = [];

beforeAll(async () => {
  const config = {
    ...readConfig({ PORT: "2568", LIMIT_JOINS_PER_MINUTE: "1000" }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  };
  const server = createApp({
    config,
    store: new SqliteTableStore(":memory:"),
    gracefullyShutdown: false,
    logger: createLogger("silent"),
  });
  colyseus = await boot(server);
});

afterEach(async () => {
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

interface Workshop {
  workshopId: string;
  facilitatorKey: string;
  observerKey: string;
  invite: string;
}

async function createWorkshop(): Promise<Workshop> {
  const response = await fetch(BASE_URL + WORKSHOP_API.create, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(WORKSHOP),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedWorkshop;
  return {
    workshopId: created.workshopId,
    facilitatorKey: secretIn(created.facilitatorLink, "facilitator"),
    observerKey: secretIn(created.observerLink, "observer"),
    invite: secretIn(created.participantLink, "invite"),
  };
}

function postJoin(workshopId: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(BASE_URL + WORKSHOP_API.join(workshopId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ...body }),
  });
}

/** A dashboard (or plenary screen): joins the overview as the browser does and follows it as net/workshop-connection.ts does. */
async function openOverview(workshopId: string, secret: { facilitatorKey?: string; observerKey?: string }) {
  const response = await postJoin(workshopId, secret);
  expect(response.status).toBe(200);
  const room = await new Client(BASE_URL).consumeSeatReservation(
    (await response.json()) as Parameters<Client["consumeSeatReservation"]>[0],
  );
  openRooms.push(room);
  const seen = { overview: null as WorkshopOverview | null };
  room.onMessage(WORKSHOP_TABLE_MESSAGE, (summary: TableSummary) => {
    if (!seen.overview) return;
    seen.overview = {
      ...seen.overview,
      tables: seen.overview.tables.map((table) => (table.tableId === summary.tableId ? summary : table)),
    };
  });
  room.onMessage("overview", (overview: WorkshopOverview) => {
    seen.overview = overview;
  });
  seen.overview = (await room.request(WORKSHOP_OVERVIEW_REQUEST)) as WorkshopOverview;
  const table = (index: number) => {
    const found = seen.overview?.tables[index];
    if (!found) throw new Error(`no table ${index} in the overview`);
    return found;
  };
  const command = (body: WorkshopCommand) => room.request(WORKSHOP_REQUEST, body) as Promise<WorkshopCommandReply>;
  return { room, seen, table, command };
}

/** Someone sits at a table of the workshop through the lobby, as the browser does: the seat request, then the table's join. */
async function sitAt(workshop: Workshop, tableId: string, name: string) {
  const seat = await fetch(BASE_URL + WORKSHOP_API.seat(workshop.workshopId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ invite: workshop.invite, tableId }),
  });
  expect(seat.status).toBe(200);
  const answer = (await seat.json()) as SeatAnswer;
  const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    invite: secretIn(answer.path, "invite"),
    seatKey: randomBytes(32).toString("base64url"),
    name,
    role: "Habitant·e",
  });
  openRooms.push(room);
  const me = (await room.request(WHOAMI_REQUEST)) as Whoami;
  return { room, participantId: me.participantId ?? "" };
}

describe("the workshop's live overview", () => {
  it("shows every table, and someone sitting down at a table reaches the dashboard within a moment", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    expect(dashboard.seen.overview?.title).toBe(WORKSHOP.title);
    expect(dashboard.seen.overview?.tables.map((table) => table.name)).toHaveLength(2);
    expect(dashboard.table(0).people).toEqual([]);

    const tableId = dashboard.table(0).tableId;
    const before = Date.now();
    await sitAt(workshop, tableId, "Inès");
    await vi.waitFor(() => expect(dashboard.table(0).people.map((p) => [p.name, p.online])).toEqual([["Inès", true]]), {
      timeout: 3000,
    });
    expect(Date.now() - before).toBeLessThan(2000);
    // The other table did not move.
    expect(dashboard.table(1).people).toEqual([]);
  });

  it("sends a timer, a message and the next phase to every table, each table answering for itself", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    const [first, second] = [dashboard.table(0).tableId, dashboard.table(1).tableId];
    const atFirst = await sitAt(workshop, first, "Karim");
    const atSecond = await sitAt(workshop, second, "Sophie");

    const timer = await dashboard.command({ type: "timer", minutes: 10, label: "Premier tour" });
    expect(timer).toEqual({
      ok: true,
      results: [
        { tableId: first, ok: true },
        { tableId: second, ok: true },
      ],
    });
    for (const room of [atFirst.room, atSecond.room]) {
      await vi.waitFor(() => expect((room.state as { timer?: { label: string } }).timer?.label).toBe("Premier tour"));
    }
    await vi.waitFor(() =>
      expect([dashboard.table(0).timer?.label, dashboard.table(1).timer?.label]).toEqual([
        "Premier tour",
        "Premier tour",
      ]),
    );

    const message = await dashboard.command({ type: "message", text: "Pause café dans 5 minutes" });
    expect(message.ok).toBe(true);
    expect(dashboard.seen.overview?.message).toBe("Pause café dans 5 minutes");
    for (const room of [atFirst.room, atSecond.room]) {
      await vi.waitFor(() =>
        expect((room.state as { announcement?: { text: string } }).announcement?.text).toBe(
          "Pause café dans 5 minutes",
        ),
      );
    }

    const next = await dashboard.command({ type: "nextPhase" });
    expect(next.ok).toBe(true);
    await vi.waitFor(() => expect([dashboard.table(0).phase, dashboard.table(1).phase]).toEqual(["play", "play"]));
    for (const room of [atFirst.room, atSecond.room]) {
      await vi.waitFor(() => expect((room.state as { phase?: string }).phase).toBe("play"));
    }

    // Through debrief to the closed story; then each table says why it cannot go further.
    expect((await dashboard.command({ type: "nextPhase" })).ok).toBe(true);
    expect((await dashboard.command({ type: "nextPhase" })).ok).toBe(true);
    await vi.waitFor(() => expect([dashboard.table(0).phase, dashboard.table(1).phase]).toEqual(["closed", "closed"]));
    const beyond = await dashboard.command({ type: "nextPhase" });
    expect(beyond.ok).toBe(false);
    expect(beyond.results).toEqual([
      { tableId: first, ok: false, message: t("workshopOverview.alreadyClosed") },
      { tableId: second, ok: false, message: t("workshopOverview.alreadyClosed") },
    ]);
  });

  it("closes arrivals at every table, and moves someone to another table before play", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    const [first, second] = [dashboard.table(0).tableId, dashboard.table(1).tableId];
    const mover = await sitAt(workshop, first, "Aïcha");

    const moved = await dashboard.command({
      type: "move",
      fromTableId: first,
      participantId: mover.participantId,
      toTableId: second,
    });
    expect(moved.ok).toBe(true);
    await vi.waitFor(() => expect(dashboard.table(0).people.map((p) => p.name)).toEqual([]));

    const closed = await dashboard.command({ type: "arrivals", open: false });
    expect(closed.results.map((result) => result.ok)).toEqual([true, true]);
    expect(dashboard.seen.overview?.arrivalsOpen).toBe(false);
    await vi.waitFor(() => expect([dashboard.table(0).locked, dashboard.table(1).locked]).toEqual([true, true]));
  });

  it("adds tables that start as the room stands: arrivals closed and the message on their screens", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    await dashboard.command({ type: "message", text: "Pause café jusqu'à 15 h." });
    await dashboard.command({ type: "arrivals", open: false });

    const added = await dashboard.command({ type: "addTables", count: 1 });
    expect(added.results.map((result) => result.ok)).toEqual([true]);
    await vi.waitFor(() => expect(dashboard.seen.overview?.tables).toHaveLength(3));
    const third = dashboard.table(2);
    expect(third.locked).toBe(true);
    const state = (await matchMaker.remoteRoomCall(third.tableId, "exportState")) as TableState;
    expect(state.announcement?.text).toBe("Pause café jusqu'à 15 h.");
  });

  it("hands a table over with that table's own facilitator link", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    const tableId = dashboard.table(1).tableId;
    const reply = await dashboard.command({ type: "tableLink", tableId });
    expect(reply.path).toMatch(new RegExp(`^/t/${tableId}#${LINK_KEYS.facilitator}=`));
    const helper = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
      protocolVersion: PROTOCOL_VERSION,
      facilitatorKey: secretIn(reply.path ?? "", "facilitator"),
      seatKey: randomBytes(32).toString("base64url"),
      name: "Léa",
      role: "Animatrice de table",
    });
    openRooms.push(helper);
    expect(((await helper.request(WHOAMI_REQUEST)) as Whoami).facilitator).toBe(true);
  });

  it("gives the workshop facilitator the observer link, which opens the overview to watch, never to command", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    const reply = await dashboard.command({ type: "shareLinks" });
    expect(secretIn(reply.path ?? "", "invite")).toBe(workshop.invite);
    expect(reply.observerPath).toMatch(new RegExp(`^/a/${workshop.workshopId}#${LINK_KEYS.observer}=`));
    const observerKey = secretIn(reply.observerPath ?? "", "observer");
    expect(observerKey).toBe(workshop.observerKey);

    // The projector's computer: it sees the tables, and every command (the share links too) is refused.
    const screen = await openOverview(workshop.workshopId, { observerKey });
    expect(screen.seen.overview?.tables).toHaveLength(2);
    for (const command of [{ type: "nextPhase" }, { type: "shareLinks" }] satisfies WorkshopCommand[]) {
      await expect(screen.command(command)).rejects.toMatchObject({ reason: { code: "observerReadOnly" } });
    }
    // Passed off as the facilitator's key, it opens nothing.
    expect((await postJoin(workshop.workshopId, { facilitatorKey: observerKey })).status).toBe(401);
    expect(screen.table(0).phase).toBe("preparation");
  });

  it("lets the plenary screen watch but not command", async () => {
    const workshop = await createWorkshop();
    const screen = await openOverview(workshop.workshopId, { observerKey: workshop.observerKey });
    expect(screen.seen.overview?.tables).toHaveLength(2);
    await expect(screen.command({ type: "nextPhase" })).rejects.toMatchObject({
      reason: { code: "observerReadOnly", message: t("refusal.observerReadOnly") },
    });
    await expect(screen.command({ type: "shareLinks" })).rejects.toMatchObject({
      reason: { code: "observerReadOnly" },
    });
    expect(screen.table(0).phase).toBe("preparation");
  });

  it("answers 401 to a wrong key, or a participant's, before opening anything", async () => {
    const workshop = await createWorkshop();
    for (const body of [
      { facilitatorKey: "not-the-key" },
      { observerKey: workshop.invite },
      { invite: workshop.invite },
      {},
    ]) {
      const response = await postJoin(workshop.workshopId, body);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("badLink");
    }
    expect((await postJoin("no-such-workshop", { facilitatorKey: workshop.facilitatorKey })).status).toBe(404);
  });

  it("refuses a malformed command with a readable reason, and keeps the connection", async () => {
    const workshop = await createWorkshop();
    const dashboard = await openOverview(workshop.workshopId, { facilitatorKey: workshop.facilitatorKey });
    await expect(dashboard.room.request(WORKSHOP_REQUEST, { type: "timer", minutes: "ten" })).rejects.toMatchObject({
      reason: { code: "invalidMessage" },
    });
    const overview = (await dashboard.room.request(WORKSHOP_OVERVIEW_REQUEST)) as WorkshopOverview;
    expect(overview.tables).toHaveLength(2);
  });
});
