// Anonymisation through the real server (port 2568): everyone sees « Participant·e N » at once, the real name leaves the
// stored log before anyone is told, and a table reopened from storage brings it back nowhere (state, log, exports).
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
import { API, LINK_KEYS, PROTOCOL_VERSION, type CreatedTable } from "#shared/protocol.ts";
import { SETUP } from "../fixtures.ts";
import { joinOverHttp, JoinRefusedError } from "../join.ts";
import type { SyncedTable } from "#client/net/types.ts";

const BASE_URL = "http://localhost:2568";
const NEW_TABLE = {
  ...SETUP,
  framingChallengeId: null,
  framingChallengeText: "Diviser par dix le nombre de voitures ?",
};

/** Her name and role appear in no fixture, no card and no id: finding them anywhere means they survived. */
const REAL_NAME = "Zéphyrine Quintal";
const REAL_ROLE = "apicultrice du toit";
const TRACES = /Zéphyrine|Quintal|apicultrice/;

/** The synced state's JSON as a browser decodes it (shared/synced.ts). */
type TableJson = SyncedTable;
interface Person {
  name: string;
  seatKey: string;
  room: Room;
}

let colyseus: ColyseusTestServer;
/** The real embedded store, whose rewrite of a name can be made to fail once (a full disk). */
class FlakyStore extends SqliteTableStore {
  failAnonymise = false;

  override async anonymise(...args: Parameters<SqliteTableStore["anonymise"]>): Promise<void> {
    if (this.failAnonymise) throw new Error("disque plein (simulé)");
    return super.anonymise(...args);
  }
}

let store: FlakyStore;
let tableId: string;
let invite: string;
let facilitatorKey: string;
let awa: Person;
let zephyrine: Person;
let chloe: Person;
let rooms: Room[] = [];

beforeAll(async () => {
  const config = unlimitedConfig();
  colyseus = await boot(
    createApp({
      config,
      store: (store = new FlakyStore(":memory:")),
      gracefullyShutdown: false,
      logger: pino({ level: "silent" }),
    }),
  );
});

afterAll(async () => {
  await colyseus.shutdown();
});

function secretFrom(link: string, key: string): string {
  const value = new URLSearchParams(new URL(link).hash.slice(1)).get(key);
  if (!value) throw new Error(`no #${key}= in ${link}`);
  return value;
}

const stateOf = (person: Person) => person.room.state.toJSON() as TableJson;
const people = (person: Person) => Object.values(stateOf(person).participants);
const action = (person: Person, payload: unknown) =>
  person.room.request("action", { id: randomBytes(8).toString("hex"), action: payload });

async function takeSeat(
  secret: Record<string, string>,
  name: string,
  role: string,
  seatKey = randomBytes(32).toString("base64url"),
): Promise<Person> {
  const room = await joinOverHttp(colyseus.sdk, BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey,
    name,
    role,
  });
  rooms.push(room);
  const person = { name, seatKey, room };
  await vi.waitFor(() => expect(people(person).length).toBeGreaterThan(0));
  return person;
}

function idOf(person: Person, name = person.name): string {
  const found = people(awa).find((p) => p.name === name);
  if (!found) throw new Error(`${name} is not seated`);
  return found.id;
}

async function storedTable(): Promise<string> {
  return JSON.stringify(await store.load(tableId));
}

beforeEach(async () => {
  rooms = [];
  const response = await fetch(`${BASE_URL}${API.createTable}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(NEW_TABLE),
  });
  const created = (await response.json()) as CreatedTable;
  tableId = created.tableId;
  invite = secretFrom(created.participantLink, LINK_KEYS.invite);
  facilitatorKey = secretFrom(created.facilitatorLink, LINK_KEYS.facilitator);
  awa = await takeSeat({ facilitatorKey }, "Awa", "animatrice");
  zephyrine = await takeSeat({ invite }, REAL_NAME, REAL_ROLE);
  chloe = await takeSeat({ invite }, "Chloé", "élue");
  await vi.waitFor(() => expect(people(awa)).toHaveLength(3));
});

afterEach(async () => {
  store.failAnonymise = false;
  await Promise.all(
    rooms.map((room) =>
      room.connection?.isOpen ? Promise.race([room.leave(), new Promise((r) => setTimeout(r, 1000))]) : undefined,
    ),
  );
});

/** Zéphyrine writes a card, places it and tells what happens there. */
async function zephyrinePlays(): Promise<void> {
  await action(awa, { type: "startPlay" });
  await action(zephyrine, {
    type: "writeCard",
    deck: "lever",
    title: "Ruches partagées",
    text: "Des ruches sur chaque toit.",
  });
  let cardId = "";
  await vi.waitFor(() => {
    cardId = people(zephyrine).find((p) => p.name === REAL_NAME)?.hand?.[0]?.id ?? "";
    expect(cardId).not.toBe("");
  });
  await action(zephyrine, { type: "place", cardId, afterStepId: null });
  await vi.waitFor(() => expect(stateOf(zephyrine).path).toHaveLength(1));
  await action(zephyrine, { type: "narrate", stepId: stateOf(zephyrine).path[0]?.id, text: "Le quartier bourdonne." });
  await vi.waitFor(() => expect(stateOf(awa).path[0]?.narration).toBe("Le quartier bourdonne."));
}

describe("a participant anonymises themself at a live table", () => {
  it("given Zéphyrine's story, when she anonymises herself, then everyone sees « Participant·e 2 » and her real name is nowhere, not even after the table comes back from storage", async () => {
    await zephyrinePlays();
    const id = idOf(zephyrine);
    expect(await storedTable()).toMatch(TRACES);

    await action(zephyrine, { type: "anonymise" });

    // Acknowledged only once the stored log was rewritten: it already holds no trace.
    expect(await storedTable()).not.toMatch(TRACES);
    await vi.waitFor(() => {
      for (const person of [awa, zephyrine, chloe]) {
        expect(stateOf(person).participants[id]).toMatchObject({ name: "Participant·e 2", role: "participant·e" });
        expect(JSON.stringify(stateOf(person))).not.toMatch(TRACES);
      }
    });
    expect(stateOf(awa).path[0]).toMatchObject({ placedBy: id, narration: "Le quartier bourdonne." });

    // The room closes (everyone leaves) and the table comes back from its stored log.
    await matchMaker.getLocalRoomById(tableId)?.disconnect();
    await vi.waitFor(async () => expect(await matchMaker.getRoomById(tableId)).toBeFalsy());
    // Her browser still holds the name she typed: her seat key brings her back to her seat, under the new name.
    const back = await takeSeat({ invite }, REAL_NAME, REAL_ROLE, zephyrine.seatKey);
    const host = await takeSeat({ facilitatorKey }, "Awa", "animatrice", awa.seatKey);
    await vi.waitFor(() =>
      expect(stateOf(back).participants[id]).toMatchObject({ name: "Participant·e 2", role: "participant·e" }),
    );
    expect(JSON.stringify(stateOf(back))).not.toMatch(TRACES);
    expect(JSON.stringify(stateOf(host))).not.toMatch(TRACES);
    expect(await storedTable()).not.toMatch(TRACES);
    for (const format of ["md", "html", "json"] as const) {
      const response = await fetch(`${BASE_URL}${API.story(tableId, format)}`, {
        headers: { Authorization: `Bearer ${facilitatorKey}` },
      });
      const story = await response.text();
      expect(story, format).toContain("Participant·e 2");
      expect(story, format).toContain("Le quartier bourdonne.");
      expect(story, format).not.toMatch(TRACES);
    }
  });

  it("given Zéphyrine anonymised, when the facilitator undoes, then the action before it is undone and she stays anonymised", async () => {
    await action(awa, { type: "lockTable", locked: true });
    await action(zephyrine, { type: "anonymise" });

    await action(awa, { type: "undo" });

    const id = idOf(awa, "Participant·e 2");
    await vi.waitFor(() => expect((awa.room.state.toJSON() as { locked: boolean }).locked).toBe(false));
    expect(stateOf(chloe).participants[id]?.name).toBe("Participant·e 2");
    expect(await storedTable()).not.toMatch(TRACES);
  });

  it("given the name « Participant·e 2 » on screen, when a newcomer asks for « Participant·e 5 », then the name is refused as reserved", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const refused = await takeSeat({ invite }, "Participant·e 5", "habitant").catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(JoinRefusedError);
    expect((refused as JoinRefusedError).message).toBe(t("refusal.nameReserved", { name: "Participant·e 5" }));
    vi.restoreAllMocks();
  });
});

describe("a rewrite of the stored name that fails", () => {
  it("given the store failing to rewrite Zéphyrine's name, then she still shows anonymised, and the table's next opening erases the name", async () => {
    await zephyrinePlays();
    const id = idOf(zephyrine);
    store.failAnonymise = true;

    await action(zephyrine, { type: "anonymise" });

    await vi.waitFor(() => expect(stateOf(chloe).participants[id]?.name).toBe("Participant·e 2"));
    expect(await storedTable()).toMatch(TRACES);
    store.failAnonymise = false;
    await matchMaker.getLocalRoomById(tableId)?.disconnect();
    await vi.waitFor(async () => expect(await matchMaker.getRoomById(tableId)).toBeFalsy());
    const back = await takeSeat({ invite }, REAL_NAME, REAL_ROLE, zephyrine.seatKey);
    await vi.waitFor(() => expect(stateOf(back).participants[id]?.name).toBe("Participant·e 2"));
    expect(await storedTable()).not.toMatch(TRACES);
    expect(JSON.stringify(stateOf(back))).not.toMatch(TRACES);
  });
});

describe("a facilitator anonymises someone who asked them", () => {
  it("given Zéphyrine removed from the table, when Awa anonymises her, then her name leaves the story, the moderation record and the store", async () => {
    await zephyrinePlays();
    const id = idOf(zephyrine);
    await action(awa, { type: "removeParticipant", participantId: id });
    await vi.waitFor(() => expect(stateOf(awa).participants[id]?.removed).toBe(true));

    await action(awa, { type: "anonymiseParticipant", participantId: id });

    expect(await storedTable()).not.toMatch(TRACES);
    await vi.waitFor(() =>
      expect(stateOf(chloe).participants[id]).toMatchObject({ name: "Participant·e 2", removed: true }),
    );
    const json = await fetch(`${BASE_URL}${API.story(tableId, "json")}`, {
      headers: { Authorization: `Bearer ${facilitatorKey}` },
    });
    const story = await json.text();
    expect(story).toMatch(/"before": ?"Participant·e 2"/);
    expect(story).not.toMatch(TRACES);
  });
});
