// What the table room knows of connections, apart from any table: how they close, and how fast they may ask.
import { CloseCode } from "@colyseus/core";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { TABLE_DELETED_CLOSE_CODE } from "#shared/protocol.ts";
import type { Limits } from "../limits.ts";

/** Close code of the connections of someone the facilitator removed from the table (the SDK does not retry it). */
export const REMOVED_CLOSE_CODE = 4403;

/** Close code of every connection of a deleted table (declared with the protocol: the browser reads it too). */
export const DELETED_CLOSE_CODE = TABLE_DELETED_CLOSE_CODE;

/**
 * Close code of every connection of a table copy that found its log written by another copy (a failover between
 * processes): not a drop (its place is not kept here), not a refusal; the browser rejoins and lands on the live copy.
 */
export const STALE_CLOSE_CODE = 4409;

/** Close code of a connection that sent frames far faster than any person: it is closed at once and may come back. */
export const FLOOD_CLOSE_CODE = CloseCode.WITH_ERROR;

/**
 * Closes that no network drop makes: flooding, a frame over the size limit (1009), a broken protocol (1002, 1003,
 * 1007, 1008). Such a connection's place is not kept for the reconnection delay (its browser joins again).
 */
const NOT_A_DROP = new Set<number>([FLOOD_CLOSE_CODE, STALE_CLOSE_CODE, 1002, 1003, 1007, 1008, 1009]);

/** Whether a connection closed with this code may come back to its place (a network drop) or is let go at once. */
export function isDrop(code: number | undefined): boolean {
  return code === undefined || !NOT_A_DROP.has(code);
}

/** A table link of this site (path and fragment), short enough to travel as a WebSocket close reason. */
export function isTablePath(path: string): boolean {
  return /^\/t\/[\w-]+#[\w=-]+$/.test(path) && Buffer.byteLength(path) <= 123;
}

/**
 * Holds a dropped connection's place for its return (the room's allowReconnection). Nobody back within the delay is
 * no failure: Colyseus then rejects with `false` and lets the seat go (onLeave); anything else is thrown on.
 */
export async function heldForReturn(reconnection: {
  catch(onRejected: (reason: unknown) => void): PromiseLike<unknown>;
}): Promise<void> {
  await reconnection.catch((reason: unknown) => {
    if (reason !== false) throw reason;
  });
}

/** How fast one table's connections may ask: per seat (all its connections together) and for the whole table. */
export class Pacing {
  /** Requests per seat or per observer connection; over it, a clear refusal. */
  readonly #seat: RateLimiterMemory;
  /** Actions of the whole table (the rules, the log and a patch to every connection: what one table costs the process). */
  readonly #table: RateLimiterMemory;

  constructor(limits: Pick<Limits, "actionsPerSecond" | "tableActionsPerSecond">) {
    this.#seat = new RateLimiterMemory({ points: limits.actionsPerSecond, duration: 1 });
    this.#table = new RateLimiterMemory({ points: limits.tableActionsPerSecond, duration: 1 });
  }

  /** Whether one more request of this seat (or connection) fits. */
  seat(key: string): Promise<boolean> {
    return withinLimit(this.#seat, key);
  }

  /** Whether one more action of this seat fits, and one more of the table. */
  async action(key: string): Promise<boolean> {
    return (await this.seat(key)) && withinLimit(this.#table, "table");
  }
}

/** Takes one point from a limiter: false when there was none left (rate-limiter-flexible rejects then). */
function withinLimit(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  return limiter.consume(key).then(
    () => true,
    () => false,
  );
}
