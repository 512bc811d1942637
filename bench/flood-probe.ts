// Preloaded into the server by bench/flood.ts (node --import ./bench/flood-probe.ts server/main.ts): measures the
// server from inside. Over the IPC channel the bench asks for a "mark"; the answer holds what happened since the
// previous mark: event-loop delay (monitorEventLoopDelay, 1 ms resolution, the resolution subtracted), event-loop
// utilisation, CPU time, the largest RSS and heap seen, and on request (with --expose-gc) the heap after a full
// collection. Not SIGUSR2: Colyseus shuts down on it.
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const RESOLUTION_MS = 1;

// An experiment, off by default: FLOOD_SERVER_ENCODER_KB sets @colyseus/schema's Encoder.BUFFER_SIZE in the server
// before any room exists (the server itself leaves it at its default of 16 KB).
const encoderKb = Number(process.env.FLOOD_SERVER_ENCODER_KB ?? 0);
if (encoderKb > 0) {
  const { Encoder } = await import("@colyseus/schema");
  Encoder.BUFFER_SIZE = encoderKb * 1024;
}

/** Percentiles (ms) of what a histogram counted between two readings of its cumulative buckets, interpolated in a bucket. */
function bucketPercentiles(
  before: { le: number; count: number }[],
  after: { le: number; count: number }[],
): { count: number; p50: number; p95: number; p99: number } | null {
  const counts = after.map((bucket, i) => ({ le: bucket.le, count: bucket.count - (before[i]?.count ?? 0) }));
  const total = counts.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const at = (q: number) => {
    const rank = q * total;
    let lower = 0;
    let below = 0;
    for (const { le, count } of counts) {
      if (count >= rank) {
        if (!Number.isFinite(le)) return lower * 1000;
        return (lower + ((rank - below) / Math.max(1, count - below)) * (le - lower)) * 1000;
      }
      lower = le;
      below = count;
    }
    return lower * 1000;
  };
  return { count: total, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

// The server's own timing of each action, arrival → sent to the table (server/metrics.ts). The floor has none, and
// does not load the server's metrics (their default collectors would run in it).
const timeBuckets = process.argv[1]?.endsWith(path.join("server", "main.ts"))
  ? (await import("#server/metrics.ts")).timeBuckets
  : async () => [];

if (process.send) {
  let actionsBefore = await timeBuckets("action");
  let appendsBefore = await timeBuckets("append");
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let since = performance.now();
  let rssMax = 0;
  let heapMax = 0;
  const sample = () => {
    const memory = process.memoryUsage();
    rssMax = Math.max(rssMax, memory.rss);
    heapMax = Math.max(heapMax, memory.heapUsed);
  };
  setInterval(sample, 250).unref();

  const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  const gc = (globalThis as { gc?: () => void }).gc;
  const answer = async (message: { probe?: string; id?: number; gc?: boolean }) => {
    if (message?.probe !== "mark") return;
    const actionsNow = await timeBuckets("action");
    const appendsNow = await timeBuckets("append");
    sample();
    // With --expose-gc, the heap that survives a full collection: what a leak would grow.
    let heapAfterGcMb: number | null = null;
    if (message.gc && gc) {
      gc();
      heapAfterGcMb = process.memoryUsage().heapUsed / 2 ** 20;
    }
    const now = performance.now();
    const wall = now - since;
    const used = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const stats = {
      wallMs: wall,
      eldP50: ms(delay.percentile(50)),
      eldP99: ms(delay.percentile(99)),
      eldMax: ms(delay.max),
      elu: performance.eventLoopUtilization(elu).utilization,
      cpu: (used.user + used.system) / 1000 / wall,
      rssMaxMb: rssMax / 2 ** 20,
      heapMaxMb: heapMax / 2 ** 20,
      rssMb: memory.rss / 2 ** 20,
      heapMb: memory.heapUsed / 2 ** 20,
      heapAfterGcMb,
      /** Open handles and requests (sockets, timers, files): a leak of connections shows here. */
      resources: process.getActiveResourcesInfo().length,
      /** Actions accepted since the last mark, and their arrival → sent to the table inside the server (ms). */
      actions: bucketPercentiles(actionsBefore, actionsNow),
      /** The store's appends (joins and actions) since the last mark, from append to durable (ms). */
      appends: bucketPercentiles(appendsBefore, appendsNow),
    };
    actionsBefore = actionsNow;
    appendsBefore = appendsNow;
    delay.reset();
    elu = performance.eventLoopUtilization();
    cpu = process.cpuUsage();
    since = now;
    rssMax = memory.rss;
    heapMax = memory.heapUsed;
    process.send?.({ probe: "mark", id: message.id, stats });
  };
  process.on("message", (message: { probe?: string; id?: number; gc?: boolean }) => void answer(message));
  // The channel must not keep the server alive once it is asked to stop.
  process.channel?.unref();
}
