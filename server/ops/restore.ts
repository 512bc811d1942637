// npm run restore -- <file>: puts a backup made by npm run backup in DATA_DIR, with the server stopped. The store it
// replaces is kept aside (tables.sqlite.replaced-<date>). With DATABASE_URL set, says to use pg_restore.
import { readConfig } from "../config.ts";
import { restoreSqlite } from "../store/sqlite-backup.ts";
import { runCommand, POSTGRES_RESTORE } from "./command.ts";

await runCommand(async () => {
  const config = readConfig();
  if (config.databaseUrl) throw new Error(POSTGRES_RESTORE);
  const file = process.argv[2];
  if (!file) throw new Error("Say which backup to restore: npm run restore -- <file>");
  const done = await restoreSqlite(file, config.dataDir);
  const aside = done.keptAside ? ` The store it replaced is kept as ${done.keptAside}.` : "";
  return `Restored ${done.tables} table(s), ${done.entries} log entries, into ${done.file}.${aside} Start the server.`;
});
