// A join's WebSocket opened alongside it (server/http/seat-claims.ts): the socket opened on API.seatSocket with the
// join's claim becomes the socket of the seat the join reserved, whichever of the two reaches the server first, and
// gets the table at once; a claim no accepted join carries seats nobody. A real server on its own port, raw
// WebSockets to see the frames.
import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { Protocol } from "@colyseus/core";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { DEFLATE_FROM_BYTES, NO_SEAT_CLOSE_CODE } from "#server/http/seat-claims.ts";
import { API, DEFLATED_FRAME, PROTOCOL_VERSION, SEAT_SOCKET_DEFLATE } from "#shared/protocol.ts";
import { openTableOverHttp } from "../join.ts";
import { serveOneTable } from "./one-table-server.ts";

const PORT = 2697;
const served = serveOneTable(PORT);
const BASE_URL = served.baseUrl;

const newClaim = () => randomBytes(24).toString("base64url");

/** POST API.join as the page sends it, with a claim; the status and the answer. */
async function join(
  name: string,
  claim: string,
  secret: Record<string, string> = { invite: served.table.invite },
  tableId = served.table.tableId,
) {
  const answer = await fetch(BASE_URL + API.join(tableId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      ...secret,
      seatKey: randomBytes(32).toString("base64url"),
      name,
      role: "Habitante",
      zone: "civilSociety",
      stateWithJoin: true,
      claim,
    }),
  });
  return { status: answer.status, body: (await answer.json()) as { claimed?: boolean; sessionId?: string } };
}

/** A raw WebSocket on API.seatSocket with this claim: the frames it gets (their protocol codes, and the data's) and how it closed. */
async function seatSocket(claim: string, query = "") {
  const socket = new WebSocket(`ws://localhost:${PORT}${API.seatSocket}?claim=${encodeURIComponent(claim)}${query}`);
  const frames: Buffer[] = [];
  let changed = () => {};
  let closedWith: number | null = null;
  socket.on("message", (data: Buffer) => {
    frames.push(data);
    changed();
  });
  socket.on("close", (code: number) => {
    closedWith = code;
    changed();
  });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: got ${frames.map((f) => f[0]).join(", ")}`)), 5000);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        resolve();
      };
      changed = check;
      check();
    });
  return {
    socket,
    frames,
    codes: () => frames.map((frame) => frame[0]),
    /** Resolves once the state and who this is have come (nothing is sent: no acknowledgement). */
    seated: () => until(() => frames.some((frame) => frame[0] === Protocol.ROOM_DATA), "no whoami"),
    closed: () => until(() => closedWith !== null, "not closed").then(() => closedWith),
    /** Whether this socket's frames carry this text (a name in the state). */
    carries: (text: string) => Buffer.concat(frames).includes(Buffer.from(text)),
  };
}

describe("a join's socket opened alongside it", () => {
  it("given the socket first, then the join: the join says the socket took the seat, and the socket gets the table and who it is, unasked", async () => {
    const claim = newClaim();
    const seat = await seatSocket(claim);
    const { status, body } = await join("Awa", claim);
    expect(status).toBe(200);
    expect(body.claimed).toBe(true);
    await seat.seated();
    expect(seat.codes().slice(0, 3)).toEqual([Protocol.JOIN_ROOM, Protocol.ROOM_STATE, Protocol.ROOM_DATA]);
    expect(seat.carries("Awa")).toBe(true);
    seat.socket.close();
  });

  it("given the join first, then the socket: the seat waits for it", async () => {
    const claim = newClaim();
    const { body } = await join("Bastien", claim);
    expect(body.claimed).toBe(true);
    const seat = await seatSocket(claim);
    await seat.seated();
    expect(seat.carries("Bastien")).toBe(true);
    seat.socket.close();
  });

  it("given a refused join (a wrong link), its socket is let go at once, seated nowhere", async () => {
    const claim = newClaim();
    const seat = await seatSocket(claim);
    const { status } = await join("Intruse", claim, { invite: "not-the-invite" });
    expect(status).toBe(401);
    expect(await seat.closed()).toBe(NO_SEAT_CLOSE_CODE);
    expect(seat.codes()).toEqual([]);
  });

  it("given a claim that is malformed, the socket is closed at once; given one already used, its socket gets no seat", async () => {
    const malformed = await seatSocket("short");
    expect(await malformed.closed()).toBe(NO_SEAT_CLOSE_CODE);

    const claim = newClaim();
    const first = await seatSocket(claim);
    await join("Chloé", claim);
    await first.seated();
    const second = await seatSocket(claim);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.codes()).toEqual([]);
    second.socket.close();
    first.socket.close();
  });

  it("given a join with a claim already granted, it is answered without the claim, and its seat is taken the usual way", async () => {
    const claim = newClaim();
    const first = await join("Dalia", claim);
    expect(first.body.claimed).toBe(true);
    const second = await join("Élise", claim);
    expect(second.status).toBe(200);
    expect(second.body.claimed).toBeUndefined();
    // The socket of the claim takes the first join's seat, not the second's.
    const seat = await seatSocket(claim);
    await seat.seated();
    expect(seat.carries("Dalia")).toBe(true);
    seat.socket.close();
  });

  it("given a page that asks for them compressed, the room's description and a large state come deflated, and what follows as it is", async () => {
    // A table whose state is well over DEFLATE_FROM_BYTES, as a played one is (its story: tens of KB).
    const story = "Le marché couvert rouvre le samedi, les producteurs du plateau y vendent en direct. ".repeat(16);
    const table = await openTableOverHttp(BASE_URL, "Table racontée", { presentState: story.trim() });
    const claim = newClaim();
    const seat = await seatSocket(claim, `&${SEAT_SOCKET_DEFLATE}=1`);
    const { body } = await join("Fanny", claim, { invite: table.invite }, table.tableId);
    expect(body.claimed).toBe(true);
    await seat.seated();
    expect(seat.codes().slice(0, 3)).toEqual([DEFLATED_FRAME, DEFLATED_FRAME, Protocol.ROOM_DATA]);
    const [description, state] = seat.frames.slice(0, 2).map((frame) => inflateRawSync(frame.subarray(1)));
    expect(description?.[0]).toBe(Protocol.JOIN_ROOM);
    expect(state?.[0]).toBe(Protocol.ROOM_STATE);
    // The whole table, in far fewer bytes on the wire.
    expect(state?.includes(Buffer.from("Fanny"))).toBe(true);
    expect(state?.includes(Buffer.from(story.trim()))).toBe(true);
    expect(seat.frames[1]?.length).toBeLessThan((state?.length ?? 0) / 3);

    // Someone else sits down: this socket hears it as a patch, sent as it is.
    const patch = new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no patch")), 5000);
      seat.socket.on("message", (data: Buffer) => {
        if (data[0] !== Protocol.ROOM_STATE_PATCH || !data.includes(Buffer.from("Gaspard"))) return;
        clearTimeout(timer);
        resolve(data);
      });
    });
    const otherClaim = newClaim();
    const other = await seatSocket(otherClaim, `&${SEAT_SOCKET_DEFLATE}=1`);
    const { body: second } = await join("Gaspard", otherClaim, { invite: table.invite }, table.tableId);
    expect(second.claimed).toBe(true);
    await patch;
    other.socket.close();
    seat.socket.close();
  });

  it("given a page that asks for them compressed, a small state still comes as it is", async () => {
    const claim = newClaim();
    const seat = await seatSocket(claim, `&${SEAT_SOCKET_DEFLATE}=1`);
    await join("Hugo", claim);
    await seat.seated();
    const state = seat.frames.find((frame) => frame[0] === Protocol.ROOM_STATE);
    expect(state?.length).toBeLessThan(DEFLATE_FROM_BYTES);
    expect(state?.includes(Buffer.from("Hugo"))).toBe(true);
    seat.socket.close();
  });
});
