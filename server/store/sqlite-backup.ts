// Backing up and restoring the embedded SQLite store (npm run backup / npm run restore, server/ops/).
// A backup is SQLite's online backup of the live file, taken in one step: one read transaction, so it is the store as
// it stood at one instant, while the server keeps writing (WAL readers never block the writer). A restore checks the
// file is one of ours, refuses while a server has the data file open, and keeps the replaced file aside.
import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import { sqliteFile } from "./open-store.ts";

/** What a backup or a restore says it holds. */
export interface BackupSummary {
  file: string;
  tables: number;
  entries: number;
}

/** Why a backup or a restore was not done, in one sentence for whoever typed the command. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** Pages copied per step: all of them (node:sqlite wants a positive number), so the copy is one read transaction. */
const ALL_PAGES = 2 ** 31 - 1;

/** SQLITE_BUSY: another connection holds a lock. */
const SQLITE_BUSY = 5;

/** The columns a file must have to be a store of ours (older files gained columns since; these were always there). */
const OUR_SCHEMA: Record<string, string[]> = {
  tables: ["id", "created_at", "facilitator_key_hash", "invite", "initial"],
  log: ["table_id", "seq", "entry_id", "at", "entry"],
};

/** Backs the live store up into `target` (replaced atomically if it exists), whether or not a server is writing. */
export async function backupSqlite(dataDir: string, target: string): Promise<BackupSummary> {
  const source = sqliteFile(dataDir);
  const destination = path.resolve(target);
  if (!existsSync(source))
    throw new BackupError(`There are no tables in ${dataDir} (DATA_DIR): no ${path.basename(source)} to back up.`);
  if (sameFile(source, destination))
    throw new BackupError("The backup cannot be written over the live store: give another file.");
  mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial-${process.pid}`;
  const db = new DatabaseSync(source);
  try {
    // A read can meet a lock for a moment (a checkpoint restarting the WAL): wait rather than fail.
    db.exec("PRAGMA busy_timeout = 5000");
    checkOurs(db, source, "the data file");
    await backup(db, partial, { rate: ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup of ${source} failed: ${reasonOf(error)}.`);
  } finally {
    db.close();
  }
  try {
    // One self-contained file (no -wal beside it), checked page by page before it takes the target's name.
    const summary = finishCopy(partial, destination);
    renameSync(partial, destination);
    syncFolder(path.dirname(destination));
    return summary;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error instanceof BackupError
      ? error
      : new BackupError(`The backup could not be written to ${destination}: ${reasonOf(error)}.`);
  }
}

/**
 * Puts a backup in place of the data folder's store. Refuses a file that is not a sound backup of ours, and a data
 * file some process (a running server) has open. The store it replaces is kept aside, in one file, under a dated name.
 */
export async function restoreSqlite(
  backupFile: string,
  dataDir: string,
  now = new Date(),
): Promise<BackupSummary & { keptAside: string | null }> {
  const from = path.resolve(backupFile);
  const target = sqliteFile(dataDir);
  if (!existsSync(from) || !statSync(from).isFile()) throw new BackupError(`There is no file ${from} to restore.`);
  if (sameFile(from, target))
    throw new BackupError("This file is the data folder's store itself: give a backup made by npm run backup.");
  if (!isSqliteFile(from)) throw new BackupError(`${from} is not a backup of the tables (not an SQLite file).`);

  mkdirSync(dataDir, { recursive: true });
  const incoming = `${target}.restoring-${process.pid}`;
  const source = new DatabaseSync(from, { readOnly: true });
  try {
    checkOurs(source, from, "this file");
    const check = source.prepare("PRAGMA integrity_check").get() as { integrity_check: string };
    if (check.integrity_check !== "ok")
      throw new BackupError(`${from} is damaged (SQLite integrity check: ${check.integrity_check}).`);
    await backup(source, incoming, { rate: ALL_PAGES });
  } catch (error) {
    rmSync(incoming, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${from} is not a backup of the tables: ${reasonOf(error)}.`);
  } finally {
    source.close();
  }

  try {
    const summary = finishCopy(incoming, target);
    const keptAside = existsSync(target) ? setAside(target, now) : null;
    renameSync(incoming, target);
    syncFolder(dataDir);
    return { ...summary, keptAside };
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error instanceof BackupError
      ? error
      : new BackupError(`The backup could not be put in ${dataDir}: ${reasonOf(error)}.`);
  }
}

/**
 * Moves the current store aside as `tables.sqlite.replaced-<date>`. First it becomes one self-contained file
 * (journal_mode DELETE folds the WAL in): SQLite allows that only when no other connection has the file open, which is
 * how a running server is detected, on this machine or any other sharing the folder's locks.
 */
function setAside(file: string, now: Date): string {
  const db = new DatabaseSync(file);
  try {
    db.exec("PRAGMA busy_timeout = 0");
    let mode = "";
    try {
      mode = (db.prepare("PRAGMA journal_mode = DELETE").get() as { journal_mode: string }).journal_mode;
    } catch (error) {
      if ((error as { errcode?: number }).errcode !== SQLITE_BUSY) throw error;
    }
    if (mode !== "delete") {
      throw new BackupError(
        `A server seems to be running on ${path.dirname(file)} (DATA_DIR): its store is open. Stop it, then restore again.`,
      );
    }
  } finally {
    db.close();
  }
  const aside = `${file}.replaced-${now.toISOString().replace(/[:.]/g, "-")}`;
  renameSync(file, aside);
  return aside;
}

/** The copy just written becomes one file in rollback-journal mode, checked, and counted. */
function finishCopy(file: string, shownAs: string): BackupSummary {
  const db = new DatabaseSync(file);
  try {
    db.exec("PRAGMA journal_mode = DELETE");
    const check = db.prepare("PRAGMA integrity_check").get() as { integrity_check: string };
    if (check.integrity_check !== "ok")
      throw new BackupError(`The copy failed its integrity check: ${check.integrity_check}.`);
    const tables = (db.prepare("SELECT count(*) AS n FROM tables").get() as { n: number }).n;
    const entries = (db.prepare("SELECT count(*) AS n FROM log").get() as { n: number }).n;
    return { file: shownAs, tables, entries };
  } finally {
    db.close();
  }
}

/** Throws unless the database has our two tables with their columns. */
function checkOurs(db: DatabaseSync, file: string, what: string): void {
  for (const [table, columns] of Object.entries(OUR_SCHEMA)) {
    const present = new Set(
      (db.prepare("SELECT name FROM pragma_table_info(?)").all(table) as { name: string }[]).map((c) => c.name),
    );
    if (!columns.every((column) => present.has(column))) {
      throw new BackupError(
        `${file}: ${what} is not a store of the Jeu des transitions (no "${table}" table as the server writes it).`,
      );
    }
  }
}

/** SQLite files start with this header; anything else is refused before SQLite is asked. */
function isSqliteFile(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString("latin1") === "SQLite format 3\u0000";
  } finally {
    closeSync(fd);
  }
}

function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  const [x, y] = [statSync(a), statSync(b)];
  return x.dev === y.dev && x.ino === y.ino;
}

/** A rename is durable once its folder is flushed. */
function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
