// Flood benchmark: how much one hammered table (and one abusive address) slows another table down. A benchmark figure
// written to a file, not a timed assertion. Run: node bench/flood.ts   (npm run bench:flood)
//
// The real server (node server/main.ts, its limits at their defaults, TRUST_PROXY=1 so that each party has its own
// address through X-Forwarded-For) runs as a child process pinned to core 0, with bench/flood-probe.ts preloaded to
// measure it from inside; this process (the load generator) pins itself to core 1. A victim table plays all along on
// a worker thread (bench/flood-victim.ts): one participant narrates every 200 ms, five other clients watch. Phases:
//   A   baseline: the victim alone
//   B1  WebSocket flood: an attacker holding a table's facilitator link opens every connection the server allows
//       (more seats, more tabs), each sending requests just under the frame limit, a few of them far over it (closed,
//       and they come back), with big texts as far as the rules accept them and beyond
//   B2  HTTP flood from one address: table creations, story imports, joins with wrong secrets, exports without the
//       secret, exports of the attacker's own (big) table, the closed matchmaker routes, the public decks
//   B   both at once, on a fresh attacker table
//   A2  the victim alone again (does everything come back?)
//   C   a big table (2,000 actions) closed and reopened by its facilitator and ten of its people, exported in every
//       format and imported again, cycle after cycle
// Writes bench/results/flood.md and bench/results/flood.json. Settings (environment): FLOOD_PHASES (default
// A,B1,B2,B,A2,C), FLOOD_BASELINE_S=15, FLOOD_WS_S=12, FLOOD_HTTP_S=12, FLOOD_BOTH_S=15, FLOOD_AFTER_S=8,
// FLOOD_REOPEN_CYCLES=3, FLOOD_BIG_ACTIONS=2000, FLOOD_BIG_SEATS=20, FLOOD_FPS=40 (frames per second per attacking
// connection; the server closes a connection past floodFramesPerSecond(), 100 by default), FLOOD_KAMIKAZES=4, FLOOD_HTTP_CONCURRENCY=4,
// FLOOD_VICTIM_PEOPLE=4, FLOOD_VICTIM_INTERVAL_MS=200, FLOOD_PORT, FLOOD_NO_PIN=1, FLOOD_DATA_DIR (where the temp
// SQLite folder goes, e.g. /dev/shm to take the disk out), FLOOD_BIG_STEPS=120, FLOOD_SERVER_ENCODER_KB (an experiment:
// sets @colyseus/schema's Encoder.BUFFER_SIZE inside the server, see bench/flood-probe.ts).
import { DEFAULT_LIMITS, floodFramesPerSecond } from "#server/limits.ts";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { LIMITS as RULES } from "#shared/model.ts";
import { API, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import {
  act,
  actionId,
  createTable,
  distribution,
  drop,
  headers,
  join,
  JoinError,
  newKey,
  sendRaw,
  sleep,
  tableBody,
  waitForState,
  type AnyRoom,
  type Distribution,
  type OpenedTable,
  type Outcome,
  type Secret,
} from "./flood-net.ts";
import type { FromVictim, ToVictim, VictimOptions, VictimPhase } from "./flood-victim.ts";
import {
  machineLine,
  machineNow,
  pinGenerator,
  startBenchServer,
  type Machine,
  type ProbeStats,
  envNumber,
} from "./bench-server.ts";

const num = (name: string, fallback: number): number => envNumber(name, fallback);

/** The server's frame limit per connection (server/room/table-room.ts), and a kamikaze burst well past it. */
const FLOOD_FRAMES = floodFramesPerSecond(DEFAULT_LIMITS);
const KAMIKAZE_BURST = FLOOD_FRAMES + 30;

const SETTINGS = {
  phases: (process.env.FLOOD_PHASES ?? "A,B1,B2,B,A2,C")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean),
  baselineS: num("FLOOD_BASELINE_S", 15),
  wsS: num("FLOOD_WS_S", 12),
  httpS: num("FLOOD_HTTP_S", 12),
  bothS: num("FLOOD_BOTH_S", 15),
  afterS: num("FLOOD_AFTER_S", 8),
  reopenCycles: num("FLOOD_REOPEN_CYCLES", 3),
  bigActions: num("FLOOD_BIG_ACTIONS", 2000),
  bigSeats: num("FLOOD_BIG_SEATS", 20),
  /** Of those seats, how many write and place cards (and decode the table); the others contribute and react. */
  bigPlacers: 4,
  bigSteps: num("FLOOD_BIG_STEPS", 120),
  bigReturning: 10,
  framesPerSecond: num("FLOOD_FPS", 40),
  kamikazes: num("FLOOD_KAMIKAZES", 4),
  httpConcurrency: num("FLOOD_HTTP_CONCURRENCY", 4),
  victimPeople: num("FLOOD_VICTIM_PEOPLE", 4),
  victimIntervalMs: num("FLOOD_VICTIM_INTERVAL_MS", 200),
  port: num("FLOOD_PORT", 20_000 + Math.floor(Math.random() * 20_000)),
  pin: process.env.FLOOD_NO_PIN !== "1",
  /** Seats the attacker tries to open (the rules seat 40 people at most, facilitator included). */
  seatTries: 45,
  /** Connections the attacker tries to add on its seats once seated (a table holds 80). */
  extraTries: 60,
  settleMs: 2000,
};

const LIMITS = DEFAULT_LIMITS;
const url = `http://127.0.0.1:${SETTINGS.port}`;
const started = new Date();

// Nothing here may hang the command.
setTimeout(() => {
  console.error("flood benchmark stopped: it ran for more than 6 minutes");
  process.exit(1);
}, 360_000).unref();

// ---------------------------------------------------------------------------------------------------------------------
// Texts: as long as the rules accept, and longer.

const PROSE =
  "En 2032, le conseil de quartier ouvre la rue de l'école aux vélos et aux piétons ; les commerçants, d'abord " +
  "inquiets, voient revenir les familles. Les arbres plantés l'hiver précédent donnent de l'ombre aux terrasses. ";
const prose = (length: number) =>
  PROSE.repeat(Math.ceil(length / PROSE.length))
    .slice(0, length)
    .trimEnd() + ".";
/** At the rules' limits: a contribution of 2,000 characters, a narration of 4,000. */
const CONTRIBUTION = prose(RULES.contributionLength - 1);
const NARRATION = prose(RULES.narrationLength - 1);
/** 20,000 UTF-16 units (the protocol's cap, 40 KB of UTF-8): passes the frame schema, refused by the rules. */
const TOO_LONG = "🌳".repeat(10_000);
/** Over the WebSocket's 256 KB frame limit: the socket is closed (1009). */
const OVERSIZED = "x".repeat(300_000);

// ---------------------------------------------------------------------------------------------------------------------
// Pinning and the server.

const { pinned: canPin, ...pinning } = pinGenerator(SETTINGS.pin);
const LOAD_AT_START = machineNow();

const dataDir = mkdtempSync(path.join(process.env.FLOOD_DATA_DIR || os.tmpdir(), "flood-bench-"));
/** The server's output at warn and above: lines by pino level ("console" for plain text), and how often each message came. */
const serverLog = { lines: 0, byLevel: {} as Record<string, number>, messages: {} as Record<string, number> };
const PINO_LEVELS: Record<string, string> = { "40": "warn", "50": "error", "60": "fatal" };
/** Counts the server's output by pino level ("console" for plain text), and how often each message came. */
function countServerLine(line: string): void {
  serverLog.lines++;
  let level = "console";
  let message = line.trim();
  try {
    const parsed = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    level = PINO_LEVELS[String(parsed.level)] ?? String(parsed.level);
    message = `${parsed.msg ?? ""}${parsed.err?.message ? `: ${parsed.err.message}` : ""}`;
  } catch {
    // Plain console output: the indented lines continue the message above them.
    if (/^\s/.test(line)) return;
  }
  serverLog.byLevel[level] = (serverLog.byLevel[level] ?? 0) + 1;
  const key = `[${level}] ${message.split("\n")[0]!.replace(/\d+/g, "N").slice(0, 140)}`;
  if (key in serverLog.messages || Object.keys(serverLog.messages).length < 30) bump(serverLog.messages, key);
}

// ---------------------------------------------------------------------------------------------------------------------
// The attacker over WebSocket.

type Counts = Record<string, number>;
const bump = (counts: Counts, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

/** What the SDK prints in the generator (decoder errors, closed connections): counted for the report, not printed. */
const clientConsole: Counts = {};
function countConsole(into: Counts): void {
  for (const method of ["error", "warn", "info"] as const) {
    console[method] = (...args: unknown[]) => {
      const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : "")).join(" ");
      bump(into, `[${method}] ${(text.split("\n")[0] ?? "").replace(/\d+/g, "N").slice(0, 140)}`);
    };
  }
}

interface AttackSeat {
  name: string;
  key: string;
  secret: Secret;
  participantId: string;
  stepId: string | null;
  connections: number;
  accepted: number;
}

interface AttackConnection {
  id: number;
  seat: AttackSeat;
  room: AnyRoom | null;
  kamikaze: boolean;
  sent: number;
  lastAcceptedId: string | null;
}

/** How an attempt to open something ended: how many got through, and what refused the others. */
interface Attempts {
  tried: number;
  opened: number;
  refusals: Counts;
}

/** Frames of state (14: ROOM_STATE, 15: ROOM_STATE_PATCH in @colyseus/shared-types' Protocol). */
const STATE_FRAMES = new Set([14, 15]);

/** The attacker does not decode the table: dropping state frames keeps the generator's CPU for sending. */
function stopDecoding(room: AnyRoom): void {
  const events = (room as unknown as { connection: { events: { onmessage?: (event: { data: ArrayBuffer }) => void } } })
    .connection.events;
  const original = events.onmessage;
  events.onmessage = (event) => {
    const code = new Uint8Array(event.data, 0, 1)[0]! & 0x1f;
    if (!STATE_FRAMES.has(code)) original?.(event);
  };
}

function refusalKey(error: unknown): string {
  if (error instanceof JoinError) return `${error.status} ${error.code}`;
  return `error ${(error as Error).message.slice(0, 60)}`;
}

class WsAttack {
  readonly table: OpenedTable;
  readonly tag: string;
  readonly seats: AttackSeat[] = [];
  readonly connections: AttackConnection[] = [];
  readonly limits = {
    facilitatorConnections: { tried: 0, opened: 0, refusals: {} } as Attempts,
    seats: { tried: 0, opened: 0, refusals: {} } as Attempts,
    extraConnections: { tried: 0, opened: 0, refusals: {} } as Attempts,
  };
  outcomes: Counts = {};
  closes: Counts = {};
  rejoins: Counts = {};
  frames = 0;
  stepIds: string[] = [];
  /** Open connections when the load stopped. */
  connectionsAtStop = 0;
  #running = false;
  #left = false;
  #ticker: NodeJS.Timeout | null = null;
  #loops: Promise<void>[] = [];
  #joins = 0;
  #nextId = 0;

  constructor(table: OpenedTable, tag: string) {
    this.table = table;
    this.tag = tag;
  }

  /** The attacker's addresses while setting up: a new one every 40 joins (joins are limited per address). */
  #setupAddress(): string {
    return `10.66.${this.tag}.${1 + Math.floor(this.#joins++ / 40)}`;
  }

  /** Rejoins after a close all come from one address: its join limit shows. */
  get #rejoinAddress(): string {
    return `10.66.${this.tag}.250`;
  }

  #connect(seat: AttackSeat, room: AnyRoom, kamikaze: boolean): AttackConnection {
    const connection: AttackConnection = { id: this.#nextId++, seat, room, kamikaze, sent: 0, lastAcceptedId: null };
    this.#watch(connection, room);
    this.connections.push(connection);
    return connection;
  }

  #watch(connection: AttackConnection, room: AnyRoom) {
    room.onLeave((code: number) => {
      if (connection.room !== room) return;
      connection.room = null;
      connection.seat.connections--;
      if (!this.#left) bump(this.closes, `${code} (${connection.kamikaze ? "kamikaze" : "steady"})`);
    });
  }

  async setup(): Promise<void> {
    const { tableId, facilitatorKey, invite } = this.table;
    // The facilitator's seat, from as many tabs as it may (and one more).
    const boss: AttackSeat = {
      name: "Meneur",
      key: newKey(),
      secret: { facilitatorKey },
      participantId: "",
      stepId: null,
      connections: 0,
      accepted: 0,
    };
    this.seats.push(boss);
    const bossRooms: AnyRoom[] = [];
    for (let i = 0; i < LIMITS.connectionsPerSeat + 1; i++) {
      this.limits.facilitatorConnections.tried++;
      try {
        bossRooms.push(await join(url, this.#setupAddress(), tableId, boss.secret, boss.key, boss.name));
        this.limits.facilitatorConnections.opened++;
        boss.connections++;
      } catch (error) {
        bump(this.limits.facilitatorConnections.refusals, refusalKey(error));
      }
    }
    const main = bossRooms[0];
    if (!main) throw new Error("the attacker could not join its own table");
    boss.participantId = ((await main.request(WHOAMI_REQUEST)) as Whoami).participantId ?? "";
    const play = await act(main, { type: "startPlay" });
    if (!play.ok) throw new Error(`startPlay refused: ${play.code}`);
    boss.stepId = await this.#placeStep(main, boss);

    // As many new seats as the table takes (and more).
    const seated: { seat: AttackSeat; room: AnyRoom }[] = [];
    for (let i = 1; i <= SETTINGS.seatTries; i++) {
      const seat: AttackSeat = {
        name: `Intrus ${i}`,
        key: newKey(),
        secret: { invite },
        participantId: "",
        stepId: null,
        connections: 0,
        accepted: 0,
      };
      this.limits.seats.tried++;
      try {
        const room = await join(url, this.#setupAddress(), tableId, seat.secret, seat.key, seat.name);
        this.limits.seats.opened++;
        seat.connections++;
        this.seats.push(seat);
        seated.push({ seat, room });
      } catch (error) {
        bump(this.limits.seats.refusals, refusalKey(error));
      }
    }
    // Each seat places a card of its own, to narrate its step over and over.
    await Promise.all(
      seated.map(async ({ seat, room }) => {
        seat.participantId = ((await room.request(WHOAMI_REQUEST)) as Whoami).participantId ?? "";
        seat.stepId = await this.#placeStep(room, seat).catch(() => null);
      }),
    );
    for (const room of bossRooms) this.#connect(boss, room, false);
    for (const { seat, room } of seated) this.#connect(seat, room, false);
    this.stepIds = [boss.stepId, ...seated.map(({ seat }) => seat.stepId)].filter((id): id is string => id !== null);

    // More tabs on those seats, until the table is full.
    const participants = this.seats.slice(1);
    let failuresInARow = 0;
    for (let i = 0; i < SETTINGS.extraTries && failuresInARow < 5 && participants.length > 0; i++) {
      const seat = participants[i % participants.length]!;
      this.limits.extraConnections.tried++;
      try {
        const room = await join(url, this.#setupAddress(), tableId, seat.secret, seat.key, seat.name);
        this.limits.extraConnections.opened++;
        seat.connections++;
        this.#connect(seat, room, false);
        failuresInARow = 0;
      } catch (error) {
        bump(this.limits.extraConnections.refusals, refusalKey(error));
        failuresInARow++;
      }
    }
    for (const connection of this.connections) if (connection.room) stopDecoding(connection.room);
    // The last few connections are the kamikazes: far over the frame limit, closed, back again.
    for (const connection of this.connections.slice(-SETTINGS.kamikazes)) connection.kamikaze = true;
  }

  /** Writes a card, places it, and returns its step (read from this connection's state). */
  async #placeStep(room: AnyRoom, seat: AttackSeat): Promise<string | null> {
    const written = await act(
      room,
      { type: "writeCard", deck: "lever", title: seat.name, text: "Une carte." },
      "attack",
    );
    if (!written.ok) return null;
    await waitForState(room, () => room.state.participants.get(seat.participantId)?.hand.length > 0);
    const cardId = room.state.participants.get(seat.participantId).hand.at(-1).id as string;
    const placed = await act(room, { type: "place", cardId, afterStepId: null }, "attack");
    if (!placed.ok) return null;
    await waitForState(room, () => room.state.path.some((s: { card: { id: string } }) => s.card.id === cardId));
    return (room.state.path.find((s: { card: { id: string } }) => s.card.id === cardId) as { id: string }).id;
  }

  get openConnections(): number {
    return this.connections.filter((c) => c.room).length;
  }

  resetCounters() {
    this.outcomes = {};
    this.closes = {};
    this.rejoins = {};
    this.frames = 0;
    for (const seat of this.seats) seat.accepted = 0;
  }

  start() {
    this.#running = true;
    const steady = this.connections.filter((c) => !c.kamikaze);
    this.#ticker = setInterval(() => {
      for (const connection of steady) if (connection.room) this.#sendNext(connection, connection.room);
    }, 1000 / SETTINGS.framesPerSecond);
    this.#loops = [
      ...this.connections.filter((c) => c.kamikaze).map((c) => this.#kamikaze(c)),
      ...steady.map((c) => this.#revive(c)),
    ];
  }

  async stop() {
    this.#running = false;
    this.connectionsAtStop = this.openConnections;
    if (this.#ticker) clearInterval(this.#ticker);
    await Promise.all(this.#loops);
  }

  leave() {
    this.#left = true;
    for (const connection of this.connections) if (connection.room) drop(connection.room);
  }

  #count(connection: AttackConnection, id: string | null) {
    return (outcome: Outcome) => {
      if (outcome.ok) {
        if (outcome.repeated) return bump(this.outcomes, "ok (repeat)");
        if (id === null) return bump(this.outcomes, "ok (whoami)");
        bump(this.outcomes, "accepted");
        connection.seat.accepted++;
        connection.lastAcceptedId = id;
        return;
      }
      bump(this.outcomes, outcome.code);
    };
  }

  /** One request of the mix: mostly small accepted actions, big texts at the limits, beyond them, garbage, repeats. */
  #sendNext(connection: AttackConnection, room: AnyRoom) {
    const k = connection.sent++ % 20;
    this.frames++;
    const anyStep = this.stepIds[Math.floor(Math.random() * this.stepIds.length)] ?? "step-1";
    const ownStep = connection.seat.stepId ?? anyStep;
    if (k === 19) return sendRaw(room, WHOAMI_REQUEST, undefined, this.#count(connection, null));
    let id = actionId("attack");
    let action: Record<string, unknown>;
    // The facilitator's seat moves steps to the front: every move sends the whole path (all texts) to every connection.
    if (connection.seat.secret && "facilitatorKey" in connection.seat.secret && k % 2 === 0) {
      action = {
        type: "moveStep",
        stepId: this.stepIds[Math.floor(Math.random() * this.stepIds.length)] ?? "step-1",
        afterStepId: null,
      };
    } else if (k < 8) action = { type: "react", stepId: anyStep, reaction: k % 2 ? "plausible" : "desirable" };
    else if (k < 12) action = { type: "contribute", stepId: anyStep, kind: "yesAnd", text: CONTRIBUTION };
    else if (k < 15) action = { type: "narrate", stepId: ownStep, text: NARRATION };
    else if (k < 17) action = { type: "narrate", stepId: ownStep, text: TOO_LONG };
    else if (k === 17) action = { type: "nope", text: "n'importe quoi" };
    else {
      id = connection.lastAcceptedId ?? id;
      action = { type: "react", stepId: anyStep, reaction: "plausible" };
    }
    sendRaw(room, "action", { id, action }, this.#count(connection, id));
  }

  /** Far over the frame limit (or one frame over the size limit), until closed; then back through the join route. */
  async #kamikaze(connection: AttackConnection) {
    let round = 0;
    while (this.#running) {
      const room = connection.room;
      if (!room) {
        await this.#rejoin(connection);
        continue;
      }
      if (round++ % 2 === 1) {
        this.frames++;
        sendRaw(
          room,
          "action",
          { id: actionId("attack"), action: { type: "narrate", stepId: "step-1", text: OVERSIZED } },
          this.#count(connection, null),
        );
      } else {
        for (let i = 0; i < KAMIKAZE_BURST && connection.room === room; i++) this.#sendNext(connection, room);
      }
      const deadline = performance.now() + 3000;
      while (connection.room === room && performance.now() < deadline && this.#running) await sleep(20);
      if (connection.room === room && this.#running) bump(this.outcomes, "kamikaze not closed");
    }
  }

  /** A steady connection closed anyway comes back too. */
  async #revive(connection: AttackConnection) {
    while (this.#running) {
      if (!connection.room) await this.#rejoin(connection);
      else await sleep(100);
    }
  }

  async #rejoin(connection: AttackConnection) {
    await sleep(200);
    if (!this.#running) return;
    const { seat } = connection;
    bump(this.rejoins, "tried");
    try {
      const room = await join(url, this.#rejoinAddress, this.table.tableId, seat.secret, seat.key, seat.name);
      stopDecoding(room);
      if (!this.#running) return drop(room);
      connection.room = room;
      seat.connections++;
      this.#watch(connection, room);
      bump(this.rejoins, "joined");
    } catch (error) {
      bump(this.rejoins, refusalKey(error));
      await sleep(1000);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The attacker over HTTP, from one address.

interface HttpTargets {
  victimTableId: string;
  own: OpenedTable;
  importBody: string;
}

interface HttpKind {
  name: string;
  request: (i: number) => { path: string; init: RequestInit };
}

class HttpFlood {
  readonly address: string;
  readonly kinds: HttpKind[];
  statuses: Record<string, Counts> = {};
  durations: Record<string, number[]> = {};
  bytes: Record<string, number> = {};
  #running = false;
  #loops: Promise<void>[] = [];

  constructor(address: string, targets: HttpTargets) {
    this.address = address;
    const post = (body: string): RequestInit => ({ method: "POST", headers: headers(address), body });
    const formats = ["story.html", "story.md", "story.json", "deck.json"];
    const victim = encodeURIComponent(targets.victimTableId);
    const own = encodeURIComponent(targets.own.tableId);
    this.kinds = [
      {
        name: "create table",
        request: () => ({ path: API.createTable, init: post(JSON.stringify(tableBody("Table de trop"))) }),
      },
      { name: "import story", request: () => ({ path: API.importStory, init: post(targets.importBody) }) },
      {
        name: "join, wrong secret",
        request: () => ({
          path: API.join(targets.victimTableId),
          init: post(
            JSON.stringify({ protocolVersion: 1, invite: newKey(), seatKey: newKey(), name: "Intrus", role: "" }),
          ),
        }),
      },
      {
        name: "export, no/wrong secret",
        request: (i) => ({
          path: `/api/tables/${victim}/${formats[i % 4]}`,
          init: { headers: headers(address, i % 2 ? { Authorization: `Bearer ${newKey()}` } : {}) },
        }),
      },
      {
        name: "export own big table",
        request: (i) => ({
          path: `/api/tables/${own}/${formats[i % 4]}`,
          init: { headers: headers(address, { Authorization: `Bearer ${targets.own.facilitatorKey}` }) },
        }),
      },
      {
        name: "matchmaker routes",
        request: (i) => ({
          path: [
            `/matchmake/joinOrCreate/table`,
            `/matchmake/join/table`,
            `/matchmake/create/table`,
            `/matchmake/joinById/${victim}`,
          ][i % 4]!,
          init: post(JSON.stringify({ tableId: targets.victimTableId })),
        }),
      },
      { name: "public decks", request: () => ({ path: API.decks, init: { headers: headers(address) } }) },
    ];
  }

  reset() {
    this.statuses = {};
    this.durations = {};
    this.bytes = {};
  }

  start() {
    this.#running = true;
    this.#loops = this.kinds.flatMap((kind) =>
      Array.from({ length: SETTINGS.httpConcurrency }, (_, c) => this.#loop(kind, c)),
    );
  }

  async stop() {
    this.#running = false;
    await Promise.all(this.#loops);
  }

  async #loop(kind: HttpKind, offset: number) {
    let i = offset;
    while (this.#running) {
      const { path: target, init } = kind.request(i++);
      const began = performance.now();
      let status: string;
      try {
        const response = await fetch(url + target, { ...init, signal: AbortSignal.timeout(30_000) });
        bump(this.bytes, kind.name, (await response.arrayBuffer()).byteLength);
        status = String(response.status);
      } catch (error) {
        status = `error ${(error as Error).name}`;
        await sleep(100);
      }
      bump((this.statuses[kind.name] ??= {}), status);
      (this.durations[kind.name] ??= []).push(performance.now() - began);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The big table of phase C.

interface BigTable {
  table: OpenedTable;
  facilitatorSeat: string;
  seats: { key: string; name: string }[];
  accepted: number;
  refused: Counts;
  buildMs: number;
  steps: number;
  storyJsonBytes: number;
  storyJson: string;
  server?: ProbeStats | null;
  generatorCpu?: number;
}

const BIG_ADDRESS = (n: number) => `10.88.0.${n}`;

async function buildBigTable(): Promise<BigTable> {
  const began = performance.now();
  const table = await createTable(url, BIG_ADDRESS(1), "Grande table");
  const facilitatorSeat = newKey();
  const facilitator = await join(
    url,
    BIG_ADDRESS(1),
    table.tableId,
    { facilitatorKey: table.facilitatorKey },
    facilitatorSeat,
    "Awa",
  );
  let accepted = 0;
  const refused: Counts = {};
  const count = (outcome: Outcome) => (outcome.ok ? accepted++ : bump(refused, outcome.code));
  count(await act(facilitator, { type: "startPlay" }));
  const seats = Array.from({ length: SETTINGS.bigSeats }, (_, i) => ({ key: newKey(), name: `Habitant ${i + 1}` }));
  const rooms = await Promise.all(
    seats.map((seat, i) =>
      join(url, BIG_ADDRESS(2 + Math.floor(i / 50)), table.tableId, { invite: table.invite }, seat.key, seat.name),
    ),
  );
  // Texts sized so that the 2,000 actions' story.json stays under the import limit (1 MB): it is imported again in C.
  const closes: Counts = {};
  for (const room of rooms) room.onLeave((code: number) => bump(closes, String(code)));
  let cpu = process.cpuUsage();
  const progress = setInterval(() => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    console.log(
      `  … ${accepted} accepted, ${((performance.now() - began) / 1000).toFixed(0)} s, generator CPU ${((used.user + used.system) / 50_000).toFixed(0)} %, closes ${counts(closes)}`,
    );
  }, 5000);
  // Every step placed sends the whole path again to every client (server/room/projection.ts): the build keeps the
  // decoding clients few (the facilitator and the placers); the other seats contribute without decoding anything.
  const placers = rooms.slice(0, SETTINGS.bigPlacers);
  const contributors = rooms.slice(SETTINGS.bigPlacers);
  for (const room of contributors) stopDecoding(room);
  const stepIds: string[] = [];
  let placing: Promise<void> = Promise.resolve();
  const narration = prose(600);
  const contribution = prose(200);
  const pacer = (room: AnyRoom) => {
    let last = 0;
    return async (action: Record<string, unknown>) => {
      const wait = last + 110 - performance.now();
      if (wait > 0) await sleep(wait);
      last = performance.now();
      const outcome = await act(room, action, "big");
      count(outcome);
      return outcome;
    };
  };
  const randomStep = () => stepIds[Math.floor(Math.random() * stepIds.length)]!;
  const contribute = async (paced: ReturnType<typeof pacer>, n: number) => {
    if (n % 4 === 3)
      await paced({ type: "react", stepId: randomStep(), reaction: n % 8 === 3 ? "plausible" : "desirable" });
    else await paced({ type: "contribute", stepId: randomStep(), kind: "yesAnd", text: contribution });
  };
  await Promise.all([
    ...placers.map(async (room, i) => {
      const me = ((await room.request(WHOAMI_REQUEST)) as Whoami).participantId ?? "";
      const paced = pacer(room);
      for (let round = 0; accepted < SETTINGS.bigActions; round++) {
        if (stepIds.length >= SETTINGS.bigSteps) {
          await contribute(paced, round);
          continue;
        }
        const written = await paced({
          type: "writeCard",
          deck: "lever",
          title: `Carte ${i + 1}.${round + 1}`,
          text: prose(150),
        });
        if (!written.ok) break;
        await waitForState(room, () => room.state.participants.get(me)?.hand.length > 0);
        const cardId = room.state.participants.get(me).hand.at(-1).id as string;
        // At the end of the path, one placer at a time (the facilitator's state tells where the end is).
        const turn = placing;
        let release = () => {};
        placing = new Promise<void>((resolve) => (release = resolve));
        await turn;
        let stepId: string;
        try {
          const last = (facilitator.state.path.at(-1) as { id: string } | undefined)?.id ?? null;
          if (!(await paced({ type: "place", cardId, afterStepId: last })).ok) break;
          await waitForState(facilitator, () => facilitator.state.path.at(-1)?.card.id === cardId);
          stepId = (facilitator.state.path.at(-1) as { id: string }).id;
          stepIds.push(stepId);
        } finally {
          release();
        }
        await paced({ type: "narrate", stepId, text: narration });
      }
    }),
    ...contributors.map(async (room) => {
      const paced = pacer(room);
      for (let n = 0; accepted < SETTINGS.bigActions; n++) {
        if (stepIds.length === 0) await sleep(100);
        else await contribute(paced, n);
      }
    }),
  ]);
  clearInterval(progress);
  const steps = facilitator.state.path.length as number;
  const response = await fetch(`${url}/api/tables/${table.tableId}/story.json`, {
    headers: headers(BIG_ADDRESS(1), { Authorization: `Bearer ${table.facilitatorKey}` }),
  });
  const storyJson = await response.text();
  for (const room of [facilitator, ...rooms]) drop(room);
  return {
    table,
    facilitatorSeat,
    seats: seats.slice(0, SETTINGS.bigReturning),
    accepted,
    refused,
    buildMs: performance.now() - began,
    steps,
    storyJsonBytes: Buffer.byteLength(storyJson),
    storyJson,
  };
}

interface ReopenCycle {
  /** Join request → the whole table in the client's state, for the facilitator (the first one opens the room). */
  facilitatorMs: number;
  /** The same for the people coming back with them, at the same moment. */
  othersMaxMs: number;
  failures: string[];
  exports: Record<string, { ms: number; bytes: number; status: number }>;
  import: { ms: number; status: number };
  /** moveStep of the last step to the front: request → every client present sees it; bytes the facilitator received meanwhile. */
  move: { ms: number; bytes: number; status: string };
  /** Clients back at the table whose state arrived with empty steps (no id), of `clients`. */
  incomplete: number;
  clients: number;
}

async function reopenCycle(big: BigTable, cycle: number): Promise<ReopenCycle> {
  const address = BIG_ADDRESS(100 + cycle);
  const { tableId, facilitatorKey, invite } = big.table;
  const failures: string[] = [];
  const arrive = async (secret: Secret, key: string, name: string): Promise<{ room: AnyRoom | null; ms: number }> => {
    const began = performance.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const room = await join(url, address, tableId, secret, key, name);
        await waitForState(room, () => room.state.path.length >= big.steps, 30_000);
        return { room, ms: performance.now() - began };
      } catch (error) {
        // The room of the previous cycle may still be closing.
        failures.push(refusalKey(error));
        await sleep(300);
      }
    }
    return { room: null, ms: performance.now() - began };
  };
  const [boss, ...others] = await Promise.all([
    arrive({ facilitatorKey }, big.facilitatorSeat, "Awa"),
    ...big.seats.map((seat) => arrive({ invite }, seat.key, seat.name)),
  ]);
  // Whether each client's state is whole: every step of its path has its id (a broken full state leaves them empty).
  const incomplete = [boss!, ...others].filter(({ room }) => {
    if (!room) return false;
    const path = room.state.path;
    for (let i = 0; i < path.length; i++) if (path[i]?.id === undefined) return true;
    return false;
  }).length;
  // The facilitator moves the last step to the front: the whole path goes again to everyone.
  const move = { ms: NaN, bytes: 0, status: "not tried" };
  const present = [boss!, ...others].map((o) => o.room).filter((r): r is AnyRoom => r !== null);
  if (boss!.room) {
    const path = boss!.room.state.path;
    const stepId = (path[path.length - 1] as { id: string }).id;
    const events = (
      boss!.room as unknown as { connection: { events: { onmessage?: (event: { data: ArrayBuffer }) => void } } }
    ).connection.events;
    const original = events.onmessage;
    events.onmessage = (event) => {
      move.bytes += event.data.byteLength;
      original?.(event);
    };
    const began = performance.now();
    const moved = await act(boss!.room, { type: "moveStep", stepId, afterStepId: null }, "big");
    move.status = moved.ok ? "ok" : `${moved.code} (step ${stepId})`;
    if (moved.ok) {
      await Promise.all(
        present.map((room) =>
          waitForState(room, () => room.state.path[0]?.id === stepId, 30_000).catch(() => undefined),
        ),
      );
      move.ms = performance.now() - began;
    }
    events.onmessage = original;
  }
  const exports: ReopenCycle["exports"] = {};
  for (const format of ["story.html", "story.md", "story.json", "deck.json"]) {
    const began = performance.now();
    const response = await fetch(`${url}/api/tables/${tableId}/${format}`, {
      headers: headers(address, { Authorization: `Bearer ${facilitatorKey}` }),
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    exports[format] = { ms: performance.now() - began, bytes, status: response.status };
  }
  const importBegan = performance.now();
  const imported = await fetch(url + API.importStory, {
    method: "POST",
    headers: headers(address),
    body: big.storyJson,
  });
  await imported.arrayBuffer();
  const importResult = { ms: performance.now() - importBegan, status: imported.status };
  for (const { room } of [boss!, ...others]) if (room) drop(room);
  // Everyone gone: the room closes (its pending writes first) before the next cycle reopens it.
  await sleep(1500);
  return {
    facilitatorMs: boss!.ms,
    othersMaxMs: Math.max(0, ...others.map((o) => o.ms)),
    failures,
    exports,
    import: importResult,
    move,
    incomplete,
    clients: 1 + others.length,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Phases.

interface PhaseResult {
  name: string;
  title: string;
  seconds: number;
  server: ProbeStats | null;
  generatorCpu: number;
  victim?: VictimPhase;
  ws?: {
    connectionsAtStart: number;
    connectionsAtEnd: number;
    frames: number;
    outcomes: Counts;
    closes: Counts;
    rejoins: Counts;
    acceptedPerSecond: number;
    maxSeatAcceptedPerSecond: number;
    limits: WsAttack["limits"];
    seats: number;
  };
  http?: {
    address: string;
    kinds: Record<
      string,
      { requests: number; perSecond: number; statuses: Counts; time: Distribution; meanKb: number }
    >;
  };
  reopen?: ReopenCycle[];
}

const TITLES: Record<string, string> = {
  A: "baseline: the victim table alone",
  B1: "WebSocket flood on one attacker table",
  B2: "HTTP flood from one address",
  B: "WebSocket + HTTP flood together",
  A2: "after: the victim alone again",
  C: "big table closed, reopened, exported, imported",
};

async function main() {
  countConsole(clientConsole);
  const server = startBenchServer({
    port: SETTINGS.port,
    dataDir,
    pinned: canPin,
    env: { TRUST_PROXY: "1" },
    exposeGc: true,
    onLine: countServerLine,
  });
  const { child, ready } = server;
  const serverExit = () => server.exit();
  await ready;
  const results: PhaseResult[] = [];
  const notes: string[] = [];
  let victimWorker: Worker | null = null;
  let big: BigTable | null = null;
  let victimTableId = "";
  let victimResults: Extract<FromVictim, { type: "results" }> | null = null;

  try {
    if (SETTINGS.phases.includes("C")) {
      console.log(`building the big table (${SETTINGS.bigActions} actions from ${SETTINGS.bigSeats} seats)…`);
      await server.mark();
      const buildCpu = process.cpuUsage();
      big = await buildBigTable();
      big.server = await server.mark();
      const used = process.cpuUsage(buildCpu);
      big.generatorCpu = (used.user + used.system) / 1000 / big.buildMs;
      console.log(
        `  ${big.accepted} actions accepted, ${big.steps} steps, story.json ${(big.storyJsonBytes / 1024).toFixed(0)} KB, ${(big.buildMs / 1000).toFixed(1)} s ` +
          `(server CPU ${f((big.server?.cpu ?? NaN) * 100, 0)} %, event loop ${f((big.server?.elu ?? NaN) * 100, 0)} % busy; generator CPU ${f(big.generatorCpu * 100, 0)} %)`,
      );
    }

    // The victim, on its own thread.
    const victimOptions: VictimOptions = {
      url,
      address: "10.1.0.1",
      participants: SETTINGS.victimPeople,
      intervalMs: SETTINGS.victimIntervalMs,
    };
    const worker = new Worker(new URL("./flood-victim.ts", import.meta.url), { workerData: victimOptions });
    victimWorker = worker;
    const victimResultsPromise = new Promise<Extract<FromVictim, { type: "results" }>>((resolve, reject) => {
      worker.on("message", (message: FromVictim) => {
        if (message.type === "ready") victimTableId = message.tableId;
        if (message.type === "results") resolve(message);
        if (message.type === "failed") reject(new Error(`victim: ${message.message}`));
      });
      worker.on("error", reject);
    });
    const victimReady = new Promise<void>((resolve, reject) => {
      worker.on("message", (message: FromVictim) => message.type === "ready" && resolve());
      victimResultsPromise.catch(reject);
    });
    await victimReady;
    const tell = (message: ToVictim) => worker.postMessage(message);
    console.log(`victim table ${victimTableId} ready; phases ${SETTINGS.phases.join(", ")}`);

    let attackerTable: OpenedTable | null = null;
    let ownStory = "";

    const runPhase = async (
      name: string,
      seconds: number,
      load: { start?: () => void; stop?: () => Promise<void> },
      extra: (r: PhaseResult) => void,
    ) => {
      if (serverExit() !== null) return;
      console.log(`phase ${name} (${TITLES[name]}), ${seconds} s…`);
      await server.mark();
      tell({ type: "phase", name });
      const cpu = process.cpuUsage();
      const began = performance.now();
      load.start?.();
      await sleep(seconds * 1000);
      await load.stop?.();
      const wall = performance.now() - began;
      tell({ type: "phase", name: "between" });
      const stats = await server.mark(name === "A" || name === "A2");
      const used = process.cpuUsage(cpu);
      const result: PhaseResult = {
        name,
        title: TITLES[name] ?? name,
        seconds: wall / 1000,
        server: stats,
        generatorCpu: (used.user + used.system) / 1000 / wall,
      };
      extra(result);
      results.push(result);
      await sleep(SETTINGS.settleMs);
    };

    const wsResult = (attack: WsAttack, seconds: number, atStart: number): PhaseResult["ws"] => ({
      connectionsAtStart: atStart,
      connectionsAtEnd: attack.connectionsAtStop,
      frames: attack.frames,
      outcomes: attack.outcomes,
      closes: attack.closes,
      rejoins: attack.rejoins,
      acceptedPerSecond: (attack.outcomes.accepted ?? 0) / seconds,
      maxSeatAcceptedPerSecond: Math.max(0, ...attack.seats.map((s) => s.accepted)) / seconds,
      limits: attack.limits,
      seats: attack.seats.length,
    });
    const httpResult = (flood: HttpFlood, seconds: number): PhaseResult["http"] => ({
      address: flood.address,
      kinds: Object.fromEntries(
        flood.kinds.map((kind) => {
          const statuses = flood.statuses[kind.name] ?? {};
          const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
          const bytes = flood.bytes[kind.name] ?? 0;
          return [
            kind.name,
            {
              requests,
              perSecond: requests / seconds,
              statuses,
              time: distribution(flood.durations[kind.name] ?? []),
              meanKb: requests ? bytes / requests / 1024 : 0,
            },
          ];
        }),
      ),
    });

    const newAttack = async (tag: string) => {
      const table = await createTable(url, `10.66.${tag}.1`, "Table de l'intrus");
      const attack = new WsAttack(table, tag);
      await attack.setup();
      console.log(
        `  attacker table ${table.tableId}: ${attack.openConnections} connections on ${attack.seats.length} seats ` +
          `(facilitator tabs ${attack.limits.facilitatorConnections.opened}/${attack.limits.facilitatorConnections.tried}, ` +
          `seats ${attack.limits.seats.opened}/${attack.limits.seats.tried}, extra tabs ${attack.limits.extraConnections.opened}/${attack.limits.extraConnections.tried})`,
      );
      return attack;
    };
    // What the HTTP flood imports: the biggest story it has that the import accepts (the big table's, else a new one's).
    const httpTargets = async (): Promise<HttpTargets> => {
      attackerTable ??= await createTable(url, "10.66.9.1", "Table de l'intrus");
      if (!ownStory) {
        if (big && big.storyJsonBytes <= LIMITS.importBytes) ownStory = big.storyJson;
        else {
          const small = await createTable(url, "10.66.9.2", "Table à importer");
          const response = await fetch(`${url}/api/tables/${small.tableId}/story.json`, {
            headers: headers("10.66.9.2", { Authorization: `Bearer ${small.facilitatorKey}` }),
          });
          ownStory = await response.text();
        }
      }
      return { victimTableId, own: attackerTable, importBody: ownStory };
    };

    for (const name of SETTINGS.phases) {
      if (serverExit() !== null) break;
      if (name === "A" || name === "A2") {
        await runPhase(name, name === "A" ? SETTINGS.baselineS : SETTINGS.afterS, {}, () => undefined);
      } else if (name === "B1" || name === "B") {
        const attack = await newAttack(name === "B1" ? "1" : "3");
        // The HTTP flood's "own big table" is the first attacker table (flooded in B1), else this one.
        attackerTable ??= attack.table;
        const flood = name === "B" ? new HttpFlood("10.77.3.1", await httpTargets()) : null;
        const atStart = attack.openConnections;
        const seconds = name === "B1" ? SETTINGS.wsS : SETTINGS.bothS;
        await runPhase(
          name,
          seconds,
          {
            start: () => {
              attack.resetCounters();
              attack.start();
              flood?.start();
            },
            stop: async () => {
              await Promise.all([attack.stop(), flood?.stop()]);
            },
          },
          (result) => {
            result.ws = wsResult(attack, result.seconds, atStart);
            if (flood) result.http = httpResult(flood, result.seconds);
          },
        );
        attack.leave();
      } else if (name === "B2") {
        const flood = new HttpFlood("10.77.2.1", await httpTargets());
        await runPhase(
          name,
          SETTINGS.httpS,
          { start: () => flood.start(), stop: () => flood.stop() },
          (result) => (result.http = httpResult(flood, result.seconds)),
        );
      } else if (name === "C") {
        if (!big) continue;
        const cycles: ReopenCycle[] = [];
        const bigTable = big;
        let done: Promise<void> = Promise.resolve();
        await runPhase(
          name,
          0,
          {
            start: () => {
              done = (async () => {
                for (let i = 0; i < SETTINGS.reopenCycles; i++) {
                  cycles.push(await reopenCycle(bigTable, i));
                  console.log(`  cycle ${i + 1} done; SDK printed so far: ${counts(clientConsole)}`);
                }
              })();
            },
            stop: () => done,
          },
          (result) => (result.reopen = cycles),
        );
      } else {
        notes.push(`unknown phase "${name}" skipped`);
      }
    }

    tell({ type: "stop" });
    victimResults = await victimResultsPromise;
    for (const result of results) result.victim = victimResults.phases[result.name];
    for (const [message, n] of Object.entries(victimResults.console)) bump(clientConsole, `(victim) ${message}`, n);
  } catch (error) {
    notes.push(`the run stopped early: ${(error as Error).stack ?? error}`);
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
  } finally {
    await victimWorker?.terminate();
  }

  // The server's own figures after everything, then a graceful stop (timed).
  const final = serverExit() === null ? await server.mark(true) : null;
  const stopBegan = performance.now();
  if (serverExit() === null) {
    child.kill("SIGTERM");
    const deadline = performance.now() + 20_000;
    while (serverExit() === null && performance.now() < deadline) await sleep(50);
    if (serverExit() === null) {
      notes.push("the server did not stop within 20 s of SIGTERM: killed");
      child.kill("SIGKILL");
    }
  } else {
    notes.push(`the server process exited during the run (${serverExit()})`);
  }
  const stopMs = performance.now() - stopBegan;
  rmSync(dataDir, { recursive: true, force: true });

  const report = {
    date: started.toISOString(),
    command: `node bench/flood.ts${Object.keys(process.env)
      .filter((k) => k.startsWith("FLOOD_"))
      .map((k) => ` ${k}=${process.env[k]}`)
      .join("")}`,
    machine: LOAD_AT_START,
    pinning,
    settings: SETTINGS,
    limits: LIMITS,
    victim: {
      watchers: SETTINGS.victimPeople + 1,
      intervalMs: SETTINGS.victimIntervalMs,
      closes: victimResults?.closes ?? {},
    },
    big: big && {
      tableSteps: big.steps,
      accepted: big.accepted,
      refused: big.refused,
      buildMs: big.buildMs,
      storyJsonBytes: big.storyJsonBytes,
      server: big.server ?? null,
      generatorCpu: big.generatorCpu ?? NaN,
    },
    phases: results,
    server: { final, stopMs, exit: serverExit(), log: serverLog },
    clientConsole,
    notes,
  };
  const outDir = path.join(import.meta.dirname, "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "flood.json"), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = render(report);
  writeFileSync(path.join(outDir, "flood.md"), markdown);
  console.log(`\n${markdown}`);
  console.log(`written: bench/results/flood.md, bench/results/flood.json`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------------------
// The report.

type Report = {
  date: string;
  command: string;
  machine: Machine;
  pinning: typeof pinning;
  settings: typeof SETTINGS;
  victim: { watchers: number; intervalMs: number; closes: Counts };
  big: {
    tableSteps: number;
    accepted: number;
    refused: Counts;
    buildMs: number;
    storyJsonBytes: number;
    server: ProbeStats | null;
    generatorCpu: number;
  } | null;
  phases: PhaseResult[];
  server: { final: ProbeStats | null; stopMs: number; exit: string | null; log: typeof serverLog };
  clientConsole: Counts;
  notes: string[];
};

const f = (value: number | undefined, digits = 1) =>
  value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
const counts = (c: Counts) =>
  Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ") || "–";

function render(report: Report): string {
  const out: string[] = [];
  const { machine } = report;
  out.push("# Flood benchmark: another table's latency while one table is hammered", "");
  out.push(`- Date: ${report.date}`);
  out.push(`- Command: \`${report.command}\``);
  out.push(`- Machine: ${machineLine(machine)}`);
  out.push(
    `- Server: \`node server/main.ts\` (SQLite in a temp folder, LOG_LEVEL=warn, TRUST_PROXY=1, every LIMIT_ at its default), ${report.pinning.server}; load generator and victim: ${report.pinning.generator}`,
  );
  out.push(
    `- Victim table: 1 participant narrates their step every ${report.victim.intervalMs} ms; ${report.victim.watchers} other clients (facilitator, participants, an observer) watch. ` +
      `"notify" = request sent → another client's state shows it (one sample per watcher per action); "RTT" = request → acknowledgement.`,
  );
  out.push("");
  out.push("## Victim latency by phase (ms)", "");
  const base = report.phases.find((p) => p.name === "A")?.victim;
  const baseNotify = base ? distribution(base.notify) : null;
  out.push(
    "| phase | s | actions | notify p50 | p95 | p99 | max | p99 ÷ A | RTT p50 | RTT p99 | RTT max | unseen | refused | victim-thread ELD p99 |",
  );
  out.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const phase of report.phases) {
    const v = phase.victim;
    if (!v) continue;
    const n = distribution(v.notify);
    const r = distribution(v.rtt);
    const ratio = baseNotify && baseNotify.p99 > 0 ? n.p99 / baseNotify.p99 : NaN;
    out.push(
      `| ${phase.name} ${phase.title} | ${f(phase.seconds, 0)} | ${v.sent} | ${f(n.p50)} | ${f(n.p95)} | ${f(n.p99)} | ${f(n.max)} | ${f(ratio)}× | ` +
        `${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${v.unseen} | ${counts(v.refused)} | ${f(v.eldP99)} |`,
    );
  }
  out.push("", `Victim connections closed during the run: ${counts(report.victim.closes)}.`, "");
  out.push("## Server (measured inside: bench/flood-probe.ts) and generator", "");
  out.push(
    "| phase | event-loop delay p50 | p99 | max (ms) | event-loop utilisation | server CPU | RSS max (MB) | heap max (MB) | heap after GC (MB) | open handles | generator CPU (1 core = 100 %) |",
  );
  out.push("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const phase of report.phases) {
    const s = phase.server;
    out.push(
      `| ${phase.name} | ${f(s?.eldP50)} | ${f(s?.eldP99)} | ${f(s?.eldMax)} | ${s ? `${f(s.elu * 100, 0)} %` : "–"} | ${s ? `${f(s.cpu * 100, 0)} %` : "–"} | ` +
        `${f(s?.rssMaxMb, 0)} | ${f(s?.heapMaxMb, 0)} | ${f(s?.heapAfterGcMb ?? undefined, 0)} | ${s?.resources ?? "–"} | ${f(phase.generatorCpu * 100, 0)} % |`,
    );
  }
  const final = report.server.final;
  out.push(
    "",
    `After the run (every client gone): RSS ${f(final?.rssMb, 0)} MB, heap after GC ${f(final?.heapAfterGcMb ?? undefined, 0)} MB, ${final?.resources ?? "–"} open handles. ` +
      `Graceful stop (SIGTERM → exit): ${f(report.server.stopMs, 0)} ms, exit ${report.server.exit ?? "?"}.`,
    "",
    `Server output at warn and above: ${report.server.log.lines} lines (${counts(report.server.log.byLevel)}); messages (digits as N):`,
    "",
    ...Object.entries(report.server.log.messages)
      .sort((a, b) => b[1] - a[1])
      .map(([message, n]) => `- ${n} × \`${message.replace(/`/g, "'")}\``),
    "",
  );

  for (const phase of report.phases) {
    if (phase.ws) {
      const w = phase.ws;
      out.push(`## ${phase.name}: WebSocket attack`, "");
      out.push(
        `- Opened: facilitator tabs ${w.limits.facilitatorConnections.opened}/${w.limits.facilitatorConnections.tried} (refused: ${counts(w.limits.facilitatorConnections.refusals)}); ` +
          `new seats ${w.limits.seats.opened}/${w.limits.seats.tried} (refused: ${counts(w.limits.seats.refusals)}); ` +
          `more tabs on those seats ${w.limits.extraConnections.opened}/${w.limits.extraConnections.tried} (refused: ${counts(w.limits.extraConnections.refusals)}). ` +
          `Connections at start ${w.connectionsAtStart}, at the end ${w.connectionsAtEnd} (limits: ${LIMITS.connectionsPerSeat} per seat, ${LIMITS.connectionsPerTable} per table, 40 people per table).`,
      );
      out.push(
        `- Frames sent: ${w.frames} (${f(w.frames / phase.seconds, 0)}/s; steady connections at ${SETTINGS.framesPerSecond}/s each, ${SETTINGS.kamikazes} kamikazes bursting ${KAMIKAZE_BURST} frames at once (the limit is ${FLOOD_FRAMES}/s) or one frame over 256 KB).`,
      );
      out.push(`- Outcomes: ${counts(w.outcomes)}.`);
      out.push(
        `- Accepted actions: ${f(w.acceptedPerSecond, 0)}/s in all, at most ${f(w.maxSeatAcceptedPerSecond)}/s for one seat (limit ${LIMITS.actionsPerSecond}/s per seat).`,
      );
      out.push(`- Connections closed by the server: ${counts(w.closes)}; rejoins: ${counts(w.rejoins)}.`, "");
    }
    if (phase.http) {
      out.push(
        `## ${phase.name}: HTTP attack from ${phase.http.address} (${SETTINGS.httpConcurrency} concurrent loops per kind)`,
        "",
      );
      out.push(
        "| kind | requests | per s | statuses | KB per answer | time p50 | p99 | max (ms) |",
        "|---|---|---|---|---|---|---|---|",
      );
      for (const [kind, k] of Object.entries(phase.http.kinds)) {
        out.push(
          `| ${kind} | ${k.requests} | ${f(k.perSecond, 0)} | ${counts(k.statuses)} | ${f(k.meanKb)} | ${f(k.time.p50)} | ${f(k.time.p99)} | ${f(k.time.max)} |`,
        );
      }
      out.push("");
    }
    if (phase.reopen) {
      const b = report.big;
      out.push(`## ${phase.name}: the big table`, "");
      if (b) {
        out.push(
          `Built before phase A: ${b.accepted} actions accepted (refused: ${counts(b.refused)}), ${b.tableSteps} steps, story.json ${f(b.storyJsonBytes / 1024, 0)} KB, in ${f(b.buildMs / 1000)} s ` +
            `(${SETTINGS.bigSeats} seats, each at most ~9 actions/s; server CPU ${f((b.server?.cpu ?? NaN) * 100, 0)} %, its event loop ${f((b.server?.elu ?? NaN) * 100, 0)} % busy, ` +
            `event-loop delay p99 ${f(b.server?.eldP99)} ms, max ${f(b.server?.eldMax)} ms; generator CPU ${f(b.generatorCpu * 100, 0)} %). ` +
            `Each cycle: the facilitator and ${SETTINGS.bigReturning} people come back at once (the room reopens from storage), the facilitator exports every format, imports the story.json, everyone leaves.`,
          "",
        );
      }
      out.push(
        "| cycle | facilitator back (ms) | slowest of the others (ms) | clients with empty steps | move a step to the front | story.html | story.md | story.json | deck.json | import | join retries |",
      );
      out.push("|---|---|---|---|---|---|---|---|---|---|---|");
      phase.reopen.forEach((c, i) => {
        const e = (format: string) => {
          const x = c.exports[format];
          return x
            ? `${f(x.ms, 0)} ms, ${f(x.bytes / 1024, 0)} KB${x.status === 200 ? "" : ` (HTTP ${x.status})`}`
            : "–";
        };
        out.push(
          `| ${i + 1} | ${f(c.facilitatorMs, 0)} | ${f(c.othersMaxMs, 0)} | ${c.incomplete} of ${c.clients} | ${c.move.status === "ok" ? `${f(c.move.ms, 0)} ms, ${f(c.move.bytes / 1024, 0)} KB to each client` : c.move.status} | ${e("story.html")} | ${e("story.md")} | ${e("story.json")} | ${e("deck.json")} | ` +
            `${f(c.import.ms, 0)} ms (HTTP ${c.import.status}) | ${c.failures.length ? counts(Object.fromEntries(c.failures.map((x) => [x, c.failures.filter((y) => y === x).length]))) : "–"} |`,
        );
      });
      out.push("");
    }
  }
  const printed = Object.entries(report.clientConsole).sort((a, b) => b[1] - a[1]);
  if (printed.length) {
    out.push(
      "## What the clients' SDK printed (counted, digits as N)",
      "",
      ...printed.map(([message, n]) => `- ${n} × \`${message.replace(/`/g, "'")}\``),
      "",
    );
  }
  if (report.notes.length) out.push("## Notes", "", ...report.notes.map((n) => `- ${n}`), "");
  out.push(
    "Absolute times drift between runs and machines; compare each phase with the baseline A of the same run. The generator " +
      "shares one core with the victim's thread: when its CPU nears 100 %, or the victim-thread delay grows, part of the " +
      "victim's latency is the generator's, not the server's.",
    "",
  );
  return out.join("\n");
}

await main();
