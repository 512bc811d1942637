// Preloaded into the server by bench/memory-per-connection.ts (node --expose-gc --import ./bench/memory-probe.ts
// server/main.ts): over the IPC channel the bench asks for a measure; the answer holds the process's memory after two
// full collections (heap used, external, array buffers, RSS, V8's spaces), and, when asked, the path of a heap snapshot
// written then (v8.writeHeapSnapshot). Node built-ins only (but for the one setting below, when asked): it adds nothing
// to what the server loads.
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8";

interface MeasureRequest {
  memory?: "measure";
  id?: number;
  /** Where to write a heap snapshot after measuring; none when absent. */
  snapshot?: string;
}

const gc = (globalThis as { gc?: () => void }).gc;

// A setting measured, off by default: MEMORY_ENCODER_KB sets @colyseus/schema's Encoder.BUFFER_SIZE (16 KB by default:
// each room's encoder buffer and its full-state buffer) before any room exists.
const encoderKb = Number(process.env.MEMORY_ENCODER_KB ?? 0);
if (encoderKb > 0) {
  const { Encoder } = await import("@colyseus/schema");
  Encoder.BUFFER_SIZE = encoderKb * 1024;
}

if (process.send) {
  process.on("message", (message: MeasureRequest) => {
    if (message?.memory !== "measure") return;
    if (!gc) {
      process.send?.({ memory: "measured", id: message.id, error: "the server runs without --expose-gc" });
      return;
    }
    gc();
    gc();
    const usage = process.memoryUsage();
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]),
    );
    const resources = process.getActiveResourcesInfo().length;
    // Measured first: writing a snapshot allocates, and what it allocates must not be counted.
    const snapshot = message.snapshot ? writeHeapSnapshot(message.snapshot) : null;
    process.send?.({ memory: "measured", id: message.id, usage, spaces, resources, snapshot });
  });
  // The channel must not keep the server alive once it is asked to stop.
  process.channel?.unref();
}
