// What a browser gets from the real server (node server/main.ts) for the built app: brotli when it accepts it, gzip
// otherwise, nothing compressed for a client that asks for nothing; Vite's hashed files cached for a year as
// immutable, the page revalidated on every visit. The downloads and the WebSocket still work with compression on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMMUTABLE, REVALIDATE } from "#server/http/client-files.ts";
import { API } from "#shared/protocol.ts";
import { seedTable } from "../seed-table.ts";
import { startServer, stopServer, type RunningServer } from "./server-process.ts";

const PORT = 2643;
let server: RunningServer;
let dir = "";

// A stand-in for the built client, shaped as Vite builds it: index.html naming hashed files under assets/.
const SCRIPT = `export const app = ${JSON.stringify("Le Jeu des transitions ".repeat(400))};\n`;
// One the build also wrote compressed beside it (vite.config.ts: brotli 11, gzip 9).
const PRECOMPRESSED = `export const kit = ${JSON.stringify("Un levier, un défi, un écueil. ".repeat(300))};\n`;
const BROTLI_11 = brotliCompressSync(PRECOMPRESSED, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
const GZIP_9 = gzipSync(PRECOMPRESSED, { level: 9 });
const PAGE = `<!doctype html><html lang="fr"><head><title>Jeu des transitions</title><script type="module" src="/assets/index-AbC123xy.js"></script>${"<!-- - -->".repeat(150)}</head><body><div id="root"></div></body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-compression-"));
  const clientDir = path.join(dir, "client");
  mkdirSync(path.join(clientDir, "assets"), { recursive: true });
  writeFileSync(path.join(clientDir, "index.html"), PAGE);
  writeFileSync(path.join(clientDir, "assets", "index-AbC123xy.js"), SCRIPT);
  writeFileSync(path.join(clientDir, "assets", "table-Pre456zz.js"), PRECOMPRESSED);
  writeFileSync(path.join(clientDir, "assets", "table-Pre456zz.js.br"), BROTLI_11);
  writeFileSync(path.join(clientDir, "assets", "table-Pre456zz.js.gz"), GZIP_9);
  server = await startServer(PORT, { DATA_DIR: path.join(dir, "data"), CLIENT_DIR: clientDir });
});

afterAll(async () => {
  if (server && server.process.exitCode === null) await stopServer(server, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET as a browser sends it, without fetch()'s own decoding of the body. */
function get(requestPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: PORT, path: requestPath, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

function decoded(reply: Reply): string {
  const encoding = reply.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(reply.body).toString("utf8");
  if (encoding === "gzip") return gunzipSync(reply.body).toString("utf8");
  return reply.body.toString("utf8");
}

const CHROME = { "Accept-Encoding": "gzip, deflate, br, zstd" };

describe("the built app", () => {
  it("sends brotli to a browser that accepts it, gzip to one that accepts only gzip, plain text otherwise", async () => {
    const brotli = await get("/assets/index-AbC123xy.js", CHROME);
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    expect(decoded(brotli)).toBe(SCRIPT);
    expect(brotli.body.length).toBeLessThan(SCRIPT.length / 10);

    const gzip = await get("/assets/index-AbC123xy.js", { "Accept-Encoding": "gzip, deflate" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(SCRIPT);

    const plain = await get("/assets/index-AbC123xy.js", { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(SCRIPT);
  });

  it("sends the files the build compressed as they are, and the file itself to a client that accepts neither", async () => {
    const brotli = await get("/assets/table-Pre456zz.js", CHROME);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    expect(brotli.headers["cache-control"]).toBe(IMMUTABLE);
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotli.body.equals(BROTLI_11)).toBe(true);
    expect(decoded(brotli)).toBe(PRECOMPRESSED);

    const gzip = await get("/assets/table-Pre456zz.js", { "Accept-Encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.body.equals(GZIP_9)).toBe(true);

    const plain = await get("/assets/table-Pre456zz.js", { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(PRECOMPRESSED);
  });

  it("caches hashed files for a year as immutable, and has the page revalidated on every visit", async () => {
    const script = await get("/assets/index-AbC123xy.js", CHROME);
    expect(script.headers["cache-control"]).toBe(IMMUTABLE);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const page of ["/", "/t/ABCDEFGH", "/confidentialite", "/index.html"]) {
      const reply = await get(page, CHROME);
      expect(reply.status, page).toBe(200);
      expect(reply.headers["cache-control"], page).toBe(REVALIDATE);
      expect(reply.headers["content-encoding"], page).toBe("br");
      expect(decoded(reply), page).toBe(PAGE);
      // The security headers are still there.
      expect(reply.headers["content-security-policy"], page).toContain("script-src 'self'");
    }
    // A page revalidated with its ETag costs no body.
    const first = await get("/t/ABCDEFGH", CHROME);
    const again = await get("/t/ABCDEFGH", { ...CHROME, "If-None-Match": String(first.headers.etag) });
    expect(again.status).toBe(304);
  });

  it("compresses the API's answers too, and the downloads arrive whole", async () => {
    const decks = await get(API.decks, CHROME);
    expect(decks.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(decoded(decks))).toHaveProperty("challenge");

    // A table played over the WebSocket (the SDK's upgrade goes past the compression), then downloaded.
    const table = await seedTable({ baseUrl: server.url, participants: 3, steps: 6, phase: "closed" });
    try {
      const key = decodeURIComponent(new URL(table.facilitatorLink).hash.split("=")[1] ?? "");
      const auth = { ...CHROME, Authorization: `Bearer ${key}` };
      const markdown = await get(API.story(table.tableId, "md"), auth);
      expect(markdown.status).toBe(200);
      expect(markdown.headers["content-encoding"]).toBe("br");
      expect(markdown.headers["content-disposition"]).toMatch(/attachment/);
      expect(markdown.headers["cache-control"]).toBe("no-store");
      const story = decoded(markdown);
      for (const step of table.stateOf(0).path) expect(story).toContain(step.narration);

      const json = await get(API.story(table.tableId, "json"), {
        Authorization: auth.Authorization,
        "Accept-Encoding": "gzip",
      });
      expect(json.headers["content-encoding"]).toBe("gzip");
      expect(JSON.parse(decoded(json)).table.id).toBe(table.tableId);
      // fetch() (what the page uses) decodes it by itself.
      const fetched = await fetch(server.url + API.story(table.tableId, "html"), {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(fetched.status).toBe(200);
      expect(await fetched.text()).toContain("</html>");
    } finally {
      await table.close();
    }
  });
});
