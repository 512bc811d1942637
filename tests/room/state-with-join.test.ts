// One round trip less to arrive at a table (server/room/state-with-join.ts): a browser that listens to the room before
// its WebSocket opens asks for the state with the join, and gets it (and who it is) right after JOIN_ROOM, without
// acknowledging first; anyone else goes through Colyseus' own handshake, the state waiting for the acknowledgement.
// A real server on its own port, raw WebSockets to see the frames, and the page's own client (client/src/net/sdk.ts).
import { randomBytes } from "node:crypto";
import { Protocol } from "@colyseus/core";
import type { Room } from "@colyseus/sdk";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { ListeningClient } from "#client/net/sdk.ts";
import { API, PROTOCOL_VERSION, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import { serveOneTable } from "./one-table-server.ts";

const PORT = 2698;
const served = serveOneTable(PORT);
const BASE_URL = served.baseUrl;

interface Reservation {
  name: string;
  roomId: string;
  processId: string;
  sessionId: string;
}

async function reserve(name: string, options: Record<string, unknown> = {}): Promise<Reservation> {
  const answer = await fetch(BASE_URL + API.join(served.table.tableId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      invite: served.table.invite,
      seatKey: randomBytes(32).toString("base64url"),
      name,
      role: "Habitante",
      ...options,
    }),
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as Reservation;
}

/** A raw WebSocket on the reserved seat, keeping the protocol code of every frame it receives. */
async function connect(reservation: Reservation) {
  const socket = new WebSocket(
    `ws://localhost:${PORT}/${reservation.processId}/${reservation.roomId}?sessionId=${reservation.sessionId}`,
  );
  const codes: number[] = [];
  let arrived = () => {};
  socket.on("message", (data: Buffer) => {
    codes.push(data[0] as number);
    arrived();
  });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  /** Resolves once a frame with this code has come (within 5 s). */
  const received = (code: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame ${code}; got ${codes.join(", ")}`)), 5000);
      const check = () => {
        if (!codes.includes(code)) return;
        clearTimeout(timer);
        resolve();
      };
      arrived = check;
      check();
    });
  return { socket, codes, received };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the state with the join", () => {
  it("given a browser that asks for it, then the state and who it is follow JOIN_ROOM without any acknowledgement, once", async () => {
    const { socket, codes, received } = await connect(await reserve("Awa", { stateWithJoin: true }));
    // Nothing is sent back: no acknowledgement.
    await received(Protocol.ROOM_DATA);
    expect(codes.slice(0, 3)).toEqual([Protocol.JOIN_ROOM, Protocol.ROOM_STATE, Protocol.ROOM_DATA]);
    // The acknowledgement, when it comes, finds the connection joined: no second state.
    socket.send(Uint8Array.of(Protocol.JOIN_ROOM));
    await pause(300);
    expect(codes.filter((code) => code === Protocol.ROOM_STATE)).toHaveLength(1);
    socket.close();
  });

  it("given a client that does not ask, then the state waits for its acknowledgement, as Colyseus does", async () => {
    const { socket, codes, received } = await connect(await reserve("Bastien"));
    await received(Protocol.JOIN_ROOM);
    await pause(300);
    expect(codes).toEqual([Protocol.JOIN_ROOM]);
    socket.send(Uint8Array.of(Protocol.JOIN_ROOM));
    await received(Protocol.ROOM_DATA);
    expect(codes.slice(0, 3)).toEqual([Protocol.JOIN_ROOM, Protocol.ROOM_STATE, Protocol.ROOM_DATA]);
    socket.close();
  });

  it("given the page's client listening before it connects, then it has the table and knows who it is", async () => {
    const reservation = await reserve("Chloé", { stateWithJoin: true });
    let whoami: Whoami | null = null;
    let states = 0;
    const room: Room = await new ListeningClient(BASE_URL).consume(
      reservation as Parameters<ListeningClient["consume"]>[0],
      (created) => {
        created.onMessage(WHOAMI_REQUEST, (me: Whoami) => (whoami = me));
        created.onStateChange(() => states++);
      },
    );
    for (let wait = 0; !whoami && wait < 50; wait++) await pause(100);
    const me = whoami as Whoami | null;
    expect(me).toMatchObject({ observer: false, facilitator: false });
    expect(states).toBeGreaterThan(0);
    const seated = JSON.stringify((room.state as { toJSON(): unknown }).toJSON());
    expect(seated).toContain(String(me?.participantId));
    expect(seated).toContain("Chloé");
    await room.leave(true);
  });
});
