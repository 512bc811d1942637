// The server's metrics, in Prometheus' text format (GET /metrics, server/http/operations.ts), with prom-client: what
// the tables do (connections, tables open, actions accepted, refusals by code, write latency) and the process itself
// (event-loop delay, memory, CPU, handles: prom-client's defaults). Counts only: no table id, name or text is a label.
import { matchMaker } from "@colyseus/core";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** One registry for this process (not prom-client's global one, so a test can build the app twice). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

// Read from Colyseus' own bookkeeping when scraped: nothing to keep in step.
new Gauge({
  name: "jdt_connections",
  help: "Open WebSocket connections to tables (participants and observers).",
  registers: [registry],
  collect() {
    this.set(matchMaker.stats.local.ccu);
  },
});

new Gauge({
  name: "jdt_tables_open",
  help: "Tables open in this process (a room is open while someone is at the table).",
  registers: [registry],
  collect() {
    this.set(matchMaker.stats.local.roomCount);
  },
});

const actionsAccepted = new Counter({
  name: "jdt_actions_accepted_total",
  help: "Actions accepted and written to a table's log (rate() gives actions per second).",
  registers: [registry],
});

const refusals = new Counter({
  name: "jdt_refusals_total",
  help: "Requests refused by a table (the code of the refusal: tooFast, wrongPhase, saveFailed…).",
  labelNames: ["code"],
  registers: [registry],
});

const writeSeconds = new Histogram({
  name: "jdt_store_append_seconds",
  help: "Time to write one log entry durably (store.append), joins and actions.",
  // From a fsync on a fast disk to a slow PostgreSQL: the SLO of an action is well under a second.
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

const actionSeconds = new Histogram({
  name: "jdt_action_seconds",
  help:
    "From an action's arrival in its table's room to its change sent to everyone at the table (checked, written " +
    "durably, applied, patched): the server's share of what people wait for. Accepted actions only.",
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
  registers: [registry],
});

/** Starts timing an action as it arrives; the function returned, called once its change is sent, records it. */
export function timeAction(): () => void {
  return actionSeconds.startTimer();
}

/**
 * The buckets (upper bound in seconds, cumulative count) of the actions' times or of the store's appends, as the load
 * benchmark's probe reads them.
 */
export async function timeBuckets(of: "action" | "append"): Promise<{ le: number; count: number }[]> {
  const histogram = of === "action" ? actionSeconds : writeSeconds;
  const { values } = await histogram.get();
  return values
    .filter((value) => value.metricName?.endsWith("_bucket"))
    .map((value) => ({ le: value.labels.le === "+Inf" ? Infinity : Number(value.labels.le), count: value.value }));
}

/** An action was accepted (after its entry is written). */
export function countAcceptedAction(): void {
  actionsAccepted.inc();
}

/** Times a store write; `write` is called here, so a synchronous store's work is inside the measure. */
export async function timedWrite<T>(write: () => Promise<T>): Promise<T> {
  const done = writeSeconds.startTimer();
  try {
    return await write();
  } finally {
    done();
  }
}

/** What a message context looks like to us: Colyseus' reject(reason). */
interface Rejecting {
  reject(reason?: unknown): unknown;
}

/**
 * The room's message handlers, each given a context whose reject() also counts the refusal under its code: every
 * `ctx.reject(refusal)` of the room is counted, including those of handlers added later.
 */
export function countingRefusals<T extends object>(handlers: T): T {
  const counted: Record<string, unknown> = {};
  for (const [type, entry] of Object.entries(handlers)) {
    // A handler is a function, or { format, handler } when Colyseus validates the payload first.
    if (typeof entry === "function") counted[type] = counting(entry);
    else if (typeof entry?.handler === "function") counted[type] = { ...entry, handler: counting(entry.handler) };
    else counted[type] = entry;
  }
  return counted as T;
}

type Handler = (this: unknown, client: unknown, payload: unknown, ctx?: Rejecting, ...rest: unknown[]) => unknown;

function counting(handler: Handler): Handler {
  return function (this: unknown, client, payload, ctx, ...rest) {
    return handler.call(this, client, payload, ctx && countingContext(ctx), ...rest);
  };
}

function countingContext<C extends Rejecting>(ctx: C): C {
  return new Proxy(ctx, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === "reject") {
        return (reason?: unknown) => {
          refusals.inc({ code: codeOf(reason) });
          return target.reject(reason);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The refusal's code when it is one of ours ({ code, message }); anything else is counted as "other". */
function codeOf(reason: unknown): string {
  const code = (reason as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(code) ? code : "other";
}
