// Where rooms run and how to reach one: a table's or a workshop's room lives in exactly one process. With one process
// (no REDIS_URL) that is this one, as it always was. With several (server/cluster.ts), a room may live in any of
// them: it is opened where it is first needed, once, and opened again elsewhere when the process that held it died.
import { matchMaker, requestFromIPC, ServerError } from "@colyseus/core";

/** How rooms are found across processes. One process: server/placement.ts localPlacement; several: server/cluster.ts. */
export interface Placement {
  /**
   * Whether the room is open and can answer, in this process or another. A room listed for a process that died is
   * forgotten here (that process's listings removed), so that it can be opened again elsewhere.
   */
  running(roomId: string): Promise<boolean>;
  /** Only one process opens a given room at a time: true when this one may now (then release() it), false if another is. */
  claim(roomId: string): Promise<boolean>;
  release(roomId: string): Promise<void>;
}

/** One process: a listed room is this process's own; nobody else opens rooms. Exactly the behaviour before Redis. */
export const localPlacement: Placement = {
  running: async (roomId) => Boolean(await matchMaker.getRoomById(roomId)),
  claim: async () => true,
  release: async () => undefined,
};

/** The room could not be asked: its process did not answer in time (it died, or it is stalled). */
export class RoomUnreachableError extends Error {
  override name = "RoomUnreachableError";
}

/** How long another process may take to open a room before this one stops waiting for it (a replay can take seconds). */
const OPENING_WAIT_MS = 30_000;
/** How often a process that found the room being opened elsewhere looks whether it is there yet. */
const OPENING_POLL_MS = 100;

export interface RoomOpener {
  /**
   * Makes sure the room runs somewhere (opened in this process when it runs nowhere). Resolves false when `create`
   * says there is no such room (a ServerError 404: deleted, never was); any other failure rejects, so that a table
   * that could not be opened right now (a process shutting down, a database away) is never mistaken for a deleted one.
   */
  ensure(roomId: string): Promise<boolean>;
  /** The opening under way in this process, if any (a deletion waits for it). */
  pending(roomId: string): Promise<boolean> | undefined;
}

/** Opens rooms with `create` (matchMaker.createRoom in this process), one opening per room at a time everywhere. */
export function roomOpener(placement: Placement, create: (roomId: string) => Promise<unknown>): RoomOpener {
  const opening = new Map<string, Promise<boolean>>();

  async function open(roomId: string): Promise<boolean> {
    const deadline = Date.now() + OPENING_WAIT_MS;
    for (;;) {
      if (await placement.running(roomId)) return true;
      if (await placement.claim(roomId)) {
        try {
          // Opened by whoever held the claim just before: nothing to do.
          if (await placement.running(roomId)) return true;
          await create(roomId);
          return true;
        } catch (error) {
          if (error instanceof ServerError && error.code === 404) return false;
          throw error;
        } finally {
          await placement.release(roomId);
        }
      }
      if (Date.now() > deadline) throw new RoomUnreachableError(`room ${roomId} is being opened by another process`);
      await new Promise((resolve) => setTimeout(resolve, OPENING_POLL_MS));
    }
  }

  return {
    ensure(roomId) {
      let pending = opening.get(roomId);
      if (!pending) {
        pending = open(roomId).finally(() => opening.delete(roomId));
        opening.set(roomId, pending);
      }
      return pending;
    },
    pending: (roomId) => opening.get(roomId),
  };
}

/** Colyseus' own wait for a room of another process (COLYSEUS_PRESENCE_SHORT_TIMEOUT, 2 s by default). */
const SHORT_TIMEOUT_MS = Number(process.env.COLYSEUS_PRESENCE_SHORT_TIMEOUT || 2000);

/**
 * Calls a method of a room, in this process or another, and gives back what it returned or threw. Unlike
 * matchMaker.remoteRoomCall, a refusal thrown by a room of another process stays itself (a ServerError with its code
 * and message: a join refused there is refused here the same way), and a process that does not answer is a
 * RoomUnreachableError. A ServerError thrown after an `await` in the room crosses processes with its message only.
 */
export async function callRoom<T>(
  roomId: string,
  method: string,
  args: unknown[] = [],
  timeoutMs = SHORT_TIMEOUT_MS,
): Promise<T> {
  const local = matchMaker.getLocalRoomById(roomId) as unknown as Record<string, unknown> | undefined;
  if (local) {
    const fn = local[method];
    if (typeof fn !== "function") throw new Error(`room ${roomId} has no method ${method}`);
    // As remoteRoomCall: the room gets copies, the same whether it runs here or elsewhere.
    return (await (fn as (...a: unknown[]) => unknown).apply(local, JSON.parse(JSON.stringify(args)))) as T;
  }
  try {
    return await requestFromIPC<T>(matchMaker.presence, `$${roomId}`, method, args, timeoutMs);
  } catch (error) {
    throw remoteFailure(roomId, method, error);
  }
}

/** What a room of another process threw, as an error of this one (see subscribeIPC in @colyseus/core's IPC.ts). */
function remoteFailure(roomId: string, method: string, error: unknown): Error {
  if (error instanceof Error && error.message === "ipc_timeout")
    return new RoomUnreachableError(`room ${roomId} did not answer ${method}`);
  if (error instanceof Error) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "number" && typeof message === "string") return new ServerError(code, message);
  return new Error(typeof message === "string" ? message : String(error));
}
