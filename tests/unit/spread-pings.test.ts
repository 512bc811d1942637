// The server finds connections that stopped answering without a burst of thousands of pings at once.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PING_SLICES, spreadPings, type Pingable } from "#server/http/spread-pings.ts";

interface FakeSocket extends Pingable {
  pings: number[];
  terminated: boolean;
  answers: boolean;
}

function socket(answers = true): FakeSocket {
  const fake: FakeSocket = {
    pingCount: 0,
    pings: [],
    terminated: false,
    answers,
    ping() {
      fake.pings.push(Date.now());
      // A live browser answers with a pong, which sets the count back (Colyseus' heartbeat).
      if (fake.answers) fake.pingCount = 0;
    },
    terminate() {
      fake.terminated = true;
      clients.delete(fake);
    },
  };
  return fake;
}

let clients = new Set<Pingable>();
let timer: NodeJS.Timeout | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  clients = new Set();
});
afterEach(() => {
  clearInterval(timer);
  vi.useRealTimers();
});

describe("pings spread over the interval", () => {
  it("pings each of 3,000 connections once per interval, never more than a slice of them at the same moment", () => {
    const sockets = Array.from({ length: 3000 }, () => socket());
    for (const s of sockets) clients.add(s);
    timer = spreadPings(clients, 3000, 2);
    vi.advanceTimersByTime(3000 * 4);

    for (const s of sockets) {
      expect(s.pings.length).toBeGreaterThanOrEqual(3);
      expect(s.pings.length).toBeLessThanOrEqual(4);
      // Once per round: the gap between two pings of one connection is about the interval.
      for (let i = 1; i < s.pings.length; i++) expect(s.pings[i]! - s.pings[i - 1]!).toBeGreaterThanOrEqual(3000);
    }
    const perMoment = new Map<number, number>();
    for (const s of sockets) for (const at of s.pings) perMoment.set(at, (perMoment.get(at) ?? 0) + 1);
    expect(Math.max(...perMoment.values())).toBe(3000 / PING_SLICES);
    expect(sockets.some((s) => s.terminated)).toBe(false);
  });

  it("drops a connection that left two pings unanswered, and only that one", () => {
    const live = Array.from({ length: 100 }, () => socket());
    const silent = socket(false);
    for (const s of [...live.slice(0, 50), silent, ...live.slice(50)]) clients.add(s);
    timer = spreadPings(clients, 3000, 2);

    vi.advanceTimersByTime(3000 * 2 + 200);
    expect(silent.terminated).toBe(false);
    vi.advanceTimersByTime(3000 + 200);
    expect(silent.terminated).toBe(true);
    expect(clients.has(silent)).toBe(false);
    expect(live.every((s) => !s.terminated && clients.has(s))).toBe(true);
  });

  it("meets connections that arrive during a round, and forgets those that leave", () => {
    const first = socket();
    clients.add(first);
    timer = spreadPings(clients, 3000, 2);
    vi.advanceTimersByTime(1000);
    const late = socket();
    clients.add(late);
    clients.delete(first);
    vi.advanceTimersByTime(6500);
    expect(late.pings.length).toBe(2);
    expect(first.pings).toHaveLength(1);
  });

  it("pings a lone connection once per interval too, however few there are", () => {
    const lone = socket();
    clients.add(lone);
    timer = spreadPings(clients, 3000, 2);
    vi.advanceTimersByTime(3000 * 5);
    expect(lone.pings).toHaveLength(5);
  });
});
