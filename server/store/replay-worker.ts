// The worker thread that rebuilds tables from their logs, so that a long log never stalls the tables being played.
import { parentPort } from "node:worker_threads";
import { replay } from "./replay.ts";
import type { StoredTable } from "./table-store.ts";

export interface ReplayRequest {
  id: number;
  stored: StoredTable;
}

export type ReplayResponse =
  | {
      id: number;
      ok: true;
      state: unknown;
      seats: [string, string][];
      entryIds: string[];
      lastSeq: number;
      from: number;
    }
  | { id: number; ok: false; message: string };

parentPort?.on("message", ({ id, stored }: ReplayRequest) => {
  let response: ReplayResponse;
  try {
    const replayed = replay(stored);
    response = {
      id,
      ok: true,
      state: replayed.state,
      seats: [...replayed.seats],
      entryIds: [...replayed.entryIds],
      lastSeq: replayed.lastSeq,
      from: replayed.from,
    };
  } catch (error) {
    response = { id, ok: false, message: (error as Error).message };
  }
  parentPort?.postMessage(response);
});
