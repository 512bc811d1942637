// Several server processes sharing one Redis (REDIS_URL): Colyseus' Redis presence and driver, so that room listings,
// calls to a room of another process and presence channels (a workshop's summaries) reach every process; and where
// rooms run among them (server/placement.ts). Loaded only when REDIS_URL is set: one process alone never loads Redis.
import { matchMaker, type MatchMakerDriver, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Placement } from "./placement.ts";
import { databaseLabel, reasonOf, StartupError } from "./startup-failure.ts";

export interface Cluster {
  presence: Presence;
  driver: MatchMakerDriver;
  placement: Placement;
}

/** How long the process that claimed a room's opening holds the claim at most (it dies: the others take over then). */
const CLAIM_MS = 30_000;
/** The claim of a room's opening, one key per room (gone on its own after CLAIM_MS). */
const claimKey = (roomId: string) => `jdt:opening:${roomId}`;
/** Deletes the claim only if it is still this process's (it may have expired and been taken by another since). */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/** Connects to Redis (a StartupError naming REDIS_URL if it does not answer) and makes the presence and the driver. */
export async function openCluster(url: string, logger: Logger): Promise<Cluster> {
  await probe(url);
  // Named, so that Redis' CLIENT LIST says which connections are the server's.
  const redis = new Redis(url, { connectTimeout: 10_000, connectionName: "jdt-presence" });
  const presence = new RedisPresence(redis);
  const driverClient = redis.duplicate({ connectionName: "jdt-listings" });
  // Redis away for a moment: ioredis reconnects by itself; what failed meanwhile failed a request, which is retried.
  driverClient.on("error", (error: Error) => logger.warn({ reason: reasonOf(error) }, "Redis (room listings)"));
  // Back after an outage, perhaps a Redis restarted without its data: the listings of the rooms this process holds are
  // written again (Colyseus' own restore), so that nobody opens a second copy of one of them in another process.
  driverClient.on("ready", () => {
    matchMaker.restoreMissingRoomCaches().catch((error: unknown) => {
      logger.warn({ reason: reasonOf(error) }, "could not list this process's rooms again in Redis");
    });
  });
  return { presence, driver: new RedisDriver(driverClient), placement: redisPlacement(redis, logger) };
}

/** One connection, no retries: a Redis that cannot be reached stops the start with one sentence. */
async function probe(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 10_000, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED, a wrong password…) says more than the "Connection is closed" that follows.
  let first: unknown;
  client.on("error", (error: unknown) => (first ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new StartupError(`Cannot reach Redis at ${databaseLabel(url)} (REDIS_URL): ${reasonOf(first ?? error)}.`);
  } finally {
    client.disconnect();
  }
}

/**
 * Rooms among processes. A room is listed by Colyseus' driver with the process that holds it, and listens on its
 * channel `$<roomId>`; each process listens on `p:<processId>`. A process killed (SIGKILL, a crash, its machine
 * rebooted) leaves its listings behind, but its connections to Redis close with it, and so do its channels: a room
 * listed whose channel nobody listens to, in a process whose channel nobody listens to either, is in a dead process.
 * Its listings are removed then (as Colyseus' own health check does), and the room opens again where it is needed.
 */
function redisPlacement(redis: Redis, logger: Logger): Placement {
  const listeners = async (channel: string): Promise<number> => {
    const [, count] = (await redis.pubsub("NUMSUB", channel)) as [string, number | string];
    return Number(count);
  };
  const forgetting = new Map<string, Promise<void>>();
  const forget = (processId: string): Promise<void> => {
    let pending = forgetting.get(processId);
    if (!pending) {
      logger.warn({ processId }, "a server process is gone: its tables and workshops open again in the others");
      pending = (async () => {
        await matchMaker.stats.excludeProcess(processId);
        await matchMaker.driver.cleanup?.(processId);
      })().finally(() => forgetting.delete(processId));
      forgetting.set(processId, pending);
    }
    return pending;
  };

  return {
    async running(roomId) {
      const listing = await matchMaker.getRoomById(roomId);
      if (!listing) return false;
      if (listing.processId === matchMaker.processId) return true;
      if ((await listeners(`$${roomId}`)) > 0) return true;
      // Nobody listens for the room: its process is gone, or it is opening or closing the room this very moment.
      if ((await listeners(`p:${listing.processId}`)) === 0) {
        await forget(listing.processId);
        return false;
      }
      // The process still listens: asked directly (Colyseus removes its listings if it does not answer).
      return matchMaker.healthCheckProcessId(listing.processId);
    },
    async claim(roomId) {
      return (await redis.set(claimKey(roomId), matchMaker.processId, "PX", CLAIM_MS, "NX")) === "OK";
    },
    async release(roomId) {
      await redis.eval(RELEASE_SCRIPT, 1, claimKey(roomId), matchMaker.processId);
    },
  };
}
