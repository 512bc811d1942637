// What a participant takes home, against the real server (HTTP + WebSocket on port 2568): once the story is closed,
// each person seated at the table gets the table's story and a page of their own with their seat key alone — their
// own words, not another's debrief; an observer, a stranger, someone taken off the table and another table's
// participant get nothing, and nobody gets anything before the story is closed.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "@colyseus/sdk";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { t } from "#shared/i18n/translate.ts";
import type { Action } from "#shared/model.ts";
import {
  ACTION_REQUEST,
  INVITE_LINK_REQUEST,
  PROTOCOL_VERSION,
  WHOAMI_REQUEST,
  type ShareLinks,
  type Whoami,
} from "#shared/protocol.ts";
import { parseStoryJson } from "#shared/story/json.ts";
import { TAKE_HOME_API } from "#shared/workshop.ts";
import { joinOverHttp, openTableOverHttp, secretOf, type OpenedTable } from "../join.ts";

const BASE_URL = "http://localhost:2568";
const NARRATION = "Bastien ouvre un atelier de réparation de vélos dans l'ancienne station-service.";
const YES_AND = "Oui, et Chloé y fait venir les écoles du quartier.";
const DEBRIEF_BASTIEN = "Je tiens l'atelier vélo le samedi matin.";
const DEBRIEF_CHLOE = "Je porte le budget participatif au conseil.";

let colyseus: ColyseusTestServer;
const rooms: Room[] = [];

interface Person {
  seatKey: string;
  room: Room;
}

beforeAll(async () => {
  const config = {
    ...readConfig({ LIMIT_EXPORTS_PER_MINUTE: "1000", LIMIT_JOINS_PER_MINUTE: "1000", PORT: "2568" }),
    clientDir: path.join(tmpdir(), "jeu-des-transitions-no-client"),
  };
  colyseus = await boot(createApp({ config, store: new SqliteTableStore(":memory:"), gracefullyShutdown: false }));
});

afterAll(async () => {
  await Promise.all(rooms.map((room) => (room.connection?.isOpen ? room.leave() : undefined)));
  await colyseus.shutdown();
});

const newSeatKey = () => randomBytes(32).toString("base64url");

async function sit(
  tableId: string,
  secret: Record<string, string>,
  name: string,
  role = "habitant·e",
): Promise<Person> {
  const seatKey = newSeatKey();
  const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    seatKey,
    name,
    role,
    ...secret,
  });
  room.reconnection.enabled = false;
  rooms.push(room);
  return { seatKey, room };
}

let actions = 0;
async function act(person: Person, action: Action): Promise<void> {
  await expect(person.room.request(ACTION_REQUEST, { id: `take-home-${++actions}`, action })).resolves.toEqual({
    ok: true,
  });
}

function takeHome(url: string, seatKey: unknown): Promise<Response> {
  return fetch(BASE_URL + url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ seatKey }),
  });
}

let table: OpenedTable;
let other: OpenedTable;
let awa: Person;
let bastien: Person;
let chloe: Person;
let eve: Person;
let observer: Person;
let dorian: Person;

/** Before the story is closed: what Bastien gets then. */
let beforeClosing: Response;

beforeAll(async () => {
  table = await openTableOverHttp(BASE_URL, "Les Tanneurs en 2050");
  other = await openTableOverHttp(BASE_URL, "Une autre table");
  awa = await sit(table.tableId, { facilitatorKey: table.facilitatorKey }, "Awa", "animatrice");
  bastien = await sit(table.tableId, { invite: table.invite }, "Bastien");
  chloe = await sit(table.tableId, { invite: table.invite }, "Chloé", "élue");
  eve = await sit(table.tableId, { invite: table.invite }, "Ève");
  const { observerPath } = (await awa.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
  observer = await sit(table.tableId, { observerKey: secretOf(observerPath) }, "", "");
  dorian = await sit(other.tableId, { invite: other.invite }, "Dorian");

  await act(awa, { type: "startPlay" });
  await act(bastien, { type: "writeCard", deck: "lever", title: "Réparer", text: "Réparer plutôt que jeter." });
  await act(bastien, { type: "place", cardId: "written-1", afterStepId: null });
  await act(bastien, { type: "narrate", stepId: "step-1", text: NARRATION });
  await act(chloe, { type: "contribute", stepId: "step-1", kind: "yesAnd", text: YES_AND });
  const eveId = ((await eve.room.request(WHOAMI_REQUEST)) as Whoami).participantId ?? "";
  await act(awa, { type: "removeParticipant", participantId: eveId });
  await act(awa, { type: "setPhase", phase: "debrief" });
  await act(bastien, { type: "writeDebrief", text: DEBRIEF_BASTIEN });
  await act(chloe, { type: "writeDebrief", text: DEBRIEF_CHLOE });
  beforeClosing = await takeHome(TAKE_HOME_API.mine(table.tableId, "html"), bastien.seatKey);
  await act(awa, { type: "closeStory" });
});

describe("taking one's part home", () => {
  it("is refused with a clear reason while the story is not closed", async () => {
    expect(beforeClosing.status).toBe(409);
    expect(await beforeClosing.json()).toEqual({
      code: "storyNotClosed",
      message: t("workshopPlenary.takeHome.notClosed"),
    });
  });

  it("gives a participant their own page: the system, their step with its narration, their debrief — not another's", async () => {
    const response = await takeHome(TAKE_HOME_API.mine(table.tableId, "html"), bastien.seatKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain("Le quartier");
    expect(page).toContain(NARRATION.replace("'", "&#39;"));
    expect(page).toContain(DEBRIEF_BASTIEN.replace("'", "&#39;"));
    expect(page).not.toContain(DEBRIEF_CHLOE);
  });

  it("gives another participant their « oui, et… » and their debrief, in Markdown too", async () => {
    const response = await takeHome(TAKE_HOME_API.mine(table.tableId, "md"), chloe.seatKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="recit-.*ma-page\.md"$/);
    const page = await response.text();
    expect(page).toContain("Oui, et Chloé y fait venir les écoles du quartier.");
    expect(page).toContain(DEBRIEF_CHLOE);
    expect(page).not.toContain(DEBRIEF_BASTIEN);
  });

  it("gives every seated person, the facilitator too, the table's whole story in each format of the facilitator's export", async () => {
    for (const person of [bastien, awa]) {
      const html = await takeHome(TAKE_HOME_API.story(table.tableId, "html"), person.seatKey);
      expect(html.status).toBe(200);
      expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
      const story = await html.text();
      expect(story).toContain(DEBRIEF_CHLOE);
      expect(story).toContain(DEBRIEF_BASTIEN.replace("'", "&#39;"));
    }
    const markdown = await takeHome(TAKE_HOME_API.story(table.tableId, "md"), chloe.seatKey);
    expect(await markdown.text()).toContain("# Les Tanneurs en 2050");
    const json = await takeHome(TAKE_HOME_API.story(table.tableId, "json"), chloe.seatKey);
    expect(parseStoryJson(await json.json()).ok).toBe(true);
    const facilitatorPage = await takeHome(TAKE_HOME_API.mine(table.tableId, "html"), awa.seatKey);
    expect(facilitatorPage.status).toBe(200);
  });

  it("gives nothing to an observer, a stranger, someone taken off the table, or another table's participant", async () => {
    const notSeated = { code: "notSeated", message: t("workshopPlenary.takeHome.notSeated") };
    for (const seatKey of [observer.seatKey, newSeatKey(), eve.seatKey, dorian.seatKey]) {
      for (const url of [TAKE_HOME_API.mine(table.tableId, "html"), TAKE_HOME_API.story(table.tableId, "json")]) {
        const response = await takeHome(url, seatKey);
        expect(response.status, url).toBe(403);
        expect(await response.json()).toEqual(notSeated);
      }
    }
  });

  it("refuses a request without a seat key, and says so when there is no such table", async () => {
    expect((await takeHome(TAKE_HOME_API.mine(table.tableId, "html"), undefined)).status).toBe(400);
    expect((await takeHome(TAKE_HOME_API.mine(table.tableId, "html"), 12)).status).toBe(400);
    expect((await takeHome(TAKE_HOME_API.mine("pas-de-table", "html"), bastien.seatKey)).status).toBe(404);
  });
});
