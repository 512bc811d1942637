// Settings read once from the environment, with embedded defaults that need nothing else running.
import path from "node:path";
import { readLimits, type Limits } from "./limits.ts";
import { StartupError } from "./startup-failure.ts";

export interface Config {
  port: number;
  host: string;
  /** Where tables are kept (the SQLite file), unless databaseUrl is set. */
  dataDir: string;
  /** A PostgreSQL connection string: tables go there instead of the SQLite file. */
  databaseUrl: string | null;
  /**
   * A Redis address (REDIS_URL): set, several server processes share the rooms' listings, calls and presence through
   * it, each table living in one of them (README « Running bigger »). Unset: one process, nothing else needed.
   */
  redisUrl: string | null;
  /**
   * Where browsers reach this very process for a table's WebSocket, without the scheme: host[:port][/path], e.g.
   * atelier.example.org/p/1 (PUBLIC_ADDRESS; Colyseus' publicAddress). A seat reserved in a room of this process sends
   * the browser there. Needed with REDIS_URL; unset, the browser goes back to the address it came from.
   */
  publicAddress: string | null;
  /** Base of the links handed out (e.g. https://atelier.example.org); by default the server's own address (http://localhost:PORT). */
  publicUrl: string | null;
  /**
   * Other origins whose pages may open a table (WebSocket, HTTP API), besides the app's own (same origin, or PUBLIC_URL).
   * Nobody else: a page elsewhere cannot act with a visitor's link.
   */
  allowedOrigins: string[];
  /** Behind a reverse proxy: how many proxies to trust for the client's address (X-Forwarded-For), 0 when none. */
  trustProxy: number;
  limits: Limits;
  /** Tables untouched (no creation, no log entry) for this many days are deleted by the server itself (RETENTION_DAYS). */
  retentionDays: number;
  /**
   * Seconds a dropped connection (a phone locked, a train tunnel) keeps its place in its room (RECONNECT_SECONDS); its
   * browser comes back to it meanwhile, and after that joins again with its seat key: nothing is lost either way.
   */
  reconnectSeconds: number;
  /** When set, GET /metrics asks for it as `Authorization: Bearer <token>` (METRICS_TOKEN); null: /metrics is open. */
  metricsToken: string | null;
  /** The built client (vite build output). */
  clientDir: string;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, "..");
  const port = Number(env.PORT ?? 2567);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const publicUrl = env.PUBLIC_URL ? originOf("PUBLIC_URL", env.PUBLIC_URL) : null;
  const redisUrl = env.REDIS_URL ? redisAddress(env.REDIS_URL) : null;
  const publicAddress = env.PUBLIC_ADDRESS ? processAddress(env.PUBLIC_ADDRESS, publicUrl) : null;
  if (redisUrl && !env.DATABASE_URL) {
    throw new StartupError(
      "REDIS_URL is set but DATABASE_URL is not: several server processes must keep their tables in one shared " +
        "PostgreSQL database (set DATABASE_URL), or leave REDIS_URL unset to run one process with its own SQLite file.",
    );
  }
  if (redisUrl && !publicAddress) {
    throw new StartupError(
      "REDIS_URL is set but PUBLIC_ADDRESS is not: each server process needs the address where browsers reach it " +
        "for a table's WebSocket, such as atelier.example.org/p/1 (see « Running bigger » in README.md).",
    );
  }
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, "data")),
    databaseUrl: env.DATABASE_URL ? postgresUrl(env.DATABASE_URL) : null,
    redisUrl,
    publicAddress,
    publicUrl,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean)
      .map((origin) => originOf("ALLOWED_ORIGINS", origin)),
    trustProxy: wholeNumber("TRUST_PROXY", env.TRUST_PROXY ?? "0"),
    limits: readLimits(env),
    retentionDays: days("RETENTION_DAYS", env.RETENTION_DAYS || String(DEFAULT_RETENTION_DAYS)),
    reconnectSeconds: reconnectSeconds(env.RECONNECT_SECONDS || String(DEFAULT_RECONNECT_SECONDS)),
    metricsToken: env.METRICS_TOKEN ? metricsToken(env.METRICS_TOKEN) : null,
    clientDir: path.resolve(env.CLIENT_DIR ?? path.join(root, "dist")),
    logLevel: env.LOG_LEVEL ?? "info",
  };
}

/** An address reduced to its origin (scheme, host, port), or the setting named in a readable error. */
function originOf(variable: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.origin;
  } catch {
    throw new Error(`${variable} must be an http(s) address such as https://atelier.example.org, not "${value}"`);
  }
}

/** A PostgreSQL URL. pg reads any other scheme, or none, as a host name (garbage ends as "getaddrinfo ENOTFOUND base"). */
function postgresUrl(value: string): string {
  let scheme = "";
  try {
    scheme = new URL(value).protocol;
  } catch {
    // not an address at all
  }
  // The value itself is not repeated: it may hold a password.
  if (scheme !== "postgres:" && scheme !== "postgresql:") {
    throw new Error("DATABASE_URL must be a PostgreSQL address such as postgres://user:password@host:5432/database");
  }
  return value;
}

/** A Redis URL (redis:// or rediss://); its value is not repeated (it may hold a password). */
function redisAddress(value: string): string {
  let scheme = "";
  try {
    scheme = new URL(value).protocol;
  } catch {
    // not an address at all
  }
  if (scheme !== "redis:" && scheme !== "rediss:")
    throw new Error(
      "REDIS_URL must be a Redis address such as redis://127.0.0.1:6379 or redis://:password@host:6379/0",
    );
  return value;
}

/**
 * PUBLIC_ADDRESS: a host, a port maybe, a path maybe, no scheme (the browser's page decides ws: or wss:). With PUBLIC_URL,
 * on its host: the page's Content-Security-Policy lets its WebSocket go to its own host only.
 */
function processAddress(value: string, publicUrl: string | null): string {
  const address = value.replace(/\/+$/, "");
  let url: URL | undefined;
  try {
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? undefined : new URL(`http://${address}`);
  } catch {
    // not an address
  }
  if (!url || !url.hostname || url.search || url.hash || /\s/.test(address)) {
    throw new Error(
      `PUBLIC_ADDRESS must be a host, port and path without scheme, such as atelier.example.org/p/1, not "${value}"`,
    );
  }
  if (publicUrl && new URL(publicUrl).hostname !== url.hostname) {
    throw new Error(
      `PUBLIC_ADDRESS must be on PUBLIC_URL's host (${new URL(publicUrl).hostname}), such as ${new URL(publicUrl).host}/p/1, not "${value}"`,
    );
  }
  return address;
}

/** A table nobody touched for a season is forgotten: long enough to come back to a workshop, short enough to keep little. */
export const DEFAULT_RETENTION_DAYS = 90;

/** A number of days from 1 to 36,500 (a century: beyond it, dates stop making sense). */
function days(variable: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0 || number > 36_500) {
    throw new Error(`${variable} must be a whole number of days from 1 to 36500, not "${value}"`);
  }
  return number;
}

export const DEFAULT_RECONNECT_SECONDS = 120;

/** At most a day: a wait is a timer, and Node fires a timer of more than 24.8 days at once. */
function reconnectSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0 || number > 86_400) {
    throw new Error(`RECONNECT_SECONDS must be a whole number of seconds from 1 to 86400, not "${value}"`);
  }
  return number;
}

/** A bearer token long enough not to be guessed; its value is never repeated (it is a secret). */
function metricsToken(value: string): string {
  if (value.length < 16 || /\s/.test(value))
    throw new Error("METRICS_TOKEN must be at least 16 characters without spaces (e.g. openssl rand -hex 24)");
  return value;
}

function wholeNumber(variable: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${variable} must be a whole number, not "${value}"`);
  return number;
}
