// Where a connection's memory goes (issue 10: at most 40 KB of server memory per connection). Written to
// bench/results/memory-per-connection.md and .json.
// Run: node bench/memory-per-connection.ts   (npm run bench:memory)
//
// For each variant and each size N, the real server (node server/main.ts, SQLite in a temp folder, LOG_LEVEL=warn) runs
// as a child process with bench/memory-probe.ts preloaded and --expose-gc; this process seats N idle Colyseus SDK
// clients over real WebSockets, seated like browsers (POST /api/tables, POST /api/tables/:id/join, then
// consumeSeatReservation), in tables of MEMORY_TABLE_SIZE connections (the first with the facilitator's link). The
// probe measures the server after two full collections: once one warm-up table is seated (so that what the first
// table costs the process, compiled code and the decks, is not counted), once half of the N are seated, and once all
// are. Per connection: (all − warm-up) / N, and the marginal cost (all − half) / (N / 2), for the heap used,
// external memory, array buffers and RSS. The per-table part of a table of MEMORY_TABLE_SIZE is included (its room,
// its state): the breakdown below tells them apart.
// Then, for the first variant, the breakdown: in another server, a heap snapshot once the warm-up table is seated and
// another once N more connections are, read here (a streaming reader of V8's .heapsnapshot format) and compared by
// constructor name (self sizes), and by owner: each object is counted under the nearest object of a named class that
// holds it (following one retainer per object), so that Maps, arrays, closures and contexts land under the WebSocket,
// the Colyseus Client, the StateView or the room that keeps them.
// Settings: MEMORY_SIZES="500,2000"; MEMORY_TABLE_SIZE=10; MEMORY_SNAPSHOT_SIZES (the sizes broken down, by default the
// largest; "" for none); MEMORY_VARIANTS="baseline" (comma-separated; each `[label=]part+part…`, a part being a setting
// of VARIANTS below or the path of a patched copy of this repository, whose server then runs: a code change measured
// without touching this tree, its diff written with the results); MEMORY_BASE_TREE (the tree whose server runs when a
// variant names none, and that patches are compared with: a copy frozen while others edit this one; default this
// tree); MEMORY_PORT=2720; MEMORY_NO_PIN=1; MEMORY_OUT (file name under bench/results/, default
// "memory-per-connection"); MEMORY_RENDER=bench/results/<name>.json (measures nothing: writes <name>.md again from it).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { API } from "#shared/protocol.ts";
import { createTable, join, newKey, sleep, type AnyRoom, type OpenedTable } from "./flood-net.ts";
import { envNumber, machineLine, machineNow, pinGenerator } from "./bench-server.ts";

const root = path.resolve(import.meta.dirname, "..");
/** The tree whose server runs when a variant names none: this one, or a copy frozen while others edit this one. */
const baseTree = path.resolve(process.env.MEMORY_BASE_TREE || root);

/** What runs the server differently: Node flags, environment, or another tree (a patched copy). */
interface Variant {
  name: string;
  describe: string;
  nodeFlags: string[];
  env: Record<string, string>;
  /** The tree whose server/main.ts runs (this one by default). */
  tree: string;
}

/** Settings measured without changing any code: Node and V8 flags, the C library's allocator. */
const VARIANTS: Record<string, Omit<Variant, "name" | "tree">> = {
  baseline: { describe: "the server as it runs today", nodeFlags: [], env: {} },
  "semi-space-1": {
    describe:
      "`node --max-semi-space-size=1`: V8's young generation held to two semi-spaces of 1 MB (by default V8 grows them with the allocation rate: 16 MB each once the server has started, 64 MB each after seating 2,000 here)",
    nodeFlags: ["--max-semi-space-size=1"],
    env: {},
  },
  "semi-space-4": {
    describe: "`node --max-semi-space-size=4`: two semi-spaces of 4 MB",
    nodeFlags: ["--max-semi-space-size=4"],
    env: {},
  },
  "semi-space-8": {
    describe: "`node --max-semi-space-size=8`: two semi-spaces of 8 MB",
    nodeFlags: ["--max-semi-space-size=8"],
    env: {},
  },
  "semi-space-16": {
    describe: "`node --max-semi-space-size=16`: two semi-spaces of 16 MB",
    nodeFlags: ["--max-semi-space-size=16"],
    env: {},
  },
  "malloc-arena-2": {
    describe:
      "`MALLOC_ARENA_MAX=2`: glibc's malloc keeps at most 2 arenas (by default up to 8 per core, one per thread that allocates: the event loop, libuv's pool, V8's helpers, the replay and SQLite writer threads)",
    nodeFlags: [],
    env: { MALLOC_ARENA_MAX: "2" },
  },
  "semi-space-1+arena-2": {
    describe: "both: `--max-semi-space-size=1` and `MALLOC_ARENA_MAX=2`",
    nodeFlags: ["--max-semi-space-size=1"],
    env: { MALLOC_ARENA_MAX: "2" },
  },
  "encoder-4kb": {
    describe:
      "`Encoder.BUFFER_SIZE = 4 * 1024` (@colyseus/schema, set before any room exists; default 16 KB: each room's encoder and its full-state buffer)",
    nodeFlags: [],
    env: { MEMORY_ENCODER_KB: "4" },
  },
  "optimize-for-size": {
    describe: "`node --optimize-for-size` (V8 trades speed for memory)",
    nodeFlags: ["--optimize-for-size"],
    env: {},
  },
};

/**
 * A variant as MEMORY_VARIANTS names it: `[label=]part+part…`, each part a setting of VARIANTS or the path of a patched
 * copy of this repository (its server runs instead of this one's), e.g. `catalogue+encoder=/tmp/tree+encoder-4kb`.
 */
function parseVariant(raw: string): Variant {
  const item = raw.trim();
  const equals = item.indexOf("=");
  const label = equals > 0 && !item.slice(0, equals).includes("/") ? item.slice(0, equals) : item;
  const parts = (equals > 0 && label !== item ? item.slice(equals + 1) : item).split("+");
  const variant: Variant = { name: label, describe: "", nodeFlags: [], env: {}, tree: baseTree };
  const described: string[] = [];
  for (const part of parts) {
    if (part.startsWith("/") || part.startsWith(".")) {
      variant.tree = path.resolve(part);
      described.push(`the server of a patched copy (${variant.tree})`);
      continue;
    }
    const known = VARIANTS[part];
    if (!known) throw new Error(`MEMORY_VARIANTS: unknown setting "${part}" (${Object.keys(VARIANTS).join(", ")})`);
    variant.nodeFlags.push(...known.nodeFlags);
    Object.assign(variant.env, known.env);
    described.push(known.describe);
  }
  variant.describe = described.join("; ");
  return variant;
}

const sizesOf = (raw: string) =>
  raw
    .split(",")
    .filter((s) => s.trim())
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 2) throw new Error(`"${s}" is not a number of connections`);
      return n;
    });

const SETTINGS = {
  sizes: sizesOf(process.env.MEMORY_SIZES || "500,2000"),
  tableSize: envNumber("MEMORY_TABLE_SIZE", 10, { allowZero: false }),
  snapshotSizes: sizesOf(
    process.env.MEMORY_SNAPSHOT_SIZES ?? (process.env.MEMORY_SIZES || "500,2000").split(",").at(-1) ?? "",
  ),
  variants: (process.env.MEMORY_VARIANTS || "baseline").split(",").map(parseVariant),
  port: envNumber("MEMORY_PORT", 2720),
  pin: process.env.MEMORY_NO_PIN !== "1",
  out: process.env.MEMORY_OUT || "memory-per-connection",
};
/** Every client comes from this process: the per-address limits a crowd behind one address would hit, raised. */
const BENCH_LIMITS = { LIMIT_JOINS_PER_MINUTE: "1000000", LIMIT_TABLE_CREATIONS_PER_HOUR: "1000000" };
const ADDRESS = "127.0.0.1";
const started = new Date();
const MB = 2 ** 20;

setTimeout(() => {
  console.error("memory benchmark stopped: it ran for more than 40 minutes");
  process.exit(1);
}, 40 * 60_000).unref();

const pinning = pinGenerator(SETTINGS.pin);
const machine = machineNow();

// ——— The server, measured from inside ———

interface Usage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}
interface Measure {
  usage: Usage;
  spaces: Record<string, { size: number; used: number }>;
  resources: number;
  snapshot: string | null;
}

interface Server {
  url: string;
  measure(snapshot?: string): Promise<Measure>;
  stop(): Promise<void>;
  errors: string[];
}

async function startServer(variant: Variant, dataDir: string): Promise<Server> {
  const url = `http://127.0.0.1:${SETTINGS.port}`;
  const command = [
    process.execPath,
    "--expose-gc",
    ...variant.nodeFlags,
    "--import",
    path.join(root, "bench/memory-probe.ts"),
    path.join(variant.tree, "server/main.ts"),
  ];
  const [file, ...args] = pinning.pinned ? ["taskset", "-c", "0", ...command] : command;
  const child: ChildProcess = spawn(file as string, args, {
    cwd: variant.tree,
    env: {
      ...process.env,
      PORT: String(SETTINGS.port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      CLIENT_DIR: path.join(dataDir, "no-client"),
      DATABASE_URL: "",
      REDIS_URL: "",
      ...BENCH_LIMITS,
      ...variant.env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // What the server says besides its address (warnings, errors, a crash's stack): the first lines and the last ones.
  const errors: string[] = [];
  let exited: string | null = null;
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim() || line.startsWith("Jeu des transitions :") || line.includes("no built client")) continue;
      errors.push(line.slice(0, 300));
      if (errors.length > 40) errors.splice(10, 1);
    }
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  child.on("exit", (code, signal) => {
    exited = signal ?? String(code);
    if (!stopping) errors.push(`the server exited (${exited})`);
  });
  let stopping = false;
  const waiting = new Map<number, (m: Measure) => void>();
  child.on("message", (message: Measure & { memory?: string; id?: number; error?: string }) => {
    if (message?.memory !== "measured" || message.id === undefined) return;
    if (message.error) throw new Error(message.error);
    waiting.get(message.id)?.(message);
  });
  let ids = 0;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`the server exited at start (${exited}): ${errors.join(" | ")}`);
    try {
      if ((await fetch(url + API.decks)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not start within 30 s");
    await sleep(100);
  }
  return {
    url,
    errors,
    measure: (snapshot) =>
      new Promise<Measure>((resolve, reject) => {
        const id = ++ids;
        // A snapshot of a large heap takes a while.
        const timer = setTimeout(() => reject(new Error("the server did not answer the probe")), 300_000);
        waiting.set(id, (m) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(m);
        });
        child.send({ memory: "measure", id, ...(snapshot && { snapshot }) });
      }),
    stop: async () => {
      stopping = true;
      if (exited !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    },
  };
}

// ——— The people: idle SDK clients ———

async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Joins retried, and connections closed by the server before a measure: both should stay at 0 (said in the results). */
const trouble = { retries: 0, drops: 0 };

/**
 * Once more after a network failure (on a loaded machine a keep-alive socket the server is closing is sometimes reused,
 * or a join's socket closes with 1006); a refusal with an HTTP status is not retried.
 */
async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || (error as { status?: number }).status !== undefined) throw error;
      trouble.retries += 1;
      await sleep(200 * attempt);
    }
  }
}

/** Seats `count` connections in new tables of MEMORY_TABLE_SIZE; resolves once each has received the whole state. */
async function seat(url: string, count: number, rooms: AnyRoom[]): Promise<void> {
  const tables = Math.ceil(count / SETTINGS.tableSize);
  const opened = await pool(
    Array.from({ length: tables }, (_, t) => t),
    8,
    (t): Promise<OpenedTable> => retried(() => createTable(url, ADDRESS, `Table de mesure ${rooms.length + t + 1}`)),
  );
  const seats = Array.from({ length: count }, (_, i) => ({
    table: opened[Math.floor(i / SETTINGS.tableSize)] as OpenedTable,
    p: i % SETTINGS.tableSize,
  }));
  const joined = await pool(seats, 32, async ({ table, p }) => {
    const secret = p === 0 ? { facilitatorKey: table.facilitatorKey } : { invite: table.invite };
    const room = await retried(() => join(url, ADDRESS, table.tableId, secret, newKey(), `Personne ${p + 1}`));
    room.onLeave(() => (trouble.drops += 1));
    // The whole state (the table's title) has arrived: the server has sent everything a seated browser gets.
    for (let waited = 0; !(room.state as { title?: string }).title && waited < 10_000; waited += 20) await sleep(20);
    return room;
  });
  rooms.push(...joined);
}

function closeAll(rooms: AnyRoom[]): void {
  for (const room of rooms) {
    room.onLeave.clear();
    try {
      room.connection.close();
    } catch {
      // already closed
    }
  }
  rooms.length = 0;
}

// ——— A heap snapshot, read as a stream ———

/** Self sizes and counts by constructor name, and self sizes by owner (the nearest object of a named class holding it). */
interface Aggregate {
  total: number;
  nodes: number;
  byName: Map<string, { count: number; size: number }>;
  byOwner: Map<string, number>;
}

/** Objects of these classes are containers: what they hold is counted under whoever holds them. */
const GENERIC = new Set([
  "Object",
  "Array",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "Promise",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "Uint8Array",
  "Buffer",
  "FastBuffer",
  "DataView",
  "Function",
  "Symbol",
  "Error",
  "Timeout",
  "TimersList",
]);

type Section = "head" | "nodes" | "seekEdges" | "edges" | "seekStrings" | "strings" | "done";

async function readSnapshot(file: string): Promise<Aggregate> {
  let section: Section = "head";
  let carry = "";
  let nodeFields: string[] = [];
  let nodeTypes: string[] = [];
  let edgeFields: string[] = [];
  let edgeTypes: string[] = [];
  let nodes = new Float64Array(0);
  let edges = new Uint32Array(0);
  let filled = 0;
  let number = 0;
  let inNumber = false;
  const strings: string[] = [];
  let inString = false;
  let escaped = false;
  let piece = "";
  const special = /["\\]/g;
  const markers: Partial<Record<Section, [string, Section]>> = {
    head: ['"nodes":[', "nodes"],
    seekEdges: ['"edges":[', "edges"],
    seekStrings: ['"strings":[', "strings"],
  };
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = chunk as string;
    let i = 0;
    while (i < text.length && section !== "done") {
      const marker: [string, Section] | undefined = markers[section];
      if (marker) {
        const hay = carry + text.slice(i);
        const at = hay.indexOf(marker[0]);
        if (at < 0) {
          carry = section === "head" ? hay : hay.slice(-marker[0].length);
          break;
        }
        if (section === "head") {
          const head = JSON.parse(`${hay.slice(0, at).replace(/,\s*$/, "")}}`) as {
            snapshot: {
              meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
              node_count: number;
              edge_count: number;
            };
          };
          const { meta } = head.snapshot;
          nodeFields = meta.node_fields;
          nodeTypes = meta.node_types[0];
          edgeFields = meta.edge_fields;
          edgeTypes = meta.edge_types[0];
          nodes = new Float64Array(head.snapshot.node_count * nodeFields.length);
          edges = new Uint32Array(head.snapshot.edge_count * edgeFields.length);
        }
        i += at + marker[0].length - carry.length;
        carry = "";
        section = marker[1];
        filled = 0;
        continue;
      }
      if (section === "nodes" || section === "edges") {
        const into = section === "nodes" ? nodes : edges;
        for (; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c >= 48 && c <= 57) {
            number = number * 10 + (c - 48);
            inNumber = true;
          } else {
            if (inNumber) into[filled++] = number;
            number = 0;
            inNumber = false;
            if (c === 93) {
              i++;
              section = section === "nodes" ? "seekEdges" : "seekStrings";
              break;
            }
          }
        }
        continue;
      }
      // The strings: JSON strings, each read whole, their escapes decoded by JSON.parse.
      while (i < text.length) {
        if (!inString) {
          const c = text[i++];
          if (c === '"') inString = true;
          else if (c === "]") {
            section = "done";
            break;
          }
          continue;
        }
        if (escaped) {
          // The character after a backslash that ended the previous chunk.
          piece += text[i++] ?? "";
          escaped = false;
          continue;
        }
        special.lastIndex = i;
        const found = special.exec(text);
        if (!found) {
          piece += text.slice(i);
          i = text.length;
          break;
        }
        piece += text.slice(i, found.index + (found[0] === "\\" ? 1 : 0));
        i = found.index + 1;
        if (found[0] === "\\") {
          if (i < text.length) piece += text[i++] ?? "";
          else escaped = true;
          continue;
        }
        strings.push(JSON.parse(`"${piece}"`) as string);
        piece = "";
        inString = false;
      }
    }
  }
  return aggregate({ nodes, edges, strings, nodeFields, nodeTypes, edgeFields, edgeTypes });
}

function aggregate(snapshot: {
  nodes: Float64Array;
  edges: Uint32Array;
  strings: string[];
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
}): Aggregate {
  const { nodes, edges, strings, nodeFields, nodeTypes, edgeFields, edgeTypes } = snapshot;
  const F = nodeFields.length;
  const E = edgeFields.length;
  const TYPE = nodeFields.indexOf("type");
  const NAME = nodeFields.indexOf("name");
  const SIZE = nodeFields.indexOf("self_size");
  const EDGES = nodeFields.indexOf("edge_count");
  const EDGE_TYPE = edgeFields.indexOf("type");
  const TO = edgeFields.indexOf("to_node");
  const count = nodes.length / F;
  const typeOf = (n: number) => nodeTypes[nodes[n * F + TYPE] as number] ?? "?";
  const nameOf = (n: number) => strings[nodes[n * F + NAME] as number] ?? "?";
  const keyOf = (n: number): string => {
    const type = typeOf(n);
    switch (type) {
      case "object":
        return nameOf(n);
      case "closure":
        return "(closures)";
      case "string":
      case "concatenated string":
      case "sliced string":
        return "(strings)";
      case "number":
        return "(heap numbers)";
      case "code":
        return "(compiled code)";
      case "object shape":
        return "(object shapes)";
      case "native":
        return `(native) ${nameOf(n)}`;
      default:
        return `(${type}) ${nameOf(n).replace(/^\(|\)$/g, "")}`;
    }
  };
  // V8's own objects ("system / Context", "system / Map"…) are containers too.
  const named = (n: number) => typeOf(n) === "object" && !GENERIC.has(nameOf(n)) && !nameOf(n).startsWith("system /");
  // One retainer per node: the first strong edge to it from an object of the heap (not a synthetic root).
  const retainer = new Int32Array(count).fill(-1);
  let edge = 0;
  for (let n = 0; n < count; n++) {
    const outgoing = nodes[n * F + EDGES] as number;
    const fromRoot = typeOf(n) === "synthetic";
    for (let k = 0; k < outgoing; k++, edge += E) {
      const type = edgeTypes[edges[edge + EDGE_TYPE] as number];
      if (fromRoot || type === "weak" || type === "shortcut") continue;
      const to = (edges[edge + TO] as number) / F;
      if (to !== n && retainer[to] === -1) retainer[to] = n;
    }
  }
  const owner = new Int32Array(count).fill(-2);
  const ownerOf = (n: number): number => {
    const path: number[] = [];
    let m = n;
    for (let depth = 0; m >= 0 && depth < 16; depth++) {
      if ((owner[m] as number) !== -2) break;
      if (named(m)) {
        owner[m] = m;
        break;
      }
      path.push(m);
      m = retainer[m] as number;
    }
    const found = m >= 0 ? (owner[m] as number) : -1;
    for (const p of path) owner[p] = found === -2 ? -1 : found;
    return owner[n] as number;
  };
  const byName = new Map<string, { count: number; size: number }>();
  const byOwner = new Map<string, number>();
  let total = 0;
  for (let n = 0; n < count; n++) {
    const size = nodes[n * F + SIZE] as number;
    if (typeOf(n) === "synthetic") continue;
    total += size;
    const key = keyOf(n);
    const entry = byName.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += size;
    byName.set(key, entry);
    const o = ownerOf(n);
    const ownerName = o >= 0 ? nameOf(o) : "(no named owner)";
    byOwner.set(ownerName, (byOwner.get(ownerName) ?? 0) + size);
  }
  return { total, nodes: count, byName, byOwner };
}

// ——— One run ———

interface SizeRun {
  connections: number;
  tables: number;
  warm: Usage;
  half: Usage;
  all: Usage;
  /** V8's spaces (committed bytes) once the warm-up table is seated, and once all are. */
  spacesWarm: Record<string, number>;
  spacesAll: Record<string, number>;
  /** Joins retried after a network failure, connections the server closed before the last measure. */
  retries: number;
  drops: number;
  perConnection: Record<keyof Usage, number>;
  marginal: Record<keyof Usage, number>;
  seatingS: number;
}

interface Breakdown {
  connections: number;
  heapGrowth: number;
  byName: { name: string; countPerConnection: number; bytesPerConnection: number }[];
  byOwner: { owner: string; bytesPerConnection: number }[];
}

interface VariantRun {
  variant: Omit<Variant, "tree"> & { tree: string };
  sizes: SizeRun[];
  breakdowns: Breakdown[];
  /** Sizes that could not be measured, and why (the server's last words are in errors). */
  failures: { connections: number; message: string }[];
  /** What a patched copy changes (a unified diff against the base tree); "" for a setting. */
  patch: string;
  errors: string[];
}

const KEYS: (keyof Usage)[] = ["heapUsed", "external", "arrayBuffers", "rss", "heapTotal"];
const per = (a: Usage, b: Usage, n: number) =>
  Object.fromEntries(KEYS.map((k) => [k, (b[k] - a[k]) / n])) as Record<keyof Usage, number>;

async function measureSize(variant: Variant, connections: number, errors: string[]): Promise<SizeRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "memory-bench-"));
  const server = await startServer(variant, dataDir);
  const rooms: AnyRoom[] = [];
  trouble.retries = 0;
  trouble.drops = 0;
  try {
    await seat(server.url, SETTINGS.tableSize, rooms);
    await sleep(1000);
    const warmMeasure = await server.measure();
    const warm = warmMeasure.usage;
    const start = performance.now();
    const half = Math.floor(connections / 2);
    await seat(server.url, half, rooms);
    await sleep(1000);
    const halfway = (await server.measure()).usage;
    await seat(server.url, connections - half, rooms);
    const seatingS = (performance.now() - start) / 1000;
    await sleep(1000);
    const allMeasure = await server.measure();
    const all = allMeasure.usage;
    const sizes = (m: Measure) =>
      Object.fromEntries(Object.entries(m.spaces).map(([name, space]) => [name, space.size]));
    return {
      connections,
      tables: Math.ceil(connections / SETTINGS.tableSize),
      warm,
      half: halfway,
      all,
      perConnection: per(warm, all, connections),
      marginal: per(halfway, all, connections - half),
      spacesWarm: sizes(warmMeasure),
      spacesAll: sizes(allMeasure),
      retries: trouble.retries,
      drops: trouble.drops,
      seatingS,
    };
  } finally {
    closeAll(rooms);
    errors.push(...server.errors);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function breakDown(variant: Variant, connections: number, errors: string[]): Promise<Breakdown> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "memory-bench-"));
  const server = await startServer(variant, dataDir);
  const rooms: AnyRoom[] = [];
  const before = path.join(dataDir, "before.heapsnapshot");
  const after = path.join(dataDir, "after.heapsnapshot");
  try {
    await seat(server.url, SETTINGS.tableSize, rooms);
    await sleep(1000);
    await server.measure(before);
    await seat(server.url, connections, rooms);
    await sleep(1000);
    await server.measure(after);
    closeAll(rooms);
    errors.push(...server.errors);
    await server.stop();
    const [a, b] = [await readSnapshot(before), await readSnapshot(after)];
    const byName = [...b.byName]
      .map(([name, { count, size }]) => {
        const was = a.byName.get(name) ?? { count: 0, size: 0 };
        return {
          name,
          countPerConnection: (count - was.count) / connections,
          bytesPerConnection: (size - was.size) / connections,
        };
      })
      .sort((x, y) => y.bytesPerConnection - x.bytesPerConnection);
    const byOwner = [...b.byOwner]
      .map(([owner, size]) => ({ owner, bytesPerConnection: (size - (a.byOwner.get(owner) ?? 0)) / connections }))
      .sort((x, y) => y.bytesPerConnection - x.bytesPerConnection);
    return { connections, heapGrowth: (b.total - a.total) / connections, byName, byOwner };
  } finally {
    closeAll(rooms);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ——— Results ———

/** What a patched copy changes in the server's code (server/, shared/, cards/), as a unified diff against the base tree. */
function patchOf(tree: string): string {
  if (tree === baseTree) return "";
  const parts: string[] = [];
  for (const folder of ["server", "shared", "cards"]) {
    try {
      execFileSync("diff", ["-ruN", path.join(baseTree, folder), path.join(tree, folder)], { encoding: "utf8" });
    } catch (error) {
      // diff exits with 1 when the trees differ: its output is the patch.
      const out = (error as { stdout?: string }).stdout ?? "";
      parts.push(
        out
          .replaceAll(`${baseTree}/`, "a/")
          .replaceAll(`${tree}/`, "b/")
          .replace(/^diff -ruN .*\n/gm, ""),
      );
    }
  }
  return parts.join("").trimEnd();
}

/** V8's heap spaces worth showing (the others stay near zero). */
const SPACES = ["new_space", "old_space", "code_space", "large_object_space", "trusted_space"];
const kb = (bytes: number, digits = 1) => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(digits) : "?");
const mb = (bytes: number) => (bytes / MB).toFixed(1);

/** What the results file says of the run besides its figures (kept in the JSON, so that it can be written again). */
interface RunContext {
  started: string;
  command: string;
  machine: ReturnType<typeof machineNow>;
  loadAtEnd: number[];
  server: string;
  generator: string;
  /** Set when the server ran from a copy of this tree. */
  baseTree: string | null;
  tableSize: number;
}

function markdown(runs: VariantRun[], context: RunContext): string {
  const tableSize = context.tableSize;
  const lines = [
    "# Memory per server connection (issue 10)",
    "",
    `Measured ${context.started} with \`${context.command}\` (bench/memory-per-connection.ts).`,
    "",
    `- Machine: ${machineLine(context.machine)}; at the end ${context.loadAtEnd.map((l) => l.toFixed(2)).join(" / ")}.`,
    `- Server: \`node --expose-gc --import ./bench/memory-probe.ts server/main.ts\`${context.baseTree ? ` of a copy of this tree taken just before the run (${context.baseTree}: others were editing the server meanwhile)` : ""} (SQLite in a temp folder, LOG_LEVEL=warn), ${context.server}; this process (the SDK clients): ${context.generator}. Limits at their defaults but ${Object.entries(
      BENCH_LIMITS,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(", ")} (every client joins from this one address).`,
    `- People: idle Colyseus SDK clients seated like browsers (POST /api/tables, POST /api/tables/:id/join, consumeSeatReservation), in tables of ${tableSize} connections (the facilitator and ${tableSize - 1} participants), tables in preparation. Each has received the whole state before the measure.`,
    "- Measured inside the server after two full collections (`gc()`): once one warm-up table is seated, once half of the connections are, once all are. Per connection = (all − warm-up) / N; marginal = (all − half) / (N / 2). The part of each table (its room, its state, its log) is included, shared by its connections.",
    "",
    "## Per connection",
    "",
    "| Variant | Connections (tables) | Heap used | External | Array buffers | RSS | Marginal heap / RSS | Heap total | RSS at N | Joins retried / dropped |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const run of runs) {
    for (const f of run.failures)
      lines.push(
        `| ${run.variant.name} | ${f.connections} | failed: ${f.message.replace(/\|/g, "/") || "(no message)"} | | | | | | | |`,
      );
    for (const s of run.sizes) {
      lines.push(
        `| ${run.variant.name} | ${s.connections} (${s.tables}) | ${kb(s.perConnection.heapUsed)} KB | ${kb(
          s.perConnection.external,
        )} KB | ${kb(s.perConnection.arrayBuffers)} KB | **${kb(s.perConnection.rss)} KB** | ${kb(
          s.marginal.heapUsed,
        )} / ${kb(s.marginal.rss)} KB | ${kb(s.perConnection.heapTotal)} KB | ${mb(s.all.rss)} MB | ${s.retries} / ${s.drops} |`,
      );
    }
  }
  lines.push(
    "",
    "Heap used and external memory come out nearly the same from run to run; RSS does not: it holds whatever V8 and malloc have taken from the system and not given back, above all the young generation, which V8 grows with the allocation rate (seating people allocates fast) and shrinks later, if ever. The table below shows it: where the young generation grew during the run, the RSS per connection carries it.",
    "",
    "Where the heap's committed memory grew, per connection (V8's spaces: what the RSS holds of the heap, used or not):",
    "",
    "| Variant | Connections | " + SPACES.join(" | ") + " |",
    "|---|---|" + SPACES.map(() => "---").join("|") + "|",
  );
  for (const run of runs) {
    for (const s of run.sizes) {
      const grown = (space: string) => kb(((s.spacesAll[space] ?? 0) - (s.spacesWarm[space] ?? 0)) / s.connections);
      lines.push(
        `| ${run.variant.name} | ${s.connections} | ${SPACES.map((space) => `${grown(space)} KB`).join(" | ")} |`,
      );
    }
  }
  lines.push("", "Variants:", "");
  for (const { variant: v, patch } of runs) {
    lines.push(`- **${v.name}**: ${v.describe}`);
    if (patch)
      lines.push(
        "",
        "  The change, against the tree measured as baseline:",
        "",
        "  ```diff",
        ...patch.split("\n").map((l) => `  ${l}`),
        "  ```",
        "",
      );
  }
  for (const run of runs) {
    for (const b of run.breakdowns) {
      const shown = (bytes: number) => Math.abs(bytes) >= 16;
      lines.push(
        "",
        `## Breakdown: ${run.variant.name}, ${b.connections} connections (heap snapshots)`,
        "",
        `Heap objects' self sizes, after minus before seating ${b.connections} connections, per connection: ${kb(b.heapGrowth, 2)} KB in all (native array buffer data included where V8 reports it).`,
        "",
        "By owner (the nearest object of a named class holding it, one retainer followed per object):",
        "",
        "| Owner | Bytes per connection |",
        "|---|---|",
        ...b.byOwner
          .filter((o) => shown(o.bytesPerConnection))
          .slice(0, 30)
          .map((o) => `| ${o.owner.replace(/\|/g, "/")} | ${o.bytesPerConnection.toFixed(0)} |`),
        "",
        "By constructor (self sizes):",
        "",
        "| Constructor | Objects per connection | Bytes per connection |",
        "|---|---|---|",
        ...b.byName
          .filter((o) => shown(o.bytesPerConnection))
          .slice(0, 40)
          .map(
            (o) =>
              `| ${o.name.replace(/\|/g, "/")} | ${o.countPerConnection.toFixed(2)} | ${o.bytesPerConnection.toFixed(0)} |`,
          ),
      );
    }
  }
  const errors = runs.flatMap((r) => r.errors.map((e) => `${r.variant.name}: ${e}`));
  if (errors.length)
    lines.push("", "## Server output", "", ...errors.slice(0, 20).map((e) => `- \`${e.replace(/`/g, "'")}\``));
  return `${lines.join("\n")}\n`;
}

function context(): RunContext {
  // The settings given, then the script: what to type to measure the same again.
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith("MEMORY_") && name !== "MEMORY_RENDER")
    .map(([name, value]) => `${name}=${/^[\w./,:-]*$/.test(value ?? "") ? value : JSON.stringify(value)}`);
  const command = [...settings, "npm run bench:memory"].join(" ");
  return {
    started: started.toISOString(),
    command,
    machine,
    loadAtEnd: os.loadavg(),
    server: pinning.server,
    generator: pinning.generator,
    baseTree: baseTree === root ? null : baseTree,
    tableSize: SETTINGS.tableSize,
  };
}

function write(measured: VariantRun[]): void {
  const ran = context();
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(path.join(root, `bench/results/${SETTINGS.out}.md`), markdown(measured, ran));
  writeFileSync(
    path.join(root, `bench/results/${SETTINGS.out}.json`),
    `${JSON.stringify({ context: ran, settings: SETTINGS, runs: measured }, null, 2)}\n`,
  );
}

// MEMORY_RENDER=bench/results/x.json writes x.md again from the figures it holds (after a change of this file's text).
const render = process.env.MEMORY_RENDER;
if (render) {
  const saved = JSON.parse(readFileSync(render, "utf8")) as { context: RunContext; runs: VariantRun[] };
  writeFileSync(render.replace(/\.json$/, ".md"), markdown(saved.runs, saved.context));
  console.log(`Written ${render.replace(/\.json$/, ".md")} from ${render}`);
  process.exit(0);
}

const runs: VariantRun[] = [];
console.log(
  `Memory per connection: sizes ${SETTINGS.sizes.join(", ")}, tables of ${SETTINGS.tableSize}, variants ${SETTINGS.variants.map((v) => v.name).join(", ")}; ${pinning.pinned ? "server core 0, clients core 1" : "not pinned"}`,
);
for (const [index, variant] of SETTINGS.variants.entries()) {
  const run: VariantRun = {
    variant,
    sizes: [],
    breakdowns: [],
    failures: [],
    errors: [],
    patch: patchOf(variant.tree),
  };
  runs.push(run);
  for (const connections of SETTINGS.sizes) {
    let measured: SizeRun;
    try {
      measured = await measureSize(variant, connections, run.errors);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message =
        error instanceof Error
          ? `${error.message || error.name}${code === undefined ? "" : ` (code ${String(code)})`}${error.cause ? ` (${String(error.cause)})` : ""}`
          : String(error);
      run.failures.push({ connections, message });
      console.log(`  ${variant.name} ${connections}: FAILED: ${message}`);
      for (const line of run.errors.slice(-10)) console.log(`    server: ${line}`);
      continue;
    }
    run.sizes.push(measured);
    console.log(
      `  ${variant.name} ${connections}: heap ${kb(measured.perConnection.heapUsed)} KB, external ${kb(measured.perConnection.external)} KB, array buffers ${kb(measured.perConnection.arrayBuffers)} KB, RSS ${kb(measured.perConnection.rss)} KB per connection (marginal: heap ${kb(measured.marginal.heapUsed)} KB, RSS ${kb(measured.marginal.rss)} KB); seated in ${measured.seatingS.toFixed(1)} s`,
    );
  }
  if (index === 0) {
    for (const connections of SETTINGS.snapshotSizes) {
      const breakdown = await breakDown(variant, connections, run.errors);
      run.breakdowns.push(breakdown);
      console.log(`  ${variant.name} ${connections}: breakdown done (${kb(breakdown.heapGrowth)} KB of heap objects)`);
      for (const o of breakdown.byOwner.slice(0, 12))
        console.log(`    ${o.owner.padEnd(40)} ${o.bytesPerConnection.toFixed(0)} B`);
    }
  }
  // Written after each variant: a long run stopped halfway keeps what it measured.
  write(runs);
}
write(runs);
console.log(`Written to bench/results/${SETTINGS.out}.md and .json`);
process.exit(0);
