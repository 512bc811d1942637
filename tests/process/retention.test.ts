// The retention sweep with a fake clock, against a real store and the real app (in this process, on its own port):
// the table untouched as of the fake now is deleted like a deletion (its live connections closed with the reason), the
// one touched later is kept; the date the table shows is its last activity + RETENTION_DAYS and moves with any action.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { createLogger } from "#server/logger.ts";
import { DELETED_CLOSE_CODE } from "#server/room/table-room.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { ACTION_REQUEST, PROTOCOL_VERSION } from "#shared/protocol.ts";
import { joinOverHttp, JoinRefusedError, openTableOverHttp } from "../join.ts";

const PORT = 2662;
const URL_ = `http://127.0.0.1:${PORT}`;
const DAY = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;

let dir = "";
let store: SqliteTableStore;
let server: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-retention-"));
  store = new SqliteTableStore(path.join(dir, "tables.sqlite"));
  const config = {
    ...readConfig({ PORT: String(PORT), RETENTION_DAYS: String(RETENTION_DAYS) }),
    clientDir: path.join(dir, "no-client"),
  };
  server = createApp({ config, store, gracefullyShutdown: false, logger: createLogger("silent") });
  await server.listen(PORT);
});

afterAll(async () => {
  server.retention.stop();
  await server.gracefullyShutdown(false);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function seat(tableId: string, name: string, secret: Record<string, string>): Promise<Room> {
  const seatKey = randomBytes(32).toString("base64url");
  const room = await joinOverHttp(new Client(URL_), URL_, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey,
    name,
    role: "habitant·e",
  });
  room.reconnection.enabled = false;
  return room;
}

/** The date the table shows: when the server will delete it if nobody touches it. */
async function deleteAfterOf(room: Room): Promise<number> {
  await vi.waitFor(() => expect((room.state as { deleteAfter?: number }).deleteAfter).toBeGreaterThan(0));
  return (room.state as { deleteAfter: number }).deleteAfter;
}

describe("the retention sweep, with a fake clock", () => {
  it("given two tables, one last touched before the cutoff, when the sweep runs, then only that one is deleted and its people see why", async () => {
    const old = await openTableOverHttp(URL_, "Table oubliée");
    const oldFacilitator = await seat(old.tableId, "Awa", { facilitatorKey: old.facilitatorKey });
    const oldLastTouched = (await deleteAfterOf(oldFacilitator)) - RETENTION_DAYS * DAY;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const kept = await openTableOverHttp(URL_, "Table vivante");
    const keptFacilitator = await seat(kept.tableId, "Bao", { facilitatorKey: kept.facilitatorKey });
    const before = await deleteAfterOf(keptFacilitator);
    const closedOld = new Promise<{ code: number; reason?: string }>((resolve) =>
      oldFacilitator.onLeave((code, reason) => resolve({ code, reason })),
    );

    // Any action moves the date forward.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await keptFacilitator.request(ACTION_REQUEST, { id: "lock-kept-1", action: { type: "lockTable", locked: true } });
    await vi.waitFor(() =>
      expect((keptFacilitator.state as { deleteAfter: number }).deleteAfter).toBeGreaterThan(before),
    );

    // The fake now: RETENTION_DAYS after the old table's last touch, and a millisecond more.
    const deleted = await server.retention.sweep(oldLastTouched + RETENTION_DAYS * DAY + 1);

    expect(deleted).toEqual([old.tableId]);
    expect(await closedOld).toEqual({ code: DELETED_CLOSE_CODE, reason: "Cette table a été effacée." });
    expect(await store.load(old.tableId)).toBeUndefined();
    const refused = await seat(old.tableId, "Awa", { facilitatorKey: old.facilitatorKey }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(JoinRefusedError);
    expect((refused as JoinRefusedError).status).toBe(404);
    expect(keptFacilitator.connection.isOpen).toBe(true);
    expect(await store.load(kept.tableId)).toBeDefined();
    void keptFacilitator.leave(true);
  });

  it("given a sweep as of today, then no table younger than RETENTION_DAYS is touched", async () => {
    const table = await openTableOverHttp(URL_, "Table du jour");

    expect(await server.retention.sweep(Date.now())).toEqual([]);
    expect(await store.secrets(table.tableId)).toBeDefined();
  });
});

describe("the RETENTION_DAYS setting", () => {
  it("is 90 days unless set, and anything but a whole number of days from 1 to 36500 stops the server with the variable named", () => {
    expect(readConfig({}).retentionDays).toBe(90);
    expect(readConfig({ RETENTION_DAYS: "7" }).retentionDays).toBe(7);
    for (const value of ["0", "-3", "1.5", "trois", "40000"])
      expect(() => readConfig({ RETENTION_DAYS: value })).toThrow(/RETENTION_DAYS/);
  });
});
