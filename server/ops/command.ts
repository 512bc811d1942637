// What the host's commands (backup, restore) share: one line on stdout when done, one sentence on stderr and exit
// code 1 when not, never a stack trace (unless LOG_LEVEL asks for debugging) nor a database password.

/** The PostgreSQL way, said instead of backing up (the database's own tools are the right ones). */
export const POSTGRES_BACKUP =
  'The tables are in PostgreSQL (DATABASE_URL): back them up with pg_dump, e.g. pg_dump --format=custom --file=tables.dump "$DATABASE_URL" (see README, "Backups").';
export const POSTGRES_RESTORE =
  'The tables are in PostgreSQL (DATABASE_URL): restore them with pg_restore, e.g. pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" tables.dump, with the server stopped (see README, "Backups").';

export async function runCommand(command: () => Promise<string>): Promise<void> {
  try {
    process.stdout.write(`${await command()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") console.error(error);
    process.exitCode = 1;
  }
}
