// Benchmark of the room's write path: an action arrives, the rules apply it, its log entry is appended and awaited.
// Measures arrival → durable write with many tables appending at once, per store (SQLite FULL and NORMAL, PostgreSQL
// when DATABASE_URL or TEST_DATABASE_URL is set), for the group-commit store beside the one-commit-per-entry baseline
// (maxBatch 1: the store before group commit), on a quiet disk and on a busy one (another process writing and
// fsyncing); and the time to reopen a table of 500 steps, from its snapshot and from its whole log. Prints a summary
// and writes bench/results/durable-write.md and .json. Run: npm run bench  (BENCH_RATE=actions per second, default 400).
// The SQLite file goes to the system temp folder (TMPDIR): put it on the disk the data folder will use.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { loadDecks } from "#cards/files.ts";
import type { Action, Card, TableState } from "#shared/model.ts";
import { applyAction, createTable, join } from "#shared/rules/index.ts";
import { PostgresTableStore } from "#server/store/postgres-store.ts";
import { replayOffThread } from "#server/store/replay-off-thread.ts";
import { SNAPSHOT_EVERY } from "#server/store/snapshots.ts";
import { SqliteTableStore, type SqliteSynchronous } from "#server/store/sqlite-store.ts";
import type { LogEntry, TableStore } from "#server/store/table-store.ts";

const TABLES = 50;
const PEOPLE = 5;
const ACTIONS = 2_000;
/** On a busy disk the baseline falls far behind: fewer actions keep the run within minutes. */
const BUSY_ACTIONS = 1_000;
/** 400 actions/s is 2,000 people each acting every 5 s (issue 10's pace), over 50 tables at once. */
const RATE = Number(process.env.BENCH_RATE ?? 400);
/** Steps on the path of the reopened table (issue 10: « a 500-step table is back within 200 ms of a restart »). */
const REOPEN_STEPS = 500;
const REOPEN_RUNS = 5;
const NAMES = ["Awa", "Bastien", "Chloé", "Driss", "Élise"];
const NARRATION =
  "En 2032, le conseil de quartier ouvre la rue de l'école aux vélos et aux piétons ; les commerçants, d'abord inquiets, " +
  "voient revenir les familles. Les arbres plantés l'hiver précédent donnent de l'ombre aux terrasses. 🌳🚲";

// Nothing here should run longer than this: a stuck database must not hang the command.
setTimeout(() => {
  console.error("benchmark stopped: it ran for more than 10 minutes");
  process.exit(1);
}, 600_000).unref();

const decks = loadDecks();
// Blank cards are written before they are placed: the scripted players leave them out.
const allCards: Card[] = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards].filter(
  (card) => !card.blank,
);
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
  /** A store on this target's place; `maxBatch` 1 is the one-commit-per-entry baseline. */
  open(maxBatch?: number): Promise<TableStore>;
  cleanup(): Promise<void>;
}

interface WriteFigures {
  store: string;
  mode: "group commit" | "one commit per entry";
  disk: "quiet" | "busy";
  actions: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Transactions per entry written: 1 for the baseline, well under for group commit. */
  transactionsPerEntry: number;
  /** This process's event-loop delay meanwhile (ms): what a write holding the loop costs every other table. */
  eventLoopP99: number;
  eventLoopMax: number;
}

interface ReopenFigures {
  store: string;
  entries: number;
  steps: number;
  snapshotSeq: number;
  fromSnapshotMs: number;
  wholeLogMs: number;
}

/** A new table of the real decks, its people seated and play started; its entries are appended but not measured. */
/**
 * The kit's decks hold about a hundred cards: a 500-step table needs more, as a table that imported its own deck would
 * have. Copies of the kit's first lever, each its own card.
 */
const importedLevers: Card[] = Array.from({ length: REOPEN_STEPS }, (_, i) => {
  const model = decks.lever.cards[0];
  if (!model) throw new Error("the kit has no lever");
  return { ...model, id: `lever-importe-${i + 1}`, title: `${model.title} (${i + 1})` };
});

async function openGame(store: TableStore, id: string, extraCards: readonly Card[] = []): Promise<Game> {
  const now = Date.now();
  const created = createTable({
    id,
    now,
    seed: id,
    cards: [...allCards, ...extraCards],
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
  await store.create({
    id,
    createdAt: now,
    facilitatorKeyHash: "f".repeat(64),
    invite: randomBytes(24).toString("base64url"),
    observerKey: randomBytes(24).toString("base64url"),
    initial: created.state,
  });
  const game: Game = { id, state: created.state, seq: 0, turn: 0 };
  for (const [i, name] of NAMES.slice(0, PEOPLE).entries()) {
    const participantId = `p-${i}`;
    const seated = join(
      game.state,
      { name, role: "habitant·e", facilitator: i === 0 },
      { actorId: participantId, now },
    );
    if (!seated.ok) throw new Error(`join refused: ${seated.refusal.code}`);
    game.state = seated.state;
    await append(
      store,
      game,
      {
        kind: "join",
        participantId,
        name,
        role: "habitant·e",
        facilitator: i === 0,
        seatKeyHash: randomBytes(32).toString("hex"),
      },
      now,
    );
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
  if (card)
    return { actorId, action: { type: "place", cardId: card, afterStepId: game.state.path.at(-1)?.id ?? null } };
  if (ownStep) return { actorId, action: { type: "narrate", stepId: ownStep.id, text: `${NARRATION} (${round})` } };
  if (pile) return { actorId, action: { type: "draw", deck: pile } };
  throw new Error(`${actorId} has nothing left to do`);
}

/** Open loop: action k arrives at k / RATE s whatever the store's speed, so a slow write delays the ones queued behind it. */
async function measureWrites(store: TableStore, actions: number): Promise<number[]> {
  const games = await Promise.all(
    Array.from({ length: TABLES }, (_, t) => openGame(store, `bench-${t}-${randomBytes(4).toString("hex")}`)),
  );
  const queues = games.map(() => Promise.resolve());
  const latencies: number[] = [];
  const start = performance.now() + 50;
  for (let k = 0; k < actions; k++) {
    const arrival = start + (k * 1000) / RATE;
    // Timers are late by up to a millisecond: sleep most of the wait, then yield to I/O until the exact instant.
    const wait = arrival - performance.now() - 2;
    if (wait > 0) await sleep(wait);
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

/**
 * A table of 500 steps (draws, placements, narrations: some 1,500 entries), then as many more entries as the longest tail
 * a snapshot leaves, then the room's way back after a restart: a new store on the same place loads it and replays it
 * on the worker thread; from its latest snapshot, and from its whole log (the snapshot left aside). Medians of 5.
 */
async function measureReopen(target: StoreUnderTest): Promise<ReopenFigures> {
  const writer = await target.open();
  const game = await openGame(writer, `bench-reopen-${randomBytes(4).toString("hex")}`, importedLevers);
  while (game.state.path.length < REOPEN_STEPS || game.seq % SNAPSHOT_EVERY !== SNAPSHOT_EVERY - 1) {
    const { actorId, action } = nextMove(game);
    await play(writer, game, actorId, action);
  }
  await writer.snapshotsSettled();
  await writer.close();
  const timed = async (useSnapshot: boolean) => {
    const runs: number[] = [];
    let snapshotSeq = 0;
    for (let run = 0; run < REOPEN_RUNS; run++) {
      const store = await target.open();
      const t0 = performance.now();
      const stored = await store.load(game.id);
      if (!stored) throw new Error("the reopened table vanished");
      const replayed = await replayOffThread(useSnapshot ? stored : { table: stored.table, log: stored.log });
      runs.push(performance.now() - t0);
      snapshotSeq = replayed.from;
      if (!isDeepStrictEqual(replayed.state, game.state)) throw new Error("replay did not rebuild the live state");
      await store.close();
    }
    return { ms: round(median(runs)), snapshotSeq };
  };
  // The worker thread is started once per process, whatever the table: a first round starts it before measuring.
  await timed(true);
  const fromSnapshot = await timed(true);
  const wholeLog = await timed(false);
  return {
    store: target.name,
    entries: game.seq,
    steps: game.state.path.length,
    snapshotSeq: fromSnapshot.snapshotSeq,
    fromSnapshotMs: fromSnapshot.ms,
    wholeLogMs: wholeLog.ms,
  };
}

/** Another process writing 1 MB blocks to the same disk and fsyncing each: a backup, a log shipper, another database. */
function busyDisk(dir: string): ChildProcess {
  const script = `
    const fs = require("node:fs");
    const file = ${JSON.stringify(path.join(dir, "busy.bin"))};
    const fd = fs.openSync(file, "w");
    const block = Buffer.alloc(1 << 20, 7);
    for (let i = 0; ; i++) { fs.writeSync(fd, block, 0, block.length, (i % 64) * block.length); fs.fsyncSync(fd); }`;
  return spawn(process.execPath, ["-e", script], { stdio: "ignore" });
}

function sqlite(synchronous: SqliteSynchronous, dir: string, fsyncOnEventLoop = false): StoreUnderTest {
  const place = mkdtempSync(path.join(dir, "sqlite-"));
  return {
    name: `sqlite synchronous=${synchronous}${fsyncOnEventLoop ? ", fsync on the event loop (before)" : ""}`,
    open: async (maxBatch) =>
      new SqliteTableStore(path.join(place, "tables.sqlite"), {
        synchronous,
        fsyncOnEventLoop,
        ...(maxBatch && { maxBatch }),
      }),
    cleanup: async () => rmSync(place, { recursive: true, force: true }),
  };
}

function postgres(url: string): StoreUnderTest {
  const schema = `jdt_bench_${randomBytes(6).toString("hex")}`;
  return {
    name: "postgres",
    open: (maxBatch) => PostgresTableStore.open(url, { schema, ...(maxBatch && { maxBatch }) }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      await client.end();
    },
  };
}

async function measure(
  target: StoreUnderTest,
  mode: WriteFigures["mode"],
  disk: WriteFigures["disk"],
  actions: number,
): Promise<WriteFigures> {
  const store = await target.open(mode === "group commit" ? undefined : 1);
  try {
    const before = store.writeStats();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const latencies = await measureWrites(store, actions);
    delay.disable();
    const after = store.writeStats();
    const sorted = latencies.toSorted((a, b) => a - b);
    return {
      store: target.name,
      mode,
      disk,
      actions: sorted.length,
      p50: round(percentile(sorted, 0.5)),
      p95: round(percentile(sorted, 0.95)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
      transactionsPerEntry: round((after.batches - before.batches) / Math.max(1, after.entries - before.entries)),
      eventLoopP99: round(delay.percentile(99) / 1e6),
      eventLoopMax: round(delay.max / 1e6),
    };
  } finally {
    await store.close();
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function median(values: number[]): number {
  return percentile(
    values.toSorted((a, b) => a - b),
    0.5,
  );
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const benchDir = mkdtempSync(path.join(os.tmpdir(), "jdt-bench-"));
const targets = [
  sqlite("FULL", benchDir),
  sqlite("FULL", benchDir, true),
  sqlite("NORMAL", benchDir),
  ...(databaseUrl ? [postgres(databaseUrl)] : []),
];
const modes: WriteFigures["mode"][] = ["one commit per entry", "group commit"];
console.log(
  `${TABLES} tables of ${PEOPLE} people appending at once, actions arriving at ${RATE}/s; arrival → durable write, in ms`,
);
const writes: WriteFigures[] = [];
const reopens: ReopenFigures[] = [];
try {
  for (const disk of ["quiet", "busy"] as const) {
    const writer = disk === "busy" ? busyDisk(benchDir) : null;
    try {
      if (writer) await sleep(1_000);
      for (const target of targets) {
        for (const mode of modes) {
          const figures = await measure(target, mode, disk, disk === "busy" ? BUSY_ACTIONS : ACTIONS);
          writes.push(figures);
          const { p50, p95, p99, max, transactionsPerEntry, eventLoopP99, eventLoopMax } = figures;
          console.log(
            `${disk.padEnd(6)} ${target.name.padEnd(22)} ${mode.padEnd(21)} p50 ${p50}  p95 ${p95}  p99 ${p99}  max ${max}  (${transactionsPerEntry} transactions per entry; event loop delay p99 ${eventLoopP99}, max ${eventLoopMax})`,
          );
        }
      }
    } finally {
      writer?.kill("SIGKILL");
    }
  }
  for (const target of targets) {
    const figures = await measureReopen(target);
    reopens.push(figures);
    console.log(
      `reopen ${target.name.padEnd(22)} ${figures.steps} steps, ${figures.entries} entries: from the snapshot at ${figures.snapshotSeq} ${figures.fromSnapshotMs} ms, from the whole log ${figures.wholeLogMs} ms`,
    );
  }
} finally {
  for (const target of targets) await target.cleanup();
  rmSync(benchDir, { recursive: true, force: true });
}

const outDir = path.join(import.meta.dirname, "results");
mkdirSync(outDir, { recursive: true });
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "?",
  platform: `${os.platform()} ${os.release()}`,
  tmpdir: os.tmpdir(),
};
const date = new Date().toISOString();
const workload = {
  tables: TABLES,
  peoplePerTable: PEOPLE,
  actions: ACTIONS,
  busyDiskActions: BUSY_ACTIONS,
  ratePerSecond: RATE,
  reopenSteps: REOPEN_STEPS,
  snapshotEvery: SNAPSHOT_EVERY,
};
writeFileSync(
  path.join(outDir, "durable-write.json"),
  `${JSON.stringify({ date, machine, workload, writes, reopens }, null, 2)}\n`,
);
const markdown = [
  "# Durable writes: group commit and snapshots",
  "",
  `${date} · ${machine.cpu} (${machine.cpus} cores) · ${machine.platform} · Node ${machine.node} · files in ${machine.tmpdir}`,
  "",
  `\`npm run bench\` (bench/durable-write.ts): ${TABLES} tables of ${PEOPLE} people appending at once, actions arriving at ${RATE}/s`,
  `(open loop), each table one action after the other as in the room; from an action's arrival to its durable write, in ms.`,
  `« one commit per entry » is the store with maxBatch 1 (the behaviour before group commit), measured in the same run.`,
  `« fsync on the event loop (before) » is the SQLite store as it was before its fsyncs moved to the thread pool and its`,
  `checkpoints to a worker thread. Event loop delay: this process's, during the run: what a write holding the loop costs`,
  `every other table of the process.`,
  `Busy disk: another process writes 1 MB blocks and fsyncs each, on the same disk (${BUSY_ACTIONS} actions instead of ${ACTIONS}).`,
  `PostgreSQL's baseline commits one entry at a time; the store before group commit let up to 10 such commits run at once`,
  `through its pool, so it did better than this row (but still one commit and one flush per entry).`,
  `The machine is shared: other test runs may have used the disk and CPU at the same time; compare rows of one run.`,
  "",
  "| disk | store | mode | p50 | p95 | p99 | max | transactions per entry | event loop delay p99 / max |",
  "|---|---|---|---|---|---|---|---|---|",
  ...writes.map(
    (w) =>
      `| ${w.disk} | ${w.store} | ${w.mode} | ${w.p50} | ${w.p95} | ${w.p99} | ${w.max} | ${w.transactionsPerEntry} | ${w.eventLoopP99} / ${w.eventLoopMax} |`,
  ),
  "",
  `Reopening a table of ${REOPEN_STEPS} steps (then the longest tail after a snapshot) after a restart (a new store on the same place: load, then replay on the worker`,
  `thread, as the room does; median of ${REOPEN_RUNS}, worker already started), snapshots every ${SNAPSHOT_EVERY} entries:`,
  "",
  "| store | steps | entries | from the snapshot at | ms | from the whole log, ms |",
  "|---|---|---|---|---|---|",
  ...reopens.map(
    (r) => `| ${r.store} | ${r.steps} | ${r.entries} | ${r.snapshotSeq} | ${r.fromSnapshotMs} | ${r.wholeLogMs} |`,
  ),
  "",
].join("\n");
writeFileSync(path.join(outDir, "durable-write.md"), markdown);
console.log(`written to ${path.relative(process.cwd(), path.join(outDir, "durable-write.md"))} and durable-write.json`);
