// Several server processes sharing one Redis and one PostgreSQL (REDIS_URL, DATABASE_URL): a table lives in one
// process, every link works through whichever process a person reaches first, and a process killed with SIGKILL leaves
// its tables to the others, every acknowledged action there exactly once and everyone back in their own seat.
// Runs when TEST_REDIS_URL and TEST_DATABASE_URL are set (.ci/run sets them when Redis and PostgreSQL answer on this
// machine); each run takes a database of its own and an empty Redis database. The start-up refusals run always.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Action, DeckName } from "#shared/model.ts";
import {
  ACTION_REQUEST,
  API,
  INVITE_LINK_REQUEST,
  PROTOCOL_VERSION,
  WHOAMI_REQUEST,
  type ShareLinks,
  type Whoami,
} from "#shared/protocol.ts";
import {
  WORKSHOP_API,
  WORKSHOP_OVERVIEW_REQUEST,
  WORKSHOP_TABLE_MESSAGE,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import { joinOverHttp, openTableOverHttp, type OpenedTable } from "../join.ts";
import { lilasWorkshop, secretIn } from "../workshop-body.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";

const root = path.resolve(import.meta.dirname, "../..");
const PORTS = [2701, 2702] as const;
const redisUrl = process.env.TEST_REDIS_URL;
const databaseUrl = process.env.TEST_DATABASE_URL;

// ————— Refused at start-up, before anything is opened: no Redis or PostgreSQL needed —————

/** Runs the server until it exits on its own; its exit code and what it wrote on stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(PORTS[0]), CLIENT_DIR: path.join(root, "no-client"), ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe("a server process that cannot share its tables does not start", () => {
  it("given REDIS_URL without DATABASE_URL, then it stops with one sentence asking for a shared PostgreSQL", async () => {
    const { code, stderr } = await runToExit({
      REDIS_URL: "redis://127.0.0.1:6379",
      PUBLIC_ADDRESS: "127.0.0.1:2701",
      DATABASE_URL: "",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/REDIS_URL is set but DATABASE_URL is not/);
  });

  it("given REDIS_URL without PUBLIC_ADDRESS, then it stops with one sentence asking where browsers reach it", async () => {
    const { code, stderr } = await runToExit({
      REDIS_URL: "redis://127.0.0.1:6379",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      PUBLIC_ADDRESS: "",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/PUBLIC_ADDRESS is not/);
  });
});

if (!redisUrl || !databaseUrl) {
  console.log(
    `multi-process test: the two-process scenario does not run: ${!redisUrl ? "TEST_REDIS_URL" : "TEST_DATABASE_URL"} is not set (it needs a Redis and a PostgreSQL to share, e.g. redis://127.0.0.1:6379 and postgres://postgres@127.0.0.1:5432/test).`,
  );
} else {
  describe("several server processes sharing Redis and PostgreSQL", () => sharedTables(redisUrl, databaseUrl));
}

// ————— Two processes —————

/** The processes' addresses as their browsers reach them (here each its own port; behind nginx, a path each). */
const addressOf = (port: number) => `127.0.0.1:${port}`;
/** Players act every few ms to keep writes in flight when a process dies: far past a person's pace (tested elsewhere). */
const AS_FAST_AS_IT_GOES = { LIMIT_ACTIONS_PER_SECOND: "1000", LIMIT_TABLE_ACTIONS_PER_SECOND: "1000" };

interface Person {
  name: string;
  seatKey: string;
  secret: { invite: string } | { facilitatorKey: string };
  /** The process this person reached first (their join request), not necessarily the one holding the table. */
  via: string;
  room: Room;
  me: Whoami;
}

interface Sent {
  person: string;
  id: string;
  action: Action;
  acknowledged: boolean;
  /** Sent again after the failover and accepted there (applied then, or known as already applied). */
  resent?: boolean;
}

interface StepState {
  id: string;
  placedBy: string;
  narration: string;
  card: { id: string };
  contributions: { text: string; kind: string }[];
  plausible: string[];
}

function stateOf(room: Room) {
  const json = room.state.toJSON() as {
    phase: string;
    path: StepState[] | Record<string, StepState>;
    participants: Record<string, { hand?: { id: string; blank?: boolean }[] }>;
    piles: Record<DeckName, number>;
  };
  const steps = Array.isArray(json.path) ? json.path : Object.values(json.path ?? {});
  return { ...json, path: steps.map((s) => ({ ...s, contributions: Object.values(s.contributions ?? {}) })) };
}

function handOf(room: Room, participantId: string): { id: string; blank?: boolean }[] {
  const hand = stateOf(room).participants[participantId]?.hand ?? [];
  return Array.isArray(hand) ? hand : Object.values(hand);
}

/** POST /api/tables/:id/join at `via`, like the browser: the reservation it answers says where the WebSocket goes. */
async function reserve(via: string, tableId: string, options: Record<string, unknown>) {
  const response = await fetch(`${via}${API.join(tableId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, role: "habitant·e", ...options }),
  });
  return { status: response.status, body: (await response.json()) as { publicAddress?: string; message?: string } };
}

async function seat(
  via: string,
  tableId: string,
  name: string,
  secret: Person["secret"],
  seatKey = randomBytes(32).toString("base64url"),
): Promise<Person> {
  const room = await joinOverHttp(new Client(via), via, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey,
    name,
    role: "habitant·e",
  });
  // The browser's SDK would try the dead process's address for about a minute before its page rejoins (behind the
  // proxy of deploy/nginx.conf, a second: the other process answers at once that it has no such seat). These rejoin
  // at once, as the page does then (client/src/net/connection.ts).
  room.reconnection.enabled = false;
  const me = (await room.request(WHOAMI_REQUEST)) as Whoami;
  return { name, seatKey, secret, via, room, me };
}

/** Resolves once this room's state satisfies `ready`. */
async function until(room: Room, ready: (state: ReturnType<typeof stateOf>) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ready(stateOf(room))) {
    if (Date.now() > deadline) throw new Error("the table did not reach the expected state in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One action as the browser's outbox sends it (an id of its own, sent again with the same id when unacknowledged). */
async function act(person: Person, action: Action, sent?: Sent[]): Promise<boolean> {
  const record: Sent = { person: person.name, id: randomBytes(8).toString("hex"), action, acknowledged: false };
  sent?.push(record);
  try {
    await person.room.request(ACTION_REQUEST, { id: record.id, action }, { timeout: 5000 });
    record.acknowledged = true;
    return true;
  } catch (error) {
    if (!sent) throw error;
    return false; // the process is gone: this one may or may not have been written
  }
}

const DECKS: DeckName[] = ["challenge", "lever", "pitfall"];

/** A turn of a person: a card drawn (a blank one written), placed at the end of the path, narrated. */
async function turn(person: Person, label: string, sent?: Sent[]): Promise<boolean> {
  const id = person.me.participantId ?? "";
  if (handOf(person.room, id).length === 0) {
    const before = handOf(person.room, id).length;
    // From the fullest pile: the burst below goes on until its process dies, not until a pile is empty.
    const piles = stateOf(person.room).piles;
    const deck = [...DECKS].sort((a, b) => piles[b] - piles[a])[0] ?? "challenge";
    if (piles[deck] === 0) return false;
    if (!(await act(person, { type: "draw", deck }, sent))) return false;
    await until(person.room, () => handOf(person.room, id).length > before);
  }
  let card = handOf(person.room, id)[0];
  if (card?.blank) {
    const blank = card.id;
    const write = { type: "writeBlank", cardId: blank, title: `${label} écrit`, text: "Une carte écrite." } as const;
    if (!(await act(person, write, sent))) return false;
    await until(person.room, () => !handOf(person.room, id).some((c) => c.id === blank));
    card = handOf(person.room, id)[0];
  }
  if (!card) throw new Error(`${person.name} has no card to place`);
  const cardId = card.id;
  const afterStepId = stateOf(person.room).path.at(-1)?.id ?? null;
  if (!(await act(person, { type: "place", cardId, afterStepId }, sent))) return false;
  await until(person.room, () => stateOf(person.room).path.some((s) => s.card.id === cardId));
  const stepId = stateOf(person.room).path.find((s) => s.card.id === cardId)?.id ?? "";
  return act(person, { type: "narrate", stepId, text: `${person.name} raconte ${label}` }, sent);
}

function sharedTables(redisBase: string, adminUrl: string) {
  const servers = new Map<number, RunningServer>();
  let database = "";
  let redisDb = -1;
  let env: Record<string, string> = {};

  const start = async (port: number) => {
    const server = await startServer(port, { ...env, PUBLIC_ADDRESS: addressOf(port) });
    servers.set(port, server);
    return server;
  };
  const url = (port: number) => `http://${addressOf(port)}`;
  const [A, B] = [url(PORTS[0]), url(PORTS[1])];

  beforeAll(async () => {
    // A database of this run's own, next to TEST_DATABASE_URL's.
    database = `jdt_multi_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    await admin.end();
    const databaseAt = new URL(adminUrl);
    databaseAt.pathname = `/${database}`;
    // An empty Redis database (Colyseus keeps its room listings under fixed key names): another run's stays apart.
    const redis = new Redis(redisBase, { lazyConnect: true });
    await redis.connect();
    for (const db of [...Array.from({ length: 15 }, (_, i) => i + 1)].sort(() => Math.random() - 0.5)) {
      await redis.select(db);
      if ((await redis.dbsize()) === 0) {
        redisDb = db;
        break;
      }
    }
    redis.disconnect();
    if (redisDb < 0) throw new Error("no empty Redis database (1–15) for this run");
    const redisAt = new URL(redisBase);
    redisAt.pathname = `/${redisDb}`;
    env = {
      DATABASE_URL: databaseAt.toString(),
      REDIS_URL: redisAt.toString(),
      // A dead process is found by its closed Redis connections; a live one that is slow is not taken for dead.
      LOG_LEVEL: "warn",
      ...AS_FAST_AS_IT_GOES,
    };
    await Promise.all(PORTS.map(start));
  }, 60_000);

  afterAll(async () => {
    for (const server of servers.values())
      if (server.process.exitCode === null && server.process.signalCode === null) await stopServer(server, "SIGKILL");
    if (redisDb >= 0) {
      const redis = new Redis(redisBase, { db: redisDb });
      await redis.flushdb();
      redis.disconnect();
    }
    if (database) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
      await admin.end();
    }
  });

  // Shared by the scenarios below, in order: the table opened through A, its people, what they sent.
  let held: OpenedTable;
  let other: OpenedTable;
  let people: Person[] = [];
  let neighbour: Person;
  /** Every turn's actions, from the first round on: what the log must hold once each. */
  const history: Sent[] = [];

  it("given a table opened through one process, when people join through the other, then their WebSocket goes to the process holding it and a whole table is played across", async () => {
    held = await openTableOverHttp(A, "Table tenue par A");
    other = await openTableOverHttp(B, "Table tenue par B");

    // Reached first at B, sent to A: the reservation names the process holding the table.
    const reached = await reserve(B, held.tableId, {
      facilitatorKey: held.facilitatorKey,
      seatKey: "k".repeat(43),
      name: "Passant",
    });
    expect(reached.status).toBe(200);
    expect(reached.body.publicAddress).toBe(addressOf(PORTS[0]));
    const otherReached = await reserve(A, other.tableId, {
      invite: other.invite,
      seatKey: "n".repeat(43),
      name: "Passante",
    });
    expect(otherReached.body.publicAddress).toBe(addressOf(PORTS[1]));

    const facilitator = await seat(B, held.tableId, "Awa", { facilitatorKey: held.facilitatorKey });
    await act(facilitator, { type: "startPlay" });
    const invite = { invite: held.invite };
    people = [
      facilitator,
      ...(await Promise.all([seat(A, held.tableId, "Ada", invite), seat(B, held.tableId, "Bao", invite)])),
      await seat(A, held.tableId, "Chloé", invite),
    ];
    neighbour = await seat(A, other.tableId, "Noé", { invite: other.invite });
    await act(neighbour, { type: "startPlay" }).catch(() => undefined); // a participant may not start: it stays as is

    // A round of the game: each person's turn, every other « oui, et… » on it, a reaction.
    for (const [i, person] of people.entries()) {
      expect(await turn(person, `tour ${i + 1}`, history)).toBe(true);
      const stepId = stateOf(person.room).path.at(-1)?.id ?? "";
      for (const [j, next] of people.entries()) {
        if (next === person) continue;
        const text = `Oui, et… ${next.name} ajoute au tour ${i + 1}`;
        await act(next, { type: "contribute", stepId, kind: "yesAnd", text });
        if (j % 2 === 0) await act(next, { type: "react", stepId, reaction: "plausible" });
      }
    }

    // Everyone, whichever process they reached, sees the same path, narrations and « oui, et… ».
    const expected = people.length;
    for (const person of people) {
      await until(person.room, (s) => s.path.length === expected && s.path.every((step) => step.narration !== ""));
      await until(person.room, (s) => s.path.every((step) => step.contributions.length === expected - 1));
    }
    // The same path, to the last reaction, once the last patches have arrived.
    const paths = () => new Set(people.map((p) => JSON.stringify(stateOf(p.room).path))).size;
    await until(people[0]!.room, () => paths() === 1).catch(() => undefined);
    expect(paths()).toBe(1);
    const yesAnds = stateOf(people[0]!.room).path.flatMap((s) => s.contributions.map((c) => c.text));
    expect(yesAnds).toHaveLength(expected * (expected - 1));
    expect(new Set(yesAnds).size).toBe(yesAnds.length);
  }, 60_000);

  it("given either process, then the table's title, its join code, its observer link and a workshop's lobby, seat and overview all work through it", async () => {
    const facilitator = people[0]!;
    const links = (await facilitator.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
    const observerKey = secretIn(links.observerPath, "observer");
    for (const via of [A, B]) {
      const title = await fetch(`${via}${API.tableTitle(held.tableId)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ invite: held.invite }),
      });
      expect(await title.json()).toEqual({ title: "Table tenue par A" });
      const code = await fetch(`${via}${API.resolveJoinCode}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code: links.joinCode }),
      });
      expect(await code.json()).toMatchObject({ kind: "table", tableId: held.tableId });
      const observer = await joinOverHttp(new Client(via), via, held.tableId, {
        protocolVersion: PROTOCOL_VERSION,
        observerKey,
        seatKey: randomBytes(32).toString("base64url"),
        name: "",
        role: "",
      });
      await until(observer, (s) => s.path.length === people.length);
      await observer.leave(true);
    }

    // A workshop opened through B: its lobby and « placez-moi » through A, its overview joined through A.
    const created = await fetch(`${B}${WORKSHOP_API.create}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(lilasWorkshop()),
    });
    expect(created.status).toBe(201);
    const workshop = (await created.json()) as { workshopId: string; participantLink: string; facilitatorLink: string };
    const lobby = await fetch(`${A}${WORKSHOP_API.lobby(workshop.workshopId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ invite: secretIn(workshop.participantLink, "invite") }),
    });
    expect(((await lobby.json()) as { tables: unknown[] }).tables).toHaveLength(2);
    const placed = await fetch(`${A}${WORKSHOP_API.seat(workshop.workshopId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ invite: secretIn(workshop.participantLink, "invite"), tableId: null }),
    });
    const answer = (await placed.json()) as { tableId: string; path: string };
    const guest = await seat(A, answer.tableId, "Lou", { invite: secretIn(answer.path, "invite") });
    const overviewJoin = await fetch(`${A}${WORKSHOP_API.join(workshop.workshopId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        facilitatorKey: secretIn(workshop.facilitatorLink, "facilitator"),
      }),
    });
    expect(overviewJoin.status).toBe(200);
    const overview = await new Client(A).consumeSeatReservation(
      (await overviewJoin.json()) as Parameters<Client["consumeSeatReservation"]>[0],
    );
    overview.onMessage(WORKSHOP_TABLE_MESSAGE, () => undefined);
    const seen = (await overview.request(WORKSHOP_OVERVIEW_REQUEST)) as WorkshopOverview;
    expect(seen.tables).toHaveLength(2);
    expect(seen.tables.find((t) => t.tableId === answer.tableId)?.people.some((p) => p.name === "Lou")).toBe(true);
    await Promise.all([guest.room.leave(true), overview.leave(true)]);
  }, 60_000);

  it("given play under way, when the process holding the table is killed with SIGKILL, then the table opens again in the other, everyone is back in their own seat and every acknowledged action is there exactly once", async () => {
    const sent = history;
    // Everyone plays as fast as the table takes it; the process holding the table dies in the middle.
    const bursts = people.map(async (person, i) => {
      for (let round = 0; round < 200; round++) if (!(await turn(person, `rafale ${i}.${round}`, sent))) return;
    });
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 300));
    expect(await stopServer(servers.get(PORTS[0])!, "SIGKILL")).toBe("SIGKILL");
    await Promise.all(bursts);

    // Each person's page rejoins with its seat key through the process that is left.
    const back: Person[] = [];
    for (const person of people) back.push(await seat(B, held.tableId, person.name, person.secret, person.seatKey));
    back.forEach((p, i) => expect(p.me.participantId).toBe(people[i]?.me.participantId));
    // The process that is left says, in its log, that it took over.
    expect(servers.get(PORTS[1])!.output()).toMatch(/a server process is gone/);
    expect(
      (await reserve(B, held.tableId, { invite: held.invite, seatKey: back[1]!.seatKey })).body.publicAddress,
    ).toBe(addressOf(PORTS[1]));
    // The outbox sends again what was not acknowledged (same ids), and an acknowledgement lost on the way looks the
    // same to a browser: the log knows each id.
    for (const record of sent.filter((s) => !s.acknowledged)) {
      const person = back.find((p) => p.name === record.person);
      await person?.room
        .request(ACTION_REQUEST, { id: record.id, action: record.action })
        .then(() => (record.resent = true))
        .catch(() => undefined);
    }
    for (const record of sent.filter((s) => s.acknowledged)) {
      const person = back.find((p) => p.name === record.person);
      const reply = await person?.room.request(ACTION_REQUEST, { id: record.id, action: record.action });
      expect(reply, `${record.action.type} ${record.id} sent again`).toEqual({ ok: true, repeated: true });
    }

    const acknowledged = sent.filter((s) => s.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(3);
    const observer = back[0]!;
    await until(observer.room, (s) => s.path.length > people.length);
    const state = stateOf(observer.room);
    expect(Object.keys(state.participants)).toHaveLength(people.length);
    for (const record of acknowledged) {
      if (record.action.type === "narrate") {
        const text = record.action.text;
        expect(
          state.path.filter((s) => s.narration === text),
          `narration « ${text} »`,
        ).toHaveLength(1);
      }
      if (record.action.type === "place") {
        const cardId = record.action.cardId;
        expect(
          state.path.filter((s) => s.card.id === cardId),
          `card ${cardId} on the path`,
        ).toHaveLength(1);
      }
    }
    // Every accepted draw gave one card, before or after the failover: none lost, none doubled.
    for (const person of back) {
      const id = person.me.participantId ?? "";
      const held_ = handOf(person.room, id).length;
      const placed = state.path.filter((s) => s.placedBy === id).length;
      const written = sent.filter(
        (s) => s.person === person.name && s.action.type === "writeBlank" && (s.acknowledged || s.resent),
      ).length;
      const draws = sent.filter(
        (s) => s.person === person.name && s.action.type === "draw" && (s.acknowledged || s.resent),
      ).length;
      expect(held_ + placed, `${person.name}'s cards (${written} blank written)`).toBe(draws);
    }
    const pathCards = state.path.map((s) => s.card.id);
    expect(new Set(pathCards).size).toBe(pathCards.length);

    // The table plays on in the process that is left: a « oui, et… » after the failover reaches everyone.
    const stepId = state.path.at(-1)?.id ?? "";
    await act(back[1]!, { type: "contribute", stepId, kind: "yesAnd", text: "Oui, et… on continue ailleurs" });
    for (const person of back)
      await until(person.room, (s) =>
        s.path.some((step) => step.contributions.some((c) => c.text === "Oui, et… on continue ailleurs")),
      );
    // The table held by the process that is left never noticed.
    expect(neighbour.room.connection.isOpen).toBe(true);
    expect(((await neighbour.room.request(WHOAMI_REQUEST)) as Whoami).participantId).toBe(neighbour.me.participantId);
    await Promise.all([...back, neighbour].map((p) => p.room.leave(true).catch(() => undefined)));
  }, 120_000);
}
