// Test runner settings: unit tests of the rules and decks run in parallel; room tests boot a real server on
// port 2568 (@colyseus/testing always listens there), so their files run one after another. Client tests run the
// browser's connection code against fakes or a server of their own.
// Process tests start the real server (node server/main.ts) and kill it.
// Browser tests (tests/e2e/*.spec.ts) belong to Playwright, not here.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts", "tests/store/**/*.test.ts"] },
      },
      {
        extends: true,
        test: { name: "room", environment: "node", include: ["tests/room/**/*.test.ts"], fileParallelism: false },
      },
      {
        // The browser's connection code (outbox, rejoin, state bridge) in plain Node with a fake page (tests/client/browser.ts);
        // files that need the real server start it in this process, on a port the system gives.
        extends: true,
        test: {
          name: "client",
          environment: "node",
          include: ["tests/client/**/*.test.ts"],
          setupFiles: ["tests/client/page-globals.ts"],
        },
      },
      {
        // Start, kill and restart the real server process: one file at a time, with room to restart.
        extends: true,
        test: {
          name: "process",
          environment: "node",
          include: ["tests/process/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
        },
      },
    ],
  },
});
