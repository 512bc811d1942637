// A backup taken while the server runs and people keep playing holds everything acknowledged before it started;
// restored into a fresh data folder, a new server brings the table back: same seats, same story, and play goes on.
// The restore refuses a running server's folder and a file that is not one of our backups, and keeps what it replaces.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Client, type Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { Action } from "#shared/model.ts";
import { ACTION_REQUEST, PROTOCOL_VERSION, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import { joinOverHttp, openTableOverHttp, secretOf } from "../join.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";

const PORTS = { before: 2690, after: 2691 };
const root = path.resolve(import.meta.dirname, "../..");
const AS_FAST_AS_IT_GOES = { LIMIT_ACTIONS_PER_SECOND: "1000", LIMIT_TABLE_ACTIONS_PER_SECOND: "1000" };

const servers: RunningServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    if (server.process.exitCode === null && server.process.signalCode === null) await stopServer(server, "SIGKILL");
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jdt-backup-"));
  folders.push(dir);
  return dir;
}

/** Runs `npm run backup` / `npm run restore` as the host would (the same scripts, through node directly). */
function command(
  script: "backup" | "restore",
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`server/ops/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

interface Player {
  name: string;
  seatKey: string;
  secret: { invite: string } | { facilitatorKey: string };
  room: Room;
  me: Whoami;
}

interface Sent {
  id: string;
  action: Action;
  acknowledged: boolean;
}

async function seat(
  url: string,
  tableId: string,
  name: string,
  seatKey: string,
  secret: Player["secret"],
): Promise<Player> {
  const room = await joinOverHttp(new Client(url), url, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...secret,
    seatKey,
    name,
    role: "habitant·e",
  });
  room.reconnection.enabled = false;
  const me = (await room.request(WHOAMI_REQUEST)) as Whoami;
  return { name, seatKey, secret, room, me };
}

function stateOf(room: Room) {
  return room.state.toJSON() as {
    path: { id: string; placedBy: string; narration: string }[];
    participants: Record<string, { hand?: { id: string; blank?: boolean }[] }>;
  };
}

/**
 * The next move of a player: draw when the hand is empty, narrate their own silent step, else place a card. Once the
 * game has moved enough cards (`more`), they add « oui, et… » to their own last step instead, as long as needed: no deck
 * runs out and nothing written before is overwritten.
 */
function nextAction(player: Player, round: number, more = false): Action {
  const state = stateOf(player.room);
  const own = state.path.filter((s) => s.placedBy === player.me.participantId).at(-1);
  if (more && own)
    return {
      type: "contribute",
      stepId: own.id,
      kind: "yesAnd",
      text: `${player.name} ajoute #${round} ${randomBytes(3).toString("hex")}`,
    };
  const hand = state.participants[player.me.participantId ?? ""]?.hand ?? [];
  const silent = state.path.find((s) => s.placedBy === player.me.participantId && !s.narration);
  if (silent)
    return {
      type: "narrate",
      stepId: silent.id,
      text: `${player.name} raconte #${round} ${randomBytes(3).toString("hex")}`,
    };
  if (hand.length === 0) return { type: "draw", deck: "challenge" };
  // A blank card (« Défi à écrire ») is written before it is placed.
  if (hand[0]?.blank)
    return {
      type: "writeBlank",
      cardId: hand[0].id,
      title: `${player.name} écrit #${round}`,
      text: "Une carte vierge écrite.",
    };
  return { type: "place", cardId: hand[0]?.id ?? "", afterStepId: state.path.at(-1)?.id ?? null };
}

/** Plays until `keepGoing` says stop (or `rounds` is reached); every request is recorded with whether it was acknowledged. */
async function play(
  player: Player,
  sent: Sent[],
  keepGoing: () => boolean,
  rounds = 10_000,
  more = false,
): Promise<void> {
  for (let round = 0; round < rounds && keepGoing(); round++) {
    const record: Sent = {
      id: randomBytes(8).toString("hex"),
      action: nextAction(player, round, more),
      acknowledged: false,
    };
    sent.push(record);
    await player.room.request(ACTION_REQUEST, { id: record.id, action: record.action }, { timeout: 5000 });
    record.acknowledged = true;
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe("backup and restore of the embedded store", () => {
  it("backs up while people play, and a server started on the restored folder carries on the same table", async () => {
    const live = folder();
    const restored = folder();
    const backupFile = path.join(folder(), "nightly.sqlite");
    const before = await startServer(PORTS.before, { DATA_DIR: live, ...AS_FAST_AS_IT_GOES });
    servers.push(before);
    expect((await fetch(`${before.url}/api/health`)).status).toBe(200);

    const created = await openTableOverHttp(before.url, "Table sauvegardée");
    const keys = { awa: randomBytes(32).toString("base64url"), ada: randomBytes(32).toString("base64url") };
    const invite = { invite: secretOf(created.participantLink) };
    const awa = await seat(before.url, created.tableId, "Awa", keys.awa, {
      facilitatorKey: secretOf(created.facilitatorLink),
    });
    await awa.room.request(ACTION_REQUEST, { id: "start-play", action: { type: "startPlay" } });
    const ada = await seat(before.url, created.tableId, "Ada", keys.ada, invite);

    // Given a table in play, with writes still going on while the backup runs…
    const sent: Sent[] = [];
    await play(ada, sent, () => true, 30);
    let playing = true;
    const meanwhile = play(ada, sent, () => playing, 10_000, true);
    await new Promise((r) => setTimeout(r, 200));
    const acknowledgedBefore = sent.filter((s) => s.acknowledged).map((s) => ({ ...s }));

    // …when the host backs up,
    const backup = await command("backup", [backupFile], { DATA_DIR: live });
    await new Promise((r) => setTimeout(r, 200));
    playing = false;
    await meanwhile;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up 1 table\(s\), \d+ log entries, to .*nightly\.sqlite/);
    expect(sent.filter((s) => s.acknowledged).length).toBeGreaterThan(acknowledgedBefore.length);
    expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(30);

    // …the running server's folder cannot be restored over,
    const refused = await command("restore", [backupFile], { DATA_DIR: live });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/A server seems to be running on .* \(DATA_DIR\)/);

    // …and restored into a fresh folder, a new server brings the same table back.
    const restore = await command("restore", [backupFile], { DATA_DIR: restored });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored 1 table\(s\)/);
    const after = await startServer(PORTS.after, { DATA_DIR: restored, ...AS_FAST_AS_IT_GOES });
    servers.push(after);
    expect((await fetch(`${after.url}/api/health`)).status).toBe(200);

    const back = await seat(after.url, created.tableId, "Ada", keys.ada, invite);
    expect(back.me.participantId).toBe(ada.me.participantId);
    // Every action acknowledged before the backup started is in the restored log: sent again, it is recognised.
    for (const record of acknowledgedBefore) {
      const reply = await back.room.request(ACTION_REQUEST, { id: record.id, action: record.action });
      expect(reply, `${record.action.type} ${record.id}`).toEqual({ ok: true, repeated: true });
    }
    await new Promise((r) => setTimeout(r, 200));
    const narrations = stateOf(back.room).path.map((s) => s.narration);
    for (const record of acknowledgedBefore) {
      if (record.action.type === "narrate") expect(narrations).toContain(record.action.text);
    }
    // And play goes on.
    const next = nextAction(back, 1);
    expect(await back.room.request(ACTION_REQUEST, { id: "after-restore", action: next })).toEqual({ ok: true });
  });

  it("refuses a file that is not one of our backups, and keeps the store it replaces", async () => {
    const dataDir = folder();
    const elsewhere = folder();
    const notSqlite = path.join(elsewhere, "notes.txt");
    writeFileSync(notSqlite, "pas une sauvegarde");
    const otherDb = path.join(elsewhere, "other.sqlite");
    const db = new DatabaseSync(otherDb);
    db.exec("CREATE TABLE tables (id TEXT)");
    db.close();

    for (const file of [notSqlite, otherDb, path.join(elsewhere, "missing.sqlite")]) {
      const refused = await command("restore", [file], { DATA_DIR: dataDir });
      expect(refused.code, file).toBe(1);
      expect(refused.stderr).toMatch(/not a backup of the tables|not a store of the Jeu des transitions|no file/);
    }
    expect(existsSync(path.join(dataDir, "tables.sqlite"))).toBe(false);

    // A store with one table, backed up with the server stopped, then restored over a store that has two.
    const server = await startServer(PORTS.before, { DATA_DIR: dataDir });
    servers.push(server);
    await openTableOverHttp(server.url);
    await stopServer(server, "SIGTERM");
    const backupFile = path.join(elsewhere, "one-table.sqlite");
    expect((await command("backup", [backupFile], { DATA_DIR: dataDir })).code).toBe(0);
    const again = await startServer(PORTS.before, { DATA_DIR: dataDir });
    servers.push(again);
    await openTableOverHttp(again.url);
    await stopServer(again, "SIGTERM");

    const restore = await command("restore", [backupFile], { DATA_DIR: dataDir });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored 1 table\(s\).*kept as .*tables\.sqlite\.replaced-/);
    const aside = readdirSync(dataDir).filter((name) => name.startsWith("tables.sqlite.replaced-"));
    expect(aside).toHaveLength(1);
    const kept = new DatabaseSync(path.join(dataDir, aside[0] ?? ""), { readOnly: true });
    expect((kept.prepare("SELECT count(*) AS n FROM tables").get() as { n: number }).n).toBe(2);
    kept.close();
  });

  it("says to use pg_dump and pg_restore when the tables are in PostgreSQL", async () => {
    const env = { DATABASE_URL: "postgres://someone:hunter2@db.invalid:5432/tables" };
    const backup = await command("backup", [], env);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/pg_dump/);
    const restore = await command("restore", ["tables.dump"], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/pg_restore/);
    expect(backup.stderr + restore.stderr).not.toContain("hunter2");
  });
});
