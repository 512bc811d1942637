// Joining without waiting for the join's answer to open the WebSocket. The page makes a one-time random claim, sends it
// with its join (POST API.join) and, at the same moment, opens its WebSocket on API.seatSocket with the same claim. The
// join checks the link and reserves the seat as always; if the room is in this process, the seat is given to the
// socket of that claim, which goes on as a WebSocket on the reserved seat (the state comes with it). The answer says
// so (`claimed`), and the page's SDK takes that socket instead of opening another (client/src/net/seat-socket.ts).
// The socket's handshake (on a phone's network, a round trip, and a new connection's TCP and TLS ones) thus runs
// alongside the join's instead of after it.
//
// A claim grants nothing by itself: only a join that passed every check of POST API.join gives it a seat, as a
// reservation's session id does (which Colyseus carries in the WebSocket's address): both are one-time and short-lived.
// A socket waits for its claim's join at most CLAIM_WAIT_MS; there are at most MAX_WAITING_PER_ADDRESS waiting sockets
// per address and MAX_WAITING in all, so that nobody can make the server hold sockets a workshop never opens.
import type { IncomingMessage } from "node:http";
import { deflateRawSync } from "node:zlib";
import { createAuthContext, Protocol } from "@colyseus/core";
import type { TransportOptions } from "@colyseus/ws-transport";
import { API, DEFLATED_FRAME, SEAT_SOCKET_DEFLATE } from "#shared/protocol-constants.ts";
import type { SeatReservation } from "../tables.ts";
import { SpreadPingTransport } from "./spread-pings.ts";

/** What a claim looks like: 128 to 384 random bits in base64url. */
export const CLAIM_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
/**
 * A claim and its socket wait this long for each other: the page opens the socket as the person starts filling the
 * join form (client/src/features/table/table-parts.tsx), and typing a name and a role takes a while; past that, the
 * join opens another.
 */
export const CLAIM_WAIT_MS = 60_000;
/** A workshop's room on one Wi-Fi is one address: a few dozen people may be on the join form at once. */
export const MAX_WAITING_PER_ADDRESS = 32;
export const MAX_WAITING = 2_000;

/** Close codes of a seat socket that got no seat (the page then joins the usual way, with the join's answer). */
export const NO_SEAT_CLOSE_CODE = 4410;

interface Pending {
  reservation?: SeatReservation;
  socket?: (reservation: SeatReservation | null) => void;
  address?: string;
  timer: NodeJS.Timeout;
}

export class SeatClaims {
  readonly #pending = new Map<string, Pending>();
  readonly #waitingByAddress = new Map<string, number>();
  readonly #waitMs: number;

  constructor(waitMs = CLAIM_WAIT_MS) {
    this.#waitMs = waitMs;
  }

  /**
   * The join of this claim reserved a seat here: the claim's socket (waiting, or arriving within the wait) takes it.
   * False when the claim is malformed or already used: the page then takes the seat with its own WebSocket.
   */
  grant(claim: string, reservation: SeatReservation): boolean {
    if (!CLAIM_PATTERN.test(claim)) return false;
    const pending = this.#pending.get(claim);
    if (pending?.reservation) return false;
    if (pending?.socket) {
      this.#settle(claim, pending, reservation);
      return true;
    }
    if (this.#pending.size >= MAX_WAITING) return false;
    this.#pending.set(claim, {
      reservation,
      timer: setTimeout(() => this.#pending.delete(claim), this.#waitMs).unref(),
    });
    return true;
  }

  /** The join of this claim was refused: its socket, if waiting, is let go at once. */
  refuse(claim: string | undefined): void {
    const pending = claim === undefined ? undefined : this.#pending.get(claim);
    if (pending?.socket) this.#settle(claim as string, pending, null);
  }

  /**
   * A socket opened with this claim: resolves with its seat once the claim's join reserved one, or null (malformed or
   * used claim, too many waiting sockets, the join refused, or nothing within the wait).
   */
  wait(claim: string | null, address: string): Promise<SeatReservation | null> {
    if (claim === null || !CLAIM_PATTERN.test(claim)) return Promise.resolve(null);
    const pending = this.#pending.get(claim);
    if (pending?.socket) return Promise.resolve(null);
    if (pending?.reservation) {
      const { reservation } = pending;
      clearTimeout(pending.timer);
      this.#pending.delete(claim);
      return Promise.resolve(reservation);
    }
    const waiting = this.#waitingByAddress.get(address) ?? 0;
    if (waiting >= MAX_WAITING_PER_ADDRESS || this.#pending.size >= MAX_WAITING) return Promise.resolve(null);
    this.#waitingByAddress.set(address, waiting + 1);
    return new Promise((resolve) => {
      const entry: Pending = {
        socket: resolve,
        address,
        timer: setTimeout(() => this.#settle(claim, entry, null), this.#waitMs).unref(),
      };
      this.#pending.set(claim, entry);
    });
  }

  /** The socket of this claim closed before its seat came: nothing waits for it any more. */
  forget(claim: string | null): void {
    const pending = claim === null ? undefined : this.#pending.get(claim);
    if (pending?.socket) this.#settle(claim as string, pending, null);
  }

  /** Sockets and granted seats waiting for each other now. */
  get size(): number {
    return this.#pending.size;
  }

  #settle(claim: string, pending: Pending, reservation: SeatReservation | null): void {
    clearTimeout(pending.timer);
    this.#pending.delete(claim);
    if (pending.address !== undefined) {
      const left = (this.#waitingByAddress.get(pending.address) ?? 1) - 1;
      if (left > 0) this.#waitingByAddress.set(pending.address, left);
      else this.#waitingByAddress.delete(pending.address);
    }
    pending.socket?.(reservation);
  }
}

/** The address Colyseus' transport would give the socket of this reservation, and the context it authenticates with. */
export function seatUpgrade(reservation: SeatReservation, req: IncomingMessage) {
  const { processId, roomId, sessionId } = reservation as { processId: string; roomId: string; sessionId: string };
  const url = new URL(`ws://server/${processId}/${roomId}?sessionId=${encodeURIComponent(sessionId)}`);
  return {
    url,
    context: createAuthContext({
      headers: req.headers as never,
      token: url.searchParams.get("_authToken"),
      remoteAddress: req.socket.remoteAddress,
    }),
  };
}

type RawSocket = Parameters<SpreadPingTransport["onConnection"]>[0];
type Upgrade = Parameters<SpreadPingTransport["onConnection"]>[2];

/**
 * The app's WebSocket transport: a socket on API.seatSocket waits for its claim's seat, then goes on as a socket on
 * that seat; every other socket is Colyseus' own. Without claims (several processes: the socket may have reached
 * another process than the join), a seat socket is closed at once.
 */
export class ClaimingTransport extends SpreadPingTransport {
  readonly #claims: SeatClaims | null;

  constructor(options: TransportOptions & { seatClaims: SeatClaims | null }) {
    const { seatClaims, ...transportOptions } = options;
    super(transportOptions);
    this.#claims = seatClaims;
    // Colyseus hands its WebSocket server the method itself, unbound: this one needs its transport.
    this.wss.removeAllListeners("connection");
    this.wss.on("connection", (rawClient: RawSocket, req: IncomingMessage, upgrade?: Upgrade) => {
      void this.onConnection(rawClient, req, upgrade);
    });
  }

  protected override async onConnection(rawClient: RawSocket, req: IncomingMessage, upgrade?: Upgrade): Promise<void> {
    const url = upgrade?.url ?? new URL(`ws://server${req.url ?? "/"}`);
    if (url.pathname !== API.seatSocket) return super.onConnection(rawClient, req, upgrade);
    // Pinged like any socket while it waits (the pong handler Colyseus gives every socket, given here first).
    rawClient.pingCount = 0;
    rawClient.on("pong", () => (rawClient.pingCount = 0));
    rawClient.on("error", () => undefined);
    const claim = url.searchParams.get("claim");
    rawClient.once("close", () => this.#claims?.forget(claim));
    const reservation = this.#claims ? await this.#claims.wait(claim, req.socket.remoteAddress ?? "") : null;
    if (rawClient.readyState !== rawClient.OPEN) return;
    if (!reservation) return rawClient.close(NO_SEAT_CLOSE_CODE);
    if (url.searchParams.get(SEAT_SOCKET_DEFLATE) === "1") deflateUntilState(rawClient);
    return super.onConnection(rawClient, req, seatUpgrade(reservation, req));
  }
}

/** A frame smaller than this goes as it is: compressing it would save next to nothing. */
export const DEFLATE_FROM_BYTES = 1024;

/**
 * The join's large first frames, compressed for a page that can inflate them (client/src/net/seat-socket.ts): the
 * room's description (JOIN_ROOM, a few KB of schema) and the table's whole state (ROOM_STATE: tens of KB on a 40-step
 * table, mostly the cards' and the story's words, about a third of that compressed). On a phone's network that state
 * was the last thing the seat waited for, sharing the line with the table's code. Once the state is sent, the socket
 * sends as it always does: the patches are small, and nothing is compressed per action.
 */
function deflateUntilState(socket: RawSocket): void {
  const send = socket.send;
  socket.send = function (this: RawSocket, data: unknown, ...rest: unknown[]) {
    if (data instanceof Uint8Array && (data[0] === Protocol.JOIN_ROOM || data[0] === Protocol.ROOM_STATE)) {
      if (data[0] === Protocol.ROOM_STATE) socket.send = send;
      if (data.byteLength >= DEFLATE_FROM_BYTES)
        data = Buffer.concat([Uint8Array.of(DEFLATED_FRAME), deflateRawSync(data)]);
    }
    return (send as (...args: unknown[]) => void).call(this, data, ...rest);
  } as typeof send;
}
