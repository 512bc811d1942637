// A table of a workshop through the real server (port 2568): what the workshop room asks of it with
// matchMaker.remoteRoomCall — an action of the workshop facilitator (workshopAct), durable like anyone's, and someone
// moved to another table (moveOut), whose connections are closed with the new table's path while everyone else stays.
import { randomBytes } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import type { Room } from "@colyseus/sdk";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "#server/app.ts";
import { unlimitedConfig } from "#tests/unlimited-config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { t } from "#shared/i18n/translate.ts";
import type { Action } from "#shared/model.ts";
import { INVITE_LINK_REQUEST, LINK_KEYS, PROTOCOL_VERSION, type ShareLinks } from "#shared/protocol.ts";
import { MOVED_CLOSE_CODE, WORKSHOP_ACTOR_ID, type WorkshopActReply } from "#shared/workshop.ts";
import { joinOverHttp, JoinRefusedError, openTableOverHttp } from "../join.ts";
import type { SyncedTable } from "#client/net/types.ts";

const BASE_URL = "http://localhost:2568";
/** Where the workshop sends Bastien: another table's participant link, as the workshop room would pass it. */
const TABLE_2 = {
  path: `/t/${randomBytes(12).toString("base64url")}#${LINK_KEYS.invite}=${randomBytes(24).toString("base64url")}`,
  name: "Table 2",
};

/** The synced state's JSON as a browser decodes it (shared/synced.ts). */
type TableJson = SyncedTable;
/** One browser tab: who, the seat key its browser keeps, its connection, and how that connection ended (if it did). */
interface Tab {
  name: string;
  seatKey: string;
  room: Room;
  left: { code: number; reason: string } | null;
}

let colyseus: ColyseusTestServer;
let store: SqliteTableStore;
let tableId: string;
let invite: string;
let facilitatorKey: string;
let tabs: Tab[] = [];

beforeAll(async () => {
  const config = unlimitedConfig();
  colyseus = await boot(
    createApp({
      config,
      store: (store = new SqliteTableStore(":memory:")),
      gracefullyShutdown: false,
      logger: pino({ level: "silent" }),
    }),
  );
});

afterAll(async () => {
  await colyseus.shutdown();
});

const stateOf = (tab: Tab) => tab.room.state.toJSON() as TableJson;
const people = (tab: Tab) => Object.values(stateOf(tab).participants ?? {});
const newSeatKey = () => randomBytes(32).toString("base64url");

async function open(secret: Record<string, string>, name: string, seatKey = newSeatKey()): Promise<Tab> {
  const room = await joinOverHttp(colyseus.sdk, BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey,
    name,
    role: "habitant",
  });
  const tab: Tab = { name, seatKey, room, left: null };
  room.onLeave((code, reason) => {
    tab.left = { code, reason: reason ?? "" };
  });
  tabs.push(tab);
  await vi.waitFor(() => expect(people(tab).length).toBeGreaterThan(0));
  return tab;
}

function idOf(tab: Tab, name: string): string {
  const found = people(tab).find((p) => p.name === name);
  if (!found) throw new Error(`${name} is not seated`);
  return found.id;
}

/** What the workshop room does: a call on the table's room by its id, wherever it runs. */
const workshopAct = (action: unknown): Promise<WorkshopActReply> =>
  matchMaker.remoteRoomCall(tableId, "workshopAct", [action]);
const moveOut = (participantId: string, to: { path: string; name: string }): Promise<WorkshopActReply> =>
  matchMaker.remoteRoomCall(tableId, "moveOut", [participantId, to]);

let awa: Tab;
let bastien: Tab;
let chloe: Tab;

beforeEach(async () => {
  tabs = [];
  const table = await openTableOverHttp(BASE_URL, "Table 1 de l'atelier");
  ({ tableId, invite, facilitatorKey } = table);
  awa = await open({ facilitatorKey }, "Awa");
  bastien = await open({ invite }, "Bastien");
  chloe = await open({ invite }, "Chloé");
  await vi.waitFor(() => expect(people(awa)).toHaveLength(3));
});

afterEach(async () => {
  await Promise.all(
    tabs.map((tab) =>
      tab.room.connection?.isOpen
        ? Promise.race([tab.room.leave(), new Promise((r) => setTimeout(r, 1000))])
        : undefined,
    ),
  );
});

describe("the workshop facilitator acting on a table (workshopAct)", () => {
  it("given a message and a timer from the overview, then every connection sees them, the observer's too, and both come back after the room reopens", async () => {
    const { observerPath } = (await awa.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
    const observer = await open(
      { observerKey: new URLSearchParams(observerPath.split("#")[1]).get(LINK_KEYS.observer) ?? "" },
      "",
    );

    expect(await workshopAct({ type: "announce", text: "Retour en plénière à 11 h" })).toEqual({ ok: true });
    expect(await workshopAct({ type: "startTimer", minutes: 20, label: "Préparation" })).toEqual({ ok: true });

    await vi.waitFor(() => {
      for (const tab of [awa, bastien, chloe, observer]) {
        expect(stateOf(tab).announcement?.text).toBe("Retour en plénière à 11 h");
        expect(stateOf(tab).timer?.label).toBe("Préparation");
      }
    });
    // Logged like anyone's action, under the workshop's actor, before anyone was told.
    const stored = await store.load(tableId);
    const theirs = stored?.log.filter((l) => l.entry.kind === "action" && l.entry.actorId === WORKSHOP_ACTOR_ID) ?? [];
    expect(theirs.map((l) => l.entry.kind === "action" && l.entry.action.type)).toEqual(["announce", "startTimer"]);
    for (const logged of theirs) expect(logged.entryId).toMatch(/^atelier:/);

    await matchMaker.getLocalRoomById(tableId)?.disconnect();
    await vi.waitFor(async () => expect(await matchMaker.getRoomById(tableId)).toBeFalsy());
    const back = await open({ invite }, "Bastien", bastien.seatKey);
    await vi.waitFor(() => {
      expect(stateOf(back).announcement?.text).toBe("Retour en plénière à 11 h");
      expect(stateOf(back).timer?.label).toBe("Préparation");
    });

    expect(await workshopAct({ type: "announce", text: "" })).toEqual({ ok: true });
    await vi.waitFor(() => expect(stateOf(back).announcement).toBeUndefined());
  });

  it("given the overview moving every table on, then this table enters play; a move of the game itself is refused with its reason and nothing changes", async () => {
    expect(await workshopAct({ type: "startPlay" } satisfies Action)).toEqual({ ok: true });
    await vi.waitFor(() => expect(stateOf(chloe).phase).toBe("play"));

    const refused = await workshopAct({ type: "draw", deck: "lever" } satisfies Action);
    expect(refused).toEqual({
      ok: false,
      code: "workshopActorNotAllowed",
      message: t("refusal.workshopActorNotAllowed"),
    });
    const malformed = await workshopAct({ type: "announce", text: 42 });
    expect(malformed).toMatchObject({ ok: false, code: "invalidMessage" });
    const tooLate = await moveOut(idOf(awa, "Bastien"), TABLE_2);
    expect(tooLate).toMatchObject({ ok: false, code: "wrongPhase" });
    expect(bastien.room.connection.isOpen).toBe(true);
    const stored = await store.load(tableId);
    expect(
      stored?.log.filter((l) => l.entry.kind === "action").map((l) => l.entry.kind === "action" && l.entry.action.type),
    ).toEqual(["startPlay"]);
  });
});

describe("someone moved to another table of the workshop (moveOut)", () => {
  it("given Bastien in two tabs, when the overview moves him to Table 2, then both tabs are closed with the code and the path; Awa and Chloé stay and see him gone there", async () => {
    const secondTab = await open({ invite }, "Bastien", bastien.seatKey);
    const id = idOf(awa, "Bastien");

    expect(await moveOut(id, TABLE_2)).toEqual({ ok: true });

    await vi.waitFor(() => {
      for (const tab of [bastien, secondTab])
        expect(tab.left).toEqual({ code: MOVED_CLOSE_CODE, reason: TABLE_2.path });
    });
    // His page saw where he went before it closed (the patch comes first on the same connection).
    expect(stateOf(bastien).participants[id]).toMatchObject({ removed: true, movedTo: "Table 2" });
    await vi.waitFor(() => {
      for (const tab of [awa, chloe])
        expect(stateOf(tab).participants[id]).toMatchObject({ removed: true, movedTo: "Table 2" });
    });
    expect(awa.room.connection.isOpen && chloe.room.connection.isOpen).toBe(true);
    expect(awa.left).toBeNull();
    expect(chloe.left).toBeNull();
  });

  it("given Bastien moved, when his browser comes back to the old table with its seat key, then it is refused with where he went", async () => {
    expect(await moveOut(idOf(awa, "Bastien"), TABLE_2)).toEqual({ ok: true });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const refused = await open({ invite }, "Bastien", bastien.seatKey).catch((error: unknown) => error);
    vi.restoreAllMocks();
    expect(refused).toBeInstanceOf(JoinRefusedError);
    expect((refused as JoinRefusedError).status).toBe(403);
    expect((refused as JoinRefusedError).message).toBe(t("refusal.seatMoved", { table: "Table 2" }));
  });

  it("given a destination that is not a table link of this site, then nobody is moved nor closed", async () => {
    for (const to of [
      { path: "https://ailleurs.example/t/x#invitation=y", name: "Table 2" },
      { path: `/t/x#invitation=${"y".repeat(200)}`, name: "Table 2" },
    ]) {
      expect(await moveOut(idOf(awa, "Bastien"), to)).toMatchObject({ ok: false, code: "invalidMessage" });
    }
    expect(bastien.room.connection.isOpen).toBe(true);
    expect(people(awa).every((p) => !p.removed)).toBe(true);
  });
});
