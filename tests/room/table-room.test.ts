// Room integration tests: a real server (HTTP + WebSocket) on port 2568, one facilitator and three participants
// joining through the links the HTTP API hands out, as their browsers would.
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { matchMaker } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "@colyseus/sdk";
import pino from "pino";
import { createApp } from "../../server/app.ts";
import { readConfig } from "../../server/config.ts";
import { randomBytes } from "node:crypto";
import { SqliteTableStore } from "../../server/store/sqlite-store.ts";
import type { LogEntry } from "../../server/store/table-store.ts";
import { LIMITS, type DeckName } from "../../shared/model.ts";
import {
  API,
  INVITE_LINK_REQUEST,
  LINK_KEYS,
  PROTOCOL_VERSION,
  ROOM_NAME,
  tableLink,
  WHOAMI_REQUEST,
  type CreatedTable,
  type Whoami,
} from "../../shared/protocol.ts";
import { SETUP } from "../fixtures.ts";

const BASE_URL = "http://localhost:2568";

/** A table framed by a challenge written by hand, so that it does not depend on the ids of the real decks. */
const NEW_TABLE = { ...SETUP, framingChallengeId: null, framingChallengeText: "Diviser par dix le nombre de voitures ?" };

interface CardJson {
  id: string;
  title: string;
}
interface ParticipantJson {
  id: string;
  name: string;
  role: string;
  facilitator: boolean;
  connected: boolean;
  handCount: number;
  hand?: CardJson[];
}
interface StepJson {
  id: string;
  card: CardJson;
  placedBy: string;
  narration: string;
}
interface TableJson {
  phase: string;
  participants: Record<string, ParticipantJson>;
  path: StepJson[];
  piles: Record<DeckName, number>;
  discardCount: number;
}

/** One person's browser: their name and their connection to the table. */
interface Person {
  name: string;
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
  const config = { ...readConfig({}), clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client") };
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
async function takeSeat(tableId: string, secret: Secret, name: string, role: string): Promise<Person> {
  // Each person has their own browser, hence their own seat key.
  const seatKey = randomBytes(32).toString("base64url");
  const room = await colyseus.sdk.joinById(tableId, { protocolVersion: PROTOCOL_VERSION, ...secret, seatKey, name, role });
  const person = { name, room };
  await vi.waitFor(() => expect(Object.values(stateOf(person).participants ?? {}).map((p) => p.name)).toContain(name));
  return person;
}

function me(person: Person, state = stateOf(person)): ParticipantJson {
  const found = Object.values(state.participants).find((p) => p.name === person.name);
  if (!found) throw new Error(`${person.name} does not see themselves`);
  return found;
}

/** Sends an action as the browser's outbox does: wrapped with a fresh id. */
function action(person: Person, payload: unknown): Promise<unknown> {
  return person.room.request("action", { id: randomBytes(8).toString("hex"), action: payload });
}

/** Catches the error a request comes back with; fails the test if it succeeded. */
async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; reason?: { code: string; message: string } }> {
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

/** Draws a card and places it; returns the id of the new step as its placer's client sees it. */
async function drawAndPlace(person: Person, deck: DeckName, afterStepId: string | null): Promise<string> {
  await draw(person, deck);
  const cardId = me(person).hand?.at(-1)?.id;
  expect(cardId).toBeDefined();
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
      const handCounts = Object.fromEntries(Object.values(stateOf(facilitator).participants).map((p) => [p.name, p.handCount]));
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
          expect(JSON.stringify(stateOf(viewer)), `${viewer.name} knows ${holder.name}'s ${card.id}`).not.toContain(`"${card.id}"`);
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
        expect(state.path.map((s) => [s.id, names[s.placedBy], s.narration]), viewer.name).toEqual(expected);
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
        colyseus.sdk.joinById(table.tableId, { protocolVersion: PROTOCOL_VERSION, ...secret, seatKey: randomBytes(32).toString("base64url"), name: "Mallory", role: "intruse" }),
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
      expect(whoami).toEqual({ participantId: me(person).id, facilitator: person === facilitator });
    }
  });

  it("given the facilitator, when they ask for the participant link again, then it is the link that lets people in; participants cannot ask", async () => {
    const { path: link } = (await facilitator.room.request(INVITE_LINK_REQUEST)) as { path: string };
    expect(link).toBe(tableLink(table.tableId, "invite", table.invite));
    const eve = await takeSeat(table.tableId, { invite: secretFrom(`${BASE_URL}${link}`, LINK_KEYS.invite) }, "Eve", "habitante");
    extraRooms.push(eve.room);
    expect(me(eve).facilitator).toBe(false);

    const refused = await errorOf(bastien.room.request(INVITE_LINK_REQUEST));
    expect(refused.name).toBe("rejected");
    expect(refused.reason?.code).toBe("facilitatorOnly");
  });

  it("given an empty name or an old client, when someone joins, then they are refused with a reason", async () => {
    muteRefusedJoinWarnings();
    await expect(
      colyseus.sdk.joinById(table.tableId, { protocolVersion: PROTOCOL_VERSION, invite: table.invite, seatKey: randomBytes(32).toString("base64url"), name: "  ", role: "habitante" }),
    ).rejects.toThrow(/nom/);
    await expect(
      colyseus.sdk.joinById(table.tableId, { protocolVersion: PROTOCOL_VERSION + 1, invite: table.invite, seatKey: randomBytes(32).toString("base64url"), name: "Eve", role: "habitante" }),
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
      colyseus.sdk.joinOrCreate(ROOM_NAME, { protocolVersion: PROTOCOL_VERSION, invite: table.invite, name: "Eve", role: "habitante" }),
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
    expect(await missingTitle.json()).toMatchObject({ code: "setupTitleRequired", message: expect.stringMatching(/titre/i) });

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
    return fetch(`${BASE_URL}${API.story(tableId, "md")}`, secret === undefined ? {} : { headers: { Authorization: `Bearer ${secret}` } });
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
      expect(JSON.parse(body)).toMatchObject({ code: "facilitatorKeyRequired", message: expect.stringMatching(/animation/) });
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

    const imported = await fetch(`${BASE_URL}${API.importStory}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: json });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as CreatedTable;
    expect(created.tableId).not.toBe(table.tableId);
    const host = await takeSeat(created.tableId, { facilitatorKey: secretFrom(created.facilitatorLink, LINK_KEYS.facilitator) }, "Ines", "animation");
    const continued = stateOf(host);
    expect(continued.phase).toBe("preparation");
    expect(continued.path.map((s) => s.narration)).toEqual(["Une narration à garder."]);
    // The original author is still named, and the new facilitator can start play again.
    expect(Object.values(continued.participants).map((p) => p.name)).toEqual(expect.arrayContaining(["Bastien", "Ines"]));
    await action(host, { type: "startPlay" });
    await vi.waitFor(() => expect(stateOf(host).phase).toBe("play"));
    await host.room.leave(true);
  });
});
