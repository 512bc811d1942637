// Room integration tests: a real server (HTTP + WebSocket) on port 2568, one facilitator and three participants
// joining through the links the HTTP API hands out, as their browsers would.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { matchMaker, Protocol } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "@colyseus/sdk";
import pino from "pino";
import { createApp } from "#server/app.ts";
import { unlimitedConfig } from "#tests/unlimited-config.ts";
import { randomBytes } from "node:crypto";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import type { LogEntry } from "#server/store/table-store.ts";
import { parseDeckFile } from "#cards/load.ts";
import { REMOVED_CLOSE_CODE } from "#server/room/table-room.ts";
import { sharedPatchCounts } from "#server/room/shared-patches.ts";
import { t } from "#shared/i18n/translate.ts";
import { LIMITS, type Action, type ActionType, type DeckName, type Phase } from "#shared/model.ts";
import { ACTION_RULES } from "#shared/rules/index.ts";
import {
  API,
  INVITE_LINK_REQUEST,
  LINK_KEYS,
  PROTOCOL_VERSION,
  ROOM_NAME,
  tableLink,
  WHOAMI_REQUEST,
  type CreatedTable,
  type ShareLinks,
  type Whoami,
} from "#shared/protocol.ts";
import { SETUP } from "../fixtures.ts";
import { joinOverHttp } from "../join.ts";
import type { SyncedTable } from "#client/net/types.ts";

const BASE_URL = "http://localhost:2568";

/** A table framed by a challenge written by hand, so that it does not depend on the ids of the real decks. */
const NEW_TABLE = {
  ...SETUP,
  framingChallengeId: null,
  framingChallengeText: "Diviser par dix le nombre de voitures ?",
};

/** The synced state's JSON as a browser decodes it (shared/synced.ts). */
type TableJson = SyncedTable;
/** One person's browser: their name, the seat key it keeps, and its connection to the table. */
interface Person {
  name: string;
  seatKey: string;
  room: Room;
}

interface OpenedTable {
  tableId: string;
  invite: string;
  facilitatorKey: string;
}

/** The real embedded store, which a test can make fail as a full disk would. */
class FlakyStore extends SqliteTableStore {
  failSaves = false;

  override async append(tableId: string, entry: LogEntry): Promise<void> {
    if (this.failSaves) throw new Error("disque plein (simulé)");
    return super.append(tableId, entry);
  }
}

let colyseus: ColyseusTestServer;
let store: FlakyStore;

beforeAll(async () => {
  // These tests play whole tables fast, from one address: the limits against strangers are tested in limits.test.ts.
  const config = unlimitedConfig();
  const server = createApp({
    config,
    store: (store = new FlakyStore(":memory:")),
    gracefullyShutdown: false,
    logger: pino({ level: "silent" }),
  });
  colyseus = await boot(server);
});

afterAll(async () => {
  await colyseus.shutdown();
});

function stateOf(person: Person): TableJson {
  return person.room.state.toJSON() as TableJson;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function secretFrom(link: string, key: string): string {
  const fragment = new URL(link).hash.slice(1);
  const value = new URLSearchParams(fragment).get(key);
  if (!value) throw new Error(`no #${key}= in ${link}`);
  return value;
}

/** Joins like the browser: the link checked over HTTP, then the reserved seat taken over the WebSocket. */
function joinById(tableId: string, options: Record<string, unknown>): Promise<Room> {
  return joinOverHttp(colyseus.sdk, BASE_URL, tableId, options);
}

/** Opens a table the way the setup form does, and reads the two secrets out of the links' fragments. */
async function openTableOverHttp(): Promise<OpenedTable> {
  const response = await fetch(`${BASE_URL}${API.createTable}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(NEW_TABLE),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedTable;
  expect(created.participantLink).toContain(`/t/${created.tableId}#`);
  expect(created.facilitatorLink).toContain(`/t/${created.tableId}#`);
  return {
    tableId: created.tableId,
    invite: secretFrom(created.participantLink, LINK_KEYS.invite),
    facilitatorKey: secretFrom(created.facilitatorLink, LINK_KEYS.facilitator),
  };
}

type Secret = { invite: string } | { facilitatorKey: string };

/** Joins like the browser does; resolves once this person sees themselves seated. */
async function takeSeat(
  tableId: string,
  secret: Secret,
  name: string,
  role: string,
  // Each person has their own browser, hence their own seat key; the same browser comes back with the same key.
  seatKey = randomBytes(32).toString("base64url"),
): Promise<Person> {
  const room = await joinById(tableId, { protocolVersion: PROTOCOL_VERSION, ...secret, seatKey, name, role });
  const person = { name, seatKey, room };
  await vi.waitFor(() => expect(Object.values(stateOf(person).participants ?? {}).map((p) => p.name)).toContain(name));
  return person;
}

function me(person: Person, state = stateOf(person)): TableJson["participants"][string] {
  const found = Object.values(state.participants).find((p) => p.name === person.name);
  if (!found) throw new Error(`${person.name} does not see themselves`);
  return found;
}

/** Sends an action as the browser's outbox does: wrapped with a fresh id. */
function action(person: Person, payload: unknown): Promise<unknown> {
  return person.room.request("action", { id: randomBytes(8).toString("hex"), action: payload });
}

/** Catches the error a request comes back with; fails the test if it succeeded. */
async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; reason?: { code: string; message: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string; reason?: { code: string; message: string } };
  }
  throw new Error("the request should have been refused");
}

/** Waits until nothing more can be in flight: the patch interval is 50 ms. */
async function settle(): Promise<void> {
  await sleep(200);
}

let table: OpenedTable;
let facilitator: Person;
let bastien: Person;
let chloe: Person;
let dorian: Person;
let everyone: Person[];
let extraRooms: Room[];
/** What any client ever saw of someone else's hand. */
let leaks: string[];

/** Records, on every state change of every client, any card of another person's hand it received. */
function watchForLeaks(person: Person) {
  person.room.onStateChange(() => {
    for (const p of Object.values(stateOf(person).participants ?? {})) {
      if (p.name !== person.name && (p.hand?.length ?? 0) > 0) {
        leaks.push(`${person.name} saw ${p.name}'s hand: ${p.hand?.map((c) => c.id).join(", ")}`);
      }
    }
  });
}

async function leaveQuietly(room: Room): Promise<void> {
  if (room.connection?.isOpen) await Promise.race([room.leave(), sleep(1000)]);
}

beforeEach(async () => {
  leaks = [];
  extraRooms = [];
  table = await openTableOverHttp();
  facilitator = await takeSeat(table.tableId, { facilitatorKey: table.facilitatorKey }, "Awa", "animatrice");
  bastien = await takeSeat(table.tableId, { invite: table.invite }, "Bastien", "habitant");
  chloe = await takeSeat(table.tableId, { invite: table.invite }, "Chloé", "élue");
  dorian = await takeSeat(table.tableId, { invite: table.invite }, "Dorian", "entreprise");
  everyone = [facilitator, bastien, chloe, dorian];
  for (const person of everyone) watchForLeaks(person);
  await vi.waitFor(() => {
    for (const person of everyone) expect(Object.keys(stateOf(person).participants)).toHaveLength(4);
  });
});

/** The SDK warns on the console each time a join is refused; these tests refuse joins on purpose. */
function muteRefusedJoinWarnings() {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
}

afterEach(async () => {
  vi.restoreAllMocks();
  store.failSaves = false;
  await Promise.all([...everyone.map((p) => p.room), ...extraRooms].map(leaveQuietly));
  // Whatever a test did, no client ever received someone else's hand.
  expect(leaks).toEqual([]);
});

async function startPlay() {
  await action(facilitator, { type: "startPlay" });
  await vi.waitFor(() => {
    for (const person of everyone) expect(stateOf(person).phase).toBe("play");
  });
}

async function draw(person: Person, deck: DeckName) {
  const before = me(person).handCount;
  await action(person, { type: "draw", deck });
  await vi.waitFor(() => {
    for (const viewer of everyone) {
      const seen = Object.values(stateOf(viewer).participants).find((p) => p.name === person.name);
      expect(seen?.handCount).toBe(before + 1);
    }
    expect(me(person).hand).toHaveLength(before + 1);
  });
}

/**
 * Draws a card and places it; returns the id of the new step as its placer's client sees it. A blank card drawn (« Défi à
 * écrire », « Écueil à écrire ») is written first, as placing an unwritten blank is refused.
 */
async function drawAndPlace(person: Person, deck: DeckName, afterStepId: string | null): Promise<string> {
  await draw(person, deck);
  let cardId = me(person).hand?.at(-1)?.id;
  expect(cardId).toBeDefined();
  if (me(person).hand?.at(-1)?.blank) {
    const blankId = cardId;
    await action(person, {
      type: "writeBlank",
      cardId: blankId ?? "",
      title: `Carte de ${person.name}`,
      text: "Écrite à la table.",
    });
    await vi.waitFor(() => {
      cardId = me(person).hand?.at(-1)?.id;
      expect(cardId).not.toBe(blankId);
    });
  }
  await action(person, { type: "place", cardId, afterStepId });
  let stepId = "";
  await vi.waitFor(() => {
    const step = stateOf(person).path.find((s) => s.card.id === cardId);
    expect(step).toBeDefined();
    stepId = step?.id ?? "";
  });
  return stepId;
}

function snapshots(): string[] {
  return everyone.map((person) => JSON.stringify(stateOf(person)));
}

describe("a table with a facilitator and three participants", () => {
  it("given everyone seated, then every client sees who is who, with everyone connected, still in preparation", async () => {
    await vi.waitFor(() => {
      for (const person of everyone) {
        const state = stateOf(person);
        expect(state.phase).toBe("preparation");
        const seated = Object.values(state.participants).map((p) => [p.name, p.role, p.facilitator, p.connected]);
        expect(seated, `as ${person.name} sees the table`).toEqual([
          ["Awa", "animatrice", true, true],
          ["Bastien", "habitant", false, true],
          ["Chloé", "élue", false, true],
          ["Dorian", "entreprise", false, true],
        ]);
      }
    });
  });

  it("given everyone seated, when the facilitator starts play, then every client sees the play phase", async () => {
    await expect(action(facilitator, { type: "startPlay" })).resolves.toEqual({ ok: true });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).phase).toBe("play");
    });
  });

  it("given play, when each participant draws, then only their own client shows their cards and everyone sees how many they hold", async () => {
    await startPlay();
    const draws: Array<[Person, DeckName]> = [
      [bastien, "lever"],
      [chloe, "pitfall"],
      [dorian, "challenge"],
      [bastien, "pitfall"],
      [chloe, "lever"],
    ];
    for (const [person, deck] of draws) {
      await draw(person, deck);
      const handCounts = Object.fromEntries(
        Object.values(stateOf(facilitator).participants).map((p) => [p.name, p.handCount]),
      );
      for (const viewer of everyone) {
        for (const p of Object.values(stateOf(viewer).participants)) {
          expect(p.handCount, `${viewer.name} sees ${p.name}'s count`).toBe(handCounts[p.name]);
          if (p.name === viewer.name) expect(p.hand ?? [], `${viewer.name}'s own hand`).toHaveLength(p.handCount);
          else expect(p.hand ?? [], `${viewer.name} sees ${p.name}'s hand`).toEqual([]);
        }
      }
    }
    expect(me(bastien).hand?.map((c) => c.id)).toHaveLength(2);
    expect(me(chloe).hand?.map((c) => c.id)).toHaveLength(2);
    expect(me(dorian).hand).toHaveLength(1);
    expect(me(facilitator).handCount).toBe(0);

    // No card id of anyone's hand appears anywhere in another person's client state.
    for (const holder of [bastien, chloe, dorian]) {
      for (const card of me(holder).hand ?? []) {
        for (const viewer of everyone.filter((p) => p !== holder)) {
          expect(JSON.stringify(stateOf(viewer)), `${viewer.name} knows ${holder.name}'s ${card.id}`).not.toContain(
            `"${card.id}"`,
          );
        }
      }
    }
    await settle();
    expect(leaks).toEqual([]);
  });

  it("given a participant, when they try startPlay, removeStep or closeStory, then it is refused as facilitator-only and nothing changes", async () => {
    let before = snapshots();
    const refusedStart = await errorOf(action(bastien, { type: "startPlay" }));
    expect(refusedStart.name).toBe("rejected");
    expect(refusedStart.reason?.code).toBe("facilitatorOnly");
    expect(refusedStart.reason?.message).toMatch(/animateur/i);
    await settle();
    expect(snapshots()).toEqual(before);
    expect(stateOf(facilitator).phase).toBe("preparation");

    await startPlay();
    const stepId = await drawAndPlace(bastien, "lever", null);
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).path.map((s) => s.id)).toEqual([stepId]);
    });
    before = snapshots();
    const attempts: Array<[Person, unknown]> = [
      [chloe, { type: "removeStep", stepId }],
      [dorian, { type: "closeStory" }],
      [bastien, { type: "startPlay" }],
      [bastien, { type: "removeStep", stepId }],
    ];
    for (const [person, payload] of attempts) {
      const error = await errorOf(action(person, payload));
      expect(error.name, JSON.stringify(payload)).toBe("rejected");
      expect(error.reason?.code, JSON.stringify(payload)).toBe("facilitatorOnly");
    }
    await settle();
    expect(snapshots()).toEqual(before);
  });

  it("given a refused action, then its sender stays connected and can act right after", async () => {
    await startPlay();
    const refused = await errorOf(action(chloe, { type: "closeStory" }));
    expect(refused.reason?.code).toBe("facilitatorOnly");
    const emptyHand = await errorOf(action(chloe, { type: "discard", cardId: "lever-agile" }));
    expect(emptyHand.reason?.code).toBe("cardNotInHand");
    expect(emptyHand.reason?.message).toMatch(/main/);
    expect(chloe.room.connection.isOpen).toBe(true);
    await draw(chloe, "lever");
    expect(me(chloe).hand).toHaveLength(1);
  });

  it("given an action sent twice with the same id (a lost acknowledgement), then it is applied once", async () => {
    await startPlay();
    const payload = { id: "outbox-entry-0001", action: { type: "draw", deck: "lever" } };
    expect(await dorian.room.request("action", payload)).toEqual({ ok: true });
    expect(await dorian.room.request("action", payload)).toEqual({ ok: true, repeated: true });
    await settle();
    expect(me(dorian).hand).toHaveLength(1);
    expect(me(dorian).handCount).toBe(1);
  });

  it("given malformed payloads, then each comes back to its sender as a readable refusal, without disconnecting it or changing anything", async () => {
    await startPlay();
    await draw(dorian, "lever");
    const before = snapshots();
    const garbage: unknown[] = [
      { type: "fly" },
      { type: "draw", deck: 3 },
      { type: "draw", deck: "jokers" },
      { type: "place", cardId: 42, afterStepId: null },
      { type: "place", cardId: me(dorian).hand?.[0]?.id },
      { type: "narrate", stepId: "step-1", text: { html: "<b>" } },
      { type: "removeStep", stepId: ["step-1"] },
      "draw",
      null,
      [],
    ];
    for (const payload of garbage) {
      const error = await errorOf(action(dorian, payload));
      expect(error, JSON.stringify(payload)).toBeInstanceOf(Error);
      expect((error as { reason?: { code?: string; message?: string } }).reason, JSON.stringify(payload)).toEqual({
        code: "invalidMessage",
        message: "Cette demande n'a pas pu être comprise ; rien n'a changé.",
      });
      expect(dorian.room.connection.isOpen, `still connected after ${JSON.stringify(payload)}`).toBe(true);
    }
    const unknownRequest = await errorOf(dorian.room.request("hack", { type: "closeStory" }));
    expect(unknownRequest).toBeInstanceOf(Error);
    expect(dorian.room.connection.isOpen).toBe(true);
    await settle();
    expect(snapshots()).toEqual(before);

    await draw(dorian, "pitfall");
    expect(me(dorian).hand).toHaveLength(2);
  });

  it("given cards placed at the start, between and after steps and then narrated, then every client shows the same path in the same order", async () => {
    await startPlay();
    const a = await drawAndPlace(bastien, "lever", null); // A
    const b = await drawAndPlace(chloe, "pitfall", a); // A, B
    const c = await drawAndPlace(dorian, "lever", null); // C, A, B
    const d = await drawAndPlace(bastien, "pitfall", a); // C, A, D, B
    const e = await drawAndPlace(chloe, "lever", b); // C, A, D, B, E
    const narrations: Array<[Person, string, string]> = [
      [bastien, a, "Le dimanche, les rues sont aux enfants."],
      [chloe, b, "Le budget manque, le conseil hésite."],
      [dorian, c, "Une entreprise prête ses vélos-cargos."],
      [bastien, d, "Les commerçants s'inquiètent, puis s'organisent."],
    ];
    for (const [person, stepId, text] of narrations) await action(person, { type: "narrate", stepId, text });
    await action(chloe, { type: "narrate", stepId: b, text: "  Le budget arrive enfin, en 2031.  " });

    const expected = [
      [c, "Dorian", "Une entreprise prête ses vélos-cargos."],
      [a, "Bastien", "Le dimanche, les rues sont aux enfants."],
      [d, "Bastien", "Les commerçants s'inquiètent, puis s'organisent."],
      [b, "Chloé", "Le budget arrive enfin, en 2031."],
      [e, "Chloé", ""],
    ];
    await vi.waitFor(() => {
      for (const viewer of everyone) {
        const state = stateOf(viewer);
        const names = Object.fromEntries(Object.values(state.participants).map((p) => [p.id, p.name]));
        expect(
          state.path.map((s) => [s.id, names[s.placedBy], s.narration]),
          viewer.name,
        ).toEqual(expected);
      }
    });
    const paths = everyone.map((person) => JSON.stringify(stateOf(person).path));
    expect(new Set(paths).size).toBe(1);
  });

  it("given someone else's step, when a participant narrates it, then it is refused and the step keeps its author's words", async () => {
    await startPlay();
    const a = await drawAndPlace(bastien, "lever", null);
    await action(bastien, { type: "narrate", stepId: a, text: "Mes mots." });
    const error = await errorOf(action(chloe, { type: "narrate", stepId: a, text: "Ses mots à elle." }));
    expect(error.reason?.code).toBe("notYourStep");
    await settle();
    for (const person of everyone) expect(stateOf(person).path[0]?.narration).toBe("Mes mots.");
  });

  it("given the facilitator removes a step and closes the story, then every client sees it and no one can play any more", async () => {
    muteRefusedJoinWarnings();
    await startPlay();
    const a = await drawAndPlace(bastien, "lever", null);
    const b = await drawAndPlace(chloe, "pitfall", a);
    await action(facilitator, { type: "removeStep", stepId: a });
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(stateOf(person).path.map((s) => s.id)).toEqual([b]);
        expect(stateOf(person).discardCount).toBe(1);
      }
    });
    await action(facilitator, { type: "closeStory" });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).phase).toBe("closed");
    });
    const error = await errorOf(action(dorian, { type: "draw", deck: "lever" }));
    expect(error.reason?.code).toBe("storyClosed");
    await expect(takeSeat(table.tableId, { invite: table.invite }, "Eve", "habitante")).rejects.toThrow(/terminé/);
  });
});

describe("what the server does with large or failed writes", () => {
  it("given a French narration at the length limit, when its author sends it, then every client receives it whole", async () => {
    await startPlay();
    const a = await drawAndPlace(chloe, "lever", null);
    const text = "é".repeat(LIMITS.narrationLength); // 8 KB on the wire: above Colyseus' 4 KB default frame
    await action(chloe, { type: "narrate", stepId: a, text });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).path[0]?.narration).toBe(text);
    });
    expect(chloe.room.connection.isOpen).toBe(true);
  });

  it("given a table whose state outgrew the encoder's buffer, when someone arrives or comes back, then they see every step whole and their own hand", async () => {
    await startPlay();
    // 12 narrations of 4,000 "é" (8 KB each): about 100 KB of state, far past the encoder's 16 KB buffer.
    const narrations: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 12; i++) {
      last = await drawAndPlace(chloe, i % 2 ? "lever" : "challenge", last); // the kit has 7 levers
      const text = `${i} ${"é".repeat(LIMITS.narrationLength - 3)}`;
      await action(chloe, { type: "narrate", stepId: last, text });
      narrations.push(text);
    }
    await draw(bastien, "challenge");
    const hand = me(bastien).hand?.map((c) => c.id);

    const eve = await takeSeat(table.tableId, { invite: table.invite }, "Eve", "habitante");
    const back = await takeSeat(table.tableId, { invite: table.invite }, "Bastien", "habitant", bastien.seatKey);
    extraRooms.push(eve.room, back.room);

    for (const person of [eve, back]) {
      await vi.waitFor(() => expect(stateOf(person).path.map((step) => step.narration)).toEqual(narrations));
    }
    expect(me(back).hand?.map((c) => c.id)).toEqual(hand);
    // And what follows still decodes: a patch after the big full state.
    await action(chloe, { type: "narrate", stepId: last ?? "", text: "La fin, courte." });
    await vi.waitFor(() => expect(stateOf(eve).path.at(-1)?.narration).toBe("La fin, courte."));
  });

  it("given the store cannot save, when a participant draws, then they are told it failed and no client sees a change", async () => {
    await startPlay();
    const before = snapshots();
    store.failSaves = true;
    const reply = await action(bastien, { type: "draw", deck: "lever" }).then(
      (value) => ({ resolved: value }),
      (error: unknown) => ({ rejected: error }),
    );
    store.failSaves = false;
    await settle();
    expect(snapshots()).toEqual(before);
    expect(bastien.room.connection.isOpen).toBe(true);
    // The sender must learn that nothing happened: a reply that resolves reads as "done" in the client.
    expect(reply).toHaveProperty("rejected");
    await draw(bastien, "lever");
  });
});

describe("who may enter, and how tables are opened", () => {
  it("given a wrong, missing or other table's secret, when someone joins, then the join is refused and no one new appears", async () => {
    muteRefusedJoinWarnings();
    const other = await openTableOverHttp();
    const before = snapshots();
    const attempts: Array<Record<string, unknown>> = [
      { invite: "pas-le-bon-secret" },
      { facilitatorKey: "pas-le-bon-secret" },
      { facilitatorKey: table.invite }, // the participant link does not make you facilitator...
      {},
      { invite: other.invite },
      { facilitatorKey: other.facilitatorKey },
    ];
    for (const secret of attempts) {
      await expect(
        joinById(table.tableId, {
          protocolVersion: PROTOCOL_VERSION,
          ...secret,
          seatKey: randomBytes(32).toString("base64url"),
          name: "Mallory",
          role: "intruse",
        }),
        JSON.stringify(secret),
      ).rejects.toThrow(/lien/);
    }
    await settle();
    expect(snapshots()).toEqual(before);
  });

  it("given a participant link, then its holder sits as a participant, never as facilitator", async () => {
    const eve = await takeSeat(table.tableId, { invite: table.invite }, "Eve", "habitante");
    extraRooms.push(eve.room);
    expect(me(eve).facilitator).toBe(false);
    const error = await errorOf(action(eve, { type: "startPlay" }));
    expect(error.reason?.code).toBe("facilitatorOnly");
  });

  it("given seated people, when each asks who they are, then they get their own seat and role", async () => {
    for (const person of everyone) {
      const whoami = (await person.room.request(WHOAMI_REQUEST)) as Whoami;
      expect(whoami).toEqual({ participantId: me(person).id, facilitator: person === facilitator, observer: false });
    }
  });

  it("given someone who joins, then the room tells them who they are right after the first state, unasked", async () => {
    const room = await joinById(table.tableId, {
      protocolVersion: PROTOCOL_VERSION,
      invite: table.invite,
      seatKey: randomBytes(32).toString("base64url"),
      name: "Gaspard",
      role: "habitant",
    });
    extraRooms.push(room);
    const told = await new Promise<Whoami>((resolve) => room.onMessage(WHOAMI_REQUEST, resolve));
    const gaspard = Object.values(stateOf({ name: "Gaspard", seatKey: "", room }).participants).find(
      (p) => p.name === "Gaspard",
    );
    expect(told).toEqual({ participantId: gaspard?.id, facilitator: false, observer: false });
  });

  it("given the facilitator, when they ask for the participant link again, then it is the link that lets people in; participants cannot ask", async () => {
    const { path: link } = (await facilitator.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
    expect(link).toBe(tableLink(table.tableId, "invite", table.invite));
    const eve = await takeSeat(
      table.tableId,
      { invite: secretFrom(`${BASE_URL}${link}`, LINK_KEYS.invite) },
      "Eve",
      "habitante",
    );
    extraRooms.push(eve.room);
    expect(me(eve).facilitator).toBe(false);

    const refused = await errorOf(bastien.room.request(INVITE_LINK_REQUEST));
    expect(refused.name).toBe("rejected");
    expect(refused.reason?.code).toBe("facilitatorOnly");
  });

  it("given an empty name or an old client, when someone joins, then they are refused with a reason", async () => {
    muteRefusedJoinWarnings();
    await expect(
      joinById(table.tableId, {
        protocolVersion: PROTOCOL_VERSION,
        invite: table.invite,
        seatKey: randomBytes(32).toString("base64url"),
        name: "  ",
        role: "habitante",
      }),
    ).rejects.toThrow(/nom/);
    await expect(
      joinById(table.tableId, {
        protocolVersion: PROTOCOL_VERSION + 1,
        invite: table.invite,
        seatKey: randomBytes(32).toString("base64url"),
        name: "Eve",
        role: "habitante",
      }),
    ).rejects.toThrow();
  });

  it("given a client, when it asks the matchmaker to create a table room, then it is refused", async () => {
    muteRefusedJoinWarnings();
    // Rooms of earlier tables may close meanwhile (empty rooms are disposed); what matters is that none appears.
    const tableRooms = async () => new Set((await matchMaker.query({ name: ROOM_NAME })).map((r) => r.roomId));
    const before = await tableRooms();
    await expect(colyseus.sdk.create(ROOM_NAME, {})).rejects.toThrow();
    await expect(colyseus.sdk.create(ROOM_NAME, { tableId: table.tableId, ticket: "devine" })).rejects.toThrow();
    await expect(
      colyseus.sdk.joinOrCreate(ROOM_NAME, {
        protocolVersion: PROTOCOL_VERSION,
        invite: table.invite,
        name: "Eve",
        role: "habitante",
      }),
    ).rejects.toThrow();
    await settle();
    expect([...(await tableRooms())].filter((id) => !before.has(id))).toEqual([]);
    expect(Object.keys(stateOf(facilitator).participants)).toHaveLength(4);
  });

  it("given an incomplete setup, when a table is opened over HTTP, then it is refused with a readable reason", async () => {
    const missingTitle = await fetch(`${BASE_URL}${API.createTable}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...NEW_TABLE, title: " " }),
    });
    expect(missingTitle.status).toBe(400);
    expect(await missingTitle.json()).toMatchObject({
      code: "setupTitleRequired",
      message: expect.stringMatching(/titre/i),
    });

    const garbage = await fetch(`${BASE_URL}${API.createTable}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: 42 }),
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ code: "invalidBody" });
  });
});

describe("the story as Markdown over HTTP", () => {
  async function getStory(tableId: string, secret?: string): Promise<Response> {
    return fetch(
      `${BASE_URL}${API.story(tableId, "md")}`,
      secret === undefined ? {} : { headers: { Authorization: `Bearer ${secret}` } },
    );
  }

  it("given a told story, when downloaded without the facilitator secret, then it is refused; with it, it holds the narrations in path order", async () => {
    await startPlay();
    const a = await drawAndPlace(bastien, "lever", null);
    const b = await drawAndPlace(chloe, "pitfall", null); // before A
    const c = await drawAndPlace(dorian, "lever", a); // after A
    await action(bastien, { type: "narrate", stepId: a, text: "Deuxième étape, racontée par Bastien." });
    await action(chloe, { type: "narrate", stepId: b, text: "Première étape, racontée par Chloé." });
    await action(dorian, { type: "narrate", stepId: c, text: "Troisième étape, racontée par Dorian." });

    for (const secret of [undefined, table.invite, "pas-le-bon-secret"]) {
      const refused = await getStory(table.tableId, secret);
      expect(refused.status, `secret ${secret}`).toBe(401);
      const body = await refused.text();
      expect(body).not.toContain("racontée par");
      expect(JSON.parse(body)).toMatchObject({
        code: "facilitatorKeyRequired",
        message: expect.stringMatching(/animation/),
      });
    }
    expect((await getStory("table-inconnue", table.facilitatorKey)).status).toBe(404);

    const response = await getStory(table.tableId, table.facilitatorKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/markdown/);
    const md = await response.text();
    const first = md.indexOf("Première étape, racontée par Chloé.");
    const second = md.indexOf("Deuxième étape, racontée par Bastien.");
    const third = md.indexOf("Troisième étape, racontée par Dorian.");
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(md).toContain(`# ${NEW_TABLE.title}`);
    expect(md).toContain("Raconté par Chloé (élue)");
  });
});

describe("continuing a story elsewhere", () => {
  it("given a story exported as JSON, when it is imported, then a new table holds the same path and its facilitator can play on", async () => {
    await startPlay();
    const a = await drawAndPlace(bastien, "lever", null);
    await action(bastien, { type: "narrate", stepId: a, text: "Une narration à garder." });
    const exported = await fetch(`${BASE_URL}${API.story(table.tableId, "json")}`, {
      headers: { Authorization: `Bearer ${table.facilitatorKey}` },
    });
    expect(exported.status).toBe(200);
    const json = await exported.text();

    const refused = await fetch(`${BASE_URL}${API.importStory}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{ pas du json",
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/JSON/);

    const imported = await fetch(`${BASE_URL}${API.importStory}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: json,
    });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as CreatedTable;
    expect(created.tableId).not.toBe(table.tableId);
    const host = await takeSeat(
      created.tableId,
      { facilitatorKey: secretFrom(created.facilitatorLink, LINK_KEYS.facilitator) },
      "Ines",
      "animation",
    );
    const continued = stateOf(host);
    expect(continued.phase).toBe("preparation");
    expect(continued.path.map((s) => s.narration)).toEqual(["Une narration à garder."]);
    // The original author is still named, and the new facilitator can start play again.
    expect(Object.values(continued.participants).map((p) => p.name)).toEqual(
      expect.arrayContaining(["Bastien", "Ines"]),
    );
    await action(host, { type: "startPlay" });
    await vi.waitFor(() => expect(stateOf(host).phase).toBe("play"));
    await host.room.leave(true);
  });
});

/** A client's state without who is connected at the moment. */
function withoutPresence(state: TableJson): unknown {
  const participants = Object.values(state.participants).map(({ connected: _now, ...p }) => p);
  return { ...state, participants };
}

/** Who is who, by participant id, as the facilitator's client sees it. */
function idOf(person: Person): string {
  return me(person).id;
}

/** Joins with the observer link the facilitator shares; resolves once the observer sees the table. */
async function observe(tableId: string, observerPath: string): Promise<Person> {
  const observerKey = secretFrom(`${BASE_URL}${observerPath}`, LINK_KEYS.observer);
  const seatKey = randomBytes(32).toString("base64url");
  const room = await joinById(tableId, { protocolVersion: PROTOCOL_VERSION, observerKey, seatKey });
  const observer = { name: "Projecteur", seatKey, room };
  extraRooms.push(room);
  watchForLeaks(observer);
  await vi.waitFor(() => expect(Object.keys(stateOf(observer).participants ?? {})).toHaveLength(4));
  return observer;
}

async function shareLinks(): Promise<ShareLinks> {
  return (await facilitator.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
}

/** Ids a payload may point at: a step, a contribution under it, a suggestion, another participant. */
interface Targets {
  stepId: string;
  contributionId: string;
  suggestionId: string;
  participantId: string;
  order: string[];
}

/** One well-formed payload for every action type (the compiler checks none is missing), aimed at real things. */
const PAYLOADS: { [K in ActionType]: (ids: Targets) => Extract<Action, { type: K }> } = {
  editSetup: () => ({ type: "editSetup", changes: { title: "Une table prise en main" } }),
  chooseChallenge: () => ({ type: "chooseChallenge", cardId: null, text: "Un autre défi, écrit à la main" }),
  drawChallenge: () => ({ type: "drawChallenge" }),
  chooseDecks: () => ({ type: "chooseDecks", decks: ["lever"], themes: [] }),
  importDeck: () => ({ type: "importDeck", file: { deck: "lever", cards: [] } }),
  suggest: () => ({ type: "suggest", field: "system", text: "Le quartier et ses voisins" }),
  acceptSuggestion: ({ suggestionId }) => ({ type: "acceptSuggestion", suggestionId }),
  dismissSuggestion: ({ suggestionId }) => ({ type: "dismissSuggestion", suggestionId }),
  setPhase: () => ({ type: "setPhase", phase: "closed" }),
  startPlay: () => ({ type: "startPlay" }),
  closeStory: () => ({ type: "closeStory" }),
  draw: () => ({ type: "draw", deck: "lever" }),
  place: () => ({ type: "place", cardId: "lever-agile", afterStepId: null }),
  narrate: ({ stepId }) => ({ type: "narrate", stepId, text: "Ce que je raconte" }),
  discard: () => ({ type: "discard", cardId: "lever-agile" }),
  writeCard: () => ({ type: "writeCard", deck: "lever", title: "Frugal", text: "Faire mieux avec moins." }),
  writeBlank: () => ({
    type: "writeBlank",
    cardId: "pitfall-blank-1",
    title: "Un écueil à nous",
    text: "Ce que nous rencontrons.",
  }),
  contribute: ({ stepId }) => ({ type: "contribute", stepId, kind: "yesAnd", text: "Oui, et les écoles suivent." }),
  react: ({ stepId }) => ({ type: "react", stepId, reaction: "plausible" }),
  setTurnMode: () => ({ type: "setTurnMode", mode: "turns" }),
  passTurn: () => ({ type: "passTurn" }),
  skipTurn: () => ({ type: "skipTurn" }),
  reorderTurns: ({ order }) => ({ type: "reorderTurns", order: [...order].reverse() }),
  startTimer: () => ({ type: "startTimer", minutes: 5, label: "Tour de table" }),
  pauseTimer: () => ({ type: "pauseTimer" }),
  resumeTimer: () => ({ type: "resumeTimer" }),
  extendTimer: () => ({ type: "extendTimer", minutes: 2 }),
  clearTimer: () => ({ type: "clearTimer" }),
  dealPitfall: ({ participantId }) => ({ type: "dealPitfall", to: participantId, afterStepId: null }),
  changeRole: () => ({ type: "changeRole", role: "citoyen·ne", zone: "civilSociety" }),
  writeDebrief: () => ({ type: "writeDebrief", text: "J'y suis, à vélo." }),
  editStep: ({ stepId }) => ({ type: "editStep", stepId, narration: "Réécrit par quelqu'un d'autre" }),
  removeStep: ({ stepId }) => ({ type: "removeStep", stepId }),
  moveStep: ({ stepId }) => ({ type: "moveStep", stepId, afterStepId: null }),
  editContribution: ({ stepId, contributionId }) => ({
    type: "editContribution",
    stepId,
    contributionId,
    text: "Réécrit",
  }),
  removeContribution: ({ stepId, contributionId }) => ({ type: "removeContribution", stepId, contributionId }),
  undo: () => ({ type: "undo" }),
  lockTable: () => ({ type: "lockTable", locked: true }),
  removeParticipant: ({ participantId }) => ({ type: "removeParticipant", participantId }),
  setFacilitator: ({ participantId }) => ({ type: "setFacilitator", participantId, facilitator: true }),
  handOver: ({ participantId }) => ({ type: "handOver", participantId }),
  anonymise: () => ({ type: "anonymise" }),
  anonymiseParticipant: ({ participantId }) => ({ type: "anonymiseParticipant", participantId }),
  announce: () => ({ type: "announce", text: "Pause dans cinq minutes" }),
  moveAway: ({ participantId }) => ({ type: "moveAway", participantId, toTableName: "Table 2" }),
  // The id is the server's to draw: whatever a browser puts there is dropped (server/session/drawn.ts).
  publish: () => ({ type: "publish", publicId: "choisi-par-le-navigateur-000000000" }),
  unpublish: () => ({ type: "unpublish" }),
  nameInPublication: () => ({ type: "nameInPublication", named: true }),
};

const ACTION_TYPES = Object.keys(ACTION_RULES) as ActionType[];
const FACILITATOR_ACTIONS = ACTION_TYPES.filter((type) => ACTION_RULES[type].who === "facilitator");

/**
 * Sends an action expected to be refused with this code; fails with the action's name otherwise. Paced like a person:
 * the room disconnects a client sending more than 40 messages a second.
 */
async function expectRefused(person: Person, payload: Action, code: string): Promise<void> {
  await sleep(30);
  const error = await errorOf(action(person, payload));
  expect(error.name, `${person.name}: ${payload.type}`).toBe("rejected");
  expect(error.reason?.code, `${person.name}: ${payload.type}`).toBe(code);
}

async function setPhase(phase: Phase) {
  await action(facilitator, { type: "setPhase", phase });
  await vi.waitFor(() => {
    for (const person of everyone) expect(stateOf(person).phase).toBe(phase);
  });
}

describe("facilitator-only actions", () => {
  it("given a participant and an observer, when they try every facilitator action in every phase it exists in, then each is refused and no client changes", async () => {
    expect(FACILITATOR_ACTIONS.length).toBeGreaterThan(20);
    const observer = await observe(table.tableId, (await shareLinks()).observerPath);
    await action(chloe, { type: "suggest", field: "presentState", text: "Des rues bruyantes" });
    let suggestionId = "";
    await vi.waitFor(() => {
      suggestionId = stateOf(facilitator).suggestions[0]?.id ?? "";
      expect(suggestionId).not.toBe("");
    });
    const targets = (): Targets => ({
      stepId: stateOf(facilitator).path[0]?.id ?? "step-1",
      contributionId: stateOf(facilitator).path[0]?.contributions[0]?.id ?? "contribution-1",
      suggestionId,
      participantId: idOf(chloe),
      order: stateOf(facilitator).turns.order,
    });
    const tried = new Set<ActionType>();
    const tryAll = async (phase: Phase) => {
      const viewers = [...everyone, observer];
      const before = viewers.map((person) => JSON.stringify(stateOf(person)));
      for (const type of FACILITATOR_ACTIONS.filter((x) => ACTION_RULES[x].phases.includes(phase))) {
        const payload = PAYLOADS[type](targets());
        await expectRefused(bastien, payload, "facilitatorOnly");
        await expectRefused(observer, payload, "observerReadOnly");
        tried.add(type);
      }
      await settle();
      expect(
        viewers.map((person) => JSON.stringify(stateOf(person))),
        `in ${phase}`,
      ).toEqual(before);
    };

    await tryAll("preparation");
    await startPlay();
    const stepId = await drawAndPlace(bastien, "lever", null);
    await action(chloe, { type: "contribute", stepId, kind: "yesAnd", text: "Oui, et le marché aussi." });
    await vi.waitFor(() => expect(stateOf(facilitator).path[0]?.contributions).toHaveLength(1));
    await tryAll("play");
    await setPhase("debrief");
    await tryAll("debrief");
    await setPhase("closed");
    await tryAll("closed");

    expect([...tried].sort()).toEqual([...FACILITATOR_ACTIONS].sort());
    expect(chloe.room.connection.isOpen && bastien.room.connection.isOpen && observer.room.connection.isOpen).toBe(
      true,
    );
  });
});

describe("what everyone sees of a session", () => {
  it("given preparation and play moves, then every client sees the setup, suggestions, timer, contributions, reactions and a dealt pitfall", async () => {
    await action(facilitator, {
      type: "editSetup",
      changes: {
        otherFutures: ["Un quartier qui produit son énergie"],
        constraints: { time: "Avant 2035", values: "", actors: "" },
        stakes: {
          ifNothing: "Le quartier s'asphyxie.",
          objectives: [{ text: "Moins de voitures", priority: 1 }],
          indicators: ["Des enfants à vélo"],
        },
      },
    });
    await action(dorian, { type: "suggest", field: "constraintActors", text: "Les commerçants" });
    await vi.waitFor(() => {
      for (const person of everyone) {
        const state = stateOf(person);
        expect(state.otherFutures).toEqual(["Un quartier qui produit son énergie"]);
        expect(state.constraints).toEqual({ time: "Avant 2035", values: "", actors: "" });
        expect(state.stakes).toEqual({
          ifNothing: "Le quartier s'asphyxie.",
          objectives: [{ text: "Moins de voitures", priority: 1 }],
          quickWins: [],
          indicators: ["Des enfants à vélo"],
        });
        expect(state.decksInPlay).toEqual(["challenge", "lever", "pitfall"]);
        expect(state.suggestions.map((s) => [s.authorId, s.field, s.text])).toEqual([
          [idOf(dorian), "constraintActors", "Les commerçants"],
        ]);
      }
    });

    const before = Date.now();
    await action(facilitator, { type: "startTimer", minutes: 10, label: "Préparation" });
    await vi.waitFor(() => {
      for (const person of everyone) {
        const timer = stateOf(person).timer;
        expect(timer).toMatchObject({ label: "Préparation", durationMs: 600_000, remainingMs: 600_000 });
        expect(timer?.runningSince).toBeGreaterThanOrEqual(before);
        expect(timer?.serverNow).toBeGreaterThanOrEqual(timer?.runningSince ?? Infinity);
      }
    });
    // Someone arriving later gets the server's clock of their arrival, not of the timer's start.
    await sleep(50);
    const arrival = Date.now();
    const observer = await observe(table.tableId, (await shareLinks()).observerPath);
    expect(stateOf(observer).timer?.serverNow).toBeGreaterThanOrEqual(arrival);
    await action(facilitator, { type: "pauseTimer" });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).timer?.runningSince).toBe(0);
    });
    await action(facilitator, { type: "clearTimer" });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).timer).toBeUndefined();
    });

    await startPlay();
    const stepId = await drawAndPlace(bastien, "lever", null);
    await action(chloe, { type: "contribute", stepId, kind: "yesAnd", text: "Oui, et les écoles suivent." });
    await action(dorian, { type: "react", stepId, reaction: "desirable" });
    await action(chloe, { type: "react", stepId, reaction: "plausible" });
    // A blank « Écueil à écrire » on top of the pile is refused unwritten onto the path: the facilitator writes it as she deals.
    const deal = { type: "dealPitfall", to: null, afterStepId: stepId } as const;
    const blankOnTop = await errorOf(action(facilitator, deal)).catch(() => null);
    if (blankOnTop) {
      expect(blankOnTop.reason?.code).toBe("dealtBlankToWrite");
      await action(facilitator, { ...deal, title: "Un écueil à nous", text: "Ce que la table rencontre." });
    }
    await vi.waitFor(() => {
      for (const person of everyone) {
        const [step, pitfall] = stateOf(person).path;
        expect(step?.contributions.map((c) => [c.authorId, c.kind, c.text])).toEqual([
          [idOf(chloe), "yesAnd", "Oui, et les écoles suivent."],
        ]);
        expect(step?.desirable).toEqual([idOf(dorian)]);
        expect(step?.plausible).toEqual([idOf(chloe)]);
        expect(pitfall).toMatchObject({ dealt: true, open: true });
      }
    });
    const pitfallId = stateOf(facilitator).path[1]?.id ?? "";
    await action(dorian, {
      type: "contribute",
      stepId: pitfallId,
      kind: "answer",
      text: "On en parle au conseil de quartier.",
    });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).path[1]).toMatchObject({ dealt: true, open: false });
    });
    const contributionId = stateOf(facilitator).path[0]?.contributions[0]?.id ?? "";
    await action(facilitator, {
      type: "editContribution",
      stepId,
      contributionId,
      text: "Oui, et toutes les écoles suivent.",
    });
    await vi.waitFor(() => {
      for (const person of everyone)
        expect(stateOf(person).path[0]?.contributions[0]?.text).toBe("Oui, et toutes les écoles suivent.");
    });
  });

  it("given the debrief, when every participant writes theirs, then every client sees who did and the table has won", async () => {
    await startPlay();
    await setPhase("debrief");
    for (const [person, text] of [
      [bastien, "J'habite un quartier calme et je répare des vélos."],
      [chloe, "J'ai porté le budget participatif."],
    ] as const) {
      await action(person, { type: "writeDebrief", text });
    }
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(me(bastien, stateOf(person)).debrief).toBe("J'habite un quartier calme et je répare des vélos.");
        expect(stateOf(person).won).toBe(false);
      }
    });
    await action(dorian, {
      type: "writeDebrief",
      text: "Mon entreprise livre à vélo-cargo.",
      commitment: "Je m'engage à livrer à vélo.",
    });
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(stateOf(person).won).toBe(true);
        expect(me(dorian, stateOf(person)).commitment).toBe("Je m'engage à livrer à vélo.");
      }
    });
  });
});

describe("turns", () => {
  it("given turns, then only the current player draws and places, passing moves the turn, and the facilitator skips and reorders", async () => {
    await startPlay();
    await action(facilitator, { type: "setTurnMode", mode: "turns" });
    const order = [idOf(bastien), idOf(chloe), idOf(dorian)];
    await vi.waitFor(() => {
      for (const person of everyone)
        expect(stateOf(person).turns).toEqual({ mode: "turns", order, current: idOf(bastien) });
    });

    const before = snapshots();
    await expectRefused(chloe, { type: "draw", deck: "lever" }, "notYourTurn");
    await expectRefused(dorian, { type: "passTurn" }, "notYourTurn");
    await settle();
    expect(snapshots()).toEqual(before);

    await drawAndPlace(bastien, "lever", null);
    await action(bastien, { type: "passTurn" });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).turns.current).toBe(idOf(chloe));
    });
    await expectRefused(bastien, { type: "draw", deck: "lever" }, "notYourTurn");
    await draw(chloe, "pitfall");

    // A participant cannot skip someone; the facilitator can.
    await expectRefused(chloe, { type: "skipTurn" }, "facilitatorOnly");
    await action(facilitator, { type: "skipTurn" });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).turns.current).toBe(idOf(dorian));
    });
    await expectRefused(
      chloe,
      { type: "place", cardId: me(chloe).hand?.[0]?.id ?? "", afterStepId: null },
      "notYourTurn",
    );

    const reversed = [...order].reverse();
    await expectRefused(dorian, { type: "reorderTurns", order: reversed }, "facilitatorOnly");
    await action(facilitator, { type: "reorderTurns", order: reversed });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).turns.order).toEqual(reversed);
    });
    await action(dorian, { type: "passTurn" }); // Dorian, Chloé, Bastien: after Dorian comes Chloé
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).turns.current).toBe(idOf(chloe));
    });

    await action(facilitator, { type: "setTurnMode", mode: "free" });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).turns).toMatchObject({ mode: "free", current: "" });
    });
    await draw(dorian, "lever");
  });
});

describe("the observer link", () => {
  it("given the observer link, then its holder sees the path and the people but no hand, takes no seat, and every action is refused", async () => {
    await startPlay();
    const stepId = await drawAndPlace(bastien, "lever", null);
    await draw(chloe, "pitfall");
    const links = await shareLinks();
    expect(links.path).toBe(tableLink(table.tableId, "invite", table.invite));
    expect(links.observerPath).toMatch(new RegExp(`^/t/${table.tableId}#${LINK_KEYS.observer}=`));
    const logBefore = (await store.load(table.tableId))?.log.length;

    const observer = await observe(table.tableId, links.observerPath);
    await vi.waitFor(() => {
      const seen = stateOf(observer);
      expect(seen.path.map((s) => s.id)).toEqual([stepId]);
      expect(Object.values(seen.participants).map((p) => [p.name, p.handCount])).toEqual([
        ["Awa", 0],
        ["Bastien", 0],
        ["Chloé", 1],
        ["Dorian", 0],
      ]);
      for (const p of Object.values(seen.participants)) expect(p.hand ?? []).toEqual([]);
    });
    expect(await observer.room.request(WHOAMI_REQUEST)).toEqual({
      participantId: null,
      facilitator: false,
      observer: true,
    });
    const refusedLinks = await errorOf(observer.room.request(INVITE_LINK_REQUEST));
    expect(refusedLinks.reason?.code).toBe("observerReadOnly");

    const before = [...snapshots(), JSON.stringify(stateOf(observer))];
    const ids: Targets = {
      stepId,
      contributionId: "contribution-1",
      suggestionId: "suggestion-1",
      participantId: idOf(chloe),
      order: [],
    };
    for (const type of ACTION_TYPES) {
      await sleep(30); // paced like a person: more than 40 messages a second disconnects a client
      const error = await errorOf(action(observer, PAYLOADS[type](ids)));
      expect(error.reason?.code, type).toBe("observerReadOnly");
      expect(error.reason?.message, type).toBe(t("refusal.observerReadOnly"));
    }
    await settle();
    expect([...snapshots(), JSON.stringify(stateOf(observer))]).toEqual(before);
    expect(observer.room.connection.isOpen).toBe(true);
    // Watching leaves no trace: no one new at the table, nothing in the log.
    expect((await store.load(table.tableId))?.log.length).toBe(logBefore);
    expect(Object.keys(stateOf(facilitator).participants)).toHaveLength(4);

    // And the table goes on under its eyes.
    await action(bastien, { type: "narrate", stepId, text: "Vu du projecteur." });
    await vi.waitFor(() => expect(stateOf(observer).path[0]?.narration).toBe("Vu du projecteur."));
  });
});

describe("undo", () => {
  it("given a facilitator undoing, then the last action is reverted for every client, then the one before, and the table stays so after its room restarts", async () => {
    muteRefusedJoinWarnings();
    await startPlay();
    await draw(bastien, "lever");
    const cardId = me(bastien).hand?.[0]?.id ?? "";
    const pilesAfterDraw = stateOf(facilitator).piles.lever;
    await bastien.room.request("action", { id: "place-to-undo", action: { type: "place", cardId, afterStepId: null } });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).path).toHaveLength(1);
    });

    expect(await facilitator.room.request("action", { id: "undo-the-place", action: { type: "undo" } })).toEqual({
      ok: true,
    });
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(stateOf(person).path).toEqual([]);
        expect(me(bastien, stateOf(person)).handCount).toBe(1);
      }
      expect(me(bastien).hand?.map((c) => c.id)).toEqual([cardId]);
    });
    const log = (await store.load(table.tableId))?.log ?? [];
    expect(log.at(-1)?.entry).toEqual({
      kind: "undo",
      actorId: idOf(facilitator),
      undoes: `${idOf(bastien)}:place-to-undo`,
    });
    // Sent again after a lost acknowledgement, the undo is not applied twice.
    expect(await facilitator.room.request("action", { id: "undo-the-place", action: { type: "undo" } })).toEqual({
      ok: true,
      repeated: true,
    });
    await settle();
    expect(me(bastien).hand).toHaveLength(1);

    await action(facilitator, { type: "undo" }); // the draw
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(me(bastien, stateOf(person)).handCount).toBe(0);
        expect(stateOf(person).piles.lever).toBe(pilesAfterDraw + 1);
      }
    });
    await action(facilitator, { type: "undo" }); // the start of play
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).phase).toBe("preparation");
    });
    // Joins are not undone: nothing is left to undo.
    const nothing = await errorOf(action(facilitator, { type: "undo" }));
    expect(nothing.reason?.code).toBe("nothingToUndo");
    expect(nothing.reason?.message).toBe(t("refusal.nothingToUndo"));
    const undoneState = withoutPresence(stateOf(bastien));

    // The room closes (everyone leaves) and comes back from storage: the undone actions stay undone.
    await matchMaker.getLocalRoomById(table.tableId)?.disconnect();
    await vi.waitFor(async () => expect(await matchMaker.getRoomById(table.tableId)).toBeFalsy());
    const back = await takeSeat(table.tableId, { invite: table.invite }, "Bastien", "habitant", bastien.seatKey);
    const host = await takeSeat(
      table.tableId,
      { facilitatorKey: table.facilitatorKey },
      "Awa",
      "animatrice",
      facilitator.seatKey,
    );
    extraRooms.push(back.room, host.room);
    await vi.waitFor(() => {
      const state = stateOf(back);
      expect(state.phase).toBe("preparation");
      expect(state.path).toEqual([]);
      expect(me(back, state).handCount).toBe(0);
    });
    // Same table as before the restart, apart from who is connected right now.
    expect(withoutPresence(stateOf(back))).toEqual(undoneState);
  });

  it("given someone who arrived thanks to the last action (the table unlocked), when the facilitator undoes it, then the undo is refused and nothing changes", async () => {
    await action(facilitator, { type: "lockTable", locked: true });
    await action(facilitator, { type: "lockTable", locked: false });
    const eve = await takeSeat(table.tableId, { invite: table.invite }, "Eve", "habitante");
    extraRooms.push(eve.room);
    const before = snapshots();

    const refused = await errorOf(action(facilitator, { type: "undo" }));

    expect(refused.reason).toEqual({ code: "undoConflict", message: t("refusal.undoConflict") });
    await settle();
    expect(snapshots()).toEqual(before);
    expect(stateOf(facilitator).locked).toBe(false);
    expect(Object.keys(stateOf(facilitator).participants)).toHaveLength(5);
  });

  it("given a participant, when they try to undo, then it is refused and nothing is undone", async () => {
    await startPlay();
    await draw(bastien, "lever");
    const refused = await errorOf(action(bastien, { type: "undo" }));
    expect(refused.reason?.code).toBe("facilitatorOnly");
    await settle();
    expect(me(bastien).hand).toHaveLength(1);
  });
});

describe("blank cards over the wire", () => {
  it("given a blank pitfall on top of the pile, then the facilitator writes it as she deals it onto the path, once; undone, it is blank again; dealt to a participant, it is written before it is placed", async () => {
    await startPlay();
    // Deals onto the start of the path until the top of the pile is a blank (the kit has 3 among 8): refused unwritten.
    const deal = { type: "dealPitfall", to: null, afterStepId: null } as const;
    let refusal: Awaited<ReturnType<typeof errorOf>> | null = null;
    for (let i = 0; i < 6 && !refusal; i++) {
      await sleep(30);
      refusal = await errorOf(action(facilitator, deal)).catch(() => null);
    }
    expect(refusal?.reason?.code).toBe("dealtBlankToWrite");
    await settle();
    const stepsBefore = stateOf(facilitator).path.length;
    const pileBefore = stateOf(facilitator).piles.pitfall;

    const written = {
      id: "deal-the-blank",
      action: { ...deal, title: "La gare ferme le soir", text: "Plus un train après 20 h." },
    };
    expect(await facilitator.room.request("action", written)).toEqual({ ok: true });
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(stateOf(person).path).toHaveLength(stepsBefore + 1);
        expect(stateOf(person).path[0]).toMatchObject({
          dealt: true,
          open: true,
          card: { title: "La gare ferme le soir", blank: false, writtenBy: idOf(facilitator) },
        });
        expect(stateOf(person).piles.pitfall).toBe(pileBefore - 1);
      }
    });
    // Sent again after a lost acknowledgement: applied once.
    expect(await facilitator.room.request("action", written)).toEqual({ ok: true, repeated: true });
    await settle();
    expect(stateOf(chloe).path).toHaveLength(stepsBefore + 1);

    await action(facilitator, { type: "undo" });
    await vi.waitFor(() => {
      for (const person of everyone) {
        expect(stateOf(person).path).toHaveLength(stepsBefore);
        expect(stateOf(person).piles.pitfall).toBe(pileBefore);
      }
    });

    // The blank is on top again: dealt into Bastien's hand, he writes it, then places it.
    await action(facilitator, { type: "dealPitfall", to: idOf(bastien), afterStepId: null });
    await vi.waitFor(() => expect(me(bastien).hand?.at(-1)?.blank).toBe(true));
    const blankId = me(bastien).hand?.at(-1)?.id ?? "";
    const unwritten = await errorOf(action(bastien, { type: "place", cardId: blankId, afterStepId: null }));
    expect(unwritten.reason?.code).toBe("blankToWrite");
    await action(bastien, {
      type: "writeBlank",
      cardId: blankId,
      title: "Les commerçants inquiets",
      text: "Ils craignent de perdre leurs clients.",
    });
    let cardId = "";
    await vi.waitFor(() => {
      const card = me(bastien).hand?.at(-1);
      expect(card).toMatchObject({ title: "Les commerçants inquiets", blank: false, writtenBy: idOf(bastien) });
      cardId = card?.id ?? "";
    });
    await action(bastien, { type: "place", cardId, afterStepId: null });
    await vi.waitFor(() => {
      for (const person of everyone)
        expect(stateOf(person).path[0]).toMatchObject({
          dealt: true,
          card: { id: cardId, title: "Les commerçants inquiets" },
        });
    });
  });
});

describe("moderation of who sits at the table", () => {
  it("given a participant removed by the facilitator, then their connection closes, everyone sees them removed, and their seat key no longer enters", async () => {
    muteRefusedJoinWarnings();
    await startPlay();
    await draw(dorian, "lever");
    const left = new Promise<number>((resolve) => dorian.room.onLeave((code) => resolve(code)));

    await expectRefused(chloe, { type: "removeParticipant", participantId: idOf(dorian) }, "facilitatorOnly");
    await action(facilitator, { type: "removeParticipant", participantId: idOf(dorian) });
    expect(await left).toBe(REMOVED_CLOSE_CODE);
    await vi.waitFor(() => {
      for (const person of [facilitator, bastien, chloe]) {
        const seen = me(dorian, stateOf(person));
        expect(seen).toMatchObject({ removed: true, connected: false, handCount: 0 });
      }
    });

    const rejoin = joinById(table.tableId, {
      protocolVersion: PROTOCOL_VERSION,
      invite: table.invite,
      seatKey: dorian.seatKey,
      name: "Dorian",
      role: "entreprise",
    });
    await expect(rejoin).rejects.toThrow(t("refusal.seatRemoved"));
    await settle();
    expect(me(dorian, stateOf(facilitator)).connected).toBe(false);
  });

  it("given a locked table, then a new browser is refused with the reason, a known seat comes back, and the observer link still watches", async () => {
    muteRefusedJoinWarnings();
    await expectRefused(bastien, { type: "lockTable", locked: true }, "facilitatorOnly");
    await action(facilitator, { type: "lockTable", locked: true });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).locked).toBe(true);
    });

    await expect(takeSeat(table.tableId, { invite: table.invite }, "Eve", "habitante")).rejects.toThrow(
      t("refusal.tableLocked"),
    );

    const bastienId = idOf(bastien);
    await bastien.room.leave(true);
    await vi.waitFor(() => expect(me(bastien, stateOf(facilitator)).connected).toBe(false));
    const back = await takeSeat(table.tableId, { invite: table.invite }, "Bastien", "habitant", bastien.seatKey);
    extraRooms.push(back.room);
    expect(me(back).id).toBe(bastienId);
    await vi.waitFor(() => expect(me(bastien, stateOf(facilitator)).connected).toBe(true));
    expect(Object.keys(stateOf(facilitator).participants)).toHaveLength(4);

    const observer = await observe(table.tableId, (await shareLinks()).observerPath);
    expect(stateOf(observer).locked).toBe(true);

    await action(facilitator, { type: "lockTable", locked: false });
    const eve = await takeSeat(table.tableId, { invite: table.invite }, "Eve", "habitante");
    extraRooms.push(eve.room);
  });
});

describe("the table's decks over HTTP", () => {
  it("given an imported deck and cards written at the table, when the deck is downloaded, then it needs the facilitator secret and gives valid deck files with those cards", async () => {
    // A deck file bigger than a narration (about 120 KB on the wire): it travels as one action.
    const imported = Array.from({ length: 40 }, (_, i) => ({
      id: `levier-importe-${i + 1}`,
      deck: "lever",
      title: `Levier importé ${i + 1}`,
      text: "é".repeat(1500),
      keywords: ["Import"],
      examples: ["Un exemple venu d'un autre atelier."],
      source: "Atelier de Lyon, 2024",
    }));
    const leversBefore = stateOf(facilitator).piles.lever;
    await action(facilitator, { type: "importDeck", file: { deck: "lever", cards: imported } });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).piles.lever).toBe(leversBefore + imported.length);
    });
    await startPlay();
    await action(bastien, {
      type: "writeCard",
      deck: "challenge",
      title: "Des cours d'école ouvertes",
      text: "Ouvrir les cours d'école le week-end ?",
    });
    await action(chloe, {
      type: "writeCard",
      deck: "lever",
      title: "Frugal",
      text: "Faire mieux avec moins de matériel.",
    });
    await vi.waitFor(() => {
      expect(me(bastien).hand?.map((c) => [c.title, c.writtenBy])).toEqual([
        ["Des cours d'école ouvertes", idOf(bastien)],
      ]);
    });

    for (const secret of [undefined, table.invite, "pas-le-bon-secret"]) {
      const refused = await fetch(
        `${BASE_URL}${API.deck(table.tableId)}`,
        secret ? { headers: { Authorization: `Bearer ${secret}` } } : {},
      );
      expect(refused.status, `secret ${secret}`).toBe(401);
      expect(await refused.text()).not.toContain("Frugal");
    }
    expect(
      (
        await fetch(`${BASE_URL}${API.deck("table-inconnue")}`, {
          headers: { Authorization: `Bearer ${table.facilitatorKey}` },
        })
      ).status,
    ).toBe(404);

    const response = await fetch(`${BASE_URL}${API.deck(table.tableId)}`, {
      headers: { Authorization: `Bearer ${table.facilitatorKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const files = (await response.json()) as Record<DeckName, unknown>;
    expect(Object.keys(files).sort()).toEqual(["challenge", "lever", "pitfall"]);
    // Each file reads back through the same loader as cards/: the strict schema, themes and all.
    const challenges = parseDeckFile("challenge", files.challenge);
    const levers = parseDeckFile("lever", files.lever);
    const pitfalls = parseDeckFile("pitfall", files.pitfall);
    expect(pitfalls.cards.length).toBeGreaterThan(0);
    const written = challenges.cards.find((c) => c.title === "Des cours d'école ouvertes");
    expect(written).toMatchObject({ deck: "challenge", text: "Ouvrir les cours d'école le week-end ?" });
    expect(written).not.toHaveProperty("writtenBy");
    expect(written?.source).toBe(t("moderation.writtenCardSource", { name: "Bastien" }));
    expect(challenges.themes?.map((theme) => theme.id)).toContain(written?.theme);
    const frugal = levers.cards.find((c) => c.title === "Frugal");
    expect(frugal).toMatchObject({ deck: "lever", text: "Faire mieux avec moins de matériel." });
    expect(frugal?.source).toBe(t("moderation.writtenCardSource", { name: "Chloé" }));
    // The kit's and the imported cards are there too, with their own source.
    expect(levers.cards.find((c) => c.id === "levier-importe-40")).toEqual(imported[39]);
    expect(levers.cards.length).toBeGreaterThan(imported.length + 1);
  });
});

describe("patches encoded once for all (server/room/shared-patches.ts)", () => {
  /** The state patches each person's connection receives from now on, as bytes. */
  function patchesReceived(): Map<Person, Buffer[]> {
    const received = new Map<Person, Buffer[]>(everyone.map((person) => [person, []]));
    for (const person of everyone) {
      const socket = (person.room.connection.transport as unknown as { ws: WebSocket }).ws;
      socket.addEventListener("message", (event: MessageEvent) => {
        const bytes = Buffer.from(event.data as ArrayBuffer);
        if (bytes[0] === Protocol.ROOM_STATE_PATCH) received.get(person)?.push(bytes);
      });
    }
    return received;
  }

  it("given a « oui, et… », then it is encoded once and everyone receives the same bytes; given a draw, then the drawer's patch alone carries the card", async () => {
    await startPlay();
    const stepId = await drawAndPlace(bastien, "lever", null);
    await settle();

    const received = patchesReceived();
    const before = { ...sharedPatchCounts };
    await action(chloe, { type: "contribute", stepId, kind: "yesAnd", text: "Oui, et le marché du samedi aussi." });
    await vi.waitFor(() => {
      for (const person of everyone) expect(stateOf(person).path[0]?.contributions).toHaveLength(1);
    });
    await settle();
    expect(sharedPatchCounts.shared - before.shared).toBe(1);
    expect(sharedPatchCounts.perConnection - before.perConnection).toBe(0);
    const contribution = everyone.map((person) => received.get(person) ?? []);
    for (const patches of contribution) expect(patches).toHaveLength(1);
    for (const patches of contribution) expect(patches[0]?.equals(contribution[0]?.[0] ?? Buffer.alloc(0))).toBe(true);
    expect(contribution[0]?.[0]?.includes(Buffer.from("Oui, et le marché du samedi aussi."))).toBe(true);

    for (const patches of received.values()) patches.length = 0;
    const counted = { ...sharedPatchCounts };
    await draw(dorian, "challenge");
    await settle();
    const card = me(dorian).hand?.at(-1);
    expect(card).toBeDefined();
    // A hand changed: the patch goes the usual way, one encoding per connection, the card to its holder only.
    expect(sharedPatchCounts.perConnection - counted.perConnection).toBe(1);
    expect(sharedPatchCounts.shared - counted.shared).toBe(0);
    const title = Buffer.from(card?.title ?? "?");
    expect(received.get(dorian)?.some((patch) => patch.includes(title))).toBe(true);
    for (const person of [facilitator, bastien, chloe]) {
      expect(received.get(person)?.length).toBeGreaterThan(0);
      expect(received.get(person)?.some((patch) => patch.includes(title))).toBe(false);
    }
  });
});
