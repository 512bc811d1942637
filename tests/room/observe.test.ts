// What a host observes: the health check (200 while the store answers, 503 when it does not), the Prometheus metrics
// (connections, tables, accepted actions, refusals by code, write latency, event-loop delay) after real play, the
// optional METRICS_TOKEN, and the privacy page served like the app's other pages. A real server on its own port.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { DEFAULT_LIMITS, readLimits } from "#server/limits.ts";
import { operationsRouter } from "#server/http/operations.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import {
  ACTION_REQUEST,
  API,
  HOSTING_API,
  PRIVACY_PAGE,
  PROTOCOL_VERSION,
  type CreatedTable,
} from "#shared/protocol.ts";
import { SETUP } from "../fixtures.ts";
import { joinOverHttp } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

const PORT = 2692;
const BASE_URL = `http://localhost:${PORT}`;

/** The embedded store, whose ping a test can break (or make hang) as a lost disk or database would. */
class FlakyStore extends SqliteTableStore {
  pings: "answer" | "fail" | "hang" = "answer";

  override async ping(): Promise<void> {
    if (this.pings === "fail") throw new Error("disque perdu (simulé)");
    if (this.pings === "hang") return new Promise(() => undefined);
    return super.ping();
  }
}

let store: FlakyStore;
let server: ReturnType<typeof createApp>;
let clientDir = "";
/** Every line the server logs (at trace level: the most it ever says). */
const { logger, lines: logLines } = loggingToLines("trace");

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), "jdt-observe-"));
  mkdirSync(clientDir, { recursive: true });
  writeFileSync(
    path.join(clientDir, "index.html"),
    "<!doctype html><title>Jeu des transitions</title><div id=root></div>",
  );
  const config = { ...readConfig({ PORT: String(PORT) }), clientDir };
  server = createApp({
    config,
    store: (store = new FlakyStore(":memory:")),
    gracefullyShutdown: false,
    logger,
  });
  await server.listen(PORT, "127.0.0.1");
});

afterAll(async () => {
  await server.gracefullyShutdown(false);
  rmSync(clientDir, { recursive: true, force: true });
});

/** One sample of the text format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

/** Parses Prometheus' text exposition format strictly: any line that is not a comment, a HELP/TYPE or a sample fails. */
function parseMetrics(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1] ?? "", type[2] ?? "");
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? "";
    LABEL.lastIndex = 0;
    let consumed = 0;
    for (let label = LABEL.exec(body); label; label = LABEL.exec(body)) {
      labels[label[1] ?? ""] = label[2] ?? "";
      consumed = LABEL.lastIndex;
    }
    if (consumed !== body.length) throw new Error(`bad labels: ${line}`);
    // Prometheus reads values with Go's ParseFloat: NaN in any case (prom-client writes "Nan" for an empty sample).
    const raw = match[3] ?? "";
    const value = raw === "+Inf" ? Infinity : raw === "-Inf" ? -Infinity : /^nan$/i.test(raw) ? NaN : Number(raw);
    if (Number.isNaN(value) && !/^nan$/i.test(raw)) throw new Error(`bad value: ${line}`);
    samples.push({ name: match[1] ?? "", labels, value });
  }
  return { samples, types };
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function scrape(): Promise<{ samples: Sample[]; types: Map<string, string> }> {
  const response = await fetch(`${BASE_URL}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

describe("GET /api/health", () => {
  it("answers 200 while the store answers, 503 when it fails or does not answer in time", async () => {
    const ok = await fetch(`${BASE_URL}/api/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok" });
    expect(ok.headers.get("cache-control")).toBe("no-store");

    store.pings = "fail";
    const broken = await fetch(`${BASE_URL}/api/health`);
    expect(broken.status).toBe(503);
    expect(await broken.json()).toEqual({ status: "unavailable" });

    store.pings = "hang";
    const started = Date.now();
    expect((await fetch(`${BASE_URL}/api/health`)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);

    store.pings = "answer";
    expect((await fetch(`${BASE_URL}/api/health`)).status).toBe(200);
  });
});

describe("GET /metrics", () => {
  it("counts connections, tables, accepted actions, refusals by code and writes, in the text format", async () => {
    const before = await scrape();
    const accepted0 = valueOf(before.samples, "jdt_actions_accepted_total") ?? 0;
    const writes0 = valueOf(before.samples, "jdt_store_append_seconds_count") ?? 0;

    const created = (await (
      await fetch(`${BASE_URL}${API.createTable}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...SETUP, framingChallengeId: null, framingChallengeText: "Tenir bon ?" }),
      })
    ).json()) as CreatedTable;
    const facilitatorKey = decodeURIComponent(created.facilitatorLink.split("=")[1] ?? "");
    const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, created.tableId, {
      protocolVersion: PROTOCOL_VERSION,
      facilitatorKey,
      seatKey: randomBytes(32).toString("base64url"),
      name: "Awa",
      role: "animation",
    });
    const act = (id: string, action: unknown) => room.request(ACTION_REQUEST, { id, action });
    expect(await act("action-1", { type: "startPlay" })).toEqual({ ok: true });
    expect(await act("action-2", { type: "draw", deck: "challenge" })).toEqual({ ok: true });
    // Refused by the rules, and by the room's own check of the payload.
    await expect(act("action-3", { type: "narrate", stepId: "no-such-step", text: "Rien" })).rejects.toThrow();
    await expect(room.request(ACTION_REQUEST, { nonsense: true })).rejects.toThrow();

    const { samples, types } = await scrape();
    expect(types.get("jdt_connections")).toBe("gauge");
    expect(types.get("jdt_tables_open")).toBe("gauge");
    expect(types.get("jdt_actions_accepted_total")).toBe("counter");
    expect(types.get("jdt_refusals_total")).toBe("counter");
    expect(types.get("jdt_store_append_seconds")).toBe("histogram");
    expect(valueOf(samples, "jdt_connections")).toBe(1);
    expect(valueOf(samples, "jdt_tables_open")).toBe(1);
    expect(valueOf(samples, "jdt_actions_accepted_total")).toBe(accepted0 + 2);
    expect(valueOf(samples, "jdt_refusals_total", { code: "stepNotFound" })).toBe(1);
    expect(valueOf(samples, "jdt_refusals_total", { code: "invalidMessage" })).toBe(1);
    // The join and the two actions were written, each timed.
    expect(valueOf(samples, "jdt_store_append_seconds_count")).toBe(writes0 + 3);
    expect(valueOf(samples, "jdt_store_append_seconds_bucket", { le: "+Inf" })).toBe(writes0 + 3);
    // prom-client's defaults: event-loop delay and the process.
    expect(types.get("nodejs_eventloop_lag_p99_seconds")).toBe("gauge");
    expect(valueOf(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    // Counts only: no table id anywhere in the metrics.
    expect(JSON.stringify(samples)).not.toContain(created.tableId);
    await room.leave();
  });

  it("asks for METRICS_TOKEN as a bearer token when it is set", async () => {
    const token = randomBytes(24).toString("hex");
    const open = (_req: unknown, _res: unknown, next: () => void) => next();
    const app = express().use(
      operationsRouter({ store, metricsToken: token, retentionDays: 90, metricsRateLimit: open }),
    );
    const listening = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => listening.once("listening", resolve));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/metrics`;
    try {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: `Bearer ${token}x` } })).status).toBe(401);
      const refused = await fetch(url, { headers: { Authorization: "Bearer nope" } });
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await refused.json()) as { message: string }).toMatchObject({ code: "metricsTokenRequired" });
      const ok = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(parseMetrics(await ok.text()).samples.length).toBeGreaterThan(10);
    } finally {
      listening.close();
    }
    expect(() => readConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });

  it("turns away an address that reads it in a loop, past the 60 a minute a scraper never needs; the rest of the server still answers", async () => {
    let answered = 0;
    let refused: Response | undefined;
    while (!refused && answered <= DEFAULT_LIMITS.metricsPerMinute) {
      const response = await fetch(`${BASE_URL}/metrics`);
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        await response.text();
        answered += 1;
      }
    }
    if (!refused) throw new Error(`/metrics answered ${answered} times in a row from one address`);
    // The earlier tests of this file scraped it too, within the same minute.
    expect(answered).toBeLessThanOrEqual(DEFAULT_LIMITS.metricsPerMinute);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()) as { code: string }).toMatchObject({ code: "rateLimited" });
    expect((await fetch(`${BASE_URL}/api/health`)).status).toBe(200);
    expect(readLimits({ LIMIT_METRICS_PER_MINUTE: "4" }).metricsPerMinute).toBe(4);
  });
});

describe("the privacy page", () => {
  it("is served as the app, and the server says how long tables are kept", async () => {
    const page = await fetch(`${BASE_URL}${PRIVACY_PAGE}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<div id=root>");
    const hosting = await fetch(`${BASE_URL}${HOSTING_API}`);
    expect(await hosting.json()).toEqual({ retentionDays: 90 });
  });
});

describe("the logs", () => {
  it("are JSON lines that carry the table id, never a secret nor what a person wrote", async () => {
    const marker = randomBytes(6).toString("hex");
    const created = (await (
      await fetch(`${BASE_URL}${API.createTable}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          ...SETUP,
          title: `Titre ${marker}`,
          framingChallengeId: null,
          framingChallengeText: `Défi ${marker} ?`,
        }),
      })
    ).json()) as CreatedTable;
    const facilitatorKey = decodeURIComponent(created.facilitatorLink.split("=")[1] ?? "");
    const seatKey = randomBytes(32).toString("base64url");
    const room = await joinOverHttp(new Client(BASE_URL), BASE_URL, created.tableId, {
      protocolVersion: PROTOCOL_VERSION,
      facilitatorKey,
      seatKey,
      name: `Nom ${marker}`,
      role: `Rôle ${marker}`,
    });
    const act = (id: string, action: unknown) => room.request(ACTION_REQUEST, { id: `${id}-${marker}`, action });
    await act("start", { type: "startPlay" });
    // A lever: the kit has no blank lever, and a blank card (« Défi à écrire ») would have to be written before placing.
    await act("draw", { type: "draw", deck: "lever" });
    const hand = (room.state.toJSON() as { participants: Record<string, { hand?: { id: string }[] }> }).participants;
    const cardId = Object.values(hand).flatMap((p) => p.hand ?? [])[0]?.id ?? "";
    await act("place", { type: "place", cardId, afterStepId: null });
    const stepId = (room.state.toJSON() as { path: { id: string }[] }).path[0]?.id ?? "";
    await act("narrate", { type: "narrate", stepId, text: `Récit ${marker}` });
    await act("refused", { type: "narrate", stepId: "no-such-step", text: `Refusé ${marker}` }).catch(() => undefined);
    await room.leave();

    const ours = logLines.map((line) => JSON.parse(line) as { tableId?: string; level: number; msg: string });
    expect(ours.filter((entry) => entry.tableId === created.tableId).map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(["table opened", "participant seated"]),
    );
    const everything = logLines.join("\n");
    for (const secret of [
      marker,
      facilitatorKey,
      seatKey,
      decodeURIComponent(created.participantLink.split("=")[1] ?? ""),
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
