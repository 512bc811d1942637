// The real server for the client's tests, in this process on a port the system gives (no fixed port: end-to-end runs
// and other suites take theirs on this machine at the same time), with the embedded store in memory: tables are opened
// over HTTP, the people around the page under test join with the Node SDK, and the table's truth is read back from the
// store (its log replayed by the same rules), as the server would rebuild it.
import { randomBytes } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import { Client, type Room } from "@colyseus/sdk";
import { createApp } from "#server/app.ts";
import { unlimitedConfig } from "#tests/unlimited-config.ts";
import { createLogger } from "#server/logger.ts";
import { replay } from "#server/store/replay.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import type { LogEntry } from "#server/store/table-store.ts";
import type { Action, TableState } from "#shared/model.ts";
import { ACTION_REQUEST, PROTOCOL_VERSION, WHOAMI_REQUEST, type Whoami } from "#shared/protocol.ts";
import { joinOverHttp, openTableOverHttp, type OpenedTable } from "#tests/join.ts";

export interface TestServer {
  url: string;
  port: number;
  retentionDays: number;
  openTable(title?: string): Promise<OpenedTable>;
  /** Someone at the table with their own browser (the Node SDK), seated through the link's secret. */
  seat(
    tableId: string,
    secret: { invite: string } | { facilitatorKey: string },
    name: string,
    role?: string,
  ): Promise<Person>;
  /** The table as the server holds it: its stored log replayed. */
  truth(tableId: string): Promise<{ state: TableState; log: LogEntry[]; createdAt: number }>;
  stop(): Promise<void>;
}

export interface Person {
  name: string;
  participantId: string;
  room: Room;
  /** Sends an action as a browser's outbox does (a fresh id); rejects with the server's refusal. */
  act(action: Action): Promise<unknown>;
}

export async function startServer(): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const store = new SqliteTableStore(":memory:");
  const config = unlimitedConfig({ PORT: String(port) });
  const server = createApp({ config, store, gracefullyShutdown: false, logger: createLogger("silent") });
  await server.listen(port);
  const people: Room[] = [];
  return {
    url,
    port,
    retentionDays: config.retentionDays,
    openTable: (title) => openTableOverHttp(url, title),
    async seat(tableId, secret, name, role = "habitant·e") {
      const seatKey = randomBytes(32).toString("base64url");
      const room = await joinOverHttp(new Client(url), url, tableId, {
        protocolVersion: PROTOCOL_VERSION,
        ...secret,
        seatKey,
        name,
        role,
      });
      people.push(room);
      const { participantId } = (await room.request(WHOAMI_REQUEST)) as Whoami;
      const act = (action: Action) => room.request(ACTION_REQUEST, { id: randomBytes(8).toString("hex"), action });
      return { name, participantId: participantId ?? "", room, act };
    },
    async truth(tableId) {
      const stored = await store.load(tableId);
      if (!stored) throw new Error(`table ${tableId} is not stored`);
      return { state: replay(stored).state, log: stored.log, createdAt: stored.table.createdAt };
    },
    async stop() {
      for (const room of people) room.reconnection.enabled = false;
      await Promise.all(
        people.filter((room) => room.connection.isOpen).map((room) => Promise.race([room.leave(), sleep(1000)])),
      );
      server.retention.stop();
      await server.gracefullyShutdown(false);
      await store.close();
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nobody listens on now (the config wants a real port number for the links it hands out). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
