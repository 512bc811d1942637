// A real server on its own port (SQLite in memory, warnings only in the log) with one table opened over HTTP, for the
// tests that talk to it with raw WebSockets and the page's own client: started before the file's tests, stopped after.
import { afterAll, beforeAll } from "vitest";
import { createApp } from "#server/app.ts";
import { readConfig } from "#server/config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { openTableOverHttp, type OpenedTable } from "../join.ts";
import { loggingToLines } from "../log-lines.ts";

export function serveOneTable(port: number): { baseUrl: string; readonly table: OpenedTable } {
  const baseUrl = `http://localhost:${port}`;
  let server: ReturnType<typeof createApp> | undefined;
  let table: OpenedTable | undefined;
  beforeAll(async () => {
    server = createApp({
      config: readConfig({ PORT: String(port) }),
      store: new SqliteTableStore(":memory:"),
      gracefullyShutdown: false,
      logger: loggingToLines("warn").logger,
    });
    await server.listen(port, "127.0.0.1");
    table = await openTableOverHttp(baseUrl);
  });
  afterAll(async () => {
    await server?.gracefullyShutdown(false);
  });
  return {
    baseUrl,
    get table() {
      if (!table) throw new Error("the table is opened before the tests");
      return table;
    },
  };
}
