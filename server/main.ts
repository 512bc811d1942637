// Starts the server: reads the settings, opens the store, listens on one port; on SIGTERM, waits for every write.
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { openStore } from "./store/open-store.ts";

const config = readConfig();
const logger = createLogger(config.logLevel);
const store = await openStore(config);
const server = createApp({ config, store, logger });
// Colyseus disposes every room first (each one waits for its pending writes), then calls this before exiting.
server.onShutdown(async () => {
  await store.close();
  logger.info("every table is written; stopping");
});
await server.listen(config.port, config.host);
const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : config.dataDir;
logger.info(`Jeu des transitions : http://localhost:${config.port} (données : ${where})`);
