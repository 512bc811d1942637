// Workshop benchmark: a workshop of 10 tables × 12 participants (and each table's facilitator: 130 connections) playing
// at once, the workshop facilitator's dashboard connected or not. Two figures: how long a change at a table takes to
// reach the dashboard, and what the dashboard costs the server. Written to bench/results/workshop.md.
// Run: node bench/workshop.ts   (npm run bench:workshop)
//
// The real server (node server/main.ts, SQLite in a temp folder, limits at their defaults but joins per minute, since
// every client joins from this one address) runs as a child process pinned to core 0 with bench/flood-probe.ts
// preloaded (CPU, event loop); this process, the load generator (131 SDK clients), pins itself to core 1. Everyone is
// seated as a browser is: the lobby's seat request, then the table's join (facilitators with the workshop facilitator's
// link). Each table plays: its facilitator starts play, one participant places a step, then every participant writes a
// « oui, et… » on it every ~5 s (jittered). Phases of equal length, in one run:
//   A   no dashboard (no workshop room: the tables publish their summaries to nobody)
//   B   the dashboard connected (the HTTP join, then the SDK), following every table
//   A2  the dashboard gone again
// Latency: a « oui, et… » sent → the dashboard holds a summary of that table counting it (its `contributions` reach
// the count the sender saw with its acknowledgement). Beside it, the floor: the same change reaching the table's own
// facilitator. Cost: server CPU and event loop in B against A and A2, and the bytes the dashboard receives (the only
// bytes the server sends because of it). Settings: WORKSHOP_TABLES=10, WORKSHOP_PEOPLE=12, WORKSHOP_INTERVAL_MS=5000,
// WORKSHOP_PHASE_S=40, WORKSHOP_PORT, WORKSHOP_NO_PIN=1, WORKSHOP_DATA_DIR (where the temp SQLite folder goes, e.g.
// /dev/shm to take the disk's fsyncs out of the figures).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "@colyseus/sdk";
import { API, PROTOCOL_VERSION, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import {
  WORKSHOP_API,
  WORKSHOP_OVERVIEW_REQUEST,
  WORKSHOP_TABLE_MESSAGE,
  type CreatedWorkshop,
  type LobbyTable,
  type SeatAnswer,
  type TableSummary,
  type WorkshopLobby,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import { act, distribution, newKey, sleep, waitForState, type AnyRoom, type Distribution } from "./flood-net.ts";
import { lilasWorkshop, secretIn } from "#tests/workshop-body.ts";
import {
  machineLine,
  machineNow,
  pinGenerator,
  startBenchServer,
  type BenchServer,
  type ProbeStats,
  envNumber,
} from "./bench-server.ts";

const root = path.resolve(import.meta.dirname, "..");
const num = (name: string, fallback: number): number => envNumber(name, fallback, { allowZero: false });

const SETTINGS = {
  tables: num("WORKSHOP_TABLES", 10),
  people: num("WORKSHOP_PEOPLE", 12),
  intervalMs: num("WORKSHOP_INTERVAL_MS", 5000),
  phaseS: num("WORKSHOP_PHASE_S", 40),
  port: num("WORKSHOP_PORT", 20_000 + Math.floor(Math.random() * 20_000)),
  pin: process.env.WORKSHOP_NO_PIN !== "1",
};
const url = `http://127.0.0.1:${SETTINGS.port}`;
const started = new Date();

setTimeout(() => {
  console.error("workshop benchmark stopped: it ran for more than 10 minutes");
  process.exit(1);
}, 600_000).unref();

// ——— Pinning, the server and its probe (bench/bench-server.ts) ———

const pinning = pinGenerator(SETTINGS.pin);
const canPin = pinning.pinned;
const machine = machineNow();
const dataDir = mkdtempSync(path.join(process.env.WORKSHOP_DATA_DIR || os.tmpdir(), "workshop-bench-"));
const serverErrors: string[] = [];

/** Warnings and errors only (pino's JSON lines at level 40 and above), but the one about the client not being built. */
function keepErrors(line: string): void {
  const entry = (() => {
    try {
      return JSON.parse(line) as { level?: number; msg?: string };
    } catch {
      return null;
    }
  })();
  if (entry && (entry.level ?? 0) >= 40 && !entry.msg?.startsWith("no built client") && serverErrors.length < 20)
    serverErrors.push(line.slice(0, 200));
}

// ——— Seating the workshop like browsers ———

async function post<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(url + route, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function joinTable(tableId: string, secret: Record<string, string>, name: string): Promise<AnyRoom> {
  const reservation = await post<Parameters<Client["consumeSeatReservation"]>[0]>(API.join(tableId), {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey: newKey(),
    name,
    role: "Habitant·e",
  });
  const room = (await new Client(url).consumeSeatReservation(reservation)) as AnyRoom;
  // As a browser: a dropped connection comes back by itself (the SDK's reconnection); each drop is counted.
  room.onDrop(() => (drops += 1));
  return room;
}

/** Connections of the table clients that dropped (a stall of this process or the server past Colyseus' ping limit). */
let drops = 0;

interface Person {
  room: AnyRoom;
  participantId: string;
}

interface Table {
  tableId: string;
  facilitator: Person;
  participants: Person[];
  stepId: string;
  /** When the table's facilitator (the floor) and the dashboard first saw each count of « oui, et… ». */
  seenAtTable: Map<number, number>;
  seenOnDashboard: Map<number, number>;
}

/** « Oui, et… » and answers on the path, as a client of the table sees it now. */
function contributionsIn(room: AnyRoom): number {
  let count = 0;
  for (const step of (room.state as { path?: Iterable<{ contributions: { length: number } }> }).path ?? [])
    count += step.contributions.length;
  return count;
}

async function whoami(room: AnyRoom): Promise<string> {
  return ((await room.request(WHOAMI_REQUEST)) as Whoami).participantId ?? "";
}

async function seatWorkshop(): Promise<{ workshop: CreatedWorkshop; tables: Table[] }> {
  const body = lilasWorkshop({
    title: "Atelier de mesure",
    date: "",
    tableCount: SETTINGS.tables,
    seatsPerTable: SETTINGS.people + 1,
  });

  const workshop = await post<CreatedWorkshop>(WORKSHOP_API.create, body);
  const invite = secretIn(workshop.participantLink, "invite");
  const facilitatorKey = secretIn(workshop.facilitatorLink, "facilitator");
  const lobby = await post<WorkshopLobby>(WORKSHOP_API.lobby(workshop.workshopId), { invite });
  const tables = await Promise.all(
    lobby.tables.map(async ({ tableId }: LobbyTable, index) => {
      // The table's facilitator: the workshop facilitator's link opens every table with full rights.
      const room = await joinTable(tableId, { facilitatorKey }, `Animation ${index + 1}`);
      const facilitator = { room, participantId: await whoami(room) };
      const participants: Person[] = [];
      for (let i = 0; i < SETTINGS.people; i += 1) {
        const seat = await post<SeatAnswer>(WORKSHOP_API.seat(workshop.workshopId), { invite, tableId });
        const joined = await joinTable(
          tableId,
          { invite: secretIn(seat.path, "invite") },
          `Personne ${index + 1}.${i + 1}`,
        );
        participants.push({ room: joined, participantId: await whoami(joined) });
      }
      return {
        tableId,
        facilitator,
        participants,
        stepId: "",
        seenAtTable: new Map(),
        seenOnDashboard: new Map(),
      } satisfies Table;
    }),
  );
  // Each table into play, with one step on the path to write « oui, et… » on.
  await Promise.all(
    tables.map(async (table) => {
      const started = await act(table.facilitator.room, { type: "startPlay" });
      if (!started.ok) throw new Error(`startPlay refused: ${started.code}`);
      const placer = table.participants[0] as Person;
      const handOf = () =>
        (
          placer.room.state as { participants?: Map<string, { hand?: Iterable<{ id: string; blank: boolean }> }> }
        ).participants?.get(placer.participantId)?.hand;
      for (let tries = 0; tries < 10; tries += 1) {
        const drawn = await act(placer.room, { type: "draw", deck: tries % 2 ? "lever" : "challenge" });
        if (!drawn.ok) throw new Error(`draw refused: ${drawn.code}`);
        await waitForState(placer.room, () => [...(handOf() ?? [])].length > 0);
        const card = [...(handOf() ?? [])].find((c) => !c.blank);
        if (!card) continue;
        const placed = await act(placer.room, { type: "place", cardId: card.id, afterStepId: null });
        if (!placed.ok) throw new Error(`place refused: ${placed.code}`);
        break;
      }
      const pathOf = () => (table.facilitator.room.state as { path?: Iterable<{ id: string }> }).path;
      await waitForState(table.facilitator.room, () => [...(pathOf() ?? [])].length > 0);
      table.stepId = [...(pathOf() ?? [])][0]?.id ?? "";
      table.facilitator.room.onStateChange(() => {
        const count = contributionsIn(table.facilitator.room);
        if (!table.seenAtTable.has(count)) table.seenAtTable.set(count, performance.now());
      });
    }),
  );
  return { workshop, tables };
}

// ——— The dashboard ———

interface Dashboard {
  leave(): Promise<void>;
  bytes: number;
  messages: number;
}

async function openDashboard(workshop: CreatedWorkshop, byTable: Map<string, Table>): Promise<Dashboard> {
  const reservation = await post<Parameters<Client["consumeSeatReservation"]>[0]>(
    WORKSHOP_API.join(workshop.workshopId),
    {
      protocolVersion: PROTOCOL_VERSION,
      facilitatorKey: secretIn(workshop.facilitatorLink, "facilitator"),
    },
  );
  const room = (await new Client(url).consumeSeatReservation(reservation)) as AnyRoom;
  room.reconnection.enabled = false;
  const dashboard: Dashboard = { bytes: 0, messages: 0, leave: async () => void (await room.leave(true)) };
  // Every frame the dashboard receives, counted as it arrives (the SDK's transport hands each one to this handler).
  const events = (room.connection as unknown as { events: { onmessage?: (event: { data: ArrayBuffer }) => void } })
    .events;
  const decode = events.onmessage;
  events.onmessage = (event) => {
    dashboard.bytes += event.data.byteLength;
    dashboard.messages += 1;
    decode?.(event);
  };
  const seen = (summary: TableSummary) => {
    const table = byTable.get(summary.tableId);
    if (table && !table.seenOnDashboard.has(summary.contributions))
      table.seenOnDashboard.set(summary.contributions, performance.now());
  };
  room.onMessage(WORKSHOP_TABLE_MESSAGE, seen);
  room.onMessage("overview", (overview: WorkshopOverview) => overview.tables.forEach(seen));
  const overview = (await room.request(WORKSHOP_OVERVIEW_REQUEST)) as WorkshopOverview;
  overview.tables.forEach(seen);
  return dashboard;
}

// ——— Playing ———

interface Sample {
  table: Table;
  sentAt: number;
  /** The table's count of « oui, et… » as the sender saw it with its acknowledgement: this one included. */
  count: number;
}

/** Every participant writes a « oui, et… » every interval (jittered), for this long. */
async function play(tables: Table[], seconds: number): Promise<{ samples: Sample[]; refused: Record<string, number> }> {
  const samples: Sample[] = [];
  const refused: Record<string, number> = {};
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    tables.flatMap((table) =>
      table.participants.map(async (person) => {
        await sleep(Math.random() * SETTINGS.intervalMs);
        while (performance.now() < until) {
          const sentAt = performance.now();
          const outcome = await act(person.room, {
            type: "contribute",
            stepId: table.stepId,
            kind: "yesAnd",
            text: `Oui, et on essaie une idée de plus (${(n += 1)}).`,
          });
          if (outcome.ok) samples.push({ table, sentAt, count: contributionsIn(person.room) });
          else refused[outcome.code] = (refused[outcome.code] ?? 0) + 1;
          await sleep(Math.max(0, SETTINGS.intervalMs * (0.8 + Math.random() * 0.4) - (performance.now() - sentAt)));
        }
      }),
    ),
  );
  return { samples, refused };
}

/** When a count (or a later one) was first seen, if it was. */
function firstSeen(seen: Map<number, number>, count: number): number | undefined {
  let first: number | undefined;
  for (const [seenCount, at] of seen) if (seenCount >= count && (first === undefined || at < first)) first = at;
  return first;
}

function delays(samples: Sample[], which: "seenAtTable" | "seenOnDashboard"): { delays: number[]; unseen: number } {
  const out: number[] = [];
  let unseen = 0;
  for (const sample of samples) {
    const at = firstSeen(sample.table[which], sample.count);
    if (at === undefined) unseen += 1;
    else out.push(at - sample.sentAt);
  }
  return { delays: out, unseen };
}

// ——— The run ———

interface PhaseResult {
  name: string;
  seconds: number;
  actions: number;
  refused: Record<string, number>;
  table: Distribution;
  dashboard: Distribution | null;
  unseenOnDashboard: number;
  drops: number;
  server: ProbeStats | null;
  generatorCpu: number;
  dashboardBytes: number;
  dashboardMessages: number;
}

async function phase(
  name: string,
  tables: Table[],
  server: BenchServer,
  dashboard: Dashboard | null,
): Promise<PhaseResult> {
  await server.mark();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const bytes0 = dashboard?.bytes ?? 0;
  const messages0 = dashboard?.messages ?? 0;
  const drops0 = drops;
  const { samples, refused } = await play(tables, SETTINGS.phaseS);
  await sleep(1000);
  const wall = performance.now() - t0;
  const serverStats = await server.mark();
  const used = process.cpuUsage(cpu);
  const atTable = delays(samples, "seenAtTable");
  const onDashboard = dashboard ? delays(samples, "seenOnDashboard") : null;
  return {
    name,
    seconds: wall / 1000,
    actions: samples.length,
    refused,
    table: distribution(atTable.delays),
    dashboard: onDashboard ? distribution(onDashboard.delays) : null,
    unseenOnDashboard: onDashboard?.unseen ?? 0,
    drops: drops - drops0,
    server: serverStats,
    generatorCpu: (used.user + used.system) / 1000 / wall,
    dashboardBytes: (dashboard?.bytes ?? 0) - bytes0,
    dashboardMessages: (dashboard?.messages ?? 0) - messages0,
  };
}

const f = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
const pct = (value: number | undefined) => (value === undefined ? "–" : `${Math.round(value * 100)} %`);

function report(results: PhaseResult[]): string {
  const [a, b, a2] = results;
  const without = [a, a2].filter((r): r is PhaseResult => r?.server != null);
  const cpuWithout = without.reduce((sum, r) => sum + (r.server?.cpu ?? 0), 0) / Math.max(1, without.length);
  const eluWithout = without.reduce((sum, r) => sum + (r.server?.elu ?? 0), 0) / Math.max(1, without.length);
  const lines = [
    "# Workshop benchmark: the facilitator's dashboard beside 10 tables × 12 people",
    "",
    `- Date: ${started.toISOString()}`,
    "- Command: `node bench/workshop.ts` (`npm run bench:workshop`)",
    `- Machine: ${machineLine(machine)}`,
    `- Server: \`node server/main.ts\` (SQLite in ${dataDir.startsWith("/dev/shm") ? "/dev/shm (no disk)" : "a temp folder"}, LOG_LEVEL=warn, limits at their defaults but LIMIT_JOINS_PER_MINUTE), ${canPin ? "core 0 (taskset); load generator: core 1" : "not pinned"}`,
    `- Workshop: ${SETTINGS.tables} tables × ${SETTINGS.people} participants + each table's facilitator (${SETTINGS.tables * (SETTINGS.people + 1)} SDK clients, seated through the lobby and the table's join like browsers); each participant writes a « oui, et… » every ${SETTINGS.intervalMs / 1000} s (±20 %): ${((SETTINGS.tables * SETTINGS.people * 1000) / SETTINGS.intervalMs).toFixed(0)} actions/s in all. Phases of ${SETTINGS.phaseS} s, one run: A without the dashboard, B with it connected, A2 without it again.`,
    "- Latency: the action sent → the dashboard holds a summary of that table that counts it. Floor: the same action → the table's own facilitator sees it (a client of the table room).",
    "",
    "## How long a change at a table takes to reach the dashboard (ms)",
    "",
    "| phase | actions | not sent or refused | connections dropped | dashboard p50 | p95 | p99 | max | unseen | table floor p50 | p95 | p99 | max |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.actions} | ${
          Object.entries(r.refused)
            .map(([code, n]) => `${n} × ${code}`)
            .join(", ") || 0
        } | ${r.drops} | ${f(r.dashboard?.p50)} | ${f(r.dashboard?.p95)} | ${f(r.dashboard?.p99)} | ${f(r.dashboard?.max)} | ${r.dashboard ? r.unseenOnDashboard : "–"} | ${f(r.table.p50)} | ${f(r.table.p95)} | ${f(r.table.p99)} | ${f(r.table.max)} |`,
    ),
    "",
    "## What the dashboard costs the server",
    "",
    "| phase | server CPU (1 core = 100 %) | event-loop utilisation | event-loop delay p99 (ms) | max (ms) | RSS max (MB) | to the dashboard: messages/s | KB/s | generator CPU |",
    "|---|---|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${pct(r.server?.cpu)} | ${pct(r.server?.elu)} | ${f(r.server?.eldP99)} | ${f(r.server?.eldMax)} | ${f(r.server?.rssMaxMb, 0)} | ${r.name.startsWith("B") ? f(r.dashboardMessages / r.seconds) : "–"} | ${r.name.startsWith("B") ? f(r.dashboardBytes / 1024 / r.seconds, 2) : "–"} | ${pct(r.generatorCpu)} |`,
    ),
    "",
    b?.server && without.length > 0
      ? `With the dashboard connected the server used ${pct(b.server.cpu)} of a core against ${pct(cpuWithout)} without it (mean of A and A2): ${f((b.server.cpu - cpuWithout) * 100)} points; event-loop utilisation ${pct(b.server.elu)} against ${pct(eluWithout)}. The dashboard received ${f(b.dashboardMessages / b.seconds)} messages/s, ${f(b.dashboardBytes / 1024 / b.seconds, 2)} KB/s (${f(b.dashboardBytes / Math.max(1, b.dashboardMessages), 0)} bytes a message): each table sends at most one summary per 200 ms.`
      : "",
    "",
    serverErrors.length > 0
      ? `Server output: ${serverErrors.slice(0, 5).join(" | ")}`
      : "The server logged nothing at warn or above.",
    "",
  ];
  return lines.join("\n");
}

async function main() {
  const server = startBenchServer({
    port: SETTINGS.port,
    dataDir,
    pinned: canPin,
    env: { LIMIT_JOINS_PER_MINUTE: "100000" },
    onLine: keepErrors,
  });
  try {
    await server.ready;
    console.log(`server on ${url}; seating ${SETTINGS.tables} × ${SETTINGS.people + 1} people…`);
    const { workshop, tables } = await seatWorkshop();
    const byTable = new Map(tables.map((table) => [table.tableId, table]));
    await sleep(2000);
    const results: PhaseResult[] = [];
    console.log("A: without the dashboard…");
    results.push(await phase("A without the dashboard", tables, server, null));
    console.log("B: with the dashboard…");
    const dashboard = await openDashboard(workshop, byTable);
    await sleep(1000);
    results.push(await phase("B with the dashboard", tables, server, dashboard));
    await dashboard.leave();
    await sleep(2000);
    console.log("A2: without it again…");
    results.push(await phase("A2 without the dashboard", tables, server, null));
    const text = report(results);
    mkdirSync(path.join(root, "bench/results"), { recursive: true });
    writeFileSync(path.join(root, "bench/results/workshop.md"), text);
    console.log(text);
    // leave() never resolves on a socket already closed: each gets a second.
    await Promise.all(
      tables.flatMap((table) =>
        [table.facilitator, ...table.participants].map((p) =>
          Promise.race([p.room.leave(true).catch(() => undefined), sleep(1000)]),
        ),
      ),
    );
  } finally {
    server.child.kill("SIGTERM");
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
