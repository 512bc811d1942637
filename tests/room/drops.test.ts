// A phone that drops (locked, out of network) and never comes back: its place is kept for the reconnection delay
// (RECONNECT_SECONDS), the others see it go offline at once, and when the delay runs out the room lets it go
// quietly. Nothing about it is an error: in a real workshop every phone that leaves does this.
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, CloseCode, type Room } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { joinerOf, openDashboard, openTableOverHttp } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

const PORT = 2696;
const BASE_URL = `http://localhost:${PORT}`;
const RECONNECT_SECONDS = 1;

const { logger, lines: logLines } = loggingToLines("info");
const server = createApp({
  config: {
    ...readConfig({ PORT: String(PORT), RECONNECT_SECONDS: String(RECONNECT_SECONDS) }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  },
  store: new SqliteTableStore(":memory:"),
  gracefullyShutdown: false,
  logger,
});

beforeAll(() => server.listen(PORT, "127.0.0.1"));
afterAll(() => server.gracefullyShutdown(false));

/** Whether the room still holds this connection's place for its return. */
function heldFor(room: Room): boolean | undefined {
  const token = room.reconnectionToken.split(":")[1];
  return matchMaker.getLocalRoomById(room.roomId)?.hasReservedSeat(room.sessionId, token);
}

/** Closes a connection the way the SDK does when the browser goes offline, and keeps it from coming back. */
function dropForGood(room: Room): void {
  room.reconnection.enabled = false;
  room.connection.close(CloseCode.MAY_TRY_RECONNECT);
}

const connected = (room: Room) =>
  Object.fromEntries(
    Object.values(
      (room.state as { toJSON(): { participants: Record<string, { name: string; connected: boolean }> } }).toJSON()
        .participants,
    ).map((p) => [p.name, p.connected]),
  );

const errors = () => logLines.filter((line) => JSON.parse(line).level >= 50);

it("given a participant whose phone drops for good, then the table sees them offline at once, lets their connection go after the delay, and logs no error", async () => {
  const table = await openTableOverHttp(BASE_URL, "Table des départs");
  const sdk = new Client(BASE_URL);
  const join = joinerOf(sdk, BASE_URL, table.tableId);
  const host = await join({ facilitatorKey: table.facilitatorKey }, "Awa");
  const phone = await join({ invite: table.invite }, "Bao");
  await expect.poll(() => connected(host)).toEqual({ Awa: true, Bao: true });

  dropForGood(phone);

  await expect.poll(() => connected(host)).toEqual({ Awa: true, Bao: false });
  // Their place is held for the delay, then let go.
  expect(heldFor(phone)).toBe(true);
  await expect.poll(() => heldFor(phone), { timeout: (RECONNECT_SECONDS + 4) * 1000 }).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(errors()).toEqual([]);
  expect(connected(host)).toEqual({ Awa: true, Bao: false });
  // The log did speak (at info), so an empty list of errors is not an empty log.
  expect(logLines.some((line) => line.includes("table opened"))).toBe(true);
});

it("given a workshop's dashboard whose screen drops for good, then its room lets it go after the delay and logs no error", async () => {
  const sdk = new Client(BASE_URL);
  const dashboard = await openDashboard(sdk, BASE_URL);

  dropForGood(dashboard);

  await expect.poll(() => heldFor(dashboard)).toBe(true);
  await expect.poll(() => heldFor(dashboard), { timeout: (RECONNECT_SECONDS + 4) * 1000 }).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(errors()).toEqual([]);
});

it("holds a place 120 s unless RECONNECT_SECONDS says otherwise, and anything but 1 to 86400 seconds stops the server with the variable named", () => {
  expect(readConfig({}).reconnectSeconds).toBe(120);
  expect(readConfig({ RECONNECT_SECONDS: "30" }).reconnectSeconds).toBe(30);
  // 100,000,000 s would overflow Node's timers, which then fire at once: every dropped phone would lose its place.
  for (const value of ["0", "-3", "1.5", "deux", "100000000"])
    expect(() => readConfig({ RECONNECT_SECONDS: value })).toThrow(/RECONNECT_SECONDS/);
});
