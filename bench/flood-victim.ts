// The victim table of bench/flood.ts, on its own worker thread so that the attacker's traffic in the main thread does
// not sit in front of its callbacks (the two still share one core: the thread's own event-loop delay is reported).
// A facilitator, some participants and an observer (a projector); one participant narrates their step every
// intervalMs. Measured: request → acknowledgement (RTT), and request → each *other* client seeing the new narration.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { INVITE_LINK_REQUEST, WHOAMI_REQUEST, type ShareLinks, type Whoami } from "#shared/protocol.ts";
import { act, actionId, createTable, join, newKey, sendRaw, waitForState, type AnyRoom } from "./flood-net.ts";

export interface VictimOptions {
  url: string;
  address: string;
  participants: number;
  intervalMs: number;
}

/** One phase's raw samples, in milliseconds. */
export interface VictimPhase {
  sent: number;
  /** One per watching client per accepted action: request sent → that client's state shows it. */
  notify: number[];
  rtt: number[];
  refused: Record<string, number>;
  /** Actions some watcher never saw (by the end of the run). */
  unseen: number;
  /** Event-loop delay of this worker thread (the measuring side). */
  eldP99: number;
  eldMax: number;
}

export type ToVictim = { type: "phase"; name: string } | { type: "stop" };
export type FromVictim =
  | { type: "ready"; tableId: string; watchers: number }
  | {
      type: "results";
      phases: Record<string, VictimPhase>;
      closes: Record<string, number>;
      console: Record<string, number>;
    }
  | { type: "failed"; message: string };

const options = workerData as VictimOptions;
const port = parentPort;
if (!port) throw new Error("flood-victim.ts runs as a worker of bench/flood.ts");

/** What the SDK prints on this thread, counted. */
const printed: Record<string, number> = {};
for (const method of ["error", "warn", "info"] as const) {
  console[method] = (...args: unknown[]) => {
    const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : "")).join(" ");
    const key = `[${method}] ${(text.split("\n")[0] ?? "").replace(/\d+/g, "N").slice(0, 140)}`;
    printed[key] = (printed[key] ?? 0) + 1;
  };
}

const FILLER = " La rue de l'école s'ouvre aux vélos ; les commerçants voient revenir les familles.";

try {
  await run();
} catch (error) {
  port.postMessage({ type: "failed", message: (error as Error).stack ?? String(error) } satisfies FromVictim);
}

async function run() {
  const { url, address } = options;
  const table = await createTable(url, address, "Table témoin");
  const facilitator = await join(
    url,
    address,
    table.tableId,
    { facilitatorKey: table.facilitatorKey },
    newKey(),
    "Awa",
  );
  const people: AnyRoom[] = [];
  for (let i = 0; i < options.participants; i++) {
    people.push(await join(url, address, table.tableId, { invite: table.invite }, newKey(), `Personne ${i + 1}`));
  }
  const links = (await facilitator.request(INVITE_LINK_REQUEST)) as ShareLinks;
  const observerKey = decodeURIComponent(links.observerPath.split("=")[1] ?? "");
  const observer = await join(url, address, table.tableId, { observerKey }, newKey(), "");
  const actor = people[0];
  if (!actor) throw new Error("the victim table needs at least one participant");
  const watchers = [facilitator, ...people.slice(1), observer];

  const closes: Record<string, number> = {};
  for (const room of [actor, ...watchers]) room.onLeave((code: number) => (closes[code] = (closes[code] ?? 0) + 1));

  // Play starts; the actor writes a card, places it, and gets the step it will narrate again and again.
  const started = await act(facilitator, { type: "startPlay" });
  if (!started.ok) throw new Error(`startPlay refused: ${started.code}`);
  const me = (await actor.request(WHOAMI_REQUEST)) as Whoami;
  const written = await act(actor, {
    type: "writeCard",
    deck: "lever",
    title: "Vélo-bus",
    text: "Les enfants vont à l'école à vélo, ensemble.",
  });
  if (!written.ok) throw new Error(`writeCard refused: ${written.code}`);
  await waitForState(actor, () => actor.state.participants.get(me.participantId)?.hand.length > 0);
  const cardId = actor.state.participants.get(me.participantId).hand[0].id as string;
  const placed = await act(actor, { type: "place", cardId, afterStepId: null });
  if (!placed.ok) throw new Error(`place refused: ${placed.code}`);
  const stepId = (actor.state.path.find((s: { card: { id: string } }) => s.card.id === cardId) as { id: string }).id;
  for (const room of watchers)
    await waitForState(room, () => room.state.path.some((s: { id: string }) => s.id === stepId));

  // Samples, by the phase in which their action was sent.
  let phase = "setup";
  const phases: Record<string, VictimPhase> = {};
  const phaseOf = (name: string): VictimPhase =>
    (phases[name] ??= { sent: 0, notify: [], rtt: [], refused: {}, unseen: 0, eldP99: NaN, eldMax: NaN });
  /** Each action: when sent, its phase, when each watcher saw it; refused ones are left out of the figures. */
  const sent = new Map<number, { at: number; phase: string; seen: number[]; refused: boolean }>();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();

  watchers.forEach((room) => {
    let lastSeen = 0;
    room.onStateChange(() => {
      const now = performance.now();
      const step = room.state.path.find((s: { id: string }) => s.id === stepId) as { narration: string } | undefined;
      const match = /^v(\d+) /.exec(step?.narration ?? "");
      const seq = match ? Number(match[1]) : 0;
      // A narration replaced before this client saw it counts as seen when a later one arrives (it is out of date).
      for (let s = lastSeen + 1; s <= seq; s++) {
        sent.get(s)?.seen.push(now - (sent.get(s)?.at ?? now));
      }
      lastSeen = Math.max(lastSeen, seq);
    });
  });

  let seq = 0;
  const tick = () => {
    seq++;
    const at = performance.now();
    const mine = { at, phase, seen: [] as number[], refused: false };
    sent.set(seq, mine);
    const record = phaseOf(phase);
    record.sent++;
    sendRaw(
      actor,
      "action",
      { id: actionId("victim"), action: { type: "narrate", stepId, text: `v${seq}${FILLER}` } },
      (outcome) => {
        if (outcome.ok) record.rtt.push(performance.now() - at);
        else {
          mine.refused = true;
          record.refused[outcome.code] = (record.refused[outcome.code] ?? 0) + 1;
        }
      },
    );
  };
  const timer = setInterval(tick, options.intervalMs);

  const closePhaseDelay = (name: string) => {
    const record = phaseOf(name);
    record.eldP99 = Math.max(0, delay.percentile(99) / 1e6 - 1);
    record.eldMax = Math.max(0, delay.max / 1e6 - 1);
    delay.reset();
  };

  const onMessage = async (message: ToVictim) => {
    if (message.type === "phase") {
      closePhaseDelay(phase);
      phase = message.name;
      return;
    }
    clearInterval(timer);
    closePhaseDelay(phase);
    // Stragglers: anything still on its way gets a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const action of sent.values()) {
      if (action.refused) continue;
      const record = phaseOf(action.phase);
      record.notify.push(...action.seen);
      if (action.seen.length < watchers.length) record.unseen++;
    }
    port!.postMessage({ type: "results", phases, closes, console: printed } satisfies FromVictim);
    for (const room of [actor, ...watchers]) void room.leave(true).catch(() => undefined);
    setTimeout(() => process.exit(0), 500);
  };
  // A failure while reporting ends the worker with its reason, which the bench prints (never a silent hang).
  port!.on("message", (message: ToVictim) => {
    onMessage(message).catch((error: unknown) => {
      console.error("victim failed:", error);
      process.exit(1);
    });
  });

  port!.postMessage({ type: "ready", tableId: table.tableId, watchers: watchers.length } satisfies FromVictim);
}
