// One round trip less between « Rejoindre la table » and the table on screen. Colyseus 0.18 (Room._onJoin, then
// Room._onMessage) sends JOIN_ROOM once onJoin has run, then waits for the browser to acknowledge it before it sends
// the state and what onJoin sent (the whoami): a whole round trip of a phone's network. A browser that listens to the
// room before its WebSocket opens (client/src/net/sdk.ts) asks for the state at once (JoinOptions.stateWithJoin): for
// it, the room takes its JOIN_ROOM as acknowledged as soon as it is sent, so the state follows it on the wire. The
// acknowledgement, when it comes, finds the connection joined and is ignored. Clients that do not ask (an SDK that
// listens only once its join has resolved, a reconnection) go through Colyseus' own handshake.
import { ClientState, Protocol, type Client, type Room } from "@colyseus/core";

/** The connections whose browser asked for the state with the join (set in onJoin). */
const asking = new WeakSet<Client>();

/** Called in onJoin when the join options ask for it: this connection gets the state without acknowledging first. */
export function sendStateWithJoin(client: Client): void {
  asking.add(client);
}

/** Room internals this relies on (checked at start here, and by tests/room/state-with-join.test.ts). */
interface Internals {
  _onJoin(this: Internals, client: Client, ...rest: unknown[]): Promise<void>;
  _onMessage(this: Internals, client: Client, buffer: Uint8Array): void;
}

const ACKNOWLEDGED = Uint8Array.of(Protocol.JOIN_ROOM);

/** Makes a room class answer sendStateWithJoin (once per class). */
export function allowStateWithJoin(roomClass: abstract new (...args: never[]) => Room): void {
  const prototype = roomClass.prototype as unknown as Internals;
  const join = prototype._onJoin;
  if (typeof join !== "function" || typeof prototype._onMessage !== "function") {
    throw new Error("@colyseus/core changed: Room._onJoin or Room._onMessage is gone (server/room/state-with-join.ts)");
  }
  Object.defineProperty(prototype, "_onJoin", {
    configurable: true,
    writable: true,
    value: async function _onJoin(this: Internals, client: Client, ...rest: unknown[]) {
      await join.call(this, client, ...rest);
      // Still joining: JOIN_ROOM has just been sent (not a connection refused, gone, or coming back).
      if (asking.has(client) && client.state === ClientState.JOINING) this._onMessage(client, ACKNOWLEDGED);
    },
  });
}
