// The real server (node server/main.ts) seen from the network as a stranger would: errors are short JSON without a
// stack or a server path, every page carries the security headers, and half-sent requests are cut while the tables'
// WebSockets stay open.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTP_TIMEOUTS } from "#server/http/http-server.ts";
import { t, type Dictionary } from "#shared/i18n/translate.ts";
import { API, PROTOCOL_VERSION, WHOAMI_REQUEST } from "#shared/protocol.ts";
import { joinOverHttp, openTableOverHttp, TABLE_FORM } from "../join.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";

const PORT = 2631;
let server: RunningServer;
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-http-"));
  // A stand-in for the built client: the routes that serve it are what the headers are checked on.
  const clientDir = path.join(dir, "client");
  mkdirSync(clientDir);
  writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>Jeu des transitions</title>");
  // Express shows stack traces outside production, and debug logs everything: the replies must not care.
  server = await startServer(PORT, {
    DATA_DIR: path.join(dir, "data"),
    CLIENT_DIR: clientDir,
    NODE_ENV: "development",
    LOG_LEVEL: "debug",
  });
});

afterAll(async () => {
  if (server && server.process.exitCode === null) await stopServer(server, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request sent exactly as written: fetch() would tidy a malformed path before sending it. */
function raw(
  method: string,
  requestPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: PORT, method, path: requestPath, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("an error is a short French JSON message, never a stack trace or a server path", () => {
  const cases: {
    name: string;
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    status: number;
    key: keyof Dictionary["http"];
  }[] = [
    {
      name: "a malformed %-escape in a page's path",
      method: "GET",
      path: "/t/%E0%A4%A",
      status: 400,
      key: "badAddress",
    },
    { name: "a lone % in an API path", method: "GET", path: "/api/tables/%/story.md", status: 400, key: "badAddress" },
    {
      name: "a malformed %-escape in an asset's path",
      method: "GET",
      path: "/assets/%E0%A4%A.js",
      status: 404,
      key: "notFound",
    },
    {
      name: "a JSON body in an unknown charset",
      method: "POST",
      path: API.createTable,
      headers: { "Content-Type": "application/json; charset=foo" },
      body: JSON.stringify(TABLE_FORM),
      status: 415,
      key: "unsupportedMediaType",
    },
    { name: "an unknown API route", method: "GET", path: "/api/nothing-here", status: 404, key: "notFound" },
    { name: "an unknown method on an API route", method: "DELETE", path: "/api/tables", status: 404, key: "notFound" },
    {
      name: "garbage under the matchmaker's prefix",
      method: "GET",
      path: "/matchmake/%E0/x",
      status: 404,
      key: "matchmakerClosed",
    },
    { name: "an unknown page", method: "GET", path: "/nowhere", status: 404, key: "notFound" },
  ];

  for (const c of cases) {
    it(`given ${c.name}, then the reply is ${c.status} with { code, message } and nothing else`, async () => {
      const reply = await raw(c.method, c.path, c.headers, c.body);

      expect(reply.status).toBe(c.status);
      expect(reply.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(reply.body)).toEqual({ code: c.key, message: t(`http.${c.key}`) });
      expect(reply.body).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|file:\/\//);
      expect(reply.body.length).toBeLessThan(200);
    });
  }
});

describe("every page carries the security headers", () => {
  for (const page of ["/", "/t/une-table", API.decks, "/api/nothing-here"]) {
    it(`given GET ${page}, then the policy forbids inline scripts and framing, MIME sniffing and the referrer`, async () => {
      const reply = await raw("GET", page);
      const policy = String(reply.headers["content-security-policy"]);

      expect(policy).toMatch(/(^|;)\s*default-src 'self'/);
      expect(policy).toMatch(/(^|;)\s*script-src 'self'(;|$)/);
      expect(policy).toMatch(/(^|;)\s*frame-ancestors 'none'/);
      expect(policy).toMatch(/(^|;)\s*object-src 'none'/);
      expect(policy).not.toContain("unsafe-eval");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["referrer-policy"]).toBe("no-referrer");
      expect(reply.headers["x-frame-options"]).toBe("DENY");
    });
  }
});

describe("the story's HTML export keeps its own, stricter policy", () => {
  it("given the facilitator's secret, when the HTML story is opened, then its policy allows no script and no framing", async () => {
    const { tableId, facilitatorKey } = await openTableOverHttp(server.url);
    const reply = await raw("GET", API.story(tableId, "html"), { Authorization: `Bearer ${facilitatorKey}` });

    expect(reply.status).toBe(200);
    const policy = String(reply.headers["content-security-policy"]);
    expect(policy).toMatch(/^default-src 'none'/);
    expect(policy).not.toMatch(/script-src/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  });
});

/** A connection that sends `head` and then nothing more; resolves with whether and what the server closed it with. */
function halfSent(head: string): { closed: Promise<string>; socket: net.Socket } {
  const socket = net.connect(PORT, "127.0.0.1");
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  socket.on("connect", () => socket.write(head));
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(received)));
  socket.on("error", () => undefined);
  return { closed, socket };
}

describe("half-sent requests do not hold connections", () => {
  it(
    "given connections that stop in the headers or in the body, when the deadlines pass, then the server closes every one of them and a table's WebSocket stays open",
    async () => {
      // A seated facilitator, connected before the half-sent requests: the sweep that cuts them would see it too.
      const { tableId, facilitatorKey } = await openTableOverHttp(server.url);
      const room: Room = await joinOverHttp(new Client(server.url), server.url, tableId, {
        protocolVersion: PROTOCOL_VERSION,
        facilitatorKey,
        seatKey: randomBytes(32).toString("base64url"),
        name: "Awa",
        role: "animation",
      });
      room.reconnection.enabled = false;
      let roomLeft = false;
      room.onLeave(() => (roomLeft = true));

      const inHeaders = Array.from({ length: 10 }, () =>
        halfSent(`POST ${API.createTable} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app`),
      );
      const inBody = Array.from({ length: 10 }, () =>
        halfSent(
          `POST ${API.createTable} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"title":"Table`,
        ),
      );
      const all = [...inHeaders, ...inBody];

      // Generous on purpose: twice the whole-request deadline, not a measure of how fast the sweep is.
      const patience = 2 * HTTP_TIMEOUTS.requestTimeout;
      const outcome = await Promise.race([
        Promise.all(all.map((c) => c.closed)).then(() => "all closed"),
        new Promise<string>((resolve) => setTimeout(() => resolve("still open"), patience)),
      ]);
      const stillOpen = all.filter((c) => !c.socket.destroyed).length;
      all.forEach((c) => c.socket.destroy());

      expect(outcome, `${stillOpen} of ${all.length} connections still open after ${patience} ms`).toBe("all closed");
      // The server says why when it can (Node answers 408 Request Timeout); a reply is never a stack trace.
      for (const c of all) expect(await c.closed).not.toMatch(/\bat \S+ \(/);
      // One more sweep of the deadlines has passed since the last half-sent connection went: the table's WebSocket,
      // older than all of them, is still there and answers.
      await new Promise((r) => setTimeout(r, 2 * HTTP_TIMEOUTS.connectionsCheckingInterval + 500));
      expect(roomLeft).toBe(false);
      expect(await room.request(WHOAMI_REQUEST)).toMatchObject({ participantId: expect.any(String) });
      await room.leave(true).catch(() => undefined);
    },
    2 * HTTP_TIMEOUTS.requestTimeout + 30_000,
  );
});
