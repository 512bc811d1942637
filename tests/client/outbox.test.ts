// The browser's outbox (client/src/net/outbox.ts) with a fake server: what a participant's actions become when the
// server accepts them, refuses them, cannot be reached, or is reached again after a reload. Timing and failures are
// injected here; the real server's side of a repeat (applied once) is in connection.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Outbox, type OutboxEntry, type SendResult } from "#client/net/outbox.ts";
import { forgetTable } from "#client/net/seat.ts";
import { DEFAULT_LIMITS } from "#server/limits.ts";
import type { WireAction } from "#shared/protocol.ts";
import { MemoryStorage } from "./browser.ts";

const TABLE = "T-lilas";
const OTHER_TABLE = "T-gare";

const narrate = (text: string): WireAction => ({ type: "narrate", stepId: "step-1", text });
const FACILITATOR_ONLY = { code: "facilitatorOnly", message: "Seule l'animation peut faire cela." };

/** A fake server: answers each entry with what `answer` says, and remembers what reached it, in order. */
function fakeServer(answer: (entry: OutboxEntry) => SendResult = () => ({ kind: "accepted" })) {
  const received: OutboxEntry[] = [];
  const send = async (entry: OutboxEntry): Promise<SendResult> => {
    const result = answer(entry);
    if (result.kind !== "unsent") received.push(entry);
    return result;
  };
  return { send, received, texts: () => received.map((e) => (e.action as { text: string }).text) };
}

/** A server that refuses the narration with this text (facilitator only) and accepts every other action. */
function refusingOnly(text: string) {
  return fakeServer((entry) =>
    (entry.action as { text?: string }).text === text
      ? { kind: "refused", refusal: FACILITATOR_ONLY }
      : { kind: "accepted" },
  );
}

let storage: MemoryStorage;
/** The pending counts the page was told (the header's « N actions en attente »). */
let counts: number[];

function outbox(tableId = TABLE): Outbox {
  return new Outbox(tableId, (pending) => counts.push(pending));
}

beforeEach(() => {
  storage = new MemoryStorage();
  counts = [];
  vi.stubGlobal("localStorage", storage);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the outbox, connected", () => {
  it("sends actions in the order they were made, one at a time, and each accepted one resolves null and leaves", async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const server = fakeServer();
    const box = outbox();
    const settled = ["un", "deux", "trois"].map((text) => box.add(narrate(text)));
    expect(box.pending).toBe(3);
    await box.flush(async (entry) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await Promise.resolve();
      inFlight -= 1;
      return server.send(entry);
    });
    expect(server.texts()).toEqual(["un", "deux", "trois"]);
    expect(mostInFlight).toBe(1);
    await expect(Promise.all(settled)).resolves.toEqual([null, null, null]);
    expect(box.pending).toBe(0);
    expect(counts).toEqual([1, 2, 3, 2, 1, 0]);
    expect(storage.names()).toEqual([]);
  });

  it("a refused action leaves with the server's reason, and the ones after it still go", async () => {
    const server = fakeServer((entry) =>
      (entry.action as { text: string }).text === "refusée"
        ? { kind: "refused", refusal: FACILITATOR_ONLY }
        : { kind: "accepted" },
    );
    const box = outbox();
    const settled = [box.add(narrate("avant")), box.add(narrate("refusée")), box.add(narrate("après"))];
    await box.flush(server.send);
    await expect(Promise.all(settled)).resolves.toEqual([null, FACILITATOR_ONLY, null]);
    expect(server.texts()).toEqual(["avant", "refusée", "après"]);
    expect(box.pending).toBe(0);
  });
});

describe("the outbox, cut off", () => {
  it("an action that could not be sent stays, with those behind it, and they go later in order under the same ids", async () => {
    const attempts: string[] = [];
    const box = outbox();
    const settled = [box.add(narrate("un")), box.add(narrate("deux"))];
    await box.flush(async (entry) => {
      attempts.push(entry.id);
      return { kind: "unsent" };
    });
    // Nothing was answered: the page still counts two, and the storage holds both.
    expect(attempts).toHaveLength(1);
    expect(box.pending).toBe(2);
    const kept = JSON.parse(storage.getItem(`jdt:outbox:${TABLE}`) ?? "[]") as OutboxEntry[];
    expect(kept.map((e) => (e.action as { text: string }).text)).toEqual(["un", "deux"]);
    let answered = false;
    void Promise.all(settled).then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);

    const server = fakeServer();
    await box.flush(server.send);
    expect(server.texts()).toEqual(["un", "deux"]);
    expect(server.received.map((e) => e.id)).toEqual(kept.map((e) => e.id));
    expect(server.received[0]?.id).toBe(attempts[0]);
    await expect(Promise.all(settled)).resolves.toEqual([null, null]);
    expect(box.pending).toBe(0);
  });

  it("when the connection comes back while a send is failing, the waiting action goes without another action to push it", async () => {
    const box = outbox();
    const settled = box.add(narrate("écrit pendant la coupure"));
    const server = fakeServer();
    let failInFlight: (result: SendResult) => void = () => undefined;
    let calls = 0;
    // The first send hangs on a dying connection; once the connection is back, sends reach the server.
    const send = (entry: OutboxEntry) => {
      calls += 1;
      return calls === 1 ? new Promise<SendResult>((resolve) => (failInFlight = resolve)) : server.send(entry);
    };
    const first = box.flush(send);
    // The connection is back and asks the outbox to go while that send has not failed yet…
    await box.flush(send);
    // …then the dying connection's send fails.
    failInFlight({ kind: "unsent" });
    await first;
    expect(server.texts()).toEqual(["écrit pendant la coupure"]);
    expect(box.pending).toBe(0);
    await expect(settled).resolves.toBeNull();
  });

  it("a long outbox after a long cut goes out under the server's actions-per-second limit", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
    const box = outbox();
    const count = 3 * DEFAULT_LIMITS.actionsPerSecond;
    const settled = Array.from({ length: count }, (_, i) => box.add(narrate(`action ${i + 1}`)));
    const sentAt: number[] = [];
    const flushed = box.flush(async () => {
      sentAt.push(Date.now());
      return { kind: "accepted" };
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await flushed;
    await expect(Promise.all(settled)).resolves.toEqual(Array.from({ length: count }, () => null));
    expect(sentAt).toHaveLength(count);
    // The server counts per second: no second ever sees more than its limit from this seat.
    const mostInOneSecond = Math.max(
      ...sentAt.map((start) => sentAt.filter((t) => t >= start && t < start + 1000).length),
    );
    expect(mostInOneSecond).toBeLessThanOrEqual(DEFAULT_LIMITS.actionsPerSecond);
  });
});

describe("the outbox across a reload", () => {
  it("a new page's outbox for the same table finds the waiting actions, in order, with the ids they were first sent with", async () => {
    const before = outbox();
    void before.add(narrate("un"));
    void before.add(narrate("deux"));
    const firstIds: string[] = [];
    await before.flush(async (entry) => {
      firstIds.push(entry.id);
      return { kind: "unsent" };
    });

    // The page reloads: the old outbox is gone, the storage stays.
    counts = [];
    const after = outbox();
    expect(after.pending).toBe(2);
    const server = fakeServer();
    await after.flush(server.send);
    expect(server.texts()).toEqual(["un", "deux"]);
    expect(server.received[0]?.id).toBe(firstIds[0]);
    expect(new Set(server.received.map((e) => e.id)).size).toBe(2);
    expect(counts.at(-1)).toBe(0);
    expect(outbox().pending).toBe(0);
  });

  it("a form of the new page finds an action the old page queued by what it carries, and hears its answer", async () => {
    const before = outbox();
    void before.add(narrate("accepté"));
    void before.add(narrate("refusé"));

    // The page reloads; a form that kept its text asks whether that text is still on its way.
    const after = outbox();
    const accepted = after.settling((a) => a.type === "narrate" && a.text === "accepté");
    const refused = after.settling((a) => a.type === "narrate" && a.text === "refusé");
    expect(after.settling((a) => a.type === "narrate" && a.text === "jamais envoyé")).toBeNull();
    await after.flush(refusingOnly("refusé").send);
    await expect(accepted).resolves.toBeNull();
    await expect(refused).resolves.toEqual(FACILITATOR_ONLY);
    // Answered, they wait no more.
    expect(after.settling((a) => a.type === "narrate")).toBeNull();
  });

  it("an action the old page queued and the new page sent before any form asked is still heard, once, by the form that opens then", async () => {
    const before = outbox();
    void before.add(narrate("accepté"));
    void before.add(narrate("refusé"));

    // The page reloads and its outbox sends both before the forms holding those texts open (a facilitator may have
    // handled the text since: the table no longer shows it, and only the answer says it went).
    const after = outbox();
    await after.flush(refusingOnly("refusé").send);
    const accepted = after.settling((a) => a.type === "narrate" && a.text === "accepté");
    const refused = after.settling((a) => a.type === "narrate" && a.text === "refusé");
    expect(accepted).not.toBeNull();
    await expect(accepted).resolves.toBeNull();
    await expect(refused).resolves.toEqual(FACILITATOR_ONLY);
    expect(after.settling((a) => a.type === "narrate" && a.text === "jamais envoyé")).toBeNull();
    // Heard once: a second form does not hear it again.
    expect(after.settling((a) => a.type === "narrate" && a.text === "accepté")).toBeNull();
  });

  it("another table's outbox never holds, sends nor forgets this table's waiting actions", async () => {
    const lilas = outbox(TABLE);
    void lilas.add(narrate("pour les Lilas"));
    const gare = outbox(OTHER_TABLE);
    expect(gare.pending).toBe(0);
    const server = fakeServer();
    await gare.flush(server.send);
    expect(server.received).toEqual([]);

    // The other table is deleted: this browser forgets what it kept of it, not of this one.
    void gare.add(narrate("pour la gare"));
    forgetTable(OTHER_TABLE);
    expect(outbox(OTHER_TABLE).pending).toBe(0);
    expect(outbox(TABLE).pending).toBe(1);
    await outbox(TABLE).flush(server.send);
    expect(server.texts()).toEqual(["pour les Lilas"]);
  });

  it("without storage (private browsing), actions still go from memory for as long as the page lives", async () => {
    vi.stubGlobal("localStorage", {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
      removeItem: () => undefined,
    });
    const box = outbox();
    const settled = box.add(narrate("sans stockage"));
    expect(box.pending).toBe(1);
    const server = fakeServer();
    await box.flush(server.send);
    await expect(settled).resolves.toBeNull();
    expect(server.texts()).toEqual(["sans stockage"]);
  });
});
