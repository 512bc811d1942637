// A stranger, and a participant who misbehaves, against the real server (HTTP + WebSocket on port 2568): what they
// can make it do, and what reaches its log. Small limits here (server/limits.ts), so that reaching them is quick.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { matchMaker, Protocol } from "@colyseus/core";
import { encode } from "@colyseus/schema";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "@colyseus/sdk";
import WebSocket from "ws";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { floodFramesPerSecond } from "#server/limits.ts";
import { FLOOD_CLOSE_CODE } from "#server/room/table-room.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { t } from "#shared/i18n/translate.ts";
import {
  ACTION_REQUEST,
  API,
  INVITE_LINK_REQUEST,
  LINK_KEYS,
  PROTOCOL_VERSION,
  ROTATE_INVITE_REQUEST,
  WHOAMI_REQUEST,
  type CreatedTable,
  type ShareLinks,
} from "#shared/protocol.ts";
import { SETUP } from "../fixtures.ts";
import { joinOverHttp, JoinRefusedError } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

const BASE_URL = "http://localhost:2568";
const NEW_TABLE = {
  ...SETUP,
  framingChallengeId: null,
  framingChallengeText: "Diviser par dix le nombre de voitures ?",
};

/** Each test speaks from its own address (X-Forwarded-For, trusted through one proxy here), so that limits per address don't mix. */
let addressCount = 0;
const newAddress = () => `198.51.100.${++addressCount}`;

const LIMITS = {
  LIMIT_TABLE_CREATIONS_PER_HOUR: "3",
  LIMIT_IMPORTS_PER_HOUR: "2",
  LIMIT_IMPORT_BYTES: String(64 * 1024),
  LIMIT_JOINS_PER_MINUTE: "1000",
  LIMIT_ACTIONS_PER_SECOND: "10",
  LIMIT_CONNECTIONS_PER_SEAT: "2",
  LIMIT_CONNECTIONS_PER_TABLE: "6",
  LIMIT_OBSERVERS_PER_TABLE: "2",
  LIMIT_LOG_ENTRIES: "25",
};

let colyseus: ColyseusTestServer;
/** Every line the server logged, at every level. */
const { logger, lines: logLines } = loggingToLines("trace");
/** Every secret handed out or sent during these tests: none may ever be in the log. */
const secretsSeen = new Set<string>();
const openRooms: Room[] = [];

beforeAll(async () => {
  const config = {
    ...readConfig({ ...LIMITS, TRUST_PROXY: "1", PORT: "2568" }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  };
  const server = createApp({
    config,
    store: new SqliteTableStore(":memory:"),
    gracefullyShutdown: false,
    logger,
  });
  colyseus = await boot(server);
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

function secretFrom(link: string, key: string): string {
  const value = new URLSearchParams(link.slice(link.indexOf("#") + 1)).get(key);
  if (!value) throw new Error(`no #${key}= in ${link}`);
  secretsSeen.add(value);
  return value;
}

const newSeatKey = () => {
  const key = randomBytes(32).toString("base64url");
  secretsSeen.add(key);
  return key;
};

interface Opened {
  tableId: string;
  invite: string;
  facilitatorKey: string;
}

async function openTable(address = newAddress()): Promise<Opened> {
  const response = await fetch(`${BASE_URL}${API.createTable}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
    body: JSON.stringify(NEW_TABLE),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedTable;
  return {
    tableId: created.tableId,
    invite: secretFrom(created.participantLink, LINK_KEYS.invite),
    facilitatorKey: secretFrom(created.facilitatorLink, LINK_KEYS.facilitator),
  };
}

async function join(tableId: string, options: Record<string, unknown>): Promise<Room> {
  const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...options,
  });
  room.reconnection.enabled = false;
  openRooms.push(room);
  return room;
}

async function refusalOf(promise: Promise<unknown>): Promise<JoinRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JoinRefusedError) return error;
    throw error;
  }
  throw new Error("the join should have been refused");
}

/** Closes a table's room (everyone leaves) and waits until it is gone. */
async function closeRoom(tableId: string): Promise<void> {
  await matchMaker.getLocalRoomById(tableId)?.disconnect();
  await vi.waitFor(async () => expect(await matchMaker.getRoomById(tableId)).toBeFalsy());
}

/** Seats reserved in a live room and not yet taken (Colyseus' own bookkeeping). */
function reservedSeats(tableId: string): number {
  const room = matchMaker.getLocalRoomById(tableId) as unknown as
    { _reservedSeats: Record<string, unknown> } | undefined;
  return Object.keys(room?._reservedSeats ?? {}).length;
}

function post(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${BASE_URL}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": newAddress(), ...headers },
    body: JSON.stringify(body),
  });
}

describe("the matchmaker's own routes", () => {
  it("given a live table and its real invite, when a raw matchmaking request asks for a seat by any method, then it is refused and nothing is reserved", async () => {
    const table = await openTable();
    const host = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
      name: "Awa",
      role: "animation",
    });
    await vi.waitFor(() => expect(reservedSeats(table.tableId)).toBe(0));
    const options = {
      protocolVersion: PROTOCOL_VERSION,
      invite: table.invite,
      seatKey: newSeatKey(),
      name: "Mallory",
      role: "intruse",
    };

    for (const route of [
      "joinOrCreate/table",
      "join/table",
      "create/table",
      `joinById/${table.tableId}`,
      `reconnect/${table.tableId}`,
    ]) {
      const response = await post(`/matchmake/${route}`, options);
      expect(response.status, route).toBe(404);
      const body = (await response.json()) as { message?: string };
      expect(body.message, route).toBe(t("http.matchmakerClosed"));
      expect(JSON.stringify(body)).not.toContain(table.tableId);
    }
    expect(reservedSeats(table.tableId)).toBe(0);
    expect(matchMaker.getLocalRoomById(table.tableId)?.clients).toHaveLength(1);
    expect(host.connection.isOpen).toBe(true);
  });
});

describe("joining a table", () => {
  it("given a table whose room is closed, when someone joins without its secret, then they are refused and the table is not even opened", async () => {
    const table = await openTable();
    await closeRoom(table.tableId);
    const other = await openTable();

    for (const secret of [
      {},
      { invite: "pas-le-bon" },
      { facilitatorKey: table.invite },
      { observerKey: table.invite },
      { invite: other.invite },
    ]) {
      const refused = await refusalOf(
        join(table.tableId, { ...secret, seatKey: newSeatKey(), name: "Mallory", role: "intruse" }),
      );
      expect(refused.status, JSON.stringify(secret)).toBe(401);
      expect(refused.message).toBe(t("http.badLink"));
    }
    expect(await matchMaker.getRoomById(table.tableId)).toBeFalsy();
    const unknown = await refusalOf(
      join("table-inconnue", { invite: table.invite, seatKey: newSeatKey(), name: "Eve", role: "habitante" }),
    );
    expect(unknown.status).toBe(404);
  });

  it("given join options far larger than any browser sends, then they are refused before being read", async () => {
    const table = await openTable();
    const response = await post(API.join(table.tableId), {
      protocolVersion: PROTOCOL_VERSION,
      invite: table.invite,
      seatKey: "k".repeat(64),
      name: "x".repeat(50_000),
      role: "",
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: "tooLarge",
      message: "Cette demande est trop volumineuse ; rien n'a été enregistré.",
    });
    expect(reservedSeats(table.tableId)).toBe(0);
  });

  it("given a join that is not JSON, then it is refused in words that do not echo what was sent", async () => {
    const table = await openTable();
    const response = await fetch(`${BASE_URL}${API.join(table.tableId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": newAddress() },
      body: '{"name": "<script>alert(1)</script>',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: "notJson",
      message: "Cette demande n'a pas pu être lue (ce n'est pas du JSON) ; rien n'a été enregistré.",
    });
    expect(reservedSeats(table.tableId)).toBe(0);
  });
});

describe("the exports", () => {
  it("given a closed table, when its story is asked for without the facilitator secret, then it is refused and the table is not opened", async () => {
    const table = await openTable();
    await closeRoom(table.tableId);

    const attempts: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${table.invite}` },
      { Authorization: "Bearer pas-le-bon" },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${BASE_URL}${API.story(table.tableId, "md")}`, { headers });
      expect(response.status).toBe(401);
    }
    expect(await matchMaker.getRoomById(table.tableId)).toBeFalsy();

    const allowed = await fetch(`${BASE_URL}${API.story(table.tableId, "md")}`, {
      headers: { Authorization: `Bearer ${table.facilitatorKey}` },
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain(NEW_TABLE.title);
  });
});

describe("the pace of one seat", () => {
  it("given a seat sending more than its requests per second, then the extra ones are refused at once with a reason, and it goes on a second later", async () => {
    const table = await openTable();
    const awa = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
      name: "Awa",
      role: "animation",
    });

    const outcomes = await Promise.allSettled(Array.from({ length: 13 }, () => awa.request(WHOAMI_REQUEST)));

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    const refused = outcomes
      .filter((o): o is PromiseRejectedResult => o.status === "rejected")
      .map((o) => o.reason as { reason?: { code: string; message: string } });
    expect(refused.map((r) => r.reason)).toEqual(Array(3).fill({ code: "tooFast", message: t("refusal.tooFast") }));
    expect(awa.connection.isOpen).toBe(true);
    await sleep(1100);
    await expect(
      awa.request(ACTION_REQUEST, {
        id: "apres-la-pause",
        action: { type: "editSetup", changes: { title: "Toujours là" } },
      }),
    ).resolves.toEqual({ ok: true });
  });

  it("given one seat on two connections, then they share the seat's pace", async () => {
    const table = await openTable();
    const seatKey = newSeatKey();
    const tab1 = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey,
      name: "Awa",
      role: "animation",
    });
    const tab2 = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey,
      name: "Awa",
      role: "animation",
    });

    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 7 }, () => tab1.request(WHOAMI_REQUEST)),
      ...Array.from({ length: 7 }, () => tab2.request(WHOAMI_REQUEST)),
    ]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
  });

  it("given a connection sending exactly the frames a second allows, then it stays; one frame more, and it is closed at once with its code, and can join again", async () => {
    const table = await openTable();
    const seatKey = newSeatKey();
    const flooder = await join(table.tableId, { invite: table.invite, seatKey, name: "Mallory", role: "robot" });
    const closed = new Promise<number>((resolve) => flooder.onLeave((code) => resolve(code)));
    const frames = floodFramesPerSecond({ actionsPerSecond: Number(LIMITS.LIMIT_ACTIONS_PER_SECOND) });
    await sleep(1100); // a second of its own, away from the frames of the join

    // The limit's worth of frames (requests: each gets an answer, most of them "tooFast").
    const answers = await Promise.allSettled(Array.from({ length: frames }, () => flooder.request(WHOAMI_REQUEST)));
    expect(answers.filter((a) => a.status === "fulfilled")).toHaveLength(Number(LIMITS.LIMIT_ACTIONS_PER_SECOND));
    expect(
      answers.filter((a) => a.status === "rejected").map((a) => (a as PromiseRejectedResult).reason?.reason?.code),
    ).toEqual(Array(frames - Number(LIMITS.LIMIT_ACTIONS_PER_SECOND)).fill("tooFast"));
    expect(flooder.connection.isOpen).toBe(true);

    await sleep(1100);
    const started = Date.now();
    for (let i = 0; i <= frames; i++) flooder.request(WHOAMI_REQUEST).catch(() => undefined);

    expect(await closed).toBe(FLOOD_CLOSE_CODE);
    // "At once": not after the two-minute reconnection window a dropped connection otherwise keeps.
    expect(Date.now() - started).toBeLessThan(10_000);
    await vi.waitFor(() => expect(matchMaker.getLocalRoomById(table.tableId)?.clients ?? []).toHaveLength(0));
    const back = await join(table.tableId, { invite: table.invite, seatKey, name: "Mallory", role: "robot" });
    await expect(back.request(WHOAMI_REQUEST)).resolves.toMatchObject({ facilitator: false });
  });
});

describe("connections to one table", () => {
  it("given a seat with its connections all open, when it opens one more, then that one is refused with the limit", async () => {
    const table = await openTable();
    const seatKey = newSeatKey();
    await join(table.tableId, { invite: table.invite, seatKey, name: "Bastien", role: "habitant" });
    await join(table.tableId, { invite: table.invite, seatKey, name: "Bastien", role: "habitant" });

    const refused = await refusalOf(
      join(table.tableId, { invite: table.invite, seatKey, name: "Bastien", role: "habitant" }),
    );

    expect(refused.status).toBe(429);
    expect(refused.message).toBe(t("refusal.tooManyConnections", { max: 2 }));
  });

  it("given the observers a table allows, when one more observer comes, then it is refused", async () => {
    const table = await openTable();
    const host = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
      name: "Awa",
      role: "animation",
    });
    const links = (await host.request(INVITE_LINK_REQUEST)) as ShareLinks;
    const observerKey = secretFrom(links.observerPath, LINK_KEYS.observer);
    await join(table.tableId, { observerKey, seatKey: newSeatKey() });
    await join(table.tableId, { observerKey, seatKey: newSeatKey() });

    const refused = await refusalOf(join(table.tableId, { observerKey, seatKey: newSeatKey() }));

    expect(refused.status).toBe(429);
    expect(refused.message).toBe(t("refusal.tooManyObservers", { max: 2 }));
  });

  it("given an observer link used only to reserve places (never connecting), then it gets no more than the observers' places, and the facilitator and newcomers still get in", async () => {
    const table = await openTable();
    const awa = { facilitatorKey: table.facilitatorKey, seatKey: newSeatKey(), name: "Awa", role: "animation" };
    const host = await join(table.tableId, awa);
    const links = (await host.request(INVITE_LINK_REQUEST)) as ShareLinks;
    const observerKey = secretFrom(links.observerPath, LINK_KEYS.observer);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const reserved = await post(API.join(table.tableId), {
        protocolVersion: PROTOCOL_VERSION,
        observerKey,
        seatKey: newSeatKey(),
      });
      statuses.push(reserved.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 429, 429]);
    // The facilitator's second tab and a newcomer find their places.
    await expect(join(table.tableId, awa)).resolves.toBeTruthy();
    await expect(
      join(table.tableId, { invite: table.invite, seatKey: newSeatKey(), name: "Zoé", role: "habitante" }),
    ).resolves.toBeTruthy();
    expect(reservedSeats(table.tableId)).toBe(2);
  });

  it("given a table with every connection taken, when someone else comes, then they are told to wait, and get in once a connection closes", async () => {
    const table = await openTable();
    const seats: Room[] = [];
    for (let i = 0; i < 6; i++)
      seats.push(
        await join(table.tableId, {
          invite: table.invite,
          seatKey: newSeatKey(),
          name: `Personne ${i}`,
          role: "habitante",
        }),
      );

    const refused = await refusalOf(
      join(table.tableId, { invite: table.invite, seatKey: newSeatKey(), name: "Zoé", role: "habitante" }),
    );
    expect(refused.status).toBe(503);
    expect(refused.message).toBe(t("refusal.tableBusy"));

    await seats[0]?.leave();
    await vi.waitFor(() => expect(matchMaker.getLocalRoomById(table.tableId)?.clients).toHaveLength(5));
    await expect(
      join(table.tableId, { invite: table.invite, seatKey: newSeatKey(), name: "Zoé", role: "habitante" }),
    ).resolves.toBeTruthy();
  });
});

describe("the size of a table's log", () => {
  it("given a table whose log is full, then new actions and newcomers are refused with the reason, and its story can still be downloaded", async () => {
    const table = await openTable();
    const awa = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
      name: "Awa",
      role: "animation",
    });
    let refusal: { code: string; message: string } | undefined;
    for (let i = 0; i < 30 && !refusal; i++) {
      await sleep(110); // at a person's pace
      try {
        await awa.request(ACTION_REQUEST, {
          id: `titre-${i}-xxxx`,
          action: { type: "editSetup", changes: { title: `Titre ${i}` } },
        });
      } catch (error) {
        refusal = (error as { reason?: { code: string; message: string } }).reason;
      }
    }
    expect(refusal).toEqual({ code: "logFull", message: t("refusal.logFull") });

    const newcomer = await refusalOf(
      join(table.tableId, { invite: table.invite, seatKey: newSeatKey(), name: "Eve", role: "habitante" }),
    );
    expect(newcomer.message).toBe(t("refusal.logFull"));
    const story = await fetch(`${BASE_URL}${API.story(table.tableId, "json")}`, {
      headers: { Authorization: `Bearer ${table.facilitatorKey}` },
    });
    expect(story.status).toBe(200);
  });
});

describe("someone removed from the table", () => {
  it("given a removed participant, when the facilitator changes the participant link, then neither their seat nor a new browser with the old link gets in; those seated come back; the new link lets people in", async () => {
    const table = await openTable();
    const awa = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
      name: "Awa",
      role: "animation",
    });
    const bastienKey = newSeatKey();
    const bastien = await join(table.tableId, {
      invite: table.invite,
      seatKey: bastienKey,
      name: "Bastien",
      role: "habitant",
    });
    const malloryKey = newSeatKey();
    const mallory = await join(table.tableId, {
      invite: table.invite,
      seatKey: malloryKey,
      name: "Mallory",
      role: "intruse",
    });
    const malloryId = ((await mallory.request(WHOAMI_REQUEST)) as { participantId: string }).participantId;

    await awa.request(ACTION_REQUEST, {
      id: "retirer-mallory",
      action: { type: "removeParticipant", participantId: malloryId },
    });
    // Before the link changes, a new browser with the participant link is a new participant: that is what the link is.
    const again = await join(table.tableId, {
      invite: table.invite,
      seatKey: newSeatKey(),
      name: "Mallory 2",
      role: "intruse",
    });
    await again.leave();

    const links = (await awa.request(ROTATE_INVITE_REQUEST)) as ShareLinks;
    const newInvite = secretFrom(links.path, LINK_KEYS.invite);
    expect(newInvite).not.toBe(table.invite);
    expect(((await awa.request(INVITE_LINK_REQUEST)) as ShareLinks).path).toBe(links.path);
    await expect(bastien.request(ROTATE_INVITE_REQUEST)).rejects.toMatchObject({ reason: { code: "facilitatorOnly" } });

    const oldLink = await refusalOf(
      join(table.tableId, { invite: table.invite, seatKey: newSeatKey(), name: "Mallory 3", role: "intruse" }),
    );
    expect(oldLink.status).toBe(401);
    expect(oldLink.message).toBe(t("http.inviteReplaced"));
    const removedSeat = await refusalOf(
      join(table.tableId, { invite: newInvite, seatKey: malloryKey, name: "Mallory", role: "intruse" }),
    );
    expect(removedSeat.message).toBe(t("refusal.seatRemoved"));

    // Bastien's page still holds the old link: his seat key brings him back, also after the table closed and reopened.
    await bastien.leave();
    await closeRoom(table.tableId);
    const back = await join(table.tableId, {
      invite: table.invite,
      seatKey: bastienKey,
      name: "Bastien",
      role: "habitant",
    });
    await expect(back.request(WHOAMI_REQUEST)).resolves.toMatchObject({ facilitator: false });
    const newcomer = await join(table.tableId, {
      invite: newInvite,
      seatKey: newSeatKey(),
      name: "Chloé",
      role: "élue",
    });
    await expect(newcomer.request(WHOAMI_REQUEST)).resolves.toMatchObject({ facilitator: false });
  });
});

describe("origins", () => {
  it("given a page of another site, when it posts to the API, then it is refused and nothing is created; the app's own origin is served", async () => {
    const evil = await post(API.createTable, NEW_TABLE, { Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ code: "originRefused", message: t("http.originRefused") });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.headers.get("access-control-allow-credentials")).toBeNull();

    const own = await post(API.createTable, NEW_TABLE, { Origin: BASE_URL });
    expect(own.status).toBe(201);
    expect(own.headers.get("access-control-allow-credentials")).toBeNull();

    // Deleting too, even with the facilitator secret: a page elsewhere never acts on this server.
    const created = (await own.json()) as CreatedTable;
    const facilitatorKey = secretFrom(created.facilitatorLink, LINK_KEYS.facilitator);
    secretFrom(created.participantLink, LINK_KEYS.invite);
    const deletion = await fetch(`${BASE_URL}/api/tables/${created.tableId}`, {
      method: "DELETE",
      headers: {
        Origin: "https://evil.example",
        Authorization: `Bearer ${facilitatorKey}`,
        "X-Forwarded-For": newAddress(),
      },
    });
    expect(deletion.status).toBe(403);
    expect(
      (
        await fetch(`${BASE_URL}${API.story(created.tableId, "md")}`, {
          headers: { Authorization: `Bearer ${facilitatorKey}` },
        })
      ).status,
    ).toBe(200);
  });

  it("given a preflight from another site, then it gets no CORS permission", async () => {
    const response = await fetch(`${BASE_URL}/matchmake/joinById/x`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("given a seat reserved with the right link, when a page of another site opens the WebSocket, then the handshake is refused", async () => {
    const table = await openTable();
    const response = await post(API.join(table.tableId), {
      protocolVersion: PROTOCOL_VERSION,
      invite: table.invite,
      seatKey: newSeatKey(),
      name: "Eve",
      role: "habitante",
    });
    const reservation = (await response.json()) as { roomId: string; processId: string; sessionId: string };
    const url = `ws://localhost:2568/${reservation.processId}/${reservation.roomId}?sessionId=${reservation.sessionId}`;

    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url, { origin: "https://evil.example" });
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.on("open", () => {
        socket.close();
        resolve(101);
      });
      socket.on("error", () => resolve(-1));
    });

    expect(status).toBe(401);
  });

  it("given a forged Host header, when a table is opened, then its links still point at the server's own address", async () => {
    const body = JSON.stringify(NEW_TABLE);
    const created = await new Promise<CreatedTable>((resolve, reject) => {
      const request = http.request(
        `${BASE_URL}${API.createTable}`,
        {
          method: "POST",
          headers: {
            Host: "evil.example",
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
            "X-Forwarded-For": newAddress(),
          },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(JSON.parse(text) as CreatedTable));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    secretFrom(created.participantLink, LINK_KEYS.invite);
    secretFrom(created.facilitatorLink, LINK_KEYS.facilitator);
    expect(created.participantLink.startsWith("http://localhost:2568/t/")).toBe(true);
    expect(created.facilitatorLink).not.toContain("evil.example");
  });
});

describe("limits per address", () => {
  it("given an address opening tables past its limit, then it gets 429 with Retry-After and a French reason, and another address still can", async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) await openTable(address);

    const refused = await post(API.createTable, NEW_TABLE, { "X-Forwarded-For": address });

    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: "rateLimited" });
    await openTable(newAddress());
  });

  it("given imports past the limit of an address or of the file size, then they are refused with the reason", async () => {
    const table = await openTable();
    const story = await fetch(`${BASE_URL}${API.story(table.tableId, "json")}`, {
      headers: { Authorization: `Bearer ${table.facilitatorKey}` },
    });
    const json = await story.text();
    const address = newAddress();
    for (let i = 0; i < 2; i++) {
      const imported = await fetch(`${BASE_URL}${API.importStory}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
        body: json,
      });
      expect(imported.status).toBe(201);
      const links = (await imported.json()) as CreatedTable;
      secretFrom(links.participantLink, LINK_KEYS.invite);
      secretFrom(links.facilitatorLink, LINK_KEYS.facilitator);
    }
    const third = await fetch(`${BASE_URL}${API.importStory}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
      body: json,
    });
    expect(third.status).toBe(429);

    const tooBig = await fetch(`${BASE_URL}${API.importStory}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": newAddress() },
      body: JSON.stringify({ padding: "x".repeat(70 * 1024) }),
    });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ code: "tooLarge", message: t("http.importTooLarge", { max: "64 ko" }) });
  });
});

describe("what the log keeps", () => {
  it("given joins refused in every way, then no secret, seat key or link appears in the log at any level", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const table = await openTable();
    const awa = await join(table.tableId, {
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
      name: "Awa",
      role: "animation",
    });
    const links = (await awa.request(INVITE_LINK_REQUEST)) as ShareLinks;
    const observerKey = secretFrom(links.observerPath, LINK_KEYS.observer);
    const seatKey = newSeatKey();
    await join(table.tableId, { invite: table.invite, seatKey, name: "Bastien", role: "habitant" });
    await join(table.tableId, { invite: table.invite, seatKey, name: "Bastien", role: "habitant" });
    const wrong = "mauvais-secret-" + randomBytes(8).toString("hex");
    secretsSeen.add(wrong);

    const attempts: Record<string, unknown>[] = [
      { invite: wrong, seatKey: newSeatKey(), name: "Eve", role: "habitante" },
      { facilitatorKey: wrong, seatKey: newSeatKey(), name: "Eve", role: "habitante" },
      { observerKey: wrong, seatKey: newSeatKey() },
      { invite: table.invite, seatKey: newSeatKey(), name: "", role: "habitante" },
      { invite: table.invite, seatKey: newSeatKey(), name: "Awa", role: "habitante" },
      { invite: table.invite, seatKey, name: "Bastien", role: "habitant" }, // a third tab
      { invite: table.invite, facilitatorKey: wrong, observerKey, seatKey: "trop-court", name: "Eve", role: "x" },
    ];
    for (const options of attempts) await refusalOf(join(table.tableId, options));
    await refusalOf(
      join(table.tableId, {
        protocolVersion: PROTOCOL_VERSION + 1,
        invite: table.invite,
        seatKey: newSeatKey(),
        name: "Eve",
        role: "habitante",
      }),
    );
    await post(`/matchmake/joinById/${table.tableId}`, {
      invite: table.invite,
      facilitatorKey: table.facilitatorKey,
      seatKey: newSeatKey(),
    });
    await awa.request(ACTION_REQUEST, { id: "lock-the-table", action: { type: "lockTable", locked: true } });
    await refusalOf(
      join(table.tableId, { invite: table.invite, seatKey: newSeatKey(), name: "Eve", role: "habitante" }),
    );
    await fetch(`${BASE_URL}${API.story(table.tableId, "md")}`, { headers: { Authorization: `Bearer ${wrong}` } });
    // A WebSocket opened with a stolen session id and a seat key in its URL.
    await new Promise<void>((resolve) => {
      const socket = new WebSocket(`ws://localhost:2568/x/${table.tableId}?sessionId=${wrong}&seatKey=${seatKey}`);
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
    });
    await sleep(300);

    expect(logLines.length).toBeGreaterThan(0);
    const leaked = [...secretsSeen].filter((secret) => logLines.some((line) => line.includes(secret)));
    expect(leaked).toEqual([]);
  });

  it("given frames whose payload does not decode, then none of them writes an error in the log, and the table goes on", async () => {
    const table = await openTable();
    const bastien = await join(table.tableId, {
      invite: table.invite,
      seatKey: newSeatKey(),
      name: "Bastien",
      role: "x",
    });
    const errorsBefore = errorLines().length;
    const frame = (code: number, requestId: number | null, payload: number[]) => {
      const head = new Uint8Array(64);
      const it = { offset: 1 };
      head[0] = code;
      if (requestId !== null) encode.number(head, requestId, it);
      encode.string(head, WHOAMI_REQUEST, it);
      return Uint8Array.from([...head.subarray(0, it.offset), ...payload]);
    };
    // A string followed by a stray byte; a string cut short; arrays nested far deeper than the stack.
    const deep = [...Array<number>(200_000).fill(0x91), 0xc0];
    for (const [i, payload] of [[0xa1, 0x41, 0xc1], [0xd9], deep].entries())
      bastien.connection.send(frame(Protocol.ROOM_REQUEST, 1000 + i, payload));
    await sleep(300);
    expect(errorLines().slice(errorsBefore)).toEqual([]);
    expect(logLines.some((line) => line.includes("Data read, but end of buffer not reached"))).toBe(true);
    await expect(bastien.request(WHOAMI_REQUEST)).resolves.toMatchObject({ facilitator: false });
    // Undecodable data (not a request) closes the connection, as Colyseus does: its browser would join again.
    const left = new Promise<number>((resolve) => bastien.onLeave((code) => resolve(code)));
    bastien.connection.send(frame(Protocol.ROOM_DATA, null, [0xa1, 0x41, 0xc1]));
    await left;
    await sleep(100);
    expect(errorLines().slice(errorsBefore)).toEqual([]);
  });
});

/** Lines logged at error level or above (pino: 50 and up). */
function errorLines(): string[] {
  return logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
}
