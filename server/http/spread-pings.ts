// Colyseus' WebSocket transport pings every connection at once, every 3 s, to find the ones that stopped answering.
// At an event's size that is one burst of thousands of socket writes: measured at 200 tables × 10 people (2,200
// connections), a stall of the event loop of 100–300 ms every 3 s, which every table felt. Here each connection is
// still pinged once per interval and dropped after the same unanswered pings, but a slice at a time, all along it.
import { WebSocketTransport } from "@colyseus/ws-transport";

/** The interval's slices: a ping burst is at most this fraction of the connections. */
export const PING_SLICES = 30;

/** What the pinger needs of a connection (a `ws` socket; its pong handler sets pingCount back to 0). */
export interface Pingable {
  pingCount: number;
  ping(callback: () => void): void;
  terminate(): void;
}

function noop(): void {}

/**
 * Pings each of `clients` once per `interval`, a slice of them every interval / PING_SLICES; one that left
 * `maxUnanswered` pings unanswered is terminated instead. Returns the timer (cleared when the server closes).
 */
export function spreadPings(clients: Set<Pingable>, interval: number, maxUnanswered: number): NodeJS.Timeout {
  let round = clients.values();
  let slice = 0;
  return setInterval(
    () => {
      if (slice === 0) round = clients.values();
      // The last slice takes whoever is left (those who arrived during the round), so that a round lasts the interval.
      const share = slice === PING_SLICES - 1 ? Infinity : Math.ceil(clients.size / PING_SLICES);
      slice = (slice + 1) % PING_SLICES;
      for (let i = 0; i < share; i++) {
        const next = round.next();
        if (next.done) return;
        const client = next.value;
        if (client.pingCount >= maxUnanswered) {
          client.terminate();
          continue;
        }
        client.pingCount++;
        client.ping(noop);
      }
    },
    Math.max(1, Math.floor(interval / PING_SLICES)),
  );
}

export class SpreadPingTransport extends WebSocketTransport {
  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    // Colyseus gives each raw socket its pingCount (and the pong handler that resets it) as it connects.
    this.pingInterval = spreadPings(this.wss.clients as unknown as Set<Pingable>, pingInterval, pingMaxRetries);
  }
}
