// The claims that let a join's socket open alongside it (server/http/seat-claims.ts): a socket and its join's seat wait
// for each other a bounded time, and nobody can make the server hold more waiting sockets than a workshop opens.
import { describe, expect, it } from "vitest";
import { MAX_WAITING_PER_ADDRESS, SeatClaims } from "#server/http/seat-claims.ts";
import type { SeatReservation } from "#server/tables.ts";

const seat = (sessionId: string) => ({ name: "table", roomId: "r", processId: "p", sessionId }) as SeatReservation;
const claim = (n: number) => `claim-${String(n).padStart(20, "0")}`;

describe("seat claims", () => {
  it("given a socket waiting, when its join's seat is granted, then the socket gets that seat", async () => {
    const claims = new SeatClaims(1000);
    const waiting = claims.wait(claim(1), "a");
    expect(claims.grant(claim(1), seat("s1"))).toBe(true);
    await expect(waiting).resolves.toMatchObject({ sessionId: "s1" });
    expect(claims.size).toBe(0);
  });

  it("given nothing within the wait, then the socket gets no seat, and a seat nobody came for is forgotten", async () => {
    const claims = new SeatClaims(50);
    await expect(claims.wait(claim(2), "a")).resolves.toBeNull();
    expect(claims.grant(claim(3), seat("s3"))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(claims.size).toBe(0);
    await expect(claims.wait(claim(3), "a")).resolves.toBeNull();
  });

  it("given a refused join, or its socket gone, then nothing waits any more", async () => {
    const claims = new SeatClaims(10_000);
    const refused = claims.wait(claim(4), "a");
    claims.refuse(claim(4));
    await expect(refused).resolves.toBeNull();
    const gone = claims.wait(claim(5), "a");
    claims.forget(claim(5));
    await expect(gone).resolves.toBeNull();
    expect(claims.size).toBe(0);
  });

  it("given as many waiting sockets from one address as allowed, then the next gets no seat at once, and another address still waits", async () => {
    const claims = new SeatClaims(10_000);
    const waiting = Array.from({ length: MAX_WAITING_PER_ADDRESS }, (_, i) => claims.wait(claim(100 + i), "a"));
    await expect(claims.wait(claim(200), "a")).resolves.toBeNull();
    const other = claims.wait(claim(201), "b");
    expect(claims.size).toBe(MAX_WAITING_PER_ADDRESS + 1);
    // One of them leaves: its address may open another.
    claims.forget(claim(100));
    await expect(waiting[0]).resolves.toBeNull();
    const again = claims.wait(claim(202), "a");
    expect(claims.grant(claim(202), seat("s202"))).toBe(true);
    await expect(again).resolves.toMatchObject({ sessionId: "s202" });
    for (let i = 1; i < MAX_WAITING_PER_ADDRESS; i++) claims.forget(claim(100 + i));
    claims.forget(claim(201));
    await expect(other).resolves.toBeNull();
    expect(claims.size).toBe(0);
  });

  it("given a malformed claim, or one granted already, then it gives nothing", async () => {
    const claims = new SeatClaims(1000);
    expect(claims.grant("short", seat("x"))).toBe(false);
    await expect(claims.wait("not a claim!", "a")).resolves.toBeNull();
    expect(claims.grant(claim(6), seat("s6"))).toBe(true);
    expect(claims.grant(claim(6), seat("s6bis"))).toBe(false);
    await expect(claims.wait(claim(6), "a")).resolves.toMatchObject({ sessionId: "s6" });
  });
});
