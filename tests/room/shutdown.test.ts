// A process asked to stop (SIGTERM, a deploy) closes its tables and workshops quietly: every connection is closed with Colyseus'
// shutdown code (the browser rejoins, on another process if there is one), nobody is sent the others' departures one
// by one on the way (each would resend the table to every connection left), and nothing is logged as an error.
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, expect, it } from "vitest";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { joinerOf, openDashboard, openTableOverHttp } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

const PORT = 2694;
const BASE_URL = `http://localhost:${PORT}`;
/** Colyseus' close code for a server that shuts down (CloseCode.SERVER_SHUTDOWN in @colyseus/shared-types). */
const SERVER_SHUTDOWN = 4001;

const { logger, lines: logLines } = loggingToLines("info");

const server = createApp({
  config: { ...readConfig({ PORT: String(PORT) }), clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client") },
  store: new SqliteTableStore(":memory:"),
  gracefullyShutdown: false,
  logger,
});
let stopped = false;

afterAll(async () => {
  if (!stopped) await server.gracefullyShutdown(false);
});

it("given a table with five connections and a workshop's dashboard, when the server stops, then each is closed with the shutdown code, none is sent the others' departures, and nothing is logged as an error", async () => {
  await server.listen(PORT, "127.0.0.1");
  const table = await openTableOverHttp(BASE_URL, "Table qui ferme");
  const sdk = new Client(BASE_URL);
  const join = joinerOf(sdk, BASE_URL, table.tableId);
  const rooms: Room[] = [await join({ facilitatorKey: table.facilitatorKey }, "Awa")];
  for (const name of ["Ada", "Bao", "Chloé", "Dina"]) rooms.push(await join({ invite: table.invite }, name));
  // Everyone sees the five seated and connected before the stop.
  await expect
    .poll(() =>
      rooms.every((room) => {
        const people = Object.values(
          (room.state as { toJSON(): { participants: Record<string, { connected: boolean }> } }).toJSON().participants,
        );
        return people.length === 5 && people.every((p) => p.connected);
      }),
    )
    .toBe(true);

  const dashboard = await openDashboard(sdk, BASE_URL);
  const dashboardClosed = new Promise<number>((resolve) => dashboard.onLeave((code) => resolve(code)));

  let patchesDuringStop = 0;
  const closes = rooms.map((room) => {
    room.onStateChange(() => (patchesDuringStop += 1));
    return new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
  });
  stopped = true;
  await server.gracefullyShutdown(false);

  expect(await Promise.all(closes)).toEqual(rooms.map(() => SERVER_SHUTDOWN));
  expect(await dashboardClosed).toBe(SERVER_SHUTDOWN);
  expect(patchesDuringStop).toBe(0);
  expect(logLines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  // The log did speak (at info), so an empty list of errors is not an empty log.
  expect(logLines.some((line) => line.includes("table opened"))).toBe(true);
});
