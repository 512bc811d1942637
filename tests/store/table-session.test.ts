// The table session on its own, with no room and no socket: a real store (SQLite in memory), the real rules.
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import type { LogEntry, TableStore } from "#server/store/table-store.ts";
import { TableSession, type Admission } from "#server/session/table-session.ts";
import { longTable } from "./played-log.ts";

const LIMITS = { logEntries: 10_000, logBytes: 5_000_000 };
const logger = pino({ level: "silent" });

/** A store whose appends can be made to fail, to see that nothing is told or kept when a write fails. */
class FlakyStore extends SqliteTableStore {
  failNext = false;
  override async append(tableId: string, logged: LogEntry): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error("disk full");
    }
    return super.append(tableId, logged);
  }
}

function arrival(name: string, facilitator = false): Admission {
  return {
    observer: false,
    participantId: null,
    facilitator,
    name,
    role: facilitator ? "animatrice" : "habitant·e",
    seatKeyHash: `seat-${name}`,
  };
}

describe("a table session", () => {
  let store: FlakyStore;
  let session: TableSession;
  let told: number;

  async function open(from: TableStore = store): Promise<TableSession> {
    const opened = await TableSession.open({ store: from, logger, limits: LIMITS }, "table-session");
    if (!opened) throw new Error("the table did not open");
    return opened;
  }

  async function seated(name: string, facilitator = false): Promise<string> {
    const outcome = await session.seat(arrival(name, facilitator), () => undefined);
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    return outcome.state;
  }

  beforeEach(async () => {
    store = new FlakyStore(":memory:");
    await store.create(longTable("table-session"));
    session = await open();
    told = 0;
    session.onChange = () => told++;
  });

  afterEach(async () => {
    await store.close();
  });

  it("given the kit's cards, when a table is reopened, then it holds the kit's own card objects, not copies, and the same table", async () => {
    const kitCards = Object.values(longTable("table-session").initial.cards);
    const shared = await TableSession.open({ store, logger, limits: LIMITS, kitCards }, "table-session");
    const card = kitCards[0];
    if (!shared || !card) throw new Error("the table did not open");
    expect(shared.table.cards[card.id]).toBe(card);
    expect(session.table.cards[card.id]).not.toBe(card);
    expect(shared.table).toEqual(session.table);
  });

  it("given an unknown table, when it is opened, then there is no session", async () => {
    expect(await TableSession.open({ store, logger, limits: LIMITS }, "nowhere")).toBeUndefined();
  });

  it("given a person seated, when they act, then the entry is written before the change is told, and a reopened session holds it", async () => {
    const awa = await seated("Awa", true);
    const bastien = await seated("Bastien");
    told = 0;
    session.onChange = () => {
      told++;
      // Told only once the store has the entry.
      expect(entriesWritten).toBe(session.entries);
    };
    let entriesWritten = 0;
    const append = store.append.bind(store);
    store.append = async (tableId, logged) => {
      await append(tableId, logged);
      entriesWritten = logged.seq;
    };
    expect(await session.act(awa, "1", { type: "startPlay" })).toEqual({ ok: true });
    expect(await session.act(bastien, "1", { type: "draw", deck: "lever" })).toEqual({ ok: true });
    expect(told).toBe(2);
    expect(session.table.participants.find((p) => p.id === bastien)?.hand).toHaveLength(1);

    const reopened = await open();
    expect(reopened.table).toEqual(session.table);
  });

  it("given a request sent twice (a lost acknowledgement), when it comes again, then it is answered as done and applied once", async () => {
    const awa = await seated("Awa", true);
    await session.act(awa, "start", { type: "startPlay" });
    expect(await session.act(awa, "draw-1", { type: "draw", deck: "lever" })).toEqual({ ok: true });
    expect(await session.act(awa, "draw-1", { type: "draw", deck: "lever" })).toEqual({ ok: true, repeated: true });
    expect(session.table.participants[0]?.hand).toHaveLength(1);
    expect((await store.load("table-session"))?.log).toHaveLength(3);
  });

  it("given an action the rules refuse, when it is asked, then the refusal is readable and nothing is written or told", async () => {
    const bastien = await seated("Bastien");
    const before = session.table;
    const reply = await session.act(bastien, "1", { type: "startPlay" });
    expect(reply).toMatchObject({ code: "facilitatorOnly" });
    expect(session.table).toBe(before);
    expect(told).toBe(1);
    expect((await store.load("table-session"))?.log).toHaveLength(1);
  });

  it("given a write that fails, when someone acts, then they are told it was not saved, and the table and the log are as before", async () => {
    const awa = await seated("Awa", true);
    const before = session.table;
    store.failNext = true;
    expect(await session.act(awa, "1", { type: "startPlay" })).toMatchObject({ code: "saveFailed" });
    expect(session.table).toBe(before);
    expect(session.table.phase).toBe("preparation");
    // The same request, sent again once the disk is back, is applied (it was never in the log).
    expect(await session.act(awa, "1", { type: "startPlay" })).toEqual({ ok: true });
    expect(session.table.phase).toBe("play");
  });

  it("given a placed card, when it is undone, then the table is the replay without it, also once reopened", async () => {
    const awa = await seated("Awa", true);
    await session.act(awa, "1", { type: "startPlay" });
    await session.act(awa, "2", { type: "draw", deck: "lever" });
    const drawn = session.table;
    const cardId = drawn.participants[0]?.hand[0] ?? "";
    await session.act(awa, "3", { type: "place", cardId, afterStepId: null });
    expect(session.table.path).toHaveLength(1);
    expect(await session.act(awa, "4", { type: "undo" })).toEqual({ ok: true });
    expect(session.table.path).toHaveLength(0);
    expect(session.table.participants[0]?.hand).toEqual(drawn.participants[0]?.hand);
    expect((await open()).table).toEqual(session.table);
  });

  it("given someone seated, when they come back with the same seat key, then they get the same seat and nothing is written", async () => {
    const first = await seated("Bastien");
    const again = await session.seat({ ...arrival("Bastien"), participantId: first }, () => undefined);
    expect(again).toEqual({ ok: true, state: first });
    expect(session.admit({ link: "participant", seatKeyHash: "seat-Bastien", name: "", role: "" })).toMatchObject({
      participantId: first,
    });
    expect((await store.load("table-session"))?.log).toHaveLength(1);
  });

  it("given a name already taken, when a newcomer asks for it, then they are turned away with the reason and nobody is seated", async () => {
    await seated("Bastien");
    const turned = session.admit({ link: "participant", seatKeyHash: "another-key", name: "bastien", role: "élu·e" });
    expect(turned).toMatchObject({ status: 400 });
    const seat = await session.seat({ ...arrival("bastien"), seatKeyHash: "another-key" }, () => undefined);
    expect(seat.ok).toBe(false);
    expect(session.table.participants).toHaveLength(1);
  });

  it("given a replaced participant link, when someone never seated comes with it, then they are turned away", () => {
    expect(session.admit({ link: "replacedInvite", seatKeyHash: "new", name: "Zoé", role: "élu·e" })).toMatchObject({
      status: 401,
    });
  });

  it("given a deleted table, when anyone acts or arrives, then they are told it is gone and nothing is written", async () => {
    const awa = await seated("Awa", true);
    expect(await session.erase()).toBe(true);
    expect(await session.act(awa, "1", { type: "startPlay" })).toMatchObject({ code: "tableDeleted" });
    expect(session.admit({ link: "participant", seatKeyHash: "x", name: "Zoé", role: "élu·e" })).toMatchObject({
      status: 404,
    });
    expect(await store.load("table-session")).toBeUndefined();
  });

  it("given a retention cutoff older than the last entry, when the sweep asks to delete, then the table is kept", async () => {
    await seated("Awa", true);
    expect(await session.erase(session.lastActivity() - 1)).toBe(false);
    expect(await store.load("table-session")).toBeDefined();
  });

  it("given another copy of the table that wrote first (a failover), when this copy writes, then nothing is kept and it knows it is stale", async () => {
    const other = await open();
    await seated("Awa", true);
    expect(other.stale).toBe(false);
    await expect(other.seat(arrival("Bastien"), () => undefined)).rejects.toThrow();
    expect(other.stale).toBe(true);
    expect(session.stale).toBe(false);
    expect((await store.load("table-session"))?.log).toHaveLength(1);
  });

  it("given a new participant link, when it is made, then the old join code no longer finds the table and the new one does", async () => {
    const before = session.shareLinks();
    const after = await session.rotateInvite();
    expect("path" in after && after.path).not.toBe(before.path);
    expect(await store.findByJoinCode(before.joinCode)).toBeUndefined();
    if ("joinCode" in after) expect((await store.findByJoinCode(after.joinCode))?.tableId).toBe("table-session");
  });
});
