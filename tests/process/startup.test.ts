// Starting the real server (node server/main.ts) with a wrong setting stops it with one readable sentence on stderr
// and a non-zero exit code, not a stack trace; once it listens, it says where, whatever the log level.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const PORT = 2632;
const BUSY_PORT = 2633;
const SILENT_PORT = 2636;
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-startup-"));
});
afterAll(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the server with these settings; resolves when it exits, or once stdout shows `until` (then stops it).
 * A server still running after 20 s (twice the database connection timeout) is stopped and reported with code null.
 */
function run(env: Record<string, string>, until?: string): Promise<Run> {
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: path.join(dir, "data"),
      CLIENT_DIR: path.join(dir, "no-client"),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let stoppedByUs = false;
  const stop = () => {
    stoppedByUs = true;
    child.kill("SIGKILL");
  };
  const timer = setTimeout(stop, 20_000);
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (until && stdout.includes(until)) stop();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: stoppedByUs ? null : code, stdout, stderr });
    }),
  );
}

/** What a person starting the server must see: a non-zero exit and one line on stderr, no stack, no secret. */
function expectOneSentence(result: Run): string {
  expect(result.code, `the server kept running; stderr: ${result.stderr}`).not.toBeNull();
  expect(result.code).not.toBe(0);
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  const sentence = lines[0] ?? "";
  expect(sentence.length).toBeGreaterThan(20);
  for (const output of [result.stderr, result.stdout]) {
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/node:internal|node_modules|\.ts:\d+/);
  }
  return sentence;
}

describe("a wrong setting stops the server with one sentence", () => {
  it("given PORT=abc, then the sentence names PORT", async () => {
    expect(expectOneSentence(await run({ PORT: "abc" }))).toMatch(/PORT/);
  });

  it("given PORT=70000, then the sentence names PORT", async () => {
    expect(expectOneSentence(await run({ PORT: "70000" }))).toMatch(/PORT/);
  });

  it("given a port another program listens on, then the sentence names the port", async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(BUSY_PORT, resolve));
    try {
      expect(expectOneSentence(await run({ PORT: String(BUSY_PORT) }))).toMatch(new RegExp(`${BUSY_PORT}.*PORT`));
    } finally {
      other.close();
    }
  });

  for (const [what, url] of [
    ["garbage", "n'importe quoi"],
    ["another database's scheme", "mysql://jeu:s3cret-pass@127.0.0.1/tables"],
    ["a host that does not exist", "postgres://jeu:s3cret-pass@nowhere.invalid:5432/tables"],
    ["a port nobody listens on", "postgres://jeu:s3cret-pass@127.0.0.1:1/tables"],
  ] as const) {
    it(`given DATABASE_URL with ${what}, then the sentence names DATABASE_URL and not its password`, async () => {
      const sentence = expectOneSentence(await run({ DATABASE_URL: url }));
      expect(sentence).toMatch(/DATABASE_URL/);
      expect(sentence).not.toContain("s3cret-pass");
    });
  }

  it("given a database host that accepts connections and never answers, then the server gives up instead of waiting forever", async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(SILENT_PORT, resolve));
    try {
      const sentence = expectOneSentence(await run({ DATABASE_URL: `postgres://jeu@127.0.0.1:${SILENT_PORT}/tables` }));
      expect(sentence).toMatch(/DATABASE_URL.*timeout/);
    } finally {
      silent.close();
    }
  });

  it("given a DATA_DIR inside a file, then the sentence names DATA_DIR and the folder", async () => {
    const file = path.join(dir, "a-file");
    writeFileSync(file, "");
    const dataDir = path.join(file, "data");
    const sentence = expectOneSentence(await run({ DATA_DIR: dataDir }));
    expect(sentence).toContain("DATA_DIR");
    expect(sentence).toContain(dataDir);
  });

  // (A read-only folder cannot be tested here: CI runs as root, which writes anywhere.) A file that cannot be opened
  // as the database is refused the same way, whoever runs the server.
  it("given a DATA_DIR whose tables.sqlite is a folder, then the sentence names DATA_DIR", async () => {
    const dataDir = path.join(dir, "unusable");
    mkdirSync(path.join(dataDir, "tables.sqlite"), { recursive: true });
    expect(expectOneSentence(await run({ DATA_DIR: dataDir }))).toContain("DATA_DIR");
  });
});

describe("the server says where it listens at every log level", () => {
  for (const level of ["info", "warn", "error"]) {
    it(`given LOG_LEVEL=${level}, then stdout shows the address to open`, async () => {
      const address = `http://localhost:${PORT}`;
      const result = await run({ LOG_LEVEL: level, DATA_DIR: path.join(dir, `data-${level}`) }, address);
      expect(result.stdout).toContain(address);
      expect(result.stderr).toBe("");
    });
  }
});
