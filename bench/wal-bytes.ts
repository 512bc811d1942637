// What the SQLite store writes to its WAL for each log entry, when an event's many tables append at once (issue 10).
// At 500 tables × 10 people (~830 actions a second) the load benchmark saw the WAL's fdatasync take ~100 ms and each
// table's actions wait on it; the bytes each sync has to flush are what this measures.
// The file is made by the store itself (its schema and every migration), then written the way the store writes:
// batches of one entry each from BENCH_WAL_PER_BATCH different tables, one transaction a batch (group commit), with the
// WAL left unchecked so that its growth is every frame written. Beside it, in the same run, the same file with the
// log's unique (table_id, entry_id) index taken out, to show its share. Not a change made: with that index the store
// itself refuses an entry id already in the log (its contract: a resent action is never applied twice, whichever
// process holds the table), and undo finds by it the entry it takes back.
// Prints and writes bench/results/wal-bytes.md and .json. Run: npx node bench/wal-bytes.ts
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { DatabaseSync } from "node:sqlite";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { envNumber, machineLine, machineNow } from "./bench-server.ts";

const TABLES = envNumber("BENCH_WAL_TABLES", 500);
const BEFORE = envNumber("BENCH_WAL_ENTRIES_BEFORE", 60);
const BATCHES = envNumber("BENCH_WAL_BATCHES", 300);
const PER_BATCH = envNumber("BENCH_WAL_PER_BATCH", 70);
/** A « oui, et… » of ~200 characters, as the log holds it. */
const entry = () =>
  JSON.stringify({
    kind: "action",
    actorId: randomUUID(),
    action: { type: "contribute", stepId: randomUUID(), kind: "yesAnd", text: "Et le quartier s'en mêle. ".repeat(8) },
  });

interface Variant {
  name: string;
  walBytesPerEntry: number;
  framesPerBatch: number;
  commitMsPerBatch: number;
}

const machine = machineNow();
const folder = mkdtempSync(path.join(os.tmpdir(), "jdt-wal-bytes-"));
try {
  const file = path.join(folder, "tables.sqlite");
  await new SqliteTableStore(file).close();
  const results = [measure(file, "the store's schema", false), measure(file, "without (table_id, entry_id)", true)];
  const [store, lean] = results as [Variant, Variant];
  const lines = [
    "# WAL bytes per log entry (issue 10)",
    "",
    `Measured ${new Date().toISOString()} with \`npx node bench/wal-bytes.ts\` (bench/wal-bytes.ts).`,
    "",
    `- Machine: ${machineLine(machine)}`,
    `- ${TABLES} tables holding ${BEFORE} entries each, then ${BATCHES} batches of ${PER_BATCH} entries, one from each of ${PER_BATCH} tables drawn at random (as group commit writes them at an event's size), each batch one transaction; WAL page size 4,096 B plus a 24 B frame header.`,
    "- The store's schema: the file made by SqliteTableStore. Without (table_id, entry_id): the same file with the log's unique index on the entry id taken out (the table rebuilt without it).",
    "",
    "| Schema | WAL bytes per entry | WAL frames per batch | Commit per batch (ms) |",
    "|---|---|---|---|",
    ...results.map(
      (r) => `| ${r.name} | ${r.walBytesPerEntry} | ${r.framesPerBatch} | ${r.commitMsPerBatch.toFixed(2)} |`,
    ),
    "",
    `An entry of ~${entry().length} B costs the WAL ${store.walBytesPerEntry} B: each one lands in another table's page of the log's primary key and of its entry-id index (the rows themselves share their pages). Without the entry-id index, ${lean.walBytesPerEntry} B (${Math.round((100 * lean.walBytesPerEntry) / store.walBytesPerEntry)} %); it stays: with it the store itself refuses an entry id already in the log (a resent action never applied twice, whichever process holds the table), and undo finds by it the entry it takes back.`,
    "",
  ];
  console.log(lines.join("\n"));
  writeFileSync(path.join("bench", "results", "wal-bytes.md"), lines.join("\n"));
  writeFileSync(
    path.join("bench", "results", "wal-bytes.json"),
    `${JSON.stringify({ machine, settings: { TABLES, BEFORE, BATCHES, PER_BATCH }, results }, null, 2)}\n`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}

function measure(original: string, name: string, withoutEntryIdIndex: boolean): Variant {
  const file = path.join(folder, `${withoutEntryIdIndex ? "lean" : "store"}.sqlite`);
  const db = new DatabaseSync(original);
  db.exec(`VACUUM INTO '${file}'`);
  db.close();
  const copy = new DatabaseSync(file);
  copy.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  copy.exec("PRAGMA wal_autocheckpoint = 0;");
  if (withoutEntryIdIndex) {
    const log = copy.prepare("SELECT sql FROM sqlite_master WHERE name = 'log'").get() as { sql: string };
    const lean = log.sql.replace(/,\s*UNIQUE \(table_id, entry_id\)/, "");
    if (lean === log.sql) throw new Error("the log's schema has no (table_id, entry_id) index any more");
    const indexes = copy.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'log' AND sql LIKE 'CREATE INDEX%'");
    const recreate = (indexes.all() as { sql: string }[]).map((i) => i.sql);
    copy.exec(`DROP TABLE log; ${lean}; ${recreate.join("; ")}`);
  }
  const ids: string[] = Array.from({ length: TABLES }, () => randomUUID());
  const seq = new Map(ids.map((id) => [id, 0]));
  const insertTable = copy.prepare(
    "INSERT INTO tables (id, created_at, facilitator_key_hash, invite, initial, join_code) VALUES (?1, 0, '', '', '{}', ?1)",
  );
  const insert = copy.prepare("INSERT INTO log (table_id, seq, entry_id, at, entry) VALUES (?, ?, ?, ?, ?)");
  const append = (id: string) => {
    const next = (seq.get(id) ?? 0) + 1;
    seq.set(id, next);
    insert.run(id, next, `${randomUUID()}:${randomUUID()}`, Date.now(), entry());
  };
  copy.exec("BEGIN");
  for (const id of ids) insertTable.run(id);
  for (let i = 0; i < BEFORE; i++) for (const id of ids) append(id);
  copy.exec("COMMIT");
  copy.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  let commitMs = 0;
  for (let b = 0; b < BATCHES; b++) {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(PER_BATCH, TABLES)) chosen.add(ids[Math.floor(Math.random() * TABLES)] as string);
    const started = performance.now();
    copy.exec("BEGIN IMMEDIATE");
    for (const id of chosen) append(id);
    copy.exec("COMMIT");
    commitMs += performance.now() - started;
  }
  const walBytes = statSync(`${file}-wal`).size;
  copy.close();
  return {
    name,
    walBytesPerEntry: Math.round(walBytes / (BATCHES * PER_BATCH)),
    framesPerBatch: Math.round(walBytes / (4096 + 24) / BATCHES),
    commitMsPerBatch: commitMs / BATCHES,
  };
}
