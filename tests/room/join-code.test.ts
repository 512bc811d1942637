// Joining by code and naming the table before joining, against the real server (HTTP + WebSocket on port 2568): what a
// code gives (no more than the participant link, only while the table accepts arrivals), how guessing is held back, and
// what the title request gives a stranger (nothing). Small limits here, so that reaching them is quick.
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
import type { Action } from "#shared/model.ts";
import { formatJoinCode, isJoinCode } from "#shared/join-code.ts";
import {
  ACTION_REQUEST,
  API,
  INVITE_LINK_REQUEST,
  LINK_KEYS,
  PROTOCOL_VERSION,
  ROTATE_INVITE_REQUEST,
  tableLink,
  WHOAMI_REQUEST,
  type CreatedTable,
  type ResolvedJoinCode,
  type ShareLinks,
  type Whoami,
} from "#shared/protocol.ts";
import { joinOverHttp } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

const BASE_URL = "http://localhost:2568";
const FAILURES_PER_HOUR = 5;
const TITLE = "Les Tanneurs en 2050";

let colyseus: ColyseusTestServer;
const { logger, lines: logLines } = loggingToLines("trace");
/** Every secret and code handed out during these tests: none may ever be in the log. */
const secretsSeen = new Set<string>();
const openRooms: Room[] = [];

/** Each test speaks from its own address (X-Forwarded-For, trusted through one proxy here), so that limits per address don't mix. */
let addressCount = 0;
const newAddress = () => `203.0.113.${++addressCount}`;

beforeAll(async () => {
  const config = {
    ...readConfig({
      LIMIT_JOIN_CODE_FAILURES_PER_HOUR: String(FAILURES_PER_HOUR),
      LIMIT_JOINS_PER_MINUTE: "1000",
      TRUST_PROXY: "1",
      PORT: "2568",
    }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  };
  colyseus = await boot(
    createApp({
      config,
      store: new SqliteTableStore(":memory:"),
      gracefullyShutdown: false,
      logger,
    }),
  );
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

const seen = <T extends string>(secret: T): T => {
  secretsSeen.add(secret);
  return secret;
};
const newSeatKey = () => seen(randomBytes(32).toString("base64url"));

function secretFrom(link: string, key: string): string {
  const value = new URLSearchParams(link.slice(link.indexOf("#") + 1)).get(key);
  if (!value) throw new Error(`no #${key}= in ${link}`);
  return seen(value);
}

function post(
  pathname: string,
  body: unknown,
  address = newAddress(),
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${BASE_URL}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": address, ...headers },
    body: JSON.stringify(body),
  });
}

interface Opened {
  tableId: string;
  invite: string;
  facilitatorKey: string;
  observerKey: string;
  joinCode: string;
  /** The facilitator, seated: their room sends actions and asks for the share links. */
  host: Room;
}

let actionCount = 0;
async function act(room: Room, action: Action): Promise<void> {
  await expect(room.request(ACTION_REQUEST, { id: `action-${++actionCount}-xxxx`, action })).resolves.toEqual({
    ok: true,
  });
}

async function join(tableId: string, options: Record<string, unknown>): Promise<Room> {
  const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    seatKey: newSeatKey(),
    ...options,
  });
  room.reconnection.enabled = false;
  openRooms.push(room);
  return room;
}

/** Opens a table over HTTP, seats its facilitator, and reads the code from the share links they are given. */
async function openTable(title = TITLE): Promise<Opened> {
  const response = await post(API.createTable, {
    title,
    system: "Le quartier des Tanneurs",
    presentState: "Des voitures partout",
    horizonYear: 2050,
    desirableFuture: "Une rue aux enfants",
    framingChallengeId: null,
    framingChallengeText: "Diviser par dix le nombre de voitures ?",
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedTable;
  const facilitatorKey = secretFrom(created.facilitatorLink, LINK_KEYS.facilitator);
  const host = await join(created.tableId, { facilitatorKey, name: "Awa", role: "animation" });
  const links = (await host.request(INVITE_LINK_REQUEST)) as ShareLinks;
  return {
    tableId: created.tableId,
    invite: secretFrom(created.participantLink, LINK_KEYS.invite),
    facilitatorKey,
    observerKey: secretFrom(links.observerPath, LINK_KEYS.observer),
    joinCode: seen(links.joinCode),
    host,
  };
}

function resolve(code: unknown, address?: string): Promise<Response> {
  return post(API.resolveJoinCode, { code }, address);
}

/** A well-formed code that is no table's (codes are drawn at random: one made of a single repeated digit is not). */
function unusedCode(...taken: string[]): string {
  return ["22222222", "33333333", "44444444"].find((code) => !taken.includes(code)) ?? "";
}

/** Closes a table's room (everyone leaves) and waits until it is gone. */
async function closeRoom(tableId: string): Promise<void> {
  await matchMaker.getLocalRoomById(tableId)?.disconnect();
  await vi.waitFor(async () => expect(await matchMaker.getRoomById(tableId)).toBeFalsy());
}

describe("a table's join code", () => {
  it("given a new table, when its facilitator asks for the share links, then they hold a well-formed code of its own", async () => {
    const [first, second] = [await openTable(), await openTable()];

    for (const table of [first, second]) expect(isJoinCode(table.joinCode)).toBe(true);
    expect(first.joinCode).not.toBe(second.joinCode);
  });

  it("given the code typed as people type it, when it is resolved, then the answer is the participant link, and the person sits with it", async () => {
    const table = await openTable();

    const typed = ` ${formatJoinCode(table.joinCode).toLowerCase().replace("-", " - ")} `;
    const response = await resolve(typed);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const found = (await response.json()) as ResolvedJoinCode;
    // Exactly what the participant link says, and the title the join page shows: nothing more.
    expect(found).toEqual({
      kind: "table",
      tableId: table.tableId,
      title: TITLE,
      path: tableLink(table.tableId, "invite", table.invite),
    });
    const invite = secretFrom(found.path, LINK_KEYS.invite);
    const bastien = await join(table.tableId, { invite, name: "Bastien", role: "habitant" });
    expect(((await bastien.request(WHOAMI_REQUEST)) as Whoami).facilitator).toBe(false);
  });

  it("given a table whose room is closed, when its code is resolved, then the table comes back from storage and the code still works", async () => {
    const table = await openTable();
    await closeRoom(table.tableId);

    const response = await resolve(table.joinCode);

    expect(response.status).toBe(200);
    expect((await response.json()) as ResolvedJoinCode).toMatchObject({ kind: "table", tableId: table.tableId });
  });

  it("given a code of no table, then it is refused as unknown, nothing is opened, and no table is named", async () => {
    const table = await openTable();
    await closeRoom(table.tableId);

    const response = await resolve(unusedCode(table.joinCode));

    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toEqual({ code: "unknownJoinCode", message: t("joinCode.unknown") });
    expect(await matchMaker.getRoomById(table.tableId)).toBeFalsy();
  });

  it("given text that is no code (wrong length, look-alikes, not text), then it is refused as malformed, without costing an attempt", async () => {
    const table = await openTable();
    const address = newAddress();
    const malformed: unknown[] = [
      "",
      "K7PQ2MX",
      "K7PQ2MXRZ",
      "O0O0I1L1",
      "K7PQ-2MXU",
      12345678,
      null,
      ["K7PQ2MXR"],
      "x".repeat(500),
    ];

    for (const code of malformed) {
      const response = await resolve(code, address);
      expect(response.status, JSON.stringify(code)).toBe(400);
      expect(await response.json()).toEqual({ code: "invalidJoinCode", message: t("joinCode.invalid") });
    }
    const missing = await post(API.resolveJoinCode, {}, address);
    expect(missing.status).toBe(400);
    const huge = await resolve("K".repeat(10_000), address);
    expect(huge.status).toBe(413);
    // More malformed codes than failures allowed, and the right code still works from that address.
    expect((await resolve(table.joinCode, address)).status).toBe(200);
  });

  it("given a locked table, when its code is resolved, then it is refused with the reason and nothing of the table; unlocked, it works again", async () => {
    const table = await openTable();
    await act(table.host, { type: "lockTable", locked: true });

    const response = await resolve(table.joinCode);

    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body).toEqual({ code: "tableLocked", message: t("refusal.tableLocked") });
    expect(JSON.stringify(body)).not.toContain(table.tableId);
    expect(JSON.stringify(body)).not.toContain(TITLE);

    await act(table.host, { type: "lockTable", locked: false });
    expect((await resolve(table.joinCode)).status).toBe(200);
  });

  it("given a closed story, when its code is resolved, then it is refused: the table takes nobody new", async () => {
    const table = await openTable();
    await act(table.host, { type: "startPlay" });
    await act(table.host, { type: "closeStory" });

    const response = await resolve(table.joinCode);

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: "storyClosed", message: t("refusal.storyClosed") });
  });

  it("given a participant link replaced by the facilitator, then the old code leads nowhere and the new one to the new link", async () => {
    const table = await openTable();

    const links = (await table.host.request(ROTATE_INVITE_REQUEST)) as ShareLinks;
    const newCode = seen(links.joinCode);
    const newInvite = secretFrom(links.path, LINK_KEYS.invite);

    expect(isJoinCode(newCode)).toBe(true);
    expect(newCode).not.toBe(table.joinCode);
    expect((await resolve(table.joinCode)).status).toBe(404);
    const response = await resolve(newCode);
    expect(response.status).toBe(200);
    expect(((await response.json()) as ResolvedJoinCode).path).toBe(tableLink(table.tableId, "invite", newInvite));
    // The facilitator's share links give the new code from now on.
    expect(((await table.host.request(INVITE_LINK_REQUEST)) as ShareLinks).joinCode).toBe(newCode);
  });

  it("given a deleted table, then its code leads nowhere, like one that never was", async () => {
    const table = await openTable();

    const deleted = await fetch(`${BASE_URL}${API.table(table.tableId)}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${table.facilitatorKey}`, "X-Forwarded-For": newAddress() },
    });
    expect(deleted.status).toBe(204);

    const response = await resolve(table.joinCode);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "unknownJoinCode", message: t("joinCode.unknown") });
  });

  it("given two tables, when one's code is resolved, then nothing of the other (nor any other secret of the first) is in the answer", async () => {
    const [mine, other] = [await openTable("Ma table"), await openTable("L'autre table")];

    const text = await (await resolve(mine.joinCode)).text();

    for (const secret of [
      other.tableId,
      other.invite,
      other.joinCode,
      other.observerKey,
      other.facilitatorKey,
      "L'autre table",
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const secret of [mine.facilitatorKey, mine.observerKey]) expect(text).not.toContain(secret);
  });

  it("given a page of another site, when it posts a code, then it is refused before anything is read", async () => {
    const table = await openTable();

    const response = await post(API.resolveJoinCode, { code: table.joinCode }, newAddress(), {
      Origin: "https://ailleurs.example",
    });

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "originRefused" });
  });
});

describe("guessing join codes", () => {
  it(`given ${FAILURES_PER_HOUR} codes that led nowhere from one address, then the next is refused for a while, even the right one; other addresses are not concerned`, async () => {
    const table = await openTable();
    const guesser = newAddress();

    for (let i = 0; i < FAILURES_PER_HOUR; i++)
      expect((await resolve(unusedCode(table.joinCode), guesser)).status).toBe(404);
    const refused = await resolve(table.joinCode, guesser);

    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.code).toBe("rateLimited");
    expect(body.message).toMatch(/^Trop de codes erronés depuis votre adresse : réessayez dans \d+ min/);
    expect(body.message).not.toContain(table.tableId);
    expect((await resolve(table.joinCode, newAddress())).status).toBe(200);
  });

  it("given a whole workshop behind one address typing the right code, then none of them is held back: only failures count", async () => {
    const table = await openTable();
    const workshop = newAddress();

    for (let i = 0; i < FAILURES_PER_HOUR * 3; i++) expect((await resolve(table.joinCode, workshop)).status).toBe(200);
    for (let i = 0; i < FAILURES_PER_HOUR - 1; i++)
      expect((await resolve(unusedCode(table.joinCode), workshop)).status).toBe(404);
    expect((await resolve(table.joinCode, workshop)).status).toBe(200);
  });

  it("given a locked table, then attempts with its code count as failures too", async () => {
    const table = await openTable();
    await act(table.host, { type: "lockTable", locked: true });
    const address = newAddress();

    for (let i = 0; i < FAILURES_PER_HOUR; i++) expect((await resolve(table.joinCode, address)).status).toBe(403);
    expect((await resolve(table.joinCode, address)).status).toBe(429);
  });
});

describe("the table's title before joining", () => {
  const title = (tableId: string, secret: Record<string, unknown>) => post(API.tableTitle(tableId), secret);

  it("given any of the table's three links, then its title is given, as it stands now", async () => {
    const table = await openTable();
    await act(table.host, { type: "editSetup", changes: { title: "Les Tanneurs, quartier vivant" } });

    for (const secret of [
      { invite: table.invite },
      { observerKey: table.observerKey },
      { facilitatorKey: table.facilitatorKey },
    ]) {
      const response = await title(table.tableId, secret);
      expect(response.status, Object.keys(secret)[0]).toBe(200);
      expect(await response.json()).toEqual({ title: "Les Tanneurs, quartier vivant" });
    }
  });

  it("given a table whose room is closed, when the title is asked without a valid link, then it is refused and the table is not even opened", async () => {
    const table = await openTable();
    const other = await openTable("L'autre table");
    await closeRoom(table.tableId);

    for (const secret of [
      {},
      { invite: "pas-le-bon" },
      { facilitatorKey: table.invite },
      { observerKey: table.invite },
      { invite: other.invite },
    ]) {
      const response = await title(table.tableId, secret);
      expect(response.status, JSON.stringify(secret)).toBe(401);
      const text = await response.text();
      expect(text).not.toContain(TITLE);
      expect(JSON.parse(text)).toEqual({ code: "badLink", message: t("http.badLink") });
    }
    expect(await matchMaker.getRoomById(table.tableId)).toBeFalsy();
    expect((await title("table-inconnue", { invite: table.invite })).status).toBe(404);
    expect((await title(table.tableId, { invite: 42 })).status).toBe(400);
  });

  it("given a participant link the facilitator replaced, then the title is not given with it", async () => {
    const table = await openTable();
    await table.host.request(ROTATE_INVITE_REQUEST);

    const response = await title(table.tableId, { invite: table.invite });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: "inviteReplaced", message: t("http.inviteReplaced") });
  });

  it("given a page of another site, then the title is refused", async () => {
    const table = await openTable();

    const response = await post(API.tableTitle(table.tableId), { invite: table.invite }, newAddress(), {
      Origin: "https://ailleurs.example",
    });

    expect(response.status).toBe(403);
  });
});

describe("the log", () => {
  it("given everything above logged at trace, then no join code, link secret or seat key is in any line", () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of secretsSeen) for (const line of logLines) expect(line).not.toContain(secret);
  });
});
