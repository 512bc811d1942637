// The SQLite store's writes are durable before anyone is told, without its fsyncs stalling the event loop that serves
// every table: the WAL is synced on the thread pool and checkpointed on a worker thread (server/store/wal-durability.ts).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import type { LogEntry } from "#server/store/table-store.ts";
import { BASTIEN, idOf, NOW } from "../fixtures.ts";
import { longTable } from "./played-log.ts";

let dir = "";
let file = "";
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "jdt-wal-"));
  file = path.join(dir, "tables.sqlite");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function narration(seq: number, text = `Étape racontée n°${seq}`): LogEntry {
  return {
    seq,
    entryId: `entry-${seq}`,
    at: NOW + seq,
    entry: { kind: "action", actorId: idOf(BASTIEN), action: { type: "narrate", stepId: "step-1", text } },
  };
}

/** A WAL sync that the test lets finish, one call at a time. */
function heldSyncs() {
  const calls: (() => void)[] = [];
  return {
    calls,
    sync: () => new Promise<void>((resolve) => calls.push(resolve)),
    release: (index: number) => calls[index]?.(),
  };
}

const turns = (count: number) =>
  Array.from({ length: count }).reduce<Promise<void>>(
    (previous) => previous.then(() => new Promise((resolve) => setTimeout(resolve, 0))),
    Promise.resolve(),
  );

describe("the SQLite store's WAL, synced and checkpointed off the event loop", () => {
  it("answers an entry only once the WAL sync started after its commit is done, while timers keep running", async () => {
    const syncs = heldSyncs();
    const store = new SqliteTableStore(file, { wal: { sync: syncs.sync } });
    const creating = store.create(longTable("t1"));
    await turns(2);
    syncs.release(0);
    await creating;

    let first = false;
    let second = false;
    void store.append("t1", narration(1)).then(() => (first = true));
    await turns(3); // the event loop turns (timers fire) while the sync is held
    expect(syncs.calls).toHaveLength(2);
    // Committed while the first sync runs: it waits for the next sync, not this one.
    void store.append("t1", narration(2)).then(() => (second = true));
    await turns(3);
    expect([first, second]).toEqual([false, false]);

    syncs.release(1);
    await turns(3);
    expect([first, second]).toEqual([true, false]);
    expect(syncs.calls).toHaveLength(3);
    syncs.release(2);
    await turns(3);
    expect(second).toBe(true);
    // Both were committed before they were answered: another connection reads them.
    const reader = new DatabaseSync(file, { readOnly: true });
    expect((reader.prepare("SELECT count(*) AS n FROM log").get() as { n: number }).n).toBe(2);
    reader.close();
    await store.close();
  });

  it("one sync covers every entry committed while it waited (the appends of many tables share it)", async () => {
    const syncs = heldSyncs();
    const store = new SqliteTableStore(file, { wal: { sync: syncs.sync } });
    const tables = ["a", "b", "c", "d"];
    const created = Promise.all(tables.map((id) => store.create(longTable(id))));
    await turns(2);
    syncs.calls.forEach((_, i) => syncs.release(i));
    await turns(2);
    syncs.calls.forEach((_, i) => syncs.release(i));
    await created;
    const before = syncs.calls.length;

    const appended = Promise.all(tables.map((id) => store.append(id, narration(1, `Récit de ${id}`))));
    await turns(2);
    expect(syncs.calls.length).toBe(before + 1);
    syncs.release(before);
    await appended;
    expect(syncs.calls.length).toBe(before + 1);
    await store.close();
  });

  it("copies the WAL into the database file on its worker, so the WAL does not grow with the story", async () => {
    const store = new SqliteTableStore(file, { wal: { checkpointEveryMs: 20 } });
    await store.create(longTable("t1"));
    const long = "Une étape longuement racontée, avec ses espoirs et ses doutes. ".repeat(40);
    const wal = () => statSync(`${file}-wal`).size;
    let seq = 0;
    const narrate = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await store.append("t1", narration(++seq, long));
        if (seq % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    await narrate(50);
    // The worker thread starts, then copies what the first fifty narrations wrote.
    await expect.poll(() => statSync(file).size, { timeout: 5000 }).toBeGreaterThan(100_000);
    const walAfterFifty = wal();
    const fileAfterFifty = statSync(file).size;
    await narrate(250);
    const written = statSync(file).size;
    const walAtTheEnd = wal();
    await store.close();
    // 250 more narrations of 2.5 KB reached the database file; the WAL was written again from its start each time it
    // had been copied, and did not grow by them: uncopied, it would have grown by several times what the file did. (It
    // may end a few frames longer than it was after fifty when a checkpoint came late on a busy machine.)
    expect(written).toBeGreaterThan(700_000);
    expect(walAtTheEnd - walAfterFifty).toBeLessThan((written - fileAfterFifty) / 5);
    const reopened = new SqliteTableStore(file);
    expect((await reopened.load("t1"))?.log).toHaveLength(300);
    await reopened.close();
  });
});
