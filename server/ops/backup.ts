// npm run backup -- [file]: a consistent copy of the embedded store (DATA_DIR/tables.sqlite) while the server runs.
// Without a file, the copy goes to DATA_DIR/backups/tables-<date>.sqlite. With DATABASE_URL set, says to use pg_dump.
import path from "node:path";
import { readConfig } from "../config.ts";
import { backupSqlite } from "../store/sqlite-backup.ts";
import { runCommand, POSTGRES_BACKUP } from "./command.ts";

await runCommand(async () => {
  const config = readConfig();
  if (config.databaseUrl) throw new Error(POSTGRES_BACKUP);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const target = process.argv[2] ?? path.join(config.dataDir, "backups", `tables-${stamp}.sqlite`);
  const done = await backupSqlite(config.dataDir, target);
  return `Backed up ${done.tables} table(s), ${done.entries} log entries, to ${done.file}`;
});
