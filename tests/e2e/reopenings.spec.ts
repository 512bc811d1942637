// A page that stays open while its table's room is closed and opened again many times (here: the server restarted,
// the room brought back from storage under the same id) keeps showing the table as it is: each reopening it takes a
// new seat reservation and decodes a new full state, whatever it decoded before. Someone else writes between
// reopenings, so what the page shows can only come from the reopened room.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { Client, type Room } from "@colyseus/sdk";
import { expect, test } from "@playwright/test";
import { ACTION_REQUEST, PROTOCOL_VERSION } from "#shared/protocol.ts";
import { joinOverHttp } from "../join.ts";
import { startServer, stopServer, type RunningServer } from "../process/server-process.ts";
import { openTableAsFacilitator, readPath } from "./helpers.ts";

const REOPENINGS = 14;
const LONG_TEXT = "Les habitants ouvrent la rue aux vélos, l'école s'y installe le samedi, les commerces suivent. "
  .repeat(30)
  .trim();
// This test starts and restarts its own server, next to the one playwright.config.ts starts.
const PORT = Number(process.env.E2E_PORT ?? 2590) + 11;
const root = path.resolve(import.meta.dirname, "../..");
const secretOf = (link: string) => decodeURIComponent(link.split("=")[1] ?? "");

let server: RunningServer | null = null;
let dataDir = "";

test.afterEach(async () => {
  if (server && server.process.exitCode === null && server.process.signalCode === null)
    await stopServer(server, "SIGKILL");
  server = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  return startServer(PORT, { DATA_DIR: dataDir, CLIENT_DIR: process.env.CLIENT_DIR ?? path.join(root, "dist") });
}

/** Bao, in another browser, comes to the reopened table, places a challenge at the end of the path, narrates it, leaves. */
async function baoNarrates(url: string, tableId: string, invite: string, seatKey: string, text: string): Promise<void> {
  const room: Room = await joinOverHttp(new Client(url), url, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    invite,
    seatKey,
    name: "Bao",
    role: "agriculteur",
  });
  room.reconnection.enabled = false;
  const act = (action: unknown) => room.request(ACTION_REQUEST, { id: randomUUID(), action }, { timeout: 5000 });
  type Seen = {
    path: { id: string; placedBy: string }[];
    participants: Record<string, { name: string; hand?: { id: string; blank?: boolean }[] }>;
  };
  const state = () => room.state.toJSON() as Seen;
  const bao = () => Object.values(state().participants ?? {}).find((p) => p.name === "Bao");
  await expect.poll(() => bao() !== undefined).toBe(true);
  const before = bao()?.hand?.length ?? 0;
  await act({ type: "draw", deck: "challenge" });
  await expect.poll(() => bao()?.hand?.length ?? 0).toBe(before + 1);
  let card = bao()?.hand?.at(-1)?.id ?? "";
  // A blank card (« Défi à écrire ») is written before it is placed: it becomes another card of the table.
  if (bao()?.hand?.at(-1)?.blank) {
    const blank = card;
    await act({ type: "writeBlank", cardId: blank, title: "Le défi de Bao", text: "Écrit sur une carte vierge." });
    await expect.poll(() => bao()?.hand?.at(-1)?.id ?? blank).not.toBe(blank);
    card = bao()?.hand?.at(-1)?.id ?? "";
  }
  const pathBefore = state().path.length;
  await act({ type: "place", cardId: card, afterStepId: state().path.at(-1)?.id ?? null });
  await expect.poll(() => state().path.length).toBe(pathBefore + 1);
  await act({ type: "narrate", stepId: state().path.at(-1)?.id ?? "", text });
  await room.leave(true);
}

test(`a page left open through ${REOPENINGS} reopenings of its table still shows the table as it is`, async ({
  browser,
}) => {
  test.setTimeout(300_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "jdt-reopen-"));
  server = await start();
  const page = await (await browser.newContext({ baseURL: `http://localhost:${PORT}` })).newPage();
  // What the SDK and the schema decoder print when they cannot decode ("refId" not found, definition mismatch), and
  // anything thrown on the page (e.g. toJSON() on a broken tree).
  const decodeErrors: string[] = [];
  page.on("console", (m) => {
    if (/refId|definition mismatch|schema|decod|report this issue/i.test(m.text()))
      decodeErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => decodeErrors.push(`pageerror: ${e.message}`));

  const link = await openTableAsFacilitator(page, {
    title: "Atelier qui rouvre",
    system: "La vallée",
    present: "Aujourd'hui",
    future: "Demain",
    facilitatorName: "Camille",
  });
  await page.getByRole("button", { name: "Lancer la partie" }).click();
  await expect(page.getByRole("button", { name: "Piocher un défi" })).toBeEnabled();
  const tableId = decodeURIComponent(new URL(link).pathname.split("/").pop() ?? "");
  const baoSeat = randomBytes(32).toString("base64url");

  const expected: string[] = [];
  for (let n = 1; n <= REOPENINGS; n++) {
    // The room closes with the server; the page stays open and keeps trying to come back.
    expect(await stopServer(server, "SIGTERM")).toBe("0");
    server = await start();
    // Long narrations: the table grows past the 16 KB the state encoder starts with after a few reopenings, which is
    // when Colyseus used to send a corrupted full state to anyone coming back (server/room/full-state-fix.ts).
    const text = `Récit écrit pendant la réouverture ${n}. ${LONG_TEXT}`;
    await baoNarrates(server.url, tableId, secretOf(link), baoSeat, text);
    expected.push(text);
    await expect
      .poll(async () => (await readPath(page)).map((line) => line.split(" | ")[1]), {
        timeout: 30_000,
        message: `after reopening ${n}`,
      })
      .toEqual(expected);
    await expect(page.getByRole("status").filter({ hasText: "Connecté·e" })).toBeVisible({ timeout: 30_000 });
    expect(decodeErrors, `after reopening ${n}`).toEqual([]);
  }

  // Still live after the last reopening: a change made now reaches the open page as a patch.
  await baoNarrates(server.url, tableId, secretOf(link), baoSeat, "Et la suite, en direct.");
  expected.push("Et la suite, en direct.");
  await expect.poll(async () => (await readPath(page)).map((line) => line.split(" | ")[1])).toEqual(expected);
  expect(decodeErrors).toEqual([]);
});
