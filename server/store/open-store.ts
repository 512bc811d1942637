// Chooses where tables live: PostgreSQL when a database URL is configured, else the embedded SQLite file in the data folder.
import path from "node:path";
import type { TableStore } from "./table-store.ts";

export interface StoreConfig {
  dataDir: string;
  databaseUrl: string | null;
}

/** Opens the configured store; a PostgreSQL that cannot be reached fails here, at start-up, not at the first action. */
export async function openStore(config: StoreConfig): Promise<TableStore> {
  if (config.databaseUrl) {
    // Imported only when used, so the embedded default never loads the pg driver.
    const { PostgresTableStore } = await import("./postgres-store.ts");
    return PostgresTableStore.open(config.databaseUrl);
  }
  const { SqliteTableStore } = await import("./sqlite-store.ts");
  return new SqliteTableStore(path.join(config.dataDir, "tables.sqlite"));
}
