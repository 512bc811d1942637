// The browser's connection (client/src/net/connection.ts, seat.ts, outbox.ts) against the real server, through a network
// the test can cut (network.ts): after a drop the page comes back to the same seat and sends what waited, once; a reload
// keeps the seat and the waiting actions; a removal or a deletion ends the page's attempts with the reason on screen.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { t } from "#shared/i18n/translate.ts";
import { API } from "#shared/protocol.ts";
import type { OpenedTable } from "#tests/join.ts";
import { closeBrowsers, openPage, type Page } from "./browser.ts";
import { Network } from "./network.ts";
import { sleep, startServer, type Person, type TestServer } from "./server.ts";

/** The SDK brings a dropped connection back itself only once the room has been up this long (its `minUptime`). */
const SDK_MIN_UPTIME_MS = 5000;

let server: TestServer;
let network: Network;
let table: OpenedTable;
let facilitator: Person;
let pages: Page[];

beforeAll(async () => {
  server = await startServer();
  network = await Network.open(server.port);
});

afterAll(async () => {
  await network.close();
  await server.stop();
});

beforeEach(async () => {
  // The SDK narrates each reconnection attempt and refused join on the console; these tests cause them on purpose.
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  pages = [];
  table = await server.openTable("Atelier des Lilas");
  facilitator = await server.seat(table.tableId, { facilitatorKey: table.facilitatorKey }, "Awa", "animatrice");
});

afterEach(async () => {
  for (const page of pages) await page.connection.leaveTable();
  network.restore();
  closeBrowsers();
  vi.restoreAllMocks();
});

/** A page of a browser (a new one unless given its storage) opened at the table's participant link. */
async function openTablePage(storage?: Page["storage"]): Promise<Page> {
  const page = await openPage(network.origin, storage);
  pages.push(page);
  return page;
}

/** Joins from the page as the join form does (a reload sends no name: its seat key says who it is). */
async function join(page: Page, name = "", role = ""): Promise<string> {
  await page.connection.joinTable(table.tableId, { kind: "invite", value: table.invite }, name, role);
  await eventually(() => expect(page.store.useTableStore.getState().connection.status).toBe("connected"));
  await eventually(() => expect(page.store.useTableStore.getState().table?.participants.length).toBeGreaterThan(0));
  return page.store.useTableStore.getState().me?.participantId ?? "";
}

/** Waits for what a page shows after a rejoin: its retries back off up to seconds apart. */
function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 15_000, interval: 50 });
}

const state = (page: Page) => page.store.useTableStore.getState();
const joinRequests = (page: Page) => page.requests.filter((r) => r === `POST ${API.join(table.tableId)}`).length;

/** Who sits at the table, as the server keeps it: the people of its log, and how many times each arrived. */
async function arrivals(): Promise<Record<string, number>> {
  const { log } = await server.truth(table.tableId);
  const counted: Record<string, number> = {};
  for (const { entry } of log)
    if (entry.kind === "join") counted[entry.participantId] = (counted[entry.participantId] ?? 0) + 1;
  return counted;
}

async function handOf(participantId: string): Promise<string[]> {
  const { state: truth } = await server.truth(table.tableId);
  return truth.participants.find((p) => p.id === participantId)?.hand ?? [];
}

async function drawsBy(participantId: string): Promise<number> {
  const { log } = await server.truth(table.tableId);
  return log.filter(
    ({ entry }) => entry.kind === "action" && entry.actorId === participantId && entry.action.type === "draw",
  ).length;
}

describe("after the network drops", () => {
  it("in the first seconds: the page rejoins with its seat key as the same person, and the card drawn meanwhile is drawn once", async () => {
    await facilitator.act({ type: "startPlay" });
    const page = await openTablePage();
    const bastien = await join(page, "Bastien", "habitant");

    network.cut();
    await eventually(() => expect(state(page).connection.status).toBe("reconnecting"));
    const drawn = page.connection.act({ type: "draw", deck: "lever" });
    expect(state(page).pending).toBe(1);
    await sleep(1500);
    expect(await handOf(bastien)).toEqual([]);

    network.restore();
    await expect(drawn).resolves.toBeNull();
    expect(state(page).connection.status).toBe("connected");
    expect(state(page).pending).toBe(0);
    expect(state(page).me?.participantId).toBe(bastien);
    expect(await arrivals()).toEqual({ [facilitator.participantId]: 1, [bastien]: 1 });
    expect(await handOf(bastien)).toHaveLength(1);
    await eventually(() => expect(state(page).table?.myHand).toHaveLength(1));
    expect(page.statuses).toEqual(["idle", "connecting", "connected", "reconnecting", "connected"]);
    // The SDK gives up on a room this young: the page itself asked to sit again, with the same seat key.
    expect(joinRequests(page)).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it("later on: the SDK brings the same connection back, and what was written meanwhile arrives once", async () => {
    await facilitator.act({ type: "startPlay" });
    const page = await openTablePage();
    const bastien = await join(page, "Bastien", "habitant");
    await sleep(SDK_MIN_UPTIME_MS + 500);

    network.cut();
    await eventually(() => expect(state(page).connection.status).toBe("reconnecting"));
    const drawn = page.connection.act({ type: "draw", deck: "pitfall" });
    await sleep(1000);
    expect(state(page).pending).toBe(1);

    network.restore();
    await expect(drawn).resolves.toBeNull();
    expect(state(page).pending).toBe(0);
    expect(state(page).me?.participantId).toBe(bastien);
    expect(await arrivals()).toEqual({ [facilitator.participantId]: 1, [bastien]: 1 });
    expect(await drawsBy(bastien)).toBe(1);
    await eventually(() => expect(state(page).table?.myHand).toHaveLength(1));
    expect(page.statuses).toEqual(["idle", "connecting", "connected", "reconnecting", "connected"]);
    expect(joinRequests(page)).toBe(1);
  }, 30_000);

  it("when the browser says it is offline, the page says so too, and it rejoins as soon as the browser is back online", async () => {
    const page = await openTablePage();
    const bastien = await join(page, "Bastien", "habitant");

    page.setOnline(false);
    network.cut();
    await sleep(1500);
    expect(state(page).connection.status).toBe("offline");

    network.restore();
    page.setOnline(true);
    await eventually(() => expect(state(page).connection.status).toBe("connected"));
    expect(state(page).me?.participantId).toBe(bastien);
    expect(page.statuses).toEqual(["idle", "connecting", "connected", "offline", "reconnecting", "connected"]);
  });
});

describe("when the server says no", () => {
  it("an action refused is answered with its reason on screen and leaves the outbox", async () => {
    const page = await openTablePage();
    await join(page, "Bastien", "habitant");
    const refusal = await page.connection.act({ type: "startPlay" });
    expect(refusal?.code).toBe("facilitatorOnly");
    expect(state(page).notices.error?.text).toBe(refusal?.message);
    expect(state(page).pending).toBe(0);
  });

  it("someone removed by the facilitator is told why once, and the page stops trying to sit again", async () => {
    const page = await openTablePage();
    const bastien = await join(page, "Bastien", "habitant");
    await facilitator.act({ type: "removeParticipant", participantId: bastien });

    await eventually(() =>
      expect(state(page).connection).toEqual({ status: "offline", error: t("refusal.seatRemoved") }),
    );
    const asked = joinRequests(page);
    await sleep(4000);
    expect(joinRequests(page)).toBe(asked);
    expect(asked).toBe(2);
    expect(state(page).connection).toEqual({ status: "offline", error: t("refusal.seatRemoved") });
  });

  it("a table deleted while the page is at it: the page says it is gone and stops", async () => {
    const page = await openTablePage();
    await join(page, "Bastien", "habitant");
    await deleteTable();

    await eventually(() => expect(state(page).gone).toBe(t("deletion.deleted")));
    await sleep(2000);
    expect(state(page).connection).toEqual({ status: "idle", error: null });
    expect(joinRequests(page)).toBe(1);
  });

  it("a table deleted while the page was cut off: on its return the page says it is gone, drops what waited, and stops", async () => {
    await facilitator.act({ type: "startPlay" });
    const page = await openTablePage();
    await join(page, "Bastien", "habitant");
    network.cut();
    await eventually(() => expect(state(page).connection.status).toBe("reconnecting"));
    void page.connection.act({ type: "draw", deck: "lever" });
    expect(page.storage.names()).toContain(`jdt:outbox:${table.tableId}`);
    await deleteTable();

    network.restore();
    await eventually(() => expect(state(page).gone).toBe(t("join.tableNotFound")));
    const asked = joinRequests(page);
    await sleep(3000);
    expect(joinRequests(page)).toBe(asked);
    expect(state(page).connection).toEqual({ status: "idle", error: null });
    expect(state(page).pending).toBe(0);
    // What waited for this table is forgotten; the seat key stays, so the old link says at once the table is gone.
    expect(page.storage.names()).toEqual([`jdt:seat:${table.tableId}`]);
  });
});

describe("a reload, and another browser", () => {
  it("a reload brings the same person back to the same seat without asking their name; another browser is someone new", async () => {
    const first = await openTablePage();
    const bastien = await join(first, "Bastien", "habitant");
    await first.connection.leaveTable();

    const reloaded = await openTablePage(first.storage);
    expect(await join(reloaded)).toBe(bastien);
    expect(state(reloaded).table?.participants.map((p) => p.name)).toEqual(["Awa", "Bastien"]);

    const elsewhere = await openTablePage();
    const chloe = await join(elsewhere, "Chloé", "élue");
    expect(chloe).not.toBe(bastien);
    expect(elsewhere.storage.getItem(`jdt:seat:${table.tableId}`)).not.toBe(
      first.storage.getItem(`jdt:seat:${table.tableId}`),
    );
    expect(await arrivals()).toEqual({ [facilitator.participantId]: 1, [bastien]: 1, [chloe]: 1 });
  });

  it("an action whose answer was lost before a reload is sent again by the new page and applied once", async () => {
    await facilitator.act({ type: "startPlay" });
    const first = await openTablePage();
    const bastien = await join(first, "Bastien", "habitant");

    // The request reaches the server, its answer never comes back: the page still counts it as waiting.
    network.deafen();
    void first.connection.act({ type: "draw", deck: "challenge" });
    await eventually(async () => expect(await handOf(bastien)).toHaveLength(1));
    expect(state(first).pending).toBe(1);
    const [waiting] = JSON.parse(first.storage.getItem(`jdt:outbox:${table.tableId}`) ?? "[]") as { id: string }[];

    // The page reloads: its connection dies with it; the new page has only the storage.
    network.cut();
    await first.connection.leaveTable();
    network.restore();
    const reloaded = await openTablePage(first.storage);
    expect(await join(reloaded)).toBe(bastien);
    await eventually(() => expect(state(reloaded).pending).toBe(0));

    expect(await drawsBy(bastien)).toBe(1);
    expect(await handOf(bastien)).toHaveLength(1);
    expect(state(reloaded).table?.myHand).toHaveLength(1);
    const { log } = await server.truth(table.tableId);
    expect(log.filter((logged) => logged.entryId === `${bastien}:${waiting?.id}`)).toHaveLength(1);
    expect(reloaded.storage.names()).not.toContain(`jdt:outbox:${table.tableId}`);
  });
});

/** The facilitator deletes the table from their own browser (not through the page's network). */
async function deleteTable(): Promise<void> {
  const response = await fetch(`${server.url}${API.table(table.tableId)}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${table.facilitatorKey}` },
  });
  expect(response.status).toBeLessThan(300);
}
