// The store contract: one suite of behaviours that every store must show, so that no story is ever lost or doubled.
// Runs on SQLite in a file and in memory always, and on PostgreSQL when TEST_DATABASE_URL is set.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TableState } from "#shared/model.ts";
import { openStore } from "#server/store/open-store.ts";
import { POSTGRES_MAX_BATCH, PostgresTableStore } from "#server/store/postgres-store.ts";
import { replay, snapshotFits } from "#server/store/replay.ts";
import { hashSecret } from "#server/secrets.ts";
import { SQLITE_MAX_BATCH, SqliteTableStore } from "#server/store/sqlite-store.ts";
import {
  DuplicateEntryError,
  JOIN_CODE_TRIES,
  type JoinCodeMaker,
  type JoinEntry,
  type LogEntry,
  type NewWorkshop,
  type TableCreation,
  type TableStore,
} from "#server/store/table-store.ts";
import { act, BASTIEN, FACILITATOR, handOf, idOf, NOW, openTable, seat } from "../fixtures.ts";
import { isJoinCode, JOIN_CODE_ALPHABET } from "#shared/join-code.ts";
import { longTable, playedGame } from "./played-log.ts";

/** Text people really type: accents, French quotes, emoji, markup that must stay inert text, escapes. */
const TRICKY_TEXT =
  "« L'été 2050 » : Chloé plante un frêne 🌳🚲 devant l'école <script>alert(\"x\")</script> & \\ \n\tfin";

/** What a test may choose about a store it opens: where its join codes come from (to force a collision), how often it snapshots. */
interface StoreChoices {
  newJoinCode?: JoinCodeMaker;
  snapshotEvery?: number;
}

/** The same place seen from another connection, as another process (or the disk failing) would. */
interface Backdoor {
  /** How many entries of this table another connection sees committed. */
  entries(tableId: string): Promise<number>;
  /** From now on, any transaction that writes an entry holding `marker` fails (a disk that fails on that write). */
  breakWrites(marker: string): Promise<void>;
  /** Makes this table's snapshots unreadable. */
  spoilSnapshots(tableId: string): Promise<void>;
}

/** Somewhere to keep tables: every store opened on the same place sees the same tables, if the place is persistent. */
interface Place {
  open(choices?: StoreChoices): Promise<TableStore>;
  /** JavaScript that opens a store on this place in another Node process (top-level await allowed). */
  openInChild?: string;
  backdoor?: Backdoor;
}

interface StoreTarget {
  /** Whether a store opened again on the same place finds what was written (false for ":memory:"). */
  persistent: boolean;
  /** The most entries the store commits in one transaction. */
  maxBatch: number;
  setup?(): Promise<void> | void;
  teardown?(): Promise<void> | void;
  /** A place for one test; tables ids are unique per test, so a place may be shared. */
  place(): Place;
}

const moduleUrl = (file: string) => JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, file)).href);

/** Runs `work` on a connection of its own to the SQLite file, closed after. */
function onFile<T>(file: string, work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function sqliteFile(): StoreTarget {
  let dir = "";
  let count = 0;
  return {
    persistent: true,
    maxBatch: SQLITE_MAX_BATCH,
    setup: () => {
      dir = mkdtempSync(path.join(tmpdir(), "jdt-store-"));
    },
    teardown: () => rmSync(dir, { recursive: true, force: true }),
    place: () => {
      // A folder that does not exist yet: the store creates it.
      const file = path.join(dir, `place-${++count}`, "tables.sqlite");
      return {
        open: async (choices) => new SqliteTableStore(file, choices),
        openInChild: `new (await import(${moduleUrl("../../server/store/sqlite-store.ts")})).SqliteTableStore(${JSON.stringify(file)})`,
        backdoor: {
          entries: async (tableId) =>
            onFile(
              file,
              (db) => (db.prepare("SELECT count(*) AS n FROM log WHERE table_id = ?").get(tableId) as { n: number }).n,
            ),
          breakWrites: async (marker) =>
            onFile(file, (db) =>
              db.exec(`CREATE TRIGGER "panne-${marker}" BEFORE INSERT ON log WHEN NEW.entry LIKE '%${marker}%'
                       BEGIN SELECT RAISE(ABORT, 'disque en panne (simulé)'); END`),
            ),
          spoilSnapshots: async (tableId) =>
            onFile(
              file,
              (db) => void db.prepare("UPDATE snapshots SET state = '{illisible' WHERE table_id = ?").run(tableId),
            ),
        },
      };
    },
  };
}

function sqliteMemory(): StoreTarget {
  return {
    persistent: false,
    maxBatch: SQLITE_MAX_BATCH,
    place: () => ({ open: async (choices) => new SqliteTableStore(":memory:", choices) }),
  };
}

/** Runs `work` on a connection of its own to the database, closed after. */
async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function postgres(url: string): StoreTarget {
  const schema = `jdt_test_${randomBytes(6).toString("hex")}`;
  const inSchema = (name: string) => `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
  return {
    persistent: true,
    maxBatch: POSTGRES_MAX_BATCH,
    teardown: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      } finally {
        await client.end();
      }
    },
    place: () => ({
      open: (choices) => PostgresTableStore.open(url, { schema, ...choices }),
      openInChild: `await (await import(${moduleUrl("../../server/store/postgres-store.ts")})).PostgresTableStore.open(${JSON.stringify(url)}, { schema: ${JSON.stringify(schema)} })`,
      backdoor: {
        entries: (tableId) =>
          onDatabase(
            url,
            async (client) =>
              (
                await client.query<{ n: number }>(
                  `SELECT count(*)::int AS n FROM ${inSchema("log")} WHERE table_id = $1`,
                  [tableId],
                )
              ).rows[0]?.n ?? 0,
          ),
        // A deferred constraint trigger runs at COMMIT: the batch's transaction fails at its very end.
        breakWrites: (marker) =>
          onDatabase(url, async (client) => {
            await client.query(`CREATE FUNCTION ${inSchema(`panne_${marker}`)}() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW.entry::text LIKE '%${marker}%' THEN RAISE EXCEPTION 'disque en panne (simulé)'; END IF; RETURN NULL; END $$`);
            await client.query(`CREATE CONSTRAINT TRIGGER ${pg.escapeIdentifier(`panne_${marker}`)} AFTER INSERT ON ${inSchema("log")}
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${inSchema(`panne_${marker}`)}()`);
          }),
        spoilSnapshots: (tableId) =>
          onDatabase(
            url,
            async (client) =>
              void (await client.query(`UPDATE ${inSchema("snapshots")} SET state = '{illisible' WHERE table_id = $1`, [
                tableId,
              ])),
          ),
      },
    }),
  };
}

const newTableId = () => `table-${randomUUID()}`;

/** Any well-formed join code: the store draws it, so a table read back is compared with this in its place. */
const A_JOIN_CODE: string = expect.stringMatching(new RegExp(`^[${JOIN_CODE_ALPHABET}]{8}$`));

/** A table as the server creates it; its joinCode stands for whichever code the store gives (create() ignores it). */
function creationOf(id: string, initial: TableState = openTable()): TableCreation {
  return {
    id,
    createdAt: NOW,
    facilitatorKeyHash: `hash-${id}`,
    invite: `invite-${id}`,
    observerKey: `observer-${id}`,
    joinCode: A_JOIN_CODE,
    workshopId: null,
    initial: { ...initial, id },
  };
}

const newWorkshopId = () => `atelier-${randomUUID()}`;

/** A workshop as the server creates it, before its tables are listed. */
function workshopOf(id: string, createdAt = NOW): NewWorkshop {
  return {
    id,
    createdAt,
    title: "Atelier « Quartiers en transition » 🌳",
    date: "2050-06-21",
    facilitatorKeyHash: `hash-${id}`,
    invite: `invite-${id}`,
    observerKey: `observer-${id}`,
    arrivalsOpen: true,
    seatsPerTable: 10,
    message: "",
    tables: [],
  };
}

/** Gives these codes in turn, then the last one forever. */
function codesInTurn(...codes: string[]): JoinCodeMaker {
  let next = 0;
  return () => codes[Math.min(next++, codes.length - 1)] ?? "";
}

/** A narration by Bastien: the store does not judge entries, it keeps them. */
function narration(seq: number, text = `Étape racontée n°${seq}`, entryId = `entry-${seq}`): LogEntry {
  return {
    seq,
    entryId,
    at: NOW + seq * 1000,
    entry: { kind: "action", actorId: idOf(BASTIEN), action: { type: "narrate", stepId: "step-1", text } },
  };
}

function joinOf(name: string, facilitator: boolean): JoinEntry {
  return {
    kind: "join",
    participantId: idOf(name),
    name,
    role: facilitator ? "animatrice" : "habitant",
    facilitator,
    seatKeyHash: `seat-${name}`,
  };
}

const ZEPHYRINE_ID = "p-7f3a9c";

/**
 * Awa and Zéphyrine (an id without her name) sit, Zéphyrine writes a card (its source names her), then anonymises
 * herself: the log as the room wrote it, and the live table after it.
 */
function anonymisedGame(creation: TableCreation): { log: LogEntry[]; live: TableState } {
  const zephyrine: JoinEntry = {
    kind: "join",
    participantId: ZEPHYRINE_ID,
    name: "Zéphyrine Quintal",
    role: "apicultrice",
    facilitator: false,
    seatKeyHash: "seat-z",
  };
  const entries: LogEntry["entry"][] = [
    joinOf(FACILITATOR, true),
    zephyrine,
    { kind: "action", actorId: idOf(FACILITATOR), action: { type: "startPlay" } },
    {
      kind: "action",
      actorId: ZEPHYRINE_ID,
      action: { type: "writeCard", deck: "lever", title: "Ruches", text: "Des ruches sur les toits." },
    },
    { kind: "action", actorId: ZEPHYRINE_ID, action: { type: "anonymise" } },
  ];
  const log = entries.map((entry, i): LogEntry => ({
    seq: i + 1,
    entryId: `entry-${i + 1}`,
    at: NOW + i * 1000,
    entry,
  }));
  const live = replay({ table: creation, log }).state;
  expect(JSON.stringify(live.participants)).not.toContain("Zéphyrine");
  return { log, live };
}

/** Plays a short game with the real rules, as the room would accept it; returns the log and the live state. */
function scriptedGame(initial: TableState): { log: LogEntry[]; live: TableState } {
  const log: LogEntry[] = [];
  const record = (entry: LogEntry["entry"], at: number) =>
    log.push({ seq: log.length + 1, entryId: `entry-${log.length + 1}`, at, entry });

  let live = seat(initial, FACILITATOR, { role: "animatrice", facilitator: true });
  record(joinOf(FACILITATOR, true), NOW);
  live = seat(live, BASTIEN, { role: "habitant" });
  record(joinOf(BASTIEN, false), NOW);

  const play = (name: string, action: Extract<LogEntry["entry"], { kind: "action" }>["action"]) => {
    const at = NOW + (log.length + 1) * 60_000;
    live = act(live, name, action, at);
    record({ kind: "action", actorId: idOf(name), action }, at);
  };
  play(FACILITATOR, { type: "startPlay" });
  play(BASTIEN, { type: "draw", deck: "lever" });
  const cardId = handOf(live, BASTIEN).at(-1);
  if (!cardId) throw new Error("Bastien drew nothing");
  play(BASTIEN, { type: "place", cardId, afterStepId: null });
  const stepId = live.path[0]?.id;
  if (!stepId) throw new Error("nothing on the path");
  play(BASTIEN, { type: "narrate", stepId, text: TRICKY_TEXT });
  return { log, live };
}

/**
 * Runs a child process that appends to every table at once without pause (each table one entry after the other, as a
 * room does), prints "<table index> <seq>" once each append() resolved, and is killed mid-stream after `killAfter`
 * acknowledgements. Resolves with the last seq acknowledged per table.
 */
async function acknowledgedBeforeKill(openInChild: string, tableIds: string[], killAfter: number): Promise<number[]> {
  const script = `
    const store = ${openInChild};
    const tables = ${JSON.stringify(tableIds)};
    await Promise.all(tables.map(async (tableId, t) => {
      for (let seq = 1; ; seq++) {
        await store.append(tableId, {
          seq, entryId: "entry-" + seq, at: seq,
          entry: { kind: "action", actorId: "p-bastien", action: { type: "narrate", stepId: "step-1", text: "Étape n°" + seq } },
        });
        process.stdout.write(t + " " + seq + "\\n");
      }
    }));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  const lastAck = tableIds.map(() => 0);
  let acks = 0;
  let stderr = "";
  let buffered = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const [t, seq] = line.split(" ").map(Number);
        if (t === undefined || seq === undefined) continue;
        lastAck[t] = seq;
        acks++;
      }
      if (acks >= killAfter) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      clearTimeout(guard);
      if (signal === "SIGKILL" && acks >= killAfter) resolve(lastAck);
      else reject(new Error(`the writer stopped after ${acks} acknowledgements (${signal ?? "exit"}): ${stderr}`));
    });
  });
}

function storeContract(target: StoreTarget): void {
  let place: Place;
  let opened: TableStore[] = [];
  const open = async (choices?: StoreChoices) => {
    const store = await place.open(choices);
    opened.push(store);
    return store;
  };

  beforeAll(() => target.setup?.());
  afterAll(() => target.teardown?.());
  beforeEach(() => {
    place = target.place();
  });
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
  });

  it("gives back a created table exactly as it was created, with an empty log", async () => {
    const store = await open();
    const creation = creationOf(newTableId(), openTable({ setup: { title: TRICKY_TEXT.slice(0, 100) } }));

    await store.create(creation);

    expect(await store.load(creation.id)).toEqual({ table: creation, log: [] });
  });

  it("answers a ping while open, and fails it once closed (the health check)", async () => {
    const store = await open();

    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it("loads an unknown table as undefined", async () => {
    const store = await open();

    expect(await store.load(newTableId())).toBeUndefined();
  });

  it("refuses to create a table whose id exists, and keeps the first one", async () => {
    const store = await open();
    const first = creationOf(newTableId());
    await store.create(first);

    await expect(
      store.create({ ...first, invite: "another-invite", facilitatorKeyHash: "another-hash" }),
    ).rejects.toThrow();

    expect((await store.load(first.id))?.table).toEqual(first);
  });

  it("gives a table's link secrets without its log, and an unknown table's as undefined", async () => {
    const store = await open();
    const creation = creationOf(newTableId());
    await store.create(creation);

    expect(await store.secrets(creation.id)).toEqual({
      facilitatorKeyHash: creation.facilitatorKeyHash,
      invite: creation.invite,
      observerKey: creation.observerKey,
      retiredInviteHashes: [],
      workshopFacilitatorKeyHash: null,
    });
    expect(await store.secrets(newTableId())).toBeUndefined();
  });

  it("replaces the participant link, keeping the hash of each replaced one", async () => {
    const store = await open();
    const creation = creationOf(newTableId());
    await store.create(creation);

    await store.setInvite(creation.id, "deuxieme-lien");
    await store.setInvite(creation.id, "troisieme-lien");
    // A second store on the same place reads what the first wrote (the in-memory SQLite has only the one).
    const reopened = target.persistent ? await open() : store;

    const secrets = await reopened.secrets(creation.id);
    expect(secrets?.invite).toBe("troisieme-lien");
    expect(secrets?.retiredInviteHashes).toEqual([hashSecret(creation.invite), hashSecret("deuxieme-lien")]);
    expect((await reopened.load(creation.id))?.table.invite).toBe("troisieme-lien");
    await expect(reopened.setInvite(newTableId(), "lien")).rejects.toThrow();
  });

  it("gives each table its own join code, and finds the table and its current participant link by it", async () => {
    const store = await open();
    const [first, second] = [creationOf(newTableId()), creationOf(newTableId())];

    const stored = [await store.create(first), await store.create(second)];

    const codes = stored.map((table) => table.joinCode);
    for (const code of codes) expect(isJoinCode(code)).toBe(true);
    expect(codes[0]).not.toBe(codes[1]);
    expect((await store.load(first.id))?.table.joinCode).toBe(codes[0]);
    const reopened = target.persistent ? await open() : store;
    expect(await reopened.findByJoinCode(codes[0] ?? "")).toEqual({ tableId: first.id, invite: first.invite });
    expect(await reopened.findByJoinCode(codes[1] ?? "")).toEqual({ tableId: second.id, invite: second.invite });
    // A code nobody has, and no code at all, find nothing.
    const unused = [..."23456789"].map((c) => c.repeat(8)).find((code) => !codes.includes(code)) ?? "";
    expect(await reopened.findByJoinCode(unused)).toBeUndefined();
    expect(await reopened.findByJoinCode("")).toBeUndefined();
  });

  it("keeps where a table's story is published: found by that id alone, a new id replaces it, taken back or deleted it finds nothing", async () => {
    const store = await open();
    const [published, other, never] = [creationOf(newTableId()), creationOf(newTableId()), creationOf(newTableId())];
    for (const table of [published, other, never]) await store.create(table);
    const publicId = () => randomBytes(24).toString("base64url");
    const [first, second, third] = [publicId(), publicId(), publicId()];

    await store.setPublication(published.id, first);
    await store.setPublication(other.id, third);
    let reopened = target.persistent ? await open() : store;
    expect(await reopened.findByPublication(first)).toBe(published.id);
    expect(await reopened.findByPublication(third)).toBe(other.id);
    expect(await reopened.findByPublication("")).toBeUndefined();

    // Published anew after being taken back: the old address leads nowhere.
    await reopened.setPublication(published.id, null);
    expect(await reopened.findByPublication(first)).toBeUndefined();
    await reopened.setPublication(published.id, second);
    reopened = target.persistent ? await open() : reopened;
    expect(await reopened.findByPublication(first)).toBeUndefined();
    expect(await reopened.findByPublication(second)).toBe(published.id);

    await reopened.delete(other.id);
    expect(await reopened.findByPublication(third)).toBeUndefined();
  });

  it("replaces the join code with the participant link: the old code finds nothing, the new one the new link", async () => {
    const store = await open();
    const creation = creationOf(newTableId());
    const { joinCode: oldCode } = await store.create(creation);

    const newCode = await store.setInvite(creation.id, "nouveau-lien");
    const reopened = target.persistent ? await open() : store;

    expect(isJoinCode(newCode)).toBe(true);
    expect(newCode).not.toBe(oldCode);
    expect(await reopened.findByJoinCode(oldCode)).toBeUndefined();
    expect(await reopened.findByJoinCode(newCode)).toEqual({ tableId: creation.id, invite: "nouveau-lien" });
    expect((await reopened.load(creation.id))?.table.joinCode).toBe(newCode);
  });

  it("draws another join code when the one drawn is another table's, at creation and when the link changes", async () => {
    const store = await open({ newJoinCode: codesInTurn("AAAA2222", "AAAA2222", "BBBB3333", "BBBB3333", "CCCC4444") });
    const [first, second] = [creationOf(newTableId()), creationOf(newTableId())];

    expect((await store.create(first)).joinCode).toBe("AAAA2222");
    expect((await store.create(second)).joinCode).toBe("BBBB3333");
    expect(await store.setInvite(first.id, "nouveau-lien")).toBe("CCCC4444");

    expect((await store.findByJoinCode("BBBB3333"))?.tableId).toBe(second.id);
    expect((await store.findByJoinCode("CCCC4444"))?.tableId).toBe(first.id);
    expect(await store.findByJoinCode("AAAA2222")).toBeUndefined();
  });

  it(`gives up after ${JOIN_CODE_TRIES} codes that are all taken, and stores nothing of the table`, async () => {
    const store = await open({ newJoinCode: () => "DDDD5555" });
    const [first, second] = [creationOf(newTableId()), creationOf(newTableId())];
    await store.create(first);

    await expect(store.create(second)).rejects.toThrow();

    expect(await store.load(second.id)).toBeUndefined();
    expect((await store.findByJoinCode("DDDD5555"))?.tableId).toBe(first.id);
  });

  it("gives back a created workshop as it was created, and finds it and its lobby secret by its own join code", async () => {
    const store = await open();
    const workshop = workshopOf(newWorkshopId());

    const stored = await store.createWorkshop(workshop);
    const reopened = target.persistent ? await open() : store;

    expect(isJoinCode(stored.joinCode)).toBe(true);
    expect(await reopened.loadWorkshop(workshop.id)).toEqual({ ...workshop, joinCode: stored.joinCode });
    expect(await reopened.findWorkshopByJoinCode(stored.joinCode)).toEqual({
      workshopId: workshop.id,
      invite: workshop.invite,
    });
    // A workshop's code is not a table's: the table lookup finds nothing by it.
    expect(await reopened.findByJoinCode(stored.joinCode)).toBeUndefined();
    expect(await reopened.findWorkshopByJoinCode("")).toBeUndefined();
    expect(await reopened.loadWorkshop(newWorkshopId())).toBeUndefined();
    await expect(reopened.createWorkshop({ ...workshop, title: "Un autre" })).rejects.toThrow();
    expect((await reopened.loadWorkshop(workshop.id))?.title).toBe(workshop.title);
  });

  it("changes a workshop's arrivals, message and ordered tables, each alone, and keeps everything else", async () => {
    const store = await open();
    const workshop = workshopOf(newWorkshopId());
    const { joinCode } = await store.createWorkshop(workshop);
    const tables = [
      { tableId: "t-2", name: "Table 2", handOverKey: "cle-2" },
      { tableId: "t-1", name: "Les « Tanneurs »", handOverKey: "cle-1" },
    ];

    expect(await store.updateWorkshop(workshop.id, { tables })).toEqual({ ...workshop, joinCode, tables });
    await store.updateWorkshop(workshop.id, { arrivalsOpen: false });
    await store.updateWorkshop(workshop.id, { message: TRICKY_TEXT });
    const reopened = target.persistent ? await open() : store;

    expect(await reopened.loadWorkshop(workshop.id)).toEqual({
      ...workshop,
      joinCode,
      tables,
      arrivalsOpen: false,
      message: TRICKY_TEXT,
    });
    expect(await reopened.updateWorkshop(newWorkshopId(), { message: "personne" })).toBeUndefined();
  });

  it("marks a workshop's tables: their secrets carry the workshop facilitator's hash, a table on its own none", async () => {
    const store = await open();
    const workshop = workshopOf(newWorkshopId());
    await store.createWorkshop(workshop);
    const inWorkshop = { ...creationOf(newTableId()), workshopId: workshop.id };
    const alone = creationOf(newTableId());
    await store.create(inWorkshop);
    await store.create(alone);
    const reopened = target.persistent ? await open() : store;

    expect((await reopened.load(inWorkshop.id))?.table.workshopId).toBe(workshop.id);
    expect((await reopened.secrets(inWorkshop.id))?.workshopFacilitatorKeyHash).toBe(workshop.facilitatorKeyHash);
    expect((await reopened.load(alone.id))?.table.workshopId).toBeNull();
    expect((await reopened.secrets(alone.id))?.workshopFacilitatorKeyHash).toBeNull();
  });

  it("keeps join codes unique among tables and workshops together: a code taken by either is drawn again", async () => {
    const store = await open({
      newJoinCode: codesInTurn("HHHH2345", "HHHH2345", "JJJJ2345", "JJJJ2345", "JJJJ2345", "KKKK2345", "MMMM2345"),
    });
    const table = creationOf(newTableId());
    const [first, second] = [workshopOf(newWorkshopId()), workshopOf(newWorkshopId())];

    expect((await store.create(table)).joinCode).toBe("HHHH2345");
    // HHHH2345 is the table's: the workshop gets the next one.
    expect((await store.createWorkshop(first)).joinCode).toBe("JJJJ2345");
    // JJJJ2345 is a workshop's: the second workshop, then a table's new link, draw past it.
    expect((await store.createWorkshop(second)).joinCode).toBe("KKKK2345");
    expect(await store.setInvite(table.id, "nouveau-lien")).toBe("MMMM2345");

    expect((await store.findWorkshopByJoinCode("JJJJ2345"))?.workshopId).toBe(first.id);
    expect((await store.findWorkshopByJoinCode("KKKK2345"))?.workshopId).toBe(second.id);
    expect((await store.findByJoinCode("MMMM2345"))?.tableId).toBe(table.id);
  });

  it(`gives up after ${JOIN_CODE_TRIES} codes that are all another table's, and stores no workshop`, async () => {
    const store = await open({ newJoinCode: () => "NNNN2345" });
    await store.create(creationOf(newTableId()));
    const workshop = workshopOf(newWorkshopId());

    await expect(store.createWorkshop(workshop)).rejects.toThrow();

    expect(await store.loadWorkshop(workshop.id)).toBeUndefined();
  });

  it("deletes a workshop and leaves its tables on their own: the workshop's secret no longer counts there", async () => {
    const store = await open();
    const workshop = workshopOf(newWorkshopId());
    const { joinCode } = await store.createWorkshop(workshop);
    const table = { ...creationOf(newTableId()), workshopId: workshop.id };
    await store.create(table);

    expect(await store.deleteWorkshop(workshop.id)).toBe(true);
    const reopened = target.persistent ? await open() : store;

    expect(await reopened.loadWorkshop(workshop.id)).toBeUndefined();
    expect(await reopened.findWorkshopByJoinCode(joinCode)).toBeUndefined();
    expect((await reopened.load(table.id))?.table.workshopId).toBeNull();
    expect((await reopened.secrets(table.id))?.workshopFacilitatorKeyHash).toBeNull();
    expect(await reopened.deleteWorkshop(workshop.id)).toBe(false);
  });

  it("names the workshops created before a cutoff that have no table left", async () => {
    const store = await open();
    const DAY = 24 * 60 * 60 * 1000;
    const cutoff = NOW - 90 * DAY;
    const emptied = workshopOf(newWorkshopId(), cutoff - DAY);
    const stillPlayed = workshopOf(newWorkshopId(), cutoff - DAY);
    const justCreated = workshopOf(newWorkshopId(), cutoff + DAY);
    for (const workshop of [emptied, stillPlayed, justCreated]) await store.createWorkshop(workshop);
    const gone = { ...creationOf(newTableId()), workshopId: emptied.id };
    await store.create(gone);
    await store.create({ ...creationOf(newTableId()), workshopId: stillPlayed.id });
    await store.delete(gone.id);

    const mine = new Set([emptied, stillPlayed, justCreated].map((w) => w.id));
    expect((await store.emptyWorkshops(cutoff)).filter((id) => mine.has(id))).toEqual([emptied.id]);
  });

  it("gives back appended entries in seq order with their text byte for byte", async () => {
    const store = await open();
    const id = newTableId();
    await store.create(creationOf(id));
    const join: LogEntry = {
      seq: 1,
      entryId: "entry-1",
      at: NOW,
      entry: { ...joinOf(BASTIEN, false), name: "Bastien 🌱 Lévêque", role: "habitant·e <b>" },
    };
    const second = narration(2, TRICKY_TEXT);
    const third = narration(3, "Troisième étape, « la dernière ».");

    // Accepted in seq order by a room, but the store must order by seq whatever the order of arrival.
    for (const entry of [join, third, second]) await store.append(id, entry);
    const loaded = await store.load(id);

    expect(loaded?.log).toEqual([join, second, third]);
    const stored = loaded?.log[1]?.entry;
    expect(stored?.kind === "action" && stored.action.type === "narrate" ? stored.action.text : null).toBe(TRICKY_TEXT);
  });

  it("knows whether a seat key ever sat at a table from its log alone: not at another table, not a narration's text", async () => {
    const store = await open();
    const id = newTableId();
    const other = newTableId();
    await store.create(creationOf(id));
    await store.create(creationOf(other));
    await store.append(id, { seq: 1, entryId: "entry-1", at: NOW, entry: joinOf(BASTIEN, false) });
    await store.append(id, narration(2, `seat-${BASTIEN}-mais-dans-un-texte`));

    expect(await store.hasSeat(id, `seat-${BASTIEN}`)).toBe(true);
    expect(await store.hasSeat(other, `seat-${BASTIEN}`)).toBe(false);
    expect(await store.hasSeat(id, `seat-${BASTIEN}-mais-dans-un-texte`)).toBe(false);
    expect(await store.hasSeat(newTableId(), `seat-${BASTIEN}`)).toBe(false);
  });

  it("refuses a second entry with the same seq as a duplicate, and keeps only the first", async () => {
    const store = await open();
    const id = newTableId();
    await store.create(creationOf(id));
    await store.append(id, narration(1, "La première version"));

    await expect(store.append(id, narration(1, "Une autre entrée au même rang", "entry-other"))).rejects.toBeInstanceOf(
      DuplicateEntryError,
    );

    expect((await store.load(id))?.log).toEqual([narration(1, "La première version")]);
  });

  it("refuses an entry id already in the log as a duplicate, so a resent action is never applied twice", async () => {
    const store = await open();
    const id = newTableId();
    await store.create(creationOf(id));
    await store.append(id, narration(1, "Envoyé une fois", "outbox-42"));

    await expect(store.append(id, narration(2, "Envoyé une fois", "outbox-42"))).rejects.toBeInstanceOf(
      DuplicateEntryError,
    );
    await store.append(id, narration(2, "La suite", "outbox-43"));

    expect((await store.load(id))?.log).toEqual([
      narration(1, "Envoyé une fois", "outbox-42"),
      narration(2, "La suite", "outbox-43"),
    ]);
  });

  it("refuses an entry for a table that was never created, and stores nothing", async () => {
    const store = await open();
    const id = newTableId();

    const appended = store.append(id, narration(1));

    await expect(appended).rejects.toThrow();
    await expect(appended).rejects.not.toBeInstanceOf(DuplicateEntryError);
    expect(await store.load(id)).toBeUndefined();
  });

  it("replays a stored game into the same state as playing it live", async () => {
    const store = await open();
    const creation = creationOf(newTableId());
    const { log, live } = scriptedGame(creation.initial);
    await store.create(creation);
    for (const entry of log) await store.append(creation.id, entry);

    const stored = await store.load(creation.id);
    if (!stored) throw new Error("the table was not found");
    const replayed = replay(stored);

    expect(replayed.state).toEqual(live);
    expect(replayed.state.path[0]?.narration).toBe(TRICKY_TEXT.trim());
    expect(replayed.seats).toEqual(
      new Map([
        [`seat-${FACILITATOR}`, idOf(FACILITATOR)],
        [`seat-${BASTIEN}`, idOf(BASTIEN)],
      ]),
    );
    expect(replayed.lastSeq).toBe(log.length);
  });

  it("deletes a table with its whole log, and nothing of any other table", async () => {
    const store = await open();
    const [doomed, kept] = [creationOf(newTableId()), creationOf(newTableId())];
    const [doomedCode, keptCode] = [(await store.create(doomed)).joinCode, (await store.create(kept)).joinCode];
    for (const creation of [doomed, kept]) {
      for (let seq = 1; seq <= 3; seq++) await store.append(creation.id, narration(seq, `${creation.id} ${seq}`));
    }

    expect(await store.delete(doomed.id)).toBe(true);
    const reopened = target.persistent ? await open() : store;

    expect(await reopened.load(doomed.id)).toBeUndefined();
    expect(await reopened.secrets(doomed.id)).toBeUndefined();
    // Its join code leads nowhere any more; the other table's still does.
    expect(await reopened.findByJoinCode(doomedCode)).toBeUndefined();
    expect((await reopened.findByJoinCode(keptCode))?.tableId).toBe(kept.id);
    expect(await reopened.load(kept.id)).toEqual({
      table: kept,
      log: [1, 2, 3].map((seq) => narration(seq, `${kept.id} ${seq}`)),
    });
    // Gone for good: deleting again finds nothing, and the same id can even be created anew, with an empty log.
    expect(await reopened.delete(doomed.id)).toBe(false);
    await reopened.create(doomed);
    expect(await reopened.load(doomed.id)).toEqual({ table: doomed, log: [] });
  });

  it("names the tables untouched since a cutoff: the latest of their creation and their last entry is before it", async () => {
    const store = await open();
    const DAY = 24 * 60 * 60 * 1000;
    const cutoff = NOW - 90 * DAY;
    const at = (id: string, createdAt: number) => ({ ...creationOf(id), createdAt });
    const oldUntouched = at(newTableId(), cutoff - 10 * DAY);
    const oldButPlayedSince = at(newTableId(), cutoff - 10 * DAY);
    const oldPlayedLongAgo = at(newTableId(), cutoff - 10 * DAY);
    const recent = at(newTableId(), cutoff + DAY);
    const createdAtTheCutoff = at(newTableId(), cutoff);
    for (const creation of [oldUntouched, oldButPlayedSince, oldPlayedLongAgo, recent, createdAtTheCutoff])
      await store.create(creation);
    await store.append(oldButPlayedSince.id, { ...narration(1), at: cutoff - 5 * DAY });
    await store.append(oldButPlayedSince.id, { ...narration(2), at: cutoff + 1 });
    await store.append(oldPlayedLongAgo.id, { ...narration(1), at: cutoff - 1 });

    // Other tests' tables may share the place: only this test's tables are judged.
    const mine = new Set(
      [oldUntouched, oldButPlayedSince, oldPlayedLongAgo, recent, createdAtTheCutoff].map((c) => c.id),
    );
    const untouched = (await store.untouchedSince(cutoff)).filter((id) => mine.has(id));

    expect(untouched.sort()).toEqual([oldUntouched.id, oldPlayedLongAgo.id].sort());
    expect((await store.untouchedSince(cutoff - 20 * DAY)).filter((id) => mine.has(id))).toEqual([]);
  });

  it("lands every entry when many tables append at the same time", async () => {
    const store = await open();
    const ids = Array.from({ length: 20 }, newTableId);
    const perTable = 25;
    await Promise.all(ids.map((id) => store.create(creationOf(id))));

    await Promise.all(
      ids.flatMap((id, t) =>
        Array.from({ length: perTable }, (_, i) => store.append(id, narration(i + 1, `Table ${t}, étape ${i + 1} ✨`))),
      ),
    );

    for (const [t, id] of ids.entries()) {
      const expected = Array.from({ length: perTable }, (_, i) => narration(i + 1, `Table ${t}, étape ${i + 1} ✨`));
      expect((await store.load(id))?.log).toEqual(expected);
    }
  });

  it("rewrites an anonymised person's join entry in place, so that replay gives the new name from the start", async () => {
    const store = await open();
    const creation = creationOf(newTableId());
    const { log, live } = anonymisedGame(creation);
    await store.create(creation);
    for (const entry of log) await store.append(creation.id, entry);

    await store.anonymise(creation.id, { participantId: ZEPHYRINE_ID, name: "Participant·e 2", role: "participant·e" });
    const reopened = target.persistent ? await open() : store;
    const stored = await reopened.load(creation.id);
    if (!stored) throw new Error("the table was not found");

    expect(stored.log[1]).toEqual({
      ...log[1],
      entry: { ...log[1]?.entry, name: "Participant·e 2", role: "participant·e" },
    });
    // Every other entry is byte for byte what was appended: only the name and role of that one join changed.
    expect(stored.log.filter((_, i) => i !== 1)).toEqual(log.filter((_, i) => i !== 1));
    expect(JSON.stringify(stored)).not.toMatch(/Zéphyrine|Quintal|apicultrice/);
    // Replay stays strict (every entry applies) and gives the same table as the live one.
    expect(replay(stored).state).toEqual(live);
  });

  it("rewrites the roles of an anonymised person's changes of hat too, and replay stays strict", async () => {
    const store = await open();
    const creation = creationOf(newTableId());
    const zephyrine: JoinEntry = {
      kind: "join",
      participantId: ZEPHYRINE_ID,
      name: "Zéphyrine Quintal",
      role: "apicultrice",
      zone: "environment",
      facilitator: false,
      seatKeyHash: "seat-z",
    };
    const entries: LogEntry["entry"][] = [
      joinOf(FACILITATOR, true),
      zephyrine,
      { kind: "action", actorId: idOf(FACILITATOR), action: { type: "startPlay" } },
      {
        kind: "action",
        actorId: ZEPHYRINE_ID,
        action: { type: "changeRole", role: "présidente du rucher Quintal", zone: "civilSociety" },
      },
      { kind: "action", actorId: idOf(FACILITATOR), action: { type: "changeRole", role: "citoyenne" } },
      { kind: "action", actorId: ZEPHYRINE_ID, action: { type: "anonymise" } },
    ];
    const log = entries.map((entry, i): LogEntry => ({
      seq: i + 1,
      entryId: `entry-${i + 1}`,
      at: NOW + i * 1000,
      entry,
    }));
    const live = replay({ table: creation, log }).state;
    await store.create(creation);
    for (const entry of log) await store.append(creation.id, entry);

    await store.anonymise(creation.id, { participantId: ZEPHYRINE_ID, name: "Participant·e 2", role: "participant·e" });
    const reopened = target.persistent ? await open() : store;
    const stored = await reopened.load(creation.id);
    if (!stored) throw new Error("the table was not found");

    expect(stored.log[3]?.entry).toEqual({
      kind: "action",
      actorId: ZEPHYRINE_ID,
      action: { type: "changeRole", role: "participant·e", zone: "civilSociety" },
    });
    // Someone else's change of hat is theirs: untouched.
    expect(stored.log[4]).toEqual(log[4]);
    expect(JSON.stringify(stored)).not.toMatch(/Zéphyrine|Quintal|apicultrice/);
    expect(replay(stored).state).toEqual(live);
  });

  it("replaces the first state of a table imported with an anonymised person in it, in the same rewrite", async () => {
    const store = await open();
    const imported = seat(openTable(), "Zéphyrine");
    const creation = creationOf(newTableId(), imported);
    await store.create(creation);
    const initial = {
      ...creation.initial,
      participants: creation.initial.participants.map((p) => ({
        ...p,
        name: "Participant·e 1",
        role: "participant·e",
      })),
    };

    await store.anonymise(creation.id, {
      participantId: idOf("Zéphyrine"),
      name: "Participant·e 1",
      role: "participant·e",
      initial,
    });
    const reopened = target.persistent ? await open() : store;

    expect((await reopened.load(creation.id))?.table).toEqual({ ...creation, initial });
    await expect(
      reopened.anonymise(newTableId(), { participantId: "p-x", name: "Participant·e 1", role: "participant·e" }),
    ).rejects.toThrow();
  });

  it("commits the appends of many tables made in the same tick in one transaction, and a burst in batches of bounded size", async () => {
    const store = await open();
    const ids = Array.from({ length: 20 }, newTableId);
    await Promise.all(ids.map((id) => store.create(creationOf(id))));
    const before = store.writeStats();

    await Promise.all(ids.map((id, t) => store.append(id, narration(1, `Table ${t}`))));

    const after = store.writeStats();
    expect(after.batches - before.batches).toBe(1);
    expect(after.entries - before.entries).toBe(ids.length);

    // One table's burst larger than a batch: several transactions, one after the other, the entries in their order.
    const burst = Array.from({ length: target.maxBatch + 10 }, (_, i) => narration(i + 2, `Rafale ${i}`));
    await Promise.all(burst.map((entry) => store.append(ids[0] ?? "", entry)));

    expect(store.writeStats().batches - after.batches).toBe(2);
    expect((await store.load(ids[0] ?? ""))?.log).toEqual([narration(1, "Table 0"), ...burst]);
  });

  it("refuses a duplicate within a batch alone: the other entries of that batch are stored", async () => {
    const store = await open();
    const [first, second] = [newTableId(), newTableId()];
    await store.create(creationOf(first));
    await store.create(creationOf(second));
    await store.append(first, narration(1, "Déjà là", "outbox-1"));

    const outcomes = await Promise.allSettled([
      store.append(first, narration(2, "Renvoyé", "outbox-1")),
      store.append(second, narration(1, "Nouvelle")),
      store.append(first, narration(2, "La suite", "outbox-2")),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(outcomes[0]?.status === "rejected" && outcomes[0].reason).toBeInstanceOf(DuplicateEntryError);
    expect((await store.load(first))?.log).toEqual([
      narration(1, "Déjà là", "outbox-1"),
      narration(2, "La suite", "outbox-2"),
    ]);
  });

  it("keeps a snapshot every N entries: a table loaded again replays only the entries after the latest, to the same table", async () => {
    const store = await open({ snapshotEvery: 10 });
    const game = playedGame(longTable(newTableId()), 34);
    await store.create(game.table);
    // Each snapshot awaited: a keeper that is behind takes only the latest one asked for.
    for (const logged of game.entries) {
      await store.append(game.table.id, logged);
      await store.snapshotsSettled();
    }

    const reopened = target.persistent ? await open({ snapshotEvery: 10 }) : store;
    const loaded = await reopened.load(game.table.id);
    if (!loaded) throw new Error("the table was not found");

    expect(loaded.log).toHaveLength(game.entries.length);
    expect(loaded.snapshot?.seq).toBe(30);
    const replayed = replay(loaded);
    expect(replayed.from).toBe(30);
    expect(replayed.state).toEqual(game.state);
    expect(replayed.state).toEqual(replay({ table: loaded.table, log: loaded.log }).state);
    // An undo of entry 25 would replay from the snapshot before it.
    expect((await reopened.snapshot(game.table.id, 25))?.seq).toBe(20);
    expect(store.writeStats().snapshots).toBe(3);

    // Deleted with the table.
    expect(await reopened.delete(game.table.id)).toBe(true);
    expect(await reopened.snapshot(game.table.id)).toBeUndefined();
  });

  it("no longer starts from a snapshot that an undo reaches back past: an earlier one serves, to the same table", async () => {
    const store = await open({ snapshotEvery: 10 });
    const game = playedGame(longTable(newTableId()), 34);
    await store.create(game.table);
    for (const logged of game.entries) {
      await store.append(game.table.id, logged);
      await store.snapshotsSettled();
    }
    const written = game.entries.length;
    // The facilitator undoes, one action after the other, until she has undone entry 28.
    const earliestUndone = () => {
      const undone = game.entries.flatMap(({ entry }) => (entry.kind === "undo" ? [entry.undoes] : []));
      return Math.min(...game.entries.filter((logged) => undone.includes(logged.entryId)).map((logged) => logged.seq));
    };
    while (earliestUndone() > 28) expect(game.undo("Awa")).toBe(true);
    for (const logged of game.entries.slice(written)) await store.append(game.table.id, logged);
    await store.snapshotsSettled();
    const earliest = earliestUndone();
    const loaded = await store.load(game.table.id);
    if (!loaded) throw new Error("the table was not found");

    expect(loaded.snapshot?.seq).toBe(Math.floor((earliest - 1) / 10) * 10);
    expect(snapshotFits(loaded.snapshot ?? { seq: 0, state: game.table.initial }, loaded.log)).toBe(true);
    expect(replay(loaded).state).toEqual(game.state);
  });

  it("drops a table's snapshots when someone there is anonymised: no snapshot keeps the real name", async () => {
    const store = await open({ snapshotEvery: 2 });
    const creation = creationOf(newTableId());
    const { log, live } = anonymisedGame(creation);
    await store.create(creation);
    for (const entry of log) await store.append(creation.id, entry);
    await store.snapshotsSettled();
    expect((await store.snapshot(creation.id))?.seq).toBe(4);

    await store.anonymise(creation.id, { participantId: ZEPHYRINE_ID, name: "Participant·e 2", role: "participant·e" });

    const loaded = await store.load(creation.id);
    expect(loaded?.snapshot).toBeUndefined();
    expect(JSON.stringify(loaded)).not.toMatch(/Zéphyrine|Quintal/);
    expect(loaded && replay(loaded).state).toEqual(live);
  });

  if (target.persistent) {
    it("answers an append only once its entry is committed: every acknowledgement is already seen by another connection", async () => {
      const backdoor = place.backdoor;
      if (!backdoor) throw new Error("this place has no second connection");
      const store = await open();
      const ids = Array.from({ length: 5 }, newTableId);
      for (const id of ids) await store.create(creationOf(id));
      const seenAtAcknowledgement: [number, number][] = [];

      await Promise.all(
        ids.map(async (id) => {
          for (let seq = 1; seq <= 4; seq++) {
            await store.append(id, narration(seq));
            seenAtAcknowledgement.push([seq, await backdoor.entries(id)]);
          }
        }),
      );

      expect(seenAtAcknowledgement).toHaveLength(20);
      for (const [seq, seen] of seenAtAcknowledgement) expect(seen).toBeGreaterThanOrEqual(seq);
    });

    it("rejects every entry of a batch whose transaction fails, loses nothing acknowledged before, and goes on with the next batch", async () => {
      const backdoor = place.backdoor;
      if (!backdoor) throw new Error("this place has no second connection");
      const store = await open();
      const ids = [newTableId(), newTableId(), newTableId()];
      for (const id of ids) await store.create(creationOf(id));
      await Promise.all(ids.map((id) => store.append(id, narration(1, "Avant la panne"))));
      const marker = `panne${randomBytes(4).toString("hex")}`;
      await backdoor.breakWrites(marker);
      const before = store.writeStats();

      // One batch: the second table's entry makes its transaction fail.
      const outcomes = await Promise.allSettled(
        ids.map((id, t) => store.append(id, narration(2, t === 1 ? `Étape ${marker}` : "Pendant la panne"))),
      );

      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        expect(outcome.status === "rejected" && outcome.reason).not.toBeInstanceOf(DuplicateEntryError);
      }
      expect(store.writeStats().failedBatches - before.failedBatches).toBe(1);
      for (const id of ids) expect((await store.load(id))?.log).toEqual([narration(1, "Avant la panne")]);

      // The next batch is written: the same seq again, nobody having been told of the failed one.
      await Promise.all([ids[0], ids[2]].map((id) => store.append(id ?? "", narration(2, "Après la panne"))));
      expect((await store.load(ids[0] ?? ""))?.log).toEqual([
        narration(1, "Avant la panne"),
        narration(2, "Après la panne"),
      ]);
      const reopened = await open();
      expect((await reopened.load(ids[1] ?? ""))?.log).toEqual([narration(1, "Avant la panne")]);
    });

    it("falls back to the whole log when a table's snapshot cannot be read", async () => {
      const backdoor = place.backdoor;
      if (!backdoor) throw new Error("this place has no second connection");
      const store = await open({ snapshotEvery: 10 });
      const game = playedGame(longTable(newTableId()), 24);
      await store.create(game.table);
      for (const logged of game.entries) await store.append(game.table.id, logged);
      await store.snapshotsSettled();
      expect((await store.snapshot(game.table.id))?.seq).toBe(20);

      await backdoor.spoilSnapshots(game.table.id);
      const loaded = await (await open()).load(game.table.id);
      if (!loaded) throw new Error("the table was not found");

      expect(loaded.snapshot).toBeUndefined();
      expect(replay(loaded)).toMatchObject({ from: 0, state: game.state });
    });
  }

  if (target.persistent) {
    it("keeps every table and entry after the store is closed and opened again", async () => {
      const first = await open();
      const creations = [creationOf(newTableId()), creationOf(newTableId())];
      for (const creation of creations) await first.create(creation);
      for (const creation of creations)
        for (let seq = 1; seq <= 3; seq++) await first.append(creation.id, narration(seq, TRICKY_TEXT + seq));
      await first.close();

      const second = await open();

      for (const creation of creations) {
        expect(await second.load(creation.id)).toEqual({
          table: creation,
          log: [1, 2, 3].map((seq) => narration(seq, TRICKY_TEXT + seq)),
        });
      }
    });

    it("keeps every acknowledged entry exactly once when the server process is killed mid-write, many tables writing at once", async () => {
      if (!place.openInChild) throw new Error("this place cannot be opened from another process");
      const store = await open();
      const creations = Array.from({ length: 6 }, () => creationOf(newTableId()));
      for (const creation of creations) await store.create(creation);

      const lastAcknowledged = await acknowledgedBeforeKill(
        place.openInChild,
        creations.map((c) => c.id),
        150,
      );
      const after = await open();

      for (const [t, creation] of creations.entries()) {
        const log = (await after.load(creation.id))?.log ?? [];
        const acknowledged = lastAcknowledged[t] ?? 0;
        // Nothing acknowledged is missing and nothing is doubled (entries in flight at the kill may or may not have landed).
        expect(log.length).toBeGreaterThanOrEqual(acknowledged);
        expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
        expect(new Set(log.map((e) => e.entryId)).size).toBe(log.length);
        if (acknowledged === 0) continue;
        expect(log[acknowledged - 1]?.entry).toEqual({
          kind: "action",
          actorId: "p-bastien",
          action: { type: "narrate", stepId: "step-1", text: `Étape n°${acknowledged}` },
        });
      }
      expect(lastAcknowledged.filter((seq) => seq > 0).length).toBeGreaterThan(1);
    });
  }
}

describe("the SQLite store in a file", () => storeContract(sqliteFile()));

describe("the SQLite store in memory", () => storeContract(sqliteMemory()));

describe("the SQLite file after an anonymisation", () => {
  it("holds the real name in none of its bytes, its WAL and snapshots included: the old rows are overwritten, not left in a free page", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jdt-anonymise-"));
    const file = path.join(dir, "tables.sqlite");
    const store = new SqliteTableStore(file, { snapshotEvery: 2 });
    try {
      const creation = creationOf(newTableId());
      await store.create(creation);
      for (const entry of anonymisedGame(creation).log) await store.append(creation.id, entry);
      await store.snapshotsSettled();
      expect(store.writeStats().snapshots).toBeGreaterThan(0);
      const bytes = () => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
      expect(bytes().includes("Quintal")).toBe(true);

      await store.anonymise(creation.id, {
        participantId: ZEPHYRINE_ID,
        name: "Participant·e 2",
        role: "participant·e",
      });

      expect(bytes().includes("Quintal")).toBe(false);
      expect(bytes().includes("apicultrice")).toBe(false);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the SQLite file's questions from strangers", () => {
  it("answers whether a seat key ever sat at a table from an index, in a file made before the index existed too", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "jdt-seat-index-"));
    const file = path.join(dir, "tables.sqlite");
    const question =
      "EXPLAIN QUERY PLAN SELECT 1 FROM log WHERE table_id = ? AND entry ->> '$.kind' = 'join' AND entry ->> '$.seatKeyHash' = ? LIMIT 1";
    try {
      const before = new SqliteTableStore(file);
      await before.close();
      const db = new DatabaseSync(file);
      db.exec("DROP INDEX log_join_seat");
      db.close();
      const store = new SqliteTableStore(file);
      const id = newTableId();
      await store.create(creationOf(id));
      await store.append(id, { seq: 1, entryId: "entry-1", at: NOW, entry: joinOf(BASTIEN, false) });
      expect(await store.hasSeat(id, `seat-${BASTIEN}`)).toBe(true);
      await store.close();
      const read = new DatabaseSync(file, { readOnly: true });
      const plan = read.prepare(question).all(id, "x") as { detail: string }[];
      read.close();
      expect(plan.map((step) => step.detail)).toEqual([expect.stringMatching(/USING INDEX log_join_seat/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Declared only when a server is given (CI sets it when PostgreSQL runs), so a machine without one runs no skipped test.
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) describe("the PostgreSQL store", () => storeContract(postgres(testDatabaseUrl)));

/** The tables' layout before the observer link existed, with one table in it, as an older server left it. */
const OLD_TABLES = (tables: string) => `
  CREATE TABLE ${tables} (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, facilitator_key_hash TEXT NOT NULL, invite TEXT NOT NULL, initial TEXT NOT NULL)`;

function expectObserverKeys(loaded: (TableCreation | undefined)[]): void {
  const keys = loaded.map((table) => table?.observerKey ?? "");
  // Each table gets its own secret, as long as a new one (192 bits in base64url).
  for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(new Set(keys).size).toBe(keys.length);
}

/**
 * Tables from before join codes: each got its own when the store opened, by which the store finds it. From before
 * workshops: none is in one, and workshops can be made beside them.
 */
async function expectJoinCodes(store: TableStore, loaded: (TableCreation | undefined)[]): Promise<void> {
  const codes = loaded.map((table) => table?.joinCode ?? "");
  for (const code of codes) expect(isJoinCode(code)).toBe(true);
  expect(new Set(codes).size).toBe(codes.length);
  for (const table of loaded)
    expect(await store.findByJoinCode(table?.joinCode ?? "")).toEqual({ tableId: table?.id, invite: table?.invite });
  for (const table of loaded) {
    expect(table?.workshopId).toBeNull();
    expect((await store.secrets(table?.id ?? ""))?.workshopFacilitatorKeyHash).toBeNull();
  }
  const workshop = await store.createWorkshop(workshopOf(newWorkshopId()));
  expect((await store.findWorkshopByJoinCode(workshop.joinCode))?.workshopId).toBe(workshop.id);
}

describe("a store written before the observer link, join codes and workshops existed", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "jdt-migrate-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("given an older SQLite file, when the store opens it, then each table gets its own observer secret and join code, kept from then on", async () => {
    const file = path.join(dir, "tables.sqlite");
    const old = new DatabaseSync(file);
    old.exec(OLD_TABLES("tables").replace("BIGINT", "INTEGER") + " STRICT");
    const insert = old.prepare("INSERT INTO tables VALUES (?, ?, ?, ?, ?)");
    for (const id of ["table-ancienne-1", "table-ancienne-2"]) {
      insert.run(id, NOW, `hash-${id}`, `invite-${id}`, JSON.stringify({ ...openTable(), id }));
    }
    old.close();

    const store = new SqliteTableStore(file);
    const stored = [await store.load("table-ancienne-1"), await store.load("table-ancienne-2")];
    const loaded = stored.map((s) => s?.table);
    await store.close();
    // Written before snapshots: none, and replay starts from the first state.
    expect(stored[0]?.snapshot).toBeUndefined();
    expect(stored[0] && replay(stored[0]).state).toEqual({ ...openTable(), id: "table-ancienne-1" });

    expectObserverKeys(loaded);
    expect(loaded[0]?.invite).toBe("invite-table-ancienne-1");
    const again = new SqliteTableStore(file);
    expect((await again.load("table-ancienne-1"))?.table.observerKey).toBe(loaded[0]?.observerKey);
    await expectJoinCodes(again, loaded);
    await again.close();
  });

  if (testDatabaseUrl) {
    it("given an older PostgreSQL schema, when the store opens it, then each table gets its own observer secret and join code, kept from then on", async () => {
      const schema = `jdt_migrate_${randomBytes(6).toString("hex")}`;
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
        const tables = `${pg.escapeIdentifier(schema)}.tables`;
        await client.query(OLD_TABLES(tables).replace("initial TEXT", "initial JSONB"));
        for (const id of ["table-ancienne-1", "table-ancienne-2"]) {
          await client.query(`INSERT INTO ${tables} VALUES ($1, $2, $3, $4, $5)`, [
            id,
            NOW,
            `hash-${id}`,
            `invite-${id}`,
            JSON.stringify({ ...openTable(), id }),
          ]);
        }
        const store = await PostgresTableStore.open(testDatabaseUrl, { schema });
        const loaded = [await store.load("table-ancienne-1"), await store.load("table-ancienne-2")].map(
          (s) => s?.table,
        );
        await store.close();

        expectObserverKeys(loaded);
        const again = await PostgresTableStore.open(testDatabaseUrl, { schema });
        expect((await again.load("table-ancienne-2"))?.table.observerKey).toBe(loaded[1]?.observerKey);
        await expectJoinCodes(again, loaded);
        await again.close();
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
        await client.end();
      }
    });
  }
});

describe("opening the configured store", () => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), "jdt-open-")), "data");
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it("keeps tables in tables.sqlite inside the data folder when no database URL is set", async () => {
    const creation = creationOf(newTableId());
    const store = await openStore({ dataDir, databaseUrl: null });
    await store.create(creation);
    await store.close();

    expect(existsSync(path.join(dataDir, "tables.sqlite"))).toBe(true);
    const reopened = new SqliteTableStore(path.join(dataDir, "tables.sqlite"));
    expect((await reopened.load(creation.id))?.table).toEqual(creation);
    await reopened.close();
  });
});
