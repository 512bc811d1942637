// The rights of a workshop's book and plenary routes, against the real server (HTTP + WebSocket on port 2568): the
// book only with the workshop facilitator's secret, the plenary's stories with the facilitator's or the shared
// screen's, and a book's JSON imported as a new workshop — or refused with a French reason, creating nothing.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "@colyseus/sdk";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import type { NewWorkshop, WorkshopCreation } from "#server/store/table-store.ts";
import { t } from "#shared/i18n/translate.ts";
import type { Action } from "#shared/model.ts";
import { ACTION_REQUEST, LINK_KEYS, PROTOCOL_VERSION } from "#shared/protocol.ts";
import { parseStoryJson, type StoryExport } from "#shared/story/json.ts";
import { WORKSHOP_API, type CreatedWorkshop, type CreateWorkshopBody, type WorkshopStories } from "#shared/workshop.ts";
import { joinOverHttp } from "../join.ts";

const BASE_URL = "http://localhost:2568";
const NARRATIONS = [
  "À la première table, la rivière revient en ville.",
  "À la seconde table, les cours d'école deviennent des jardins.",
];

/** Counts the workshops created, to see that a refused import creates none. */
class CountingStore extends SqliteTableStore {
  workshopsCreated = 0;
  override async createWorkshop(workshop: NewWorkshop): Promise<WorkshopCreation> {
    this.workshopsCreated++;
    return super.createWorkshop(workshop);
  }
}

let colyseus: ColyseusTestServer;
const store = new CountingStore(":memory:");
const rooms: Room[] = [];

const WORKSHOP: CreateWorkshopBody = {
  title: "Assises des transitions",
  date: "2025-03-14",
  tableCount: 2,
  seatsPerTable: 10,
  setupMode: "shared",
  setup: {
    system: "Le quartier",
    presentState: "Aujourd'hui",
    horizonYear: 2040,
    desirableFuture: "Demain",
    framingChallengeId: null,
    framingChallengeText: "Tenir bon",
  },
  tables: [],
  decks: ["challenge", "lever", "pitfall"],
  themes: [],
  facilitatorName: "Awa",
};

function secretOf(link: string, kind: keyof typeof LINK_KEYS): string {
  const value = new URLSearchParams(link.slice(link.indexOf("#") + 1)).get(LINK_KEYS[kind]);
  if (!value) throw new Error(`no ${kind} secret in ${link}`);
  return value;
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(BASE_URL + url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function book(workshopId: string, format: "html" | "md" | "json", key?: string): Promise<Response> {
  return fetch(BASE_URL + WORKSHOP_API.book(workshopId, format), {
    headers: key === undefined ? {} : { Authorization: `Bearer ${key}` },
  });
}

interface Opened {
  created: CreatedWorkshop;
  facilitatorKey: string;
  observerKey: string;
  invite: string;
  row: WorkshopCreation;
}

async function openWorkshop(): Promise<Opened> {
  const response = await post(WORKSHOP_API.create, WORKSHOP);
  if (response.status !== 201)
    throw new Error(`the workshop was not opened: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedWorkshop;
  const row = await store.loadWorkshop(created.workshopId);
  if (!row) throw new Error("no workshop row");
  return {
    created,
    row,
    facilitatorKey: secretOf(created.facilitatorLink, "facilitator"),
    observerKey: secretOf(created.observerLink, "observer"),
    invite: secretOf(created.participantLink, "invite"),
  };
}

let actions = 0;
/** The workshop facilitator sits at a table with the workshop's secret, writes a lever, places it and tells it. */
async function tell(tableId: string, facilitatorKey: string, narration: string): Promise<void> {
  const seatKey = randomBytes(32).toString("base64url");
  const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    seatKey,
    facilitatorKey,
    name: "Awa",
    role: "animatrice",
  });
  room.reconnection.enabled = false;
  rooms.push(room);
  const play: Action[] = [
    { type: "startPlay" },
    { type: "writeCard", deck: "lever", title: "Réparer", text: "Réparer plutôt que jeter." },
    { type: "place", cardId: "written-1", afterStepId: null },
    { type: "narrate", stepId: "step-1", text: narration },
  ];
  for (const action of play)
    await expect(room.request(ACTION_REQUEST, { id: `book-action-${++actions}`, action })).resolves.toEqual({
      ok: true,
    });
}

let workshop: Opened;

beforeAll(async () => {
  const config = {
    ...readConfig({
      LIMIT_EXPORTS_PER_MINUTE: "1000",
      LIMIT_JOINS_PER_MINUTE: "1000",
      LIMIT_IMPORTS_PER_HOUR: "1000",
      PORT: "2568",
    }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  };
  colyseus = await boot(createApp({ config, store, gracefullyShutdown: false }));
  workshop = await openWorkshop();
  for (const [i, { tableId }] of workshop.row.tables.entries())
    await tell(tableId, workshop.facilitatorKey, NARRATIONS[i] ?? "");
});

afterAll(async () => {
  await Promise.all(rooms.map((room) => (room.connection?.isOpen ? room.leave() : undefined)));
  await colyseus.shutdown();
});

describe("the workshop's book", () => {
  it("is the workshop facilitator's: both tables' stories, once each, in the workshop's order, not cached", async () => {
    const response = await book(workshop.created.workshopId, "html", workshop.facilitatorKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    const [first, second] = NARRATIONS.map((n) => n.replace(/'/g, "&#39;"));
    expect(html.split(first ?? "").length - 1).toBe(1);
    expect(html.split(second ?? "").length - 1).toBe(1);
    expect(html.indexOf(first ?? "")).toBeLessThan(html.indexOf(second ?? ""));
    const markdown = await (await book(workshop.created.workshopId, "md", workshop.facilitatorKey)).text();
    expect(markdown.indexOf("\n## Table 1")).toBeGreaterThan(0);
    expect(markdown.indexOf("\n## Table 1")).toBeLessThan(markdown.indexOf("\n## Table 2"));
  });

  it("is refused (401) without a secret, and with the plenary screen's, the lobby's or one table's own facilitator secret", async () => {
    const tableKey = workshop.row.tables[0]?.handOverKey;
    for (const key of [undefined, "", workshop.observerKey, workshop.invite, tableKey]) {
      const response = await book(workshop.created.workshopId, "json", key);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: "facilitatorKeyRequired",
        message: t("workshopPlenary.http.facilitatorKeyRequired"),
      });
    }
  });

  it("says when there is no such workshop", async () => {
    expect((await book("pas-d-atelier", "html", workshop.facilitatorKey)).status).toBe(404);
  });
});

describe("the plenary's stories", () => {
  it("are given to the shared screen and to the facilitator, in order, with nothing private in them", async () => {
    for (const key of [{ observerKey: workshop.observerKey }, { facilitatorKey: workshop.facilitatorKey }]) {
      const response = await post(WORKSHOP_API.stories(workshop.created.workshopId), key);
      expect(response.status).toBe(200);
      const stories = (await response.json()) as WorkshopStories;
      expect(stories.title).toBe(WORKSHOP.title);
      expect(stories.tables.map((table) => table.tableId)).toEqual(workshop.row.tables.map((table) => table.tableId));
      stories.tables.forEach(({ story }, i) => {
        expect(parseStoryJson(story).ok).toBe(true);
        const table = (story as StoryExport).table;
        expect(table.path[0]?.narration).toBe(NARRATIONS[i]);
        expect(table.participants.every((p) => p.hand.length === 0)).toBe(true);
      });
    }
  });

  it("are refused to the participants' lobby link and to a request without a secret", async () => {
    for (const key of [{ invite: workshop.invite }, {}, { observerKey: "faux" }]) {
      const response = await post(WORKSHOP_API.stories(workshop.created.workshopId), key);
      expect(response.status).toBe(401);
    }
  });
});

describe("importing a workshop's book", () => {
  it("opens a new workshop whose tables continue the stories, in the same order, with the importer as its facilitator", async () => {
    const file = await (await book(workshop.created.workshopId, "json", workshop.facilitatorKey)).text();
    const response = await post(WORKSHOP_API.importBook, file);
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedWorkshop;
    expect(created.workshopId).not.toBe(workshop.created.workshopId);
    const row = await store.loadWorkshop(created.workshopId);
    expect(row?.tables.map((table) => table.name)).toEqual(workshop.row.tables.map((table) => table.name));
    const copy = await (await book(created.workshopId, "md", secretOf(created.facilitatorLink, "facilitator"))).text();
    expect(copy.indexOf(NARRATIONS[0] ?? "")).toBeGreaterThan(0);
    expect(copy.indexOf(NARRATIONS[0] ?? "")).toBeLessThan(copy.indexOf(NARRATIONS[1] ?? ""));
  });

  it("refuses a faulty file with a French reason and creates nothing", async () => {
    const before = store.workshopsCreated;
    const file = JSON.parse(
      await (await book(workshop.created.workshopId, "json", workshop.facilitatorKey)).text(),
    ) as { workshop: { tables: unknown[] } };
    const faulty = [
      { body: { ...file, format: "autre" }, message: /n'est pas un livre d'atelier/ },
      {
        body: { ...file, workshop: { ...file.workshop, tables: file.workshop.tables.slice(0, 1) } },
        message: /^workshop\.tables : /,
      },
      { body: "{ pas du json", message: /JSON/ },
    ];
    for (const { body, message } of faulty) {
      const response = await post(WORKSHOP_API.importBook, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
    expect(store.workshopsCreated).toBe(before);
  });
});
