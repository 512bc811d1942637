// Benchmark of the room's write path: an action arrives, the rules apply it, its log entry is appended and awaited.
// Measures arrival → durable write per store (SQLite FULL and NORMAL, PostgreSQL when DATABASE_URL or
// TEST_DATABASE_URL is set), and the time to load and replay a table of 1,000 entries. Prints a summary and writes
// bench/results/durable-write.json. Run: node bench/durable-write.ts  (BENCH_RATE=actions per second, default 200).
// The SQLite file goes to the system temp folder (TMPDIR): put it on the disk the data folder will use.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { loadDecks } from "#cards/load.ts";
import type { Action, Card, TableState } from "#shared/model.ts";
import { applyAction, createTable, join } from "#shared/rules/index.ts";
import { PostgresTableStore } from "#server/store/postgres-store.ts";
import { replay } from "#server/store/replay.ts";
import { SqliteTableStore, type SqliteSynchronous } from "#server/store/sqlite-store.ts";
import type { LogEntry, TableStore } from "#server/store/table-store.ts";

const TABLES = 20;
const PEOPLE = 5;
const ACTIONS = 2_000;
/** 200 actions/s is 2,000 people each acting every 10 s: the load one process was measured to carry (docs STACK.md). */
const RATE = Number(process.env.BENCH_RATE ?? 200);
const REPLAY_ENTRIES = 1_000;
const REPLAY_RUNS = 5;
const NAMES = ["Awa", "Bastien", "Chloé", "Driss", "Élise"];
const NARRATION =
  "En 2032, le conseil de quartier ouvre la rue de l'école aux vélos et aux piétons ; les commerçants, d'abord inquiets, " +
  "voient revenir les familles. Les arbres plantés l'hiver précédent donnent de l'ombre aux terrasses. 🌳🚲";

// Nothing here should run longer than this: a stuck database must not hang the command.
setTimeout(() => {
  console.error("benchmark stopped: it ran for more than 3 minutes");
  process.exit(1);
}, 180_000).unref();

const decks = loadDecks();
const allCards: Card[] = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];
const framing: Card = (() => {
  const card = decks.challenge.cards.find((c) => !c.blank);
  if (!card) throw new Error("no playable challenge card in the decks");
  return card;
})();

interface Game {
  id: string;
  state: TableState;
  seq: number;
  turn: number;
}

interface StoreUnderTest {
  name: string;
  open(): Promise<TableStore>;
  cleanup(): Promise<void>;
}

interface Figures {
  store: string;
  actions: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  replay: { entries: number; loadMs: number; replayMs: number };
}

/** A new table of the real decks, its people seated and play started; its entries are appended but not measured. */
async function openGame(store: TableStore, id: string): Promise<Game> {
  const now = Date.now();
  const created = createTable({
    id,
    now,
    seed: id,
    cards: allCards,
    setup: {
      title: "Le quartier des Tanneurs en 2050",
      system: "Le quartier des Tanneurs, à Lyon",
      presentState: "Des rues saturées de voitures, peu d'arbres.",
      horizonYear: 2050,
      desirableFuture: "Des rues calmes où les enfants vont seuls à l'école.",
      framingChallengeId: framing.id,
      framingChallengeText: "",
    },
  });
  if (!created.ok) throw new Error(`table refused: ${created.refusal.code}`);
  await store.create({ id, createdAt: now, facilitatorKeyHash: "f".repeat(64), invite: randomBytes(24).toString("base64url"), observerKey: randomBytes(24).toString("base64url"), initial: created.state });
  const game: Game = { id, state: created.state, seq: 0, turn: 0 };
  for (const [i, name] of NAMES.slice(0, PEOPLE).entries()) {
    const participantId = `p-${i}`;
    const seated = join(game.state, { name, role: "habitant·e", facilitator: i === 0 }, { actorId: participantId, now });
    if (!seated.ok) throw new Error(`join refused: ${seated.refusal.code}`);
    game.state = seated.state;
    await append(store, game, { kind: "join", participantId, name, role: "habitant·e", facilitator: i === 0, seatKeyHash: randomBytes(32).toString("hex") }, now);
  }
  await play(store, game, "p-0", { type: "startPlay" });
  return game;
}

async function append(store: TableStore, game: Game, entry: LogEntry["entry"], at: number): Promise<void> {
  game.seq += 1;
  await store.append(game.id, { seq: game.seq, entryId: `e-${game.seq}`, at, entry });
}

/** The room's path for one action: the rules decide, then the entry is durable before the new state is kept. */
async function play(store: TableStore, game: Game, actorId: string, action: Action): Promise<void> {
  const now = Date.now();
  const outcome = applyAction(game.state, action, { actorId, now });
  if (!outcome.ok) throw new Error(`${action.type} refused: ${outcome.refusal.code}`);
  await append(store, game, { kind: "action", actorId, action }, now);
  game.state = outcome.state;
}

/** The next thing someone at this table does, in turn: draw, place the card after the last step, tell what happens. */
function nextMove(game: Game): { actorId: string; action: Action } {
  const person = game.turn % PEOPLE;
  const round = Math.floor(game.turn / PEOPLE);
  game.turn += 1;
  const actorId = `p-${person}`;
  const actor = game.state.participants.find((p) => p.id === actorId);
  if (!actor) throw new Error(`${actorId} is not seated`);
  const ownStep = game.state.path.findLast((s) => s.placedBy === actorId);
  const pile = (["lever", "pitfall", "challenge"] as const).find((deck) => game.state.piles[deck].length > 0);
  const card = actor.hand[0];
  if (round % 3 === 0 && pile && actor.hand.length < 5) return { actorId, action: { type: "draw", deck: pile } };
  if (card) return { actorId, action: { type: "place", cardId: card, afterStepId: game.state.path.at(-1)?.id ?? null } };
  if (ownStep) return { actorId, action: { type: "narrate", stepId: ownStep.id, text: `${NARRATION} (${round})` } };
  if (pile) return { actorId, action: { type: "draw", deck: pile } };
  throw new Error(`${actorId} has nothing left to do`);
}

/** Open loop: action k arrives at k / RATE s whatever the store's speed, so a slow write delays the ones queued behind it. */
async function measureWrites(store: TableStore): Promise<number[]> {
  const games = await Promise.all(Array.from({ length: TABLES }, (_, t) => openGame(store, `bench-${t}-${randomBytes(4).toString("hex")}`)));
  const queues = games.map(() => Promise.resolve());
  const latencies: number[] = [];
  const start = performance.now() + 50;
  for (let k = 0; k < ACTIONS; k++) {
    const arrival = start + (k * 1000) / RATE;
    // Timers are late by up to a millisecond: sleep most of the wait, then yield to I/O until the exact instant.
    if (arrival - performance.now() > 2) await sleep(arrival - performance.now() - 2);
    while (performance.now() < arrival) await new Promise(setImmediate);
    const t = k % TABLES;
    const game = games[t];
    if (!game) throw new Error("no such table");
    // Actions of one table run one after another, as in the room.
    queues[t] = queues[t]!.then(async () => {
      const { actorId, action } = nextMove(game);
      await play(store, game, actorId, action);
      latencies.push(performance.now() - arrival);
    });
  }
  await Promise.all(queues);
  return latencies;
}

async function measureReplay(store: TableStore): Promise<{ entries: number; loadMs: number; replayMs: number }> {
  const game = await openGame(store, `bench-replay-${randomBytes(4).toString("hex")}`);
  while (game.seq < REPLAY_ENTRIES) {
    const { actorId, action } = nextMove(game);
    await play(store, game, actorId, action);
  }
  const loads: number[] = [];
  const replays: number[] = [];
  for (let run = 0; run < REPLAY_RUNS; run++) {
    const t0 = performance.now();
    const stored = await store.load(game.id);
    const t1 = performance.now();
    if (!stored) throw new Error("the replay table vanished");
    const { state } = replay(stored);
    const t2 = performance.now();
    if (stored.log.length !== REPLAY_ENTRIES || !isDeepStrictEqual(state, game.state)) {
      throw new Error("replay did not rebuild the live state");
    }
    loads.push(t1 - t0);
    replays.push(t2 - t1);
  }
  return { entries: REPLAY_ENTRIES, loadMs: round(median(loads)), replayMs: round(median(replays)) };
}

function sqlite(synchronous: SqliteSynchronous): StoreUnderTest {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jdt-bench-"));
  return {
    name: `sqlite synchronous=${synchronous}`,
    open: async () => new SqliteTableStore(path.join(dir, "tables.sqlite"), { synchronous }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgres(url: string): StoreUnderTest {
  const schema = `jdt_bench_${randomBytes(6).toString("hex")}`;
  return {
    name: "postgres",
    open: () => PostgresTableStore.open(url, { schema }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      await client.end();
    },
  };
}

async function run(target: StoreUnderTest): Promise<Figures> {
  const store = await target.open();
  try {
    const latencies = await measureWrites(store);
    const sorted = latencies.toSorted((a, b) => a - b);
    const replayed = await measureReplay(store);
    return {
      store: target.name,
      actions: sorted.length,
      p50: round(percentile(sorted, 0.5)),
      p95: round(percentile(sorted, 0.95)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
      mean: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
      replay: replayed,
    };
  } finally {
    await store.close();
    await target.cleanup();
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function median(values: number[]): number {
  return percentile(values.toSorted((a, b) => a - b), 0.5);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const targets = [sqlite("FULL"), sqlite("NORMAL"), ...(databaseUrl ? [postgres(databaseUrl)] : [])];
console.log(`${ACTIONS} actions over ${TABLES} tables of ${PEOPLE} people, arriving at ${RATE}/s; arrival → durable write, in ms`);
const results: Figures[] = [];
for (const target of targets) {
  const figures = await run(target);
  results.push(figures);
  const { p50, p95, p99, max, replay: r } = figures;
  console.log(
    `${figures.store.padEnd(24)} p50 ${p50}  p95 ${p95}  p99 ${p99}  max ${max}  | replay of ${r.entries} entries: load ${r.loadMs}, replay ${r.replayMs}`,
  );
}

const outDir = path.join(import.meta.dirname, "results");
mkdirSync(outDir, { recursive: true });
const report = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", platform: `${os.platform()} ${os.release()}` },
  workload: { tables: TABLES, peoplePerTable: PEOPLE, actions: ACTIONS, ratePerSecond: RATE, replayEntries: REPLAY_ENTRIES },
  results,
};
writeFileSync(path.join(outDir, "durable-write.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`written to ${path.relative(process.cwd(), path.join(outDir, "durable-write.json"))}`);
