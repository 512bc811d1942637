// What every load benchmark does around the server it measures: pins the server and the load generator to separate
// cores (taskset) so each figure is whose it claims to be, starts `node server/main.ts` with the probe
// (bench/flood-probe.ts: event-loop delay, utilisation, CPU, memory inside the server), waits until it answers, asks
// the probe for its figures since the last mark, and describes the machine for the results file.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { API } from "#shared/protocol.ts";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The server's Node flags, as package.json's `start` gives them: V8's young generation held to two semi-spaces of 8 MB,
 * and its collector on the event loop's own thread (no helper threads competing with it for the process's one core).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=8", "--single-threaded-gc"];
/** A setting of a benchmark from the environment (LOAD_SIZES…), its default when unset; anything but a number refused. */
export function envNumber(name: string, fallback: number, { allowZero = true } = {}): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a ${allowZero ? "" : "positive "}number, not "${raw}"`);
  }
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the probe answers at each mark (flood-probe.ts); the heap figures come only with --expose-gc. */
export interface ProbeStats {
  wallMs: number;
  eldP50: number;
  eldP99: number;
  eldMax: number;
  elu: number;
  cpu: number;
  rssMaxMb: number;
  heapMaxMb: number;
  rssMb: number;
  heapMb: number;
  heapAfterGcMb: number | null;
  resources: number;
  /** Inside the server: accepted actions since the last mark, arrival → sent to the table (ms); null on the floor. */
  actions: { count: number; p50: number; p95: number; p99: number } | null;
  /** Inside the server: the store's appends since the last mark, append → durable (ms); null on the floor. */
  appends: { count: number; p50: number; p95: number; p99: number } | null;
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Pins this process (the load generator) to core 1 when it can, the server going to core 0; says where each runs. */
export function pinGenerator(wanted: boolean): { pinned: boolean; server: string; generator: string } {
  const pinned = wanted && os.cpus().length >= 2 && hasTaskset();
  if (!pinned) return { pinned, server: "not pinned", generator: "not pinned" };
  execFileSync("taskset", ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" });
  return { pinned, server: "core 0 (taskset)", generator: "core 1 (taskset)" };
}

export interface BenchServer {
  child: ChildProcess;
  /** Resolves once the server answers over HTTP; rejects if it exits or does not answer within 30 s. */
  ready: Promise<void>;
  /** How it exited (signal or code), null while it runs. */
  exit(): string | null;
  /** The server's figures since the previous mark (null if it does not answer within 15 s). */
  mark(gc?: boolean): Promise<ProbeStats | null>;
}

/**
 * Starts the server measured: SQLite in dataDir, no built client, LOG_LEVEL=warn, on core 0 when pinned. Each line
 * it prints goes to onLine; the env given is added to (and overrides) these defaults.
 */
export function startBenchServer(options: {
  port: number;
  dataDir: string;
  pinned: boolean;
  env?: Record<string, string>;
  exposeGc?: boolean;
  /** What runs under the probe instead of the server (a floor to compare with); it must answer GET /api/decks. */
  script?: string;
  onLine: (line: string) => void;
}): BenchServer {
  const url = `http://127.0.0.1:${options.port}`;
  const command = [
    process.execPath,
    ...(options.exposeGc ? ["--expose-gc"] : []),
    // As `npm start` runs the server (package.json); a floor script runs with Node's defaults.
    ...(options.script ? [] : SERVER_NODE_FLAGS),
    // Extra Node flags for the server only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see
    // where its CPU goes under the load (NODE_OPTIONS may not carry --cpu-prof).
    ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    "--import",
    "./bench/flood-probe.ts",
    options.script ?? "server/main.ts",
  ];
  const [file, ...args] = options.pinned ? ["taskset", "-c", "0", ...command] : command;
  const child = spawn(file as string, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir,
      LOG_LEVEL: "warn",
      CLIENT_DIR: path.join(options.dataDir, "no-client"),
      DATABASE_URL: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let exited: string | null = null;
  const lines: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      if (lines.length < 5) lines.push(line.slice(0, 200));
      options.onLine(line);
    }
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  child.on("exit", (code, signal) => (exited = signal ?? String(code)));

  const marks = new Map<number, (stats: ProbeStats | null) => void>();
  child.on("message", (message: { probe?: string; id?: number; stats?: ProbeStats }) => {
    if (message?.probe === "mark" && message.id !== undefined) marks.get(message.id)?.(message.stats ?? null);
  });
  let markId = 0;
  const mark = (gc = false) =>
    new Promise<ProbeStats | null>((resolve) => {
      const id = ++markId;
      const timer = setTimeout(() => {
        marks.delete(id);
        resolve(null);
      }, 15_000);
      marks.set(id, (stats) => {
        clearTimeout(timer);
        marks.delete(id);
        resolve(stats);
      });
      try {
        child.send({ probe: "mark", id, gc });
      } catch {
        resolve(null);
      }
    });

  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited !== null) throw new Error(`the server exited at start (${exited}): ${lines.join(" | ")}`);
      try {
        if ((await fetch(url + API.decks)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("the server did not start within 30 s");
      await sleep(100);
    }
  })();
  return { child, ready, exit: () => exited, mark };
}

export interface Machine {
  cpu: string;
  cpus: number;
  memoryGb: number;
  node: string;
  os: string;
  loadAverageAtStart: number[];
}

/** The machine a results file was measured on; call it before the run starts (its load average is the starting one). */
export function machineNow(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? "?",
    cpus: os.cpus().length,
    memoryGb: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

/** The machine in one line of a results file. */
export function machineLine(machine: Machine): string {
  const load = machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(" / ");
  return `${machine.cpus} × ${machine.cpu}, ${machine.memoryGb.toFixed(1)} GB, ${machine.os}, Node ${machine.node}; load average at start ${load}`;
}
