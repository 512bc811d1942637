// Starts the server: reads the settings, opens the store, listens on one port.
import path from "node:path";
import pino from "pino";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { SqliteTableStore } from "./store/sqlite-store.ts";

const config = readConfig();
const logger = pino({ level: config.logLevel });
const store = new SqliteTableStore(path.join(config.dataDir, "tables.sqlite"));
const server = createApp({ config, store, logger });
await server.listen(config.port, config.host);
logger.info(`Jeu des transitions : http://localhost:${config.port} (données : ${config.dataDir})`);
