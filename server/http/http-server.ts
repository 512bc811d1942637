// The Node HTTP server Colyseus listens on, with deadlines so that half-sent requests cannot hold connections open.
import http from "node:http";
import type { Server } from "node:net";

/**
 * Node's defaults let a client that sends headers and part of a body hold a connection for 5 minutes, checked every
 * 30 s. Ours: the headers within 10 s; the whole request within 30 s (the largest body, a story import of at most
 * LIMIT_IMPORT_BYTES, 1 MB by default, then needs ~300 kbit/s); checked every second. An upgraded WebSocket leaves the
 * HTTP parser, and these deadlines with it (tests/process/http-hardening.test.ts keeps one open past them).
 */
export const HTTP_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  /** An idle keep-alive connection between two requests (Node's default, said out loud). */
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const;

export function createHttpServer(): http.Server {
  return http.createServer({ ...HTTP_TIMEOUTS });
}

/**
 * Hands the first error met before listening (port taken or not allowed, unknown host) to `onError`, ahead of
 * Colyseus's own listener, which only logs it with its stack and leaves `listen()` pending forever.
 */
export function onListenError(server: Server, onError: (error: NodeJS.ErrnoException) => void): void {
  const listener = (error: NodeJS.ErrnoException) => onError(error);
  server.prependOnceListener("error", listener);
  server.once("listening", () => server.removeListener("error", listener));
}
