// The Colyseus room of one table: its lifecycle and its messages. Each request is paced, parsed and handed to the
// table's session (server/room/table-messages.ts; server/session/table-session.ts: the rules, the log written before
// anyone is told, de-duplication, undo); after each change the room projects the table into the synced schema and
// sends the patch. Hands stay private through one StateView per seated connection; a patch that touches no hand is
// encoded once for all (server/room/shared-patches.ts).
import { Room, ServerError } from "@colyseus/core";
import type { TableState } from "#shared/model.ts";
import { WHOAMI_REQUEST, type TableWelcome } from "#shared/protocol.ts";
import { t } from "#shared/i18n/translate.ts";
import type { TableSummary, WorkshopActReply } from "#shared/workshop.ts";
import { floodFramesPerSecond, type Limits } from "../limits.ts";
import { deletionDate } from "../retention.ts";
import { refusal, TableSession, type Admission, type Arrival, type SessionServices } from "../session/table-session.ts";
import { Attendance } from "./attendance.ts";
import { DELETED_CLOSE_CODE, heldForReturn, isDrop, isTablePath, Pacing, STALE_CLOSE_CODE } from "./connections.ts";
import { projectRoom, seatView } from "./projection.ts";
import { TableSchema } from "./schema.ts";
import { sharePublicPatches } from "./shared-patches.ts";
import { allowStateWithJoin, sendStateWithJoin } from "./state-with-join.ts";
import { summaryPublisher, type SummaryPublisher } from "./summary-publisher.ts";
import { OBSERVER, tableMessages, type SeatClient } from "./table-messages.ts";

export type { Admission, Arrival, LinkKind } from "../session/table-session.ts";

export { DELETED_CLOSE_CODE, FLOOD_CLOSE_CODE, REMOVED_CLOSE_CODE } from "./connections.ts";

/** What the session needs (the store, the log's limits, the kit's cards, the logger), and what the room adds. */
export interface RoomServices extends SessionServices {
  /** Known only to this process: rooms are opened by the server, never by a client through the matchmaker. */
  creationTicket: string;
  limits: Limits;
  /** Days without any entry after which the server deletes a table (RETENTION_DAYS): the date is shown at the table. */
  retentionDays: number;
  /** How long a dropped connection keeps its place (RECONNECT_SECONDS). */
  reconnectSeconds: number;
}

/** What the seat reservation passes to onJoin besides the admission (server/tables.ts reserve). */
export interface ConnectionOptions {
  /** The browser listens before it connects: the state comes with JOIN_ROOM (server/room/state-with-join.ts). */
  stateWithJoin?: boolean;
}

export interface CreateOptions {
  tableId: string;
  ticket: string;
}

export function tableRoomFor(services: RoomServices) {
  const { logger, limits } = services;

  const TableRoom = class TableRoom extends Room<{ state: TableSchema; client: SeatClient }> {
    /**
     * Seats join only through a reservation made by server/http/join.ts once the link is checked; the matchmaker's
     * own routes are closed (server/http/matchmaking.ts), and this refuses anything that would still reach them.
     */
    static override async onAuth(): Promise<false> {
      return false;
    }

    // A backstop far above the per-seat limit below, for raw frames that are not even requests: past it Colyseus
    // closes the connection (FLOOD_CLOSE_CODE), and onDrop lets it go at once. Counted as frames are handled: after a
    // stall, a person's queued frames count together, hence the wide margin. Colyseus lets one frame more through
    // than its setting: minus one, so that the limit is exactly FLOOD_FRAMES_PER_SECOND.
    override maxMessagesPerSecond = floodFramesPerSecond(limits) - 1;
    override maxClients = limits.connectionsPerTable;
    override state = new TableSchema();
    #pacing = new Pacing(limits);
    #session!: TableSession;
    #attendance = new Attendance<SeatClient>(
      () => this.clients,
      limits,
      (participantId) => this.#session.participant(participantId)?.removed === true,
      { ms: () => this.seatReservationTimeout * 1000 },
    );
    /** A table of a workshop tells the workshop's overview how it stands after each change (coalesced). */
    #overview: SummaryPublisher | null = null;

    override messages = tableMessages({
      session: () => this.#session,
      pacing: this.#pacing,
      dismissRemoved: () => this.#attendance.dismissRemoved(),
      sendEveryoneBack: () => this.disconnect(STALE_CLOSE_CODE),
    });

    override async onCreate(options: CreateOptions) {
      if (options?.ticket !== services.creationTicket)
        throw new ServerError(403, "Tables are opened over HTTP, not by the matchmaker.");
      const session = await TableSession.open(services, options.tableId);
      if (!session) throw new ServerError(404, `Unknown table ${options.tableId}`);
      this.#session = session;
      this.roomId = session.id;
      const { workshopId } = session;
      // Named by the overview (the workshop keeps the tables' names).
      if (workshopId) this.#overview = summaryPublisher(this.presence, workshopId, () => this.summary(""));
      session.onChange = () => this.#project();
      // Every change is sent as it is made (#project), so Colyseus' own patch every 50 ms is off: with private hands
      // it looked through every connection of every table each time (at 200 tables, 4,000 calls a second: a profile
      // gave it 6 % of the server's time). Without it Colyseus would tick the room's clock 60 times a second for its
      // flood guard, which counts frames by that clock (12,000 timers a second at 200 tables, 3 % of the server's
      // time): ten ticks a second keep its count within a tenth of a second of the real one. Set before the patch
      // rate, which adds the 60 ticks only when no interval ticks the clock.
      this.setTimestep(() => undefined, CLOCK_TICK_MS);
      this.patchRate = null;
      // A patch that touches no hand is encoded once for everyone, not once per connection (server/room/shared-patches.ts).
      sharePublicPatches(this);
      this.#project();
      logger.info({ tableId: this.roomId, entries: session.entries }, "table opened from storage");
    }

    /**
     * Whether this arrival may take its seat now (called over HTTP by server/http/join.ts, before any seat is reserved,
     * and again in onJoin, since the table may have changed in between). Throws a readable ServerError when not.
     */
    admit(arrival: Arrival, joining?: SeatClient): Admission {
      // Every connection taken or reserved: refused before a place is held for a reservation that could not be made.
      if (!joining && this.hasReachedMaxClients()) throw new ServerError(503, t("refusal.tableBusy"));
      if (arrival.link === "observer" && !this.#session.erasing) {
        // The observer link: it sees the table whatever its phase or lock, and takes no seat.
        this.#attendance.makeRoom(undefined, joining);
        const { seatKeyHash } = arrival;
        return { observer: true, participantId: null, facilitator: false, name: "", role: "", seatKeyHash };
      }
      const admitted = this.#session.admit(arrival);
      if ("status" in admitted) throw new ServerError(admitted.status, admitted.message);
      this.#attendance.makeRoom(admitted.participantId, joining);
      return admitted;
    }

    /**
     * Deletes the table (asked over HTTP by its facilitator, or by the retention sweep with the cutoff it judged by):
     * the writes already accepted land first, then the store forgets the table, then every connection is closed with
     * DELETED_CLOSE_CODE and the room disposes. Resolves whether the table was deleted.
     */
    async erase(untouchedBefore?: number | null): Promise<boolean> {
      if (!(await this.#session.erase(untouchedBefore))) return false;
      for (const client of this.clients) client.leave(DELETED_CLOSE_CODE, t("deletion.deleted"));
      await this.disconnect(DELETED_CLOSE_CODE);
      return true;
    }

    // Questions asked over HTTP, from this process or another (callRoom, server/placement.ts), that the session
    // answers: what a page about to join is told; who sits with this seat key (its hash), for what a participant takes
    // home; the table for the exports (read only: every change goes through the rules and the log); the story as its
    // public page shows it.
    welcome = (): TableWelcome => this.#session.welcome();
    seatOf = (seatKeyHash: string): string | null => this.#session.seatOf(seatKeyHash);
    exportState = (): TableState => this.#session.table;
    publishedState = (publicId: string): TableState | null => this.#session.publishedState(publicId);

    /** What the workshop facilitator does to this table from the overview (TableSession.actForWorkshop). */
    workshopAct = (payload: unknown): Promise<WorkshopActReply> => this.#session.actForWorkshop(payload);

    /**
     * Moves someone to another table of the workshop (before play): moveAway through workshopAct, then each of their
     * connections is closed with MOVED_CLOSE_CODE and the new table's path (its participant link) as the reason, which
     * their browser follows. The path must be one of this site's table links, short enough for a close reason.
     */
    async moveOut(participantId: string, to: { path: string; name: string }): Promise<WorkshopActReply> {
      if (!isTablePath(to.path)) return { ok: false, ...refusal("invalidMessage") };
      const moved = await this.workshopAct({ type: "moveAway", participantId, toTableName: to.name });
      if (!moved.ok) return moved;
      this.#attendance.moved(participantId, to.path);
      logger.info({ tableId: this.roomId, participantId }, "participant moved to another table of the workshop");
      return moved;
    }

    /** How the table stands for a workshop's lobby and overview, under the name the workshop gives it. */
    summary(name: string): TableSummary {
      return this.#session.summary(name, this.#attendance.online());
    }

    override async onJoin(client: SeatClient, options: ConnectionOptions | undefined, reserved: Admission) {
      // The reservation was made a moment ago: the table may have changed since (removed, locked, limits).
      const link = reserved.observer ? "observer" : reserved.facilitator ? "facilitator" : "participant";
      const { seatKeyHash, name, role, zone } = reserved;
      this.#attendance.arrive(reserved.observer ? undefined : reserved.participantId);
      const admitted = this.admit({ link, seatKeyHash, name, role, ...(zone && { zone }) }, client);
      this.#touchClock();
      if (admitted.observer) {
        this.#attendance.observe(client);
        if (options?.stateWithJoin) sendStateWithJoin(client);
        return client.send(WHOAMI_REQUEST, OBSERVER);
      }
      const seated = await this.#session
        .seat(admitted, (participantId) => this.#attendance.seat(client, participantId))
        .catch((error: unknown) => {
          this.#attendance.setLive(client, false);
          if (this.#session.stale) void this.disconnect(STALE_CLOSE_CODE);
          throw error;
        });
      if (!seated.ok) {
        this.#attendance.setLive(client, false);
        throw new ServerError(400, seated.refusal.message);
      }
      this.#project();
      client.view = seatView(this.state, seated.state);
      if (options?.stateWithJoin) sendStateWithJoin(client);
      // Who they are, sent with the first state (Colyseus holds what onJoin sends until the join is answered): the page
      // shows the table without asking (the whoami request stays for anyone who asks).
      client.send(WHOAMI_REQUEST, this.#session.whoami(seated.state));
    }

    /** The process is stopping: a connection closed now is not held for a reconnection, which goes to another process. */
    #stopping = false;

    override onBeforeShutdown() {
      this.#stopping = true;
      super.onBeforeShutdown();
    }

    override async onDrop(client: SeatClient, code?: number) {
      this.#setLive(client, false);
      if (this.#session.erasing || this.#stopping) return;
      // Someone removed from the table does not get their connection back; a connection closed for flooding is let go
      // at once (its browser joins again), rather than held open and silent for the reconnection delay.
      if (this.#attendance.isRemoved(client) || !isDrop(code)) return;
      await heldForReturn(this.allowReconnection(client, services.reconnectSeconds));
    }

    override onReconnect(client: SeatClient) {
      if (this.#session.erasing) return client.leave(DELETED_CLOSE_CODE, t("deletion.deleted"));
      if (this.#attendance.turnAwayReturning(client)) return;
      this.#touchClock();
      this.#setLive(client, true);
    }

    override onLeave(client: SeatClient) {
      this.#setLive(client, false);
    }

    /** Shutdown and disposal wait until every accepted entry is written. */
    override async onDispose() {
      await this.#session?.drained();
      this.#overview?.flush();
    }

    override onUncaughtException(error: Error, methodName: string) {
      // A join refused for a reason (ServerError) is not a failure of the server. Only the error itself is logged:
      // Colyseus attaches the join options (with their secrets) or the message to it, and those stay out of the log.
      const cause = (error as { cause?: unknown }).cause ?? error;
      if (cause instanceof ServerError) return;
      logger.error({ err: cause, tableId: this.roomId, methodName }, "table handler failed");
    }

    /**
     * A running timer's serverNow is refreshed whenever someone arrives, so that the state they receive carries the
     * server's clock of now, not of the timer's last change: their countdown starts from the right time.
     */
    #touchClock() {
      if (this.state.timer) this.state.timer.serverNow = Date.now();
    }

    /** Writes the table into the synced state and sends what changed to everyone at the table. */
    #project() {
      const deleteAfter = deletionDate(this.#session.lastActivity(), services.retentionDays);
      projectRoom(this.state, this.#session.table, this.#attendance, deleteAfter);
      this.broadcastPatch();
      this.#overview?.changed();
    }

    #setLive(client: SeatClient, live: boolean) {
      // A stopping process closes every connection: telling those who remain of each departure would send the table
      // to every connection once per connection.
      if (this.#attendance.setLive(client, live) && !this.#stopping) this.#project();
    }
  };
  allowStateWithJoin(TableRoom);
  return TableRoom;
}

/** How often the room's clock moves, by which Colyseus counts each connection's frames per second (its flood guard). */
const CLOCK_TICK_MS = 100;
