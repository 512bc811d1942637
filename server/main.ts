// Starts the server: reads the settings, opens the store (and with REDIS_URL, Redis: one of several processes), listens
// on one port; on SIGTERM, waits for every write.
// Whatever stops it before it listens (a setting, the database, the data folder, the port) is told in one sentence on
// stderr with exit code 1, not a stack trace.
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { onListenError } from "./http/http-server.ts";
import { createLogger, routeSchemaWarnings } from "./logger.ts";
import { listenFailure, startupSentence } from "./startup-failure.ts";
import { openStore } from "./store/open-store.ts";

/** Says why the server cannot start and stops; the stack too only when LOG_LEVEL asks for debugging. */
function fail(error: unknown): never {
  process.stderr.write(`${startupSentence(error)}\n`);
  if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") console.error(error);
  process.exit(1);
}

try {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  routeSchemaWarnings(logger);
  const store = await openStore(config);
  // Imported only when used: one process alone never loads the Redis client.
  const cluster = config.redisUrl
    ? await (await import("./cluster.ts")).openCluster(config.redisUrl, logger).catch(async (error: unknown) => {
        await store.close();
        throw error;
      })
    : undefined;
  const server = createApp({ config, store, logger, cluster });
  // Colyseus disposes every room first (each one waits for its pending writes), then calls this before exiting.
  server.onShutdown(async () => {
    server.retention.stop();
    await server.retention.running;
    await store.close();
    logger.info("every table is written; stopping");
  });
  if (server.transport.server)
    onListenError(server.transport.server, (error) => fail(listenFailure(error, config.port, config.host)));
  await server.listen(config.port, config.host);
  // Tables untouched for RETENTION_DAYS go now, then within the hour their date passes.
  server.retention.start();
  const where =
    (config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : config.dataDir) +
    (config.redisUrl ? `, processus partagés par Redis (REDIS_URL), ce processus : ${config.publicAddress}` : "");
  // Where to open the app is what whoever started the server needs, whatever the log level (even warn or silent):
  // a plain line on stdout, not a log entry, so that it is neither hidden by LOG_LEVEL nor dressed up as a warning.
  process.stdout.write(`Jeu des transitions : http://localhost:${config.port} (données : ${where})\n`);
} catch (error) {
  fail(error);
}
