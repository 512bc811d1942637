// The seeder of the benchmark and of the big-table end-to-end tests (tests/seed-table.ts) builds, through the public
// API of the real server, the table it promises: read back by a newcomer's connection, not by the seeder itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, PROTOCOL_VERSION, WHOAMI_REQUEST } from "#shared/protocol.ts";
import type { StepView } from "#shared/view.ts";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";

const PORT = 2641;
let server: RunningServer;
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-seed-"));
  // The benchmark lifts the table's pace the same way, so that 40 steps are seeded in a second or two.
  server = await startServer(PORT, {
    DATA_DIR: dir,
    LIMIT_TABLE_ACTIONS_PER_SECOND: "1000",
    LIMIT_ACTIONS_PER_SECOND: "1000",
  });
});

afterAll(async () => {
  if (server && server.process.exitCode === null) await stopServer(server, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** The table as the observer link shows it: a fresh connection, nothing shared with the seeder. */
async function observe(table: SeededTable): Promise<{ room: Room; json: Record<string, unknown> }> {
  const url = new URL(table.observerLink);
  const observerKey = decodeURIComponent(url.hash.split("=")[1] ?? "");
  const response = await fetch(server.url + API.join(table.tableId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, observerKey, seatKey: "o".repeat(43) }),
  });
  expect(response.status).toBe(200);
  const room = await new Client(server.url).consumeSeatReservation(await response.json());
  room.onMessage(WHOAMI_REQUEST, () => undefined);
  const json = await new Promise<Record<string, unknown>>((resolve) =>
    room.onStateChange((state) => resolve((state as { toJSON(): Record<string, unknown> }).toJSON())),
  );
  return { room, json };
}

describe("seedTable", () => {
  it("seeds 40 narrated steps by 12 people, with « oui, et… », reactions and debriefs, and links a browser can open", async () => {
    const started = Date.now();
    const table = await seedTable({ baseUrl: server.url, participants: 12, steps: 40, phase: "debrief" });
    const seconds = (Date.now() - started) / 1000;
    try {
      expect(table.stepIds).toHaveLength(40);
      expect(table.people).toHaveLength(12);
      expect(table.people[0]?.facilitator).toBe(true);
      expect(table.facilitatorLink).toMatch(new RegExp(`^${server.url}/t/${table.tableId}#animation=.+`));
      expect(table.participantLink).toMatch(new RegExp(`^${server.url}/t/${table.tableId}#invitation=.+`));
      expect(table.observerLink).toMatch(new RegExp(`^${server.url}/t/${table.tableId}#observation=.+`));

      const { room, json } = await observe(table);
      const steps = json.path as StepView[];
      expect(json.phase).toBe("debrief");
      expect(steps.map((s) => s.id)).toEqual(table.stepIds);
      // Every step narrated by whoever placed it, none a blank placeholder; people took turns.
      expect(steps.every((s) => s.narration.length > 0 && !s.card.blank)).toBe(true);
      expect(new Set(steps.map((s) => s.placedBy)).size).toBe(12);
      expect(steps.reduce((n, s) => n + s.contributions.length, 0)).toBe(10);
      expect(steps.reduce((n, s) => n + s.plausible.length + s.desirable.length, 0)).toBeGreaterThan(40);
      // Long titles, as a table writes them.
      expect(Math.max(...steps.map((s) => s.card.title.length))).toBeGreaterThan(100);
      const participants = Object.values(json.participants as Record<string, { name: string; debrief: string }>);
      expect(participants).toHaveLength(12);
      expect(participants.every((p) => p.debrief.length > 0)).toBe(true);
      await room.leave(true);
      // Reported, not asserted: a timing is a benchmark figure.
      console.info(`seeded 40 steps and 12 people in ${seconds.toFixed(1)} s`);
    } finally {
      await table.close();
    }
  });

  it("leaves a table in the phase asked for, the people still able to act until close()", async () => {
    const table = await seedTable({ baseUrl: server.url, participants: 3, steps: 6, phase: "closed" });
    try {
      expect(table.stateOf(0).phase).toBe("closed");
      expect(table.stateOf(1).path).toHaveLength(6);
      await table.act(0, { type: "setPhase", phase: "play" });
      await table.act(2, {
        type: "contribute",
        stepId: table.stepIds[3] ?? "",
        kind: "yesAnd",
        text: "Oui, et encore.",
      });
    } finally {
      await table.close();
    }
  });
});
