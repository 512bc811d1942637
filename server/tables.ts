// Tables as the server knows them: opening one (secrets, first state), reading its current state, making sure its room is
// open (in this process, or with REDIS_URL in whichever process holds it: server/placement.ts) and seating someone there.
import { matchMaker } from "@colyseus/core";
import type { Card, TableState } from "#shared/model.ts";
import { ROOM_NAME, type TableWelcome } from "#shared/protocol.ts";
import { checkSetup, createTable, type Refusal, type SetupInput } from "#shared/rules/index.ts";
import type { TableSummary } from "#shared/workshop.ts";
import { callRoom, localPlacement, roomOpener, RoomUnreachableError, type Placement } from "./placement.ts";
import type { Admission, Arrival, ConnectionOptions } from "./room/table-room.ts";
import { hashSecret, newId, newSecret } from "./secrets.ts";
import type { JoinCodeMatch, TableSecrets, TableStore } from "./store/table-store.ts";

export interface OpenedTable {
  tableId: string;
  invite: string;
  facilitatorKey: string;
  /** The observer link's secret: the facilitator fetches that link from the room (ShareLinks). */
  observerKey: string;
}

/** How a table of a workshop is opened. */
export interface OpenOptions {
  /** The workshop it is part of: the workshop facilitator's secret gives full rights there too. */
  workshopId?: string;
  /** Its facilitator secret, made by the caller (a workshop keeps it to hand the table over); a new one by default. */
  facilitatorKey?: string;
}

export interface Tables {
  open(
    setup: SetupInput,
    options?: OpenOptions,
  ): Promise<{ ok: true; table: OpenedTable } | { ok: false; refusal: Refusal }>;
  /** Opens a new table from a state made elsewhere (an imported story). */
  openFrom(initial: (tableId: string, now: number) => TableState, options?: OpenOptions): Promise<OpenedTable>;
  /** The refusal open() would give this setup, or null: a workshop checks every table's before opening any. */
  check(setup: SetupInput): Refusal | null;
  /** The table's link secrets, read without its log: every request is checked against them before any other work. */
  /** Whether someone sat down here with this seat key's hash, read from the log without opening the table. */
  hasSeat(tableId: string, seatKeyHash: string): Promise<boolean>;
  secrets(tableId: string): Promise<TableSecrets | undefined>;
  /** The table a join code (normalised) belongs to, and its participant link: one indexed read, nothing opened. */
  findByJoinCode(code: string): Promise<JoinCodeMatch | undefined>;
  /**
   * The title, and whether a newcomer could sit now, from the live room (opened if needed). Call it only once the
   * request's link or join code is checked. Undefined when there is no such table.
   */
  welcome(tableId: string): Promise<TableWelcome | undefined>;
  /**
   * The table as it stands now, from its live room (opened from storage if needed, its log replayed off the event
   * loop). Call it only once the request's secret is checked.
   */
  current(tableId: string): Promise<TableState | undefined>;
  /**
   * The story published at this public address, as its page shows it (names only of those who agreed), from the live
   * room (opened if needed); undefined when no story is published there now. An unknown id costs one index read.
   */
  published(publicId: string): Promise<TableState | undefined>;
  /** How the table stands, from its live room (opened if needed), under the workshop's name for it; undefined when gone. */
  summary(tableId: string, name: string): Promise<TableSummary | undefined>;
  /**
   * Makes sure the table's room runs (after a restart, or once the process that held it died, the first person back
   * brings it back, in the process they reached). False when there is no such table; rejects when it cannot be opened
   * right now (a process shutting down, the database away): a moment to wait, not a deleted table.
   */
  ensureRoom(tableId: string): Promise<boolean>;
  /**
   * Asks the table's room whether this arrival may sit now (a refusal rejects as the room's ServerError), then reserves
   * the seat in the process that holds the room: the reservation names that process (and its PUBLIC_ADDRESS), where
   * the WebSocket goes. Undefined when there is no such table.
   */
  reserve(tableId: string, arrival: Arrival, options?: ConnectionOptions): Promise<SeatReservation | undefined>;
  /** Who sits at the table with this seat key's hash, from its live room (opened if needed); null: nobody. */
  seatOf(tableId: string, seatKeyHash: string): Promise<string | null>;
  /**
   * Deletes the table and everything in it. A live room does it itself (server/room/table-room.ts, erase()): its
   * pending writes land first, then every connection is closed with DELETED_CLOSE_CODE and the room disposes. With
   * `untouchedBefore` (the retention sweep), a table touched since then is kept. Resolves whether it was deleted.
   */
  delete(tableId: string, untouchedBefore?: number): Promise<boolean>;
}

/** What the browser's SDK takes to open the WebSocket (server/http/join.ts answers it). */
export type SeatReservation = Awaited<ReturnType<typeof matchMaker.reserveSeatFor>>;

/** How long a deletion may wait for a room in another process (its pending writes, then its connections closed). */
const ERASE_TIMEOUT_MS = 30_000;

export function tablesFor(
  store: TableStore,
  cards: readonly Card[],
  creationTicket: string,
  placement: Placement = localPlacement,
): Tables {
  // A table's room opens in the process that needs it (matchMaker.createRoom creates here: server/app.ts).
  const rooms = roomOpener(placement, (tableId) =>
    matchMaker.createRoom(ROOM_NAME, { tableId, ticket: creationTicket }),
  );

  const cardsById = Object.fromEntries(cards.map((card) => [card.id, card]));

  async function store_(
    initial: TableState,
    { workshopId, facilitatorKey = newSecret() }: OpenOptions = {},
  ): Promise<OpenedTable> {
    const invite = newSecret();
    const observerKey = newSecret();
    await store.create({
      id: initial.id,
      createdAt: initial.createdAt,
      facilitatorKeyHash: hashSecret(facilitatorKey),
      invite,
      observerKey,
      workshopId: workshopId ?? null,
      initial,
    });
    await matchMaker.createRoom(ROOM_NAME, { tableId: initial.id, ticket: creationTicket });
    return { tableId: initial.id, invite, facilitatorKey, observerKey };
  }

  const ensureRoom = (tableId: string) => rooms.ensure(tableId);

  /**
   * Calls a method of the table's room, opened first if needed; undefined when there is no such table. A room whose
   * process does not answer is looked for again once (its process dead: the table opens again here) and asked again.
   */
  async function ask<T>(tableId: string, method: string, args: unknown[] = []): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      if (!(await ensureRoom(tableId))) return undefined;
      try {
        return await callRoom<T>(tableId, method, args);
      } catch (error) {
        if (!(error instanceof RoomUnreachableError) || attempt > 0) throw error;
      }
    }
  }

  return {
    async open(setup, options) {
      const outcome = createTable({ id: newId(), now: Date.now(), seed: newSecret(), setup, cards });
      if (!outcome.ok) return outcome;
      return { ok: true, table: await store_(outcome.state, options) };
    },

    async openFrom(initial, options) {
      return store_(initial(newId(), Date.now()), options);
    },

    check(setup) {
      const checked = checkSetup(setup, cardsById);
      return checked.ok ? null : checked.refusal;
    },

    secrets(tableId) {
      return store.secrets(tableId);
    },

    hasSeat(tableId, seatKeyHash) {
      return store.hasSeat(tableId, seatKeyHash);
    },

    findByJoinCode(code) {
      return store.findByJoinCode(code);
    },

    welcome(tableId) {
      return ask<TableWelcome>(tableId, "welcome");
    },

    current(tableId) {
      return ask<TableState>(tableId, "exportState");
    },

    async published(publicId) {
      const tableId = await store.findByPublication(publicId);
      if (!tableId) return undefined;
      return (await ask<TableState | null>(tableId, "publishedState", [publicId])) ?? undefined;
    },

    summary(tableId, name) {
      return ask<TableSummary>(tableId, "summary", [name]);
    },

    ensureRoom,

    async reserve(tableId, arrival, options = {}) {
      const admission = await ask<Admission>(tableId, "admit", [arrival]);
      if (!admission) return undefined;
      const room = await matchMaker.getRoomById(tableId);
      // Closed in between (its last person left): not a deleted table, a moment to try again.
      if (!room) throw new RoomUnreachableError(`table ${tableId} closed while a seat was being reserved`);
      return matchMaker.reserveSeatFor(room, options, admission);
    },

    async seatOf(tableId, seatKeyHash) {
      return (await ask<string | null>(tableId, "seatOf", [seatKeyHash])) ?? null;
    },

    async delete(tableId, untouchedBefore) {
      // A room being opened right now (a join, an export) is waited for, then deleted through it like any live room.
      await rooms.pending(tableId)?.catch(() => undefined);
      if (await placement.running(tableId)) {
        return callRoom<boolean>(tableId, "erase", [untouchedBefore ?? null], ERASE_TIMEOUT_MS);
      }
      return store.delete(tableId);
    },
  };
}
