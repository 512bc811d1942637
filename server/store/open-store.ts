// Chooses where tables live: PostgreSQL when a database URL is configured, else the embedded SQLite file in the data folder.
import path from "node:path";
import { databaseLabel, reasonOf, StartupError } from "../startup-failure.ts";
import type { TableStore } from "./table-store.ts";

/** The embedded store's file in the data folder (DATA_DIR); the backup and restore commands use it too. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "tables.sqlite");
}

export interface StoreConfig {
  dataDir: string;
  databaseUrl: string | null;
}

/**
 * Opens the configured store; a PostgreSQL that cannot be reached or a data folder that cannot be written fails here,
 * at start-up, not at the first action, with a StartupError that names the setting.
 */
export async function openStore(config: StoreConfig): Promise<TableStore> {
  if (config.databaseUrl) {
    // Imported only when used, so the embedded default never loads the pg driver.
    const { PostgresTableStore } = await import("./postgres-store.ts");
    try {
      return await PostgresTableStore.open(config.databaseUrl);
    } catch (error) {
      throw new StartupError(
        `Cannot open the PostgreSQL database ${databaseLabel(config.databaseUrl)} (DATABASE_URL): ${reasonOf(error)}.`,
      );
    }
  }
  const { SqliteTableStore } = await import("./sqlite-store.ts");
  try {
    return new SqliteTableStore(sqliteFile(config.dataDir));
  } catch (error) {
    throw new StartupError(`Cannot keep the tables in ${config.dataDir} (DATA_DIR): ${reasonOf(error)}.`);
  }
}
