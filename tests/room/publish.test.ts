// Publishing a closed story, against the real server (HTTP + WebSocket on port 2568): the public page names only those
// who agreed, holds no secret and no hand, is not to be indexed nor cached; taken back it answers 404 at once, and
// published again it has a new address while the old one stays dead, also once the table comes back from storage.
// And the facilitator's download of the challenges written at the table.
import { randomBytes } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import type { Room } from "@colyseus/sdk";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "#server/app.ts";
import { unlimitedConfig } from "#tests/unlimited-config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { parseDeckFile } from "#cards/load.ts";
import { t } from "#shared/i18n/translate.ts";
import {
  API,
  INVITE_LINK_REQUEST,
  isPublicStoryId,
  PROTOCOL_VERSION,
  publicStoryPath,
  type ShareLinks,
} from "#shared/protocol.ts";
import type { SyncedTable } from "#client/net/types.ts";
import { joinOverHttp, openTableOverHttp, type OpenedTable } from "../join.ts";

const BASE_URL = "http://localhost:2568";
const NARRATION = "Un atelier de réparation ouvre dans l'ancienne station-service.";
const HAND_CARD = { title: "Une carte gardée en main", text: "Personne d'autre ne doit la lire." };
const CHALLENGE = "Fermer les rues des écoles aux voitures ?";

/** The synced state's JSON as a browser decodes it (shared/synced.ts). */
type TableJson = SyncedTable;

interface Person {
  name: string;
  seatKey: string;
  room: Room;
}

let colyseus: ColyseusTestServer;
let store: SqliteTableStore;
let table: OpenedTable;
let awa: Person;
let bastien: Person;
let chloe: Person;
const rooms: Room[] = [];

const stateOf = (person: Person) => person.room.state.toJSON() as TableJson;

async function act(person: Person, action: unknown): Promise<void> {
  await expect(person.room.request("action", { id: randomBytes(8).toString("hex"), action })).resolves.toMatchObject({
    ok: true,
  });
}

async function sit(secret: Record<string, string>, name: string, role: string): Promise<Person> {
  const seatKey = randomBytes(32).toString("base64url");
  const options = { protocolVersion: PROTOCOL_VERSION, ...secret, seatKey, name, role, zone: "civilSociety" };
  const room = await joinOverHttp(colyseus.sdk, BASE_URL, table.tableId, options);
  room.reconnection.enabled = false;
  rooms.push(room);
  const person = { name, seatKey, room };
  await vi.waitFor(() =>
    expect(Object.values(stateOf(person).participants ?? {}).some((p) => p.name === name)).toBe(true),
  );
  return person;
}

/** Waits until everyone sees the story published at a new address, and answers it. */
async function publish(previous = ""): Promise<string> {
  // As a browser sends it: no id, the server draws it.
  await act(awa, { type: "publish" });
  let id = "";
  await vi.waitFor(() => {
    id = stateOf(bastien).publicationId;
    expect(id).not.toBe(previous);
    expect(id).not.toBe("");
  });
  return id;
}

const page = (publicId: string) => fetch(BASE_URL + publicStoryPath(publicId));

beforeAll(async () => {
  const config = unlimitedConfig({ PORT: "2568" });
  store = new SqliteTableStore(":memory:");
  colyseus = await boot(createApp({ config, store, gracefullyShutdown: false, logger: pino({ level: "silent" }) }));
  table = await openTableOverHttp(BASE_URL, "Les Tanneurs en 2050");
  awa = await sit({ facilitatorKey: table.facilitatorKey }, "Awa", "animatrice");
  bastien = await sit({ invite: table.invite }, "Bastien", "habitant du quartier");
  chloe = await sit({ invite: table.invite }, "Chloé", "élue à la voirie");

  await act(awa, { type: "startPlay" });
  await act(bastien, { type: "writeCard", deck: "lever", title: "Réparer", text: "Réparer plutôt que jeter." });
  await act(bastien, { type: "place", cardId: "written-1", afterStepId: null });
  await act(bastien, { type: "narrate", stepId: "step-1", text: NARRATION });
  await act(chloe, { type: "writeCard", deck: "challenge", title: "Des rues aux enfants", text: CHALLENGE });
  await act(chloe, { type: "place", cardId: "written-2", afterStepId: "step-1" });
  await act(bastien, { type: "writeCard", deck: "lever", ...HAND_CARD });
  await act(awa, { type: "closeStory" });
});

afterAll(async () => {
  await Promise.all(
    rooms.map((room) =>
      room.connection?.isOpen ? Promise.race([room.leave(), new Promise((r) => setTimeout(r, 1000))]) : undefined,
    ),
  );
  await colyseus.shutdown();
});

describe("a published story's public page", () => {
  let first = "";

  it("given the closed story not published, then nobody has an address to open", async () => {
    expect(stateOf(chloe).publicationId).toBe("");
  });

  it("given Bastien agreed to be named and Chloé did not, when Awa publishes, then a stranger reads the story with Bastien's name and « Participant·e 3 » for Chloé", async () => {
    await act(bastien, { type: "nameInPublication", named: true });
    await act(chloe, { type: "nameInPublication", named: true });
    await act(chloe, { type: "nameInPublication", named: false });
    first = await publish();
    expect(isPublicStoryId(first)).toBe(true);

    const response = await page(first);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Les Tanneurs en 2050");
    expect(html).toContain(NARRATION.replace("'", "&#39;"));
    expect(html).toContain(CHALLENGE);
    expect(html).toContain("Bastien");
    expect(html).toContain("Participant·e 3");
    expect(html).not.toContain("Chloé");
    expect(html).not.toContain("élue à la voirie");
  });

  it("holds no secret of the table and no hand, and says it is not to be indexed nor kept, under the exports' strict policy", async () => {
    const response = await page(first);
    const html = await response.text();
    const links = (await awa.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
    for (const secret of [
      table.invite,
      table.facilitatorKey,
      links.joinCode,
      links.observerPath.split("=")[1] ?? "",
      bastien.seatKey,
    ]) {
      expect(secret).not.toBe("");
      expect(html).not.toContain(secret);
    }
    expect(html).not.toContain(HAND_CARD.title);
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("follows each person's say: once Chloé agrees, her name is on the page at the next reading", async () => {
    await act(chloe, { type: "nameInPublication", named: true });
    await vi.waitFor(async () => expect(await (await page(first)).text()).toContain("Chloé"));
    await act(chloe, { type: "nameInPublication", named: false });
    await vi.waitFor(async () => expect(await (await page(first)).text()).not.toContain("Chloé"));
  });

  it("refuses a participant who tries to publish or take it back", async () => {
    for (const type of ["unpublish", "publish"]) {
      const refusal = await bastien.room
        .request("action", { id: randomBytes(8).toString("hex"), action: { type } })
        .then(
          () => "accepted",
          (error: { reason?: { code?: string } }) => error.reason?.code,
        );
      expect(refusal, type).toBe("facilitatorOnly");
    }
    expect((await page(first)).status).toBe(200);
  });

  it("answers 404 « Ce récit n'est plus publié » as soon as Awa takes it back", async () => {
    await act(awa, { type: "unpublish" });

    const response = await page(first);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain(t("kitPublish.gone").replace("'", "&#39;"));
    expect(html).not.toContain("Bastien");
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    await vi.waitFor(() => expect(stateOf(bastien).publicationId).toBe(""));
  });

  it("given the story published again, then it has a new address; the old one stays dead, also once the table comes back from storage", async () => {
    const second = await publish(first);
    expect(second).not.toBe(first);
    expect((await page(second)).status).toBe(200);
    expect((await page(first)).status).toBe(404);

    // Everyone leaves; the room is gone; the page brings the table back from its log.
    await matchMaker.getLocalRoomById(table.tableId)?.disconnect();
    await vi.waitFor(async () => expect(await matchMaker.getRoomById(table.tableId)).toBeFalsy());
    const again = await page(second);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Bastien");
    expect((await page(first)).status).toBe(404);
    expect(await store.findByPublication(second)).toBe(table.tableId);
  });

  it("answers an address that never existed, or is not even an id, exactly like one taken back", async () => {
    for (const id of [randomBytes(24).toString("base64url"), "nimporte-quoi", "..%2F..%2Fetc"]) {
      const response = await page(id);
      expect(response.status, id).toBe(404);
      expect(await response.text()).toContain(t("kitPublish.goneTitle"));
    }
  });
});

describe("the challenges written at the table, for other tables", () => {
  it("gives the facilitator a challenge deck of them, and nobody without the facilitator link", async () => {
    const url = BASE_URL + API.writtenChallenges(table.tableId);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: `Bearer ${table.invite}` } })).status).toBe(401);

    const response = await fetch(url, { headers: { Authorization: `Bearer ${table.facilitatorKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="recit-.*defis-ecrits\.json"$/);
    const file = parseDeckFile("defis-ecrits.json", await response.json());
    expect(file.cards.map((card) => card.text)).toEqual([CHALLENGE]);
  });
});
