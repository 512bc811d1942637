// A table survives its server: killed with SIGKILL or stopped with SIGTERM in the middle of a burst of play,
// restarted, it holds every acknowledged action exactly once and its people come back to their own seats.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { Action } from "#shared/model.ts";
import { ACTION_REQUEST, PROTOCOL_VERSION, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";
import { joinOverHttp, openTableOverHttp, secretOf } from "../join.ts";

const PORT = 2581;
let server: RunningServer | null = null;
let dataDir = "";

afterEach(async () => {
  if (server && server.process.exitCode === null && server.process.signalCode === null)
    await stopServer(server, "SIGKILL");
  server = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Player {
  name: string;
  seatKey: string;
  secret: { invite: string } | { facilitatorKey: string };
  room: Room;
  me: Whoami;
}

interface Sent {
  player: string;
  id: string;
  action: Action;
  acknowledged: boolean;
  /** Sent again after the restart and accepted there (applied then, or recognised as already applied). */
  resent?: boolean;
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
    path: { id: string; placedBy: string; narration: string; card: { id: string } }[];
    participants: Record<string, { hand?: { id: string; blank?: boolean }[] }>;
  };
}

/** One player's burst: draw, place at the end (a blank card written first), narrate with a unique text; records what was acknowledged. */
async function play(player: Player, rounds: number, sent: Sent[]): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const hand = stateOf(player.room).participants[player.me.participantId ?? ""]?.hand ?? [];
    const pathNow = stateOf(player.room).path;
    const action: Action =
      hand.length === 0
        ? { type: "draw", deck: (["challenge", "lever", "pitfall"] as const)[round % 3] ?? "lever" }
        : pathNow.some((s) => s.placedBy === player.me.participantId && !s.narration)
          ? {
              type: "narrate",
              stepId: pathNow.find((s) => s.placedBy === player.me.participantId && !s.narration)?.id ?? "",
              text: `${player.name} raconte #${round}`,
            }
          : hand[0]?.blank
            ? {
                type: "writeBlank",
                cardId: hand[0].id,
                title: `${player.name} écrit #${round}`,
                text: "Une carte vierge écrite.",
              }
            : { type: "place", cardId: hand[0]?.id ?? "", afterStepId: pathNow.at(-1)?.id ?? null };
    const record: Sent = { player: player.name, id: randomBytes(8).toString("hex"), action, acknowledged: false };
    sent.push(record);
    try {
      await player.room.request(ACTION_REQUEST, { id: record.id, action }, { timeout: 3000 });
      record.acknowledged = true;
    } catch {
      return; // the server is gone: this one may or may not have been written
    }
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 15));
  }
}

/** Players here act every 5–20 ms to keep writes in flight when the server dies: far past a person's pace (tested elsewhere). */
const AS_FAST_AS_IT_GOES = { LIMIT_ACTIONS_PER_SECOND: "1000", LIMIT_TABLE_ACTIONS_PER_SECOND: "1000" };

async function scenario(stop: NodeJS.Signals, killAfterMs: number) {
  dataDir = mkdtempSync(path.join(tmpdir(), "jdt-restart-"));
  server = await startServer(PORT, { DATA_DIR: dataDir, ...AS_FAST_AS_IT_GOES });
  const created = await openTableOverHttp(server.url, "Table qui survit");
  const keys = ["facilitatrice", "ada", "bao", "chloé"].map(() => randomBytes(32).toString("base64url"));
  const facilitator = await seat(server.url, created.tableId, "Awa", keys[0] ?? "", {
    facilitatorKey: secretOf(created.facilitatorLink),
  });
  await facilitator.room.request(ACTION_REQUEST, { id: "start-play-1", action: { type: "startPlay" } });
  const names = ["Ada", "Bao", "Chloé"];
  const players = await Promise.all(
    names.map((name, i) =>
      seat(server!.url, created.tableId, name, keys[i + 1] ?? "", { invite: secretOf(created.participantLink) }),
    ),
  );

  const sent: Sent[] = [];
  const bursts = players.map((p) => play(p, 400, sent));
  await new Promise((r) => setTimeout(r, killAfterMs));
  const how = await stopServer(server, stop);
  await Promise.all(bursts);
  expect(how).toBe(stop === "SIGKILL" ? "SIGKILL" : "0");
  // A stop asked for is not an error: the tables close without a line at level error (50) in the log.
  if (stop === "SIGTERM")
    expect(
      server
        .output()
        .split("\n")
        .filter((line) => line.includes('"level":50')),
    ).toEqual([]);

  server = await startServer(PORT, { DATA_DIR: dataDir, ...AS_FAST_AS_IT_GOES });
  const back = await Promise.all(players.map((p) => seat(server!.url, created.tableId, p.name, p.seatKey, p.secret)));
  // Everyone is back in their own seat: same participant id as before the restart, nobody new.
  back.forEach((p, i) => expect(p.me.participantId).toBe(players[i]?.me.participantId));
  // Actions in flight when the server died are sent again with the same ids, as the browser's outbox does.
  for (const record of sent.filter((s) => !s.acknowledged)) {
    const player = back.find((p) => p.name === record.player);
    await player?.room
      .request(ACTION_REQUEST, { id: record.id, action: record.action })
      .then(() => (record.resent = true))
      .catch(() => undefined);
  }
  // An acknowledgement lost on the way looks the same to a browser: it sends again. The server knows these ids from its log.
  for (const record of sent.filter((s) => s.acknowledged)) {
    const player = back.find((p) => p.name === record.player);
    const reply = await player?.room.request(ACTION_REQUEST, { id: record.id, action: record.action });
    expect(reply, `${record.action.type} ${record.id} sent again`).toEqual({ ok: true, repeated: true });
  }
  const observer = back[0];
  if (!observer) throw new Error("no one came back");
  await new Promise((r) => setTimeout(r, 300));
  const state = stateOf(observer.room);
  expect(Object.keys(state.participants)).toHaveLength(4);

  const acknowledged = sent.filter((s) => s.acknowledged);
  expect(acknowledged.length).toBeGreaterThan(3);
  for (const record of acknowledged) {
    if (record.action.type === "narrate") {
      const text = record.action.text;
      expect(
        state.path.filter((s) => s.narration === text),
        `narration "${text}"`,
      ).toHaveLength(1);
    }
    if (record.action.type === "place") {
      const cardId = record.action.cardId;
      expect(
        state.path.filter((s) => s.card.id === cardId),
        `card ${cardId} on the path`,
      ).toHaveLength(1);
    }
  }
  // Every draw that was accepted, before or after the restart, gave exactly one card: none lost, none doubled.
  for (const player of back) {
    const own = stateOf(player.room);
    const held = own.participants[player.me.participantId ?? ""]?.hand?.length ?? 0;
    const placed = own.path.filter((s) => s.placedBy === player.me.participantId).length;
    const draws = sent.filter(
      (s) => s.player === player.name && s.action.type === "draw" && (s.acknowledged || s.resent),
    );
    expect(held + placed, `${player.name}'s cards`).toBe(draws.length);
  }
  // Every card is in exactly one place: no action was applied twice.
  const pathCards = state.path.map((s) => s.card.id);
  expect(new Set(pathCards).size).toBe(pathCards.length);
  await Promise.all(back.map((p) => p.room.leave(true).catch(() => undefined)));
}

describe("a table outlives its server", () => {
  for (const [attempt, killAfterMs] of [150, 400, 700].map(
    (ms, i) => [i + 1, ms + Math.floor(Math.random() * 200)] as const,
  )) {
    it(`given a burst of play, when the server is killed with SIGKILL after ${killAfterMs} ms (try ${attempt}) and restarted, then every acknowledged action is there exactly once`, async () => {
      await scenario("SIGKILL", killAfterMs);
    });
  }

  it("given a burst of play, when the server is stopped with SIGTERM and restarted, then every acknowledged action is there exactly once", async () => {
    await scenario("SIGTERM", 300);
  });
});
