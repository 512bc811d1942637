// Deleting a table, seen from outside the real server (node server/main.ts): only the facilitator link deletes it, its
// people's connections are closed with the reason, and then its links, joins and downloads answer 404. The server also
// deletes, at start, the tables nobody touched for RETENTION_DAYS, and only those.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETED_CLOSE_CODE } from "#server/room/table-room.ts";
import { hashSecret } from "#server/secrets.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { t } from "#shared/i18n/translate.ts";
import { ACTION_REQUEST, API, PROTOCOL_VERSION } from "#shared/protocol.ts";
import { openTable } from "../fixtures.ts";
import { joinOverHttp, JoinRefusedError, openTableOverHttp } from "../join.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";

const PORT = 2660;
const RETENTION_PORT = 2661;
const DAY = 24 * 60 * 60 * 1000;
const DELETED = "Cette table a été effacée.";
const NOT_FOUND = { code: "tableNotFound", message: "Cette table n'existe pas ou a été effacée." };

let dir = "";
let server: RunningServer | null = null;
const rooms: Room[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-delete-"));
});
afterEach(async () => {
  for (const room of rooms.splice(0)) if (room.connection.isOpen) void room.leave(true);
  if (server && server.process.exitCode === null) await stopServer(server, "SIGKILL");
  server = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seatKey = () => randomBytes(32).toString("base64url");

async function seat(
  url: string,
  tableId: string,
  name: string,
  secret: { invite: string } | { facilitatorKey: string },
): Promise<Room> {
  const room = await joinOverHttp(new Client(url), url, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey: seatKey(),
    name,
    role: "habitant·e",
  });
  room.reconnection.enabled = false;
  rooms.push(room);
  return room;
}

/** Resolves with the close code and reason once the server closes this connection. */
function closed(room: Room): Promise<{ code: number; reason: string | undefined }> {
  return new Promise((resolve) => room.onLeave((code, reason) => resolve({ code, reason })));
}

const deleteTable = (url: string, tableId: string, key?: string) =>
  fetch(url + API.table(tableId), {
    method: "DELETE",
    headers: key === undefined ? {} : { Authorization: `Bearer ${key}` },
  });

const download = (url: string, tableId: string, key: string) =>
  fetch(url + API.story(tableId, "json"), { headers: { Authorization: `Bearer ${key}` } });

async function joinRefusal(url: string, tableId: string, secret: Record<string, string>): Promise<JoinRefusedError> {
  const refused = await joinOverHttp(new Client(url), url, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey: seatKey(),
    name: "Zoé",
    role: "élue",
  }).then(
    (room) => {
      rooms.push(room);
      throw new Error("the join was accepted");
    },
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(JoinRefusedError);
  return refused as JoinRefusedError;
}

const databases: { admin: string; name: string }[] = [];
afterAll(async () => {
  for (const { admin, name } of databases) {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await client.end();
  }
});

/** A new, empty database on the server of `admin` (dropped after the tests): the server's tables go there. */
async function throwawayDatabase(admin: string): Promise<Record<string, string>> {
  const name = `jdt_delete_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await client.end();
  databases.push({ admin, name });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

describe("deleting a table", () => {
  it("given no facilitator secret, or another link's, then nothing is deleted (401) and the table plays on", async () => {
    server = await startServer(PORT, { DATA_DIR: path.join(dir, "refused") });
    const table = await openTableOverHttp(server.url, "Table gardée");
    const participant = await seat(server.url, table.tableId, "Ada", { invite: table.invite });

    for (const key of [undefined, "", table.invite, randomBytes(24).toString("base64url")]) {
      const response = await deleteTable(server.url, table.tableId, key);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: "facilitatorKeyRequired",
        message: t("deletion.facilitatorKeyRequired"),
      });
    }

    expect(participant.connection.isOpen).toBe(true);
    await expect(
      participant.request(ACTION_REQUEST, { id: "still-here-1", action: { type: "lockTable", locked: false } }),
    ).rejects.toMatchObject({
      reason: { code: "facilitatorOnly" },
    });
    expect((await download(server.url, table.tableId, table.facilitatorKey)).status).toBe(200);
    expect((await deleteTable(server.url, "table-that-never-was", table.facilitatorKey)).status).toBe(404);
  });

  // SQLite writes each entry before the next is even read; on PostgreSQL writes are truly in flight when the deletion
  // comes (set TEST_DATABASE_URL: a throwaway database is made next to it).
  const stores: [string, () => Promise<Record<string, string>>][] = [
    ["SQLite", async () => ({ DATA_DIR: path.join(dir, "deleted") })],
  ];
  if (process.env.TEST_DATABASE_URL)
    stores.push(["PostgreSQL", () => throwawayDatabase(process.env.TEST_DATABASE_URL ?? "")]);

  it.each(stores)(
    "given the facilitator secret (%s), then every connection closes with the reason, and joins, downloads and a second delete answer 404",
    async (_name, storeEnv) => {
      server = await startServer(PORT, {
        ...(await storeEnv()),
        LIMIT_ACTIONS_PER_SECOND: "1000",
        LIMIT_TABLE_ACTIONS_PER_SECOND: "1000",
      });
      const table = await openTableOverHttp(server.url, "Table effacée");
      const other = await openTableOverHttp(server.url, "Table voisine");
      const facilitator = await seat(server.url, table.tableId, "Awa", { facilitatorKey: table.facilitatorKey });
      const participant = await seat(server.url, table.tableId, "Bao", { invite: table.invite });
      const neighbour = await seat(server.url, other.tableId, "Chloé", { invite: other.invite });
      const closes = [closed(facilitator), closed(participant)];

      // Writes sent while the deletion is under way: those the room took before land whole, the others are refused as
      // too late (or meet the closed connection); none fails half-way, written after its table was gone.
      const inFlight: Promise<string>[] = [];
      let deletion: Promise<Response> | undefined;
      for (let i = 0; i < 200; i++) {
        if (i === 100) deletion = deleteTable(server.url, table.tableId, table.facilitatorKey);
        inFlight.push(
          facilitator
            .request(
              ACTION_REQUEST,
              { id: `lock-table-${i}`, action: { type: "lockTable", locked: i % 2 === 0 } },
              { timeout: 5000 },
            )
            .then(
              () => "accepted",
              (error: { reason?: { code?: string } }) => error.reason?.code ?? "closed",
            ),
        );
        if (i >= 100 && i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const response = await deletion!;

      expect(response.status).toBe(204);
      for (const close of await Promise.all(closes))
        expect(close).toEqual({ code: DELETED_CLOSE_CODE, reason: DELETED });
      const outcomes = await Promise.all(inFlight);
      expect(
        outcomes.filter((outcome) => outcome !== "accepted" && outcome !== "tableDeleted" && outcome !== "closed"),
      ).toEqual([]);
      // No write was attempted after its table was gone: the server logged no error.
      expect(server.output()).not.toMatch(/"level":50/);

      for (const secret of [{ facilitatorKey: table.facilitatorKey }, { invite: table.invite }] as Record<
        string,
        string
      >[]) {
        const refusal = await joinRefusal(server.url, table.tableId, secret);
        expect({ status: refusal.status, code: refusal.code, message: refusal.message }).toEqual({
          status: 404,
          ...NOT_FOUND,
        });
      }
      const downloadAfter = await download(server.url, table.tableId, table.facilitatorKey);
      expect(downloadAfter.status).toBe(404);
      expect(await downloadAfter.json()).toEqual(NOT_FOUND);
      expect((await deleteTable(server.url, table.tableId, table.facilitatorKey)).status).toBe(404);

      // The table next door lost nothing.
      expect(neighbour.connection.isOpen).toBe(true);
      expect((await download(server.url, other.tableId, other.facilitatorKey)).status).toBe(200);
    },
  );

  it("given a table whose room is closed (nobody there), then it is deleted from storage all the same", async () => {
    const dataDir = path.join(dir, "cold");
    server = await startServer(PORT, { DATA_DIR: dataDir });
    const table = await openTableOverHttp(server.url, "Table endormie");
    await stopServer(server, "SIGTERM");
    server = await startServer(PORT, { DATA_DIR: dataDir });

    expect((await deleteTable(server.url, table.tableId, table.facilitatorKey)).status).toBe(204);

    const refusal = await joinRefusal(server.url, table.tableId, { invite: table.invite });
    expect(refusal.status).toBe(404);
  });
});

describe("tables untouched for RETENTION_DAYS", () => {
  it("given tables last touched 100 days, 10 days, and 100 days ago but played yesterday, when the server starts, then only the untouched one is deleted", async () => {
    const dataDir = path.join(dir, "retention");
    const now = Date.now();
    const key = (id: string) => `cle-${id}`;
    const store = new SqliteTableStore(path.join(dataDir, "tables.sqlite"));
    const tableAt = async (id: string, createdAt: number) => {
      await store.create({
        id,
        createdAt,
        facilitatorKeyHash: hashSecret(key(id)),
        invite: `invite-${id}`,
        observerKey: `observer-${id}`,
        initial: { ...openTable(), id, createdAt },
      });
    };
    await tableAt("oubliee", now - 100 * DAY);
    await tableAt("recente", now - 10 * DAY);
    await tableAt("rejouee", now - 100 * DAY);
    await store.append("rejouee", {
      seq: 1,
      entryId: "join:p-ada",
      at: now - DAY,
      entry: {
        kind: "join",
        participantId: "p-ada",
        name: "Ada",
        role: "habitante",
        facilitator: false,
        seatKeyHash: "seat-ada",
      },
    });
    await store.close();

    server = await startServer(RETENTION_PORT, { DATA_DIR: dataDir, RETENTION_DAYS: "90" });

    await vi.waitFor(async () => expect((await download(server!.url, "oubliee", key("oubliee"))).status).toBe(404), {
      timeout: 10_000,
    });
    expect((await download(server.url, "recente", key("recente"))).status).toBe(200);
    expect((await download(server.url, "rejouee", key("rejouee"))).status).toBe(200);
  });
});
