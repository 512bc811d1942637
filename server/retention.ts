// The server forgets tables nobody touched for RETENTION_DAYS: a sweep at start, then every hour. "Touched" is the
// latest of the table's creation and its last log entry (the store computes it); a live room is closed as a deletion.
// A workshop goes with its last table: the sweep then deletes its row (its secrets, its join code).
import type { Logger } from "pino";
import type { TableStore } from "./store/table-store.ts";
import type { Tables } from "./tables.ts";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Often enough that a table goes within the hour its date passes; each sweep is one indexed query. */
export const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface RetentionServices {
  store: Pick<TableStore, "untouchedSince" | "emptyWorkshops" | "deleteWorkshop">;
  tables: Pick<Tables, "delete">;
  retentionDays: number;
  logger: Logger;
}

/** When a table last touched at `lastActivity` will be deleted if nobody touches it again. */
export function deletionDate(lastActivity: number, retentionDays: number): number {
  return lastActivity + retentionDays * DAY_MS;
}

/**
 * Deletes every table untouched for RETENTION_DAYS as of `now`, and resolves with their ids. A table that fails to
 * delete is logged and left for the next sweep; one touched since the store was asked (a live room) is kept.
 */
export async function sweepUntouched(
  { store, tables, retentionDays, logger }: RetentionServices,
  now: number,
): Promise<string[]> {
  const cutoff = now - retentionDays * DAY_MS;
  const deleted: string[] = [];
  for (const tableId of await store.untouchedSince(cutoff)) {
    try {
      if (await tables.delete(tableId, cutoff)) deleted.push(tableId);
    } catch (error) {
      logger.error({ err: error, tableId }, "could not delete an untouched table");
    }
  }
  if (deleted.length > 0) logger.info({ tables: deleted.length, retentionDays }, "untouched tables deleted");
  await sweepEmptyWorkshops(store, now, logger);
  return deleted;
}

/**
 * Deletes the workshops with no table left (swept, or deleted by a facilitator). Only those created over a sweep's
 * interval ago: a workshop being created has its row a moment before its tables.
 */
async function sweepEmptyWorkshops(store: RetentionServices["store"], now: number, logger: Logger): Promise<void> {
  let count = 0;
  for (const workshopId of await store.emptyWorkshops(now - SWEEP_EVERY_MS)) {
    try {
      if (await store.deleteWorkshop(workshopId)) count++;
    } catch (error) {
      logger.error({ err: error, workshopId }, "could not delete a workshop without tables");
    }
  }
  if (count > 0) logger.info({ workshops: count }, "workshops without tables deleted");
}

export interface RetentionSweep {
  /** One sweep as of `now` (the clock's time by default); joins the sweep under way if there is one. */
  sweep(now?: number): Promise<string[]>;
  /** Sweeps now, then every hour; the timer does not keep the process alive. */
  start(): void;
  /** Stops the hourly sweep (shutdown); a sweep under way finishes. */
  stop(): void;
  /** The sweep under way, if any (tests, shutdown). */
  readonly running: Promise<string[]> | null;
}

/** The hourly sweep, with the clock passed in so that tests can use a fake now. */
export function retentionSweep(services: RetentionServices, clock: () => number = Date.now): RetentionSweep {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<string[]> | null = null;
  const sweep = (now = clock()): Promise<string[]> => {
    // A slow sweep (many tables, a slow database) is never doubled by the next tick.
    if (running) return running;
    const run = sweepUntouched(services, now)
      .catch((error: unknown) => {
        services.logger.error({ err: error }, "the retention sweep failed");
        return [] as string[];
      })
      .finally(() => {
        running = null;
      });
    running = run;
    return run;
  };
  return {
    sweep,
    start() {
      if (timer) return;
      void sweep();
      timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    get running() {
      return running;
    },
  };
}
