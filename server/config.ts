// Settings read once from the environment, with embedded defaults that need nothing else running.
import path from "node:path";

export interface Config {
  port: number;
  host: string;
  /** Where tables are kept (the SQLite file), unless databaseUrl is set. */
  dataDir: string;
  /** A PostgreSQL connection string: tables go there instead of the SQLite file. */
  databaseUrl: string | null;
  /** Base of the links handed out (e.g. https://atelier.example.org); by default the address the browser used. */
  publicUrl: string | null;
  /** The built client (vite build output). */
  clientDir: string;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, "..");
  const port = Number(env.PORT ?? 2567);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, "data")),
    databaseUrl: env.DATABASE_URL || null,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : null,
    clientDir: path.resolve(env.CLIENT_DIR ?? path.join(root, "dist")),
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
