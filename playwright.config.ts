// End-to-end tests: the built app served by the real server, driven in Chromium (one browser context per person).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 2590);
// One data folder per run, removed at its end (tests/e2e/global-teardown.ts): the runner reads this file and so does
// each worker; the runner's folder reaches the workers through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "jdt-e2e-"));
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node server/main.ts",
    url: `http://localhost:${port}/api/decks`,
    // CLIENT_DIR lets parallel runs each serve their own build (vite build --outDir …).
    // The whole suite opens some forty tables from one address within the hour, past the public default of 30 (the
    // limit itself is tested against the real server in tests/room/security.test.ts).
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      LIMIT_TABLE_CREATIONS_PER_HOUR: "1000",
      ...(process.env.CLIENT_DIR ? { CLIENT_DIR: process.env.CLIENT_DIR } : {}),
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
