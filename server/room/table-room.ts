// The Colyseus room of one table: its lifecycle and its messages. Each request is paced, parsed and handed to the
// table's session (server/session/table-session.ts: the rules, the log written before anyone is told, de-duplication,
// undo); after each change the room projects the table into the synced schema and sends the patch. Hands stay private
// through one StateView per seated connection.
import { Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Logger } from "pino";
import type { Card, TableState } from "#shared/model.ts";
import {
  ACTION_REQUEST,
  actionRequestSchema,
  actionSchema,
  INVITE_LINK_REQUEST,
  ROTATE_INVITE_REQUEST,
  WHOAMI_REQUEST,
  type RefusalReply,
  type TableWelcome,
  type Whoami,
} from "#shared/protocol.ts";
import { t } from "#shared/i18n/translate.ts";
import { MOVED_CLOSE_CODE, WORKSHOP_ACTOR_ID, type TableSummary, type WorkshopActReply } from "#shared/workshop.ts";
import { floodFramesPerSecond, type Limits } from "../limits.ts";
import { countingRefusals, timeAction } from "../metrics.ts";
import { deletionDate } from "../retention.ts";
import { newId } from "../secrets.ts";
import { refusal, TableSession, type Admission, type Arrival } from "../session/table-session.ts";
import type { TableStore } from "../store/table-store.ts";
import {
  DELETED_CLOSE_CODE,
  isDrop,
  isTablePath,
  Pacing,
  RECONNECT_SECONDS,
  REMOVED_CLOSE_CODE,
  STALE_CLOSE_CODE,
} from "./connections.ts";
import { withDrawnParts } from "./drawn.ts";
import { projectRoom, seatView } from "./projection.ts";
import { TableSchema } from "./schema.ts";
import { summaryPublisher, type SummaryPublisher } from "./summary-publisher.ts";

export type { Admission, Arrival, LinkKind } from "../session/table-session.ts";

export { DELETED_CLOSE_CODE, FLOOD_CLOSE_CODE, RECONNECT_SECONDS, REMOVED_CLOSE_CODE } from "./connections.ts";

export interface RoomServices {
  store: TableStore;
  logger: Logger;
  /** Known only to this process: rooms are opened by the server, never by a client through the matchmaker. */
  creationTicket: string;
  limits: Limits;
  /** Days without any entry after which the server deletes a table (RETENTION_DAYS): the date is shown at the table. */
  retentionDays: number;
  /** The kit's cards, shared by every table that holds them unchanged (server/session/table-session.ts). */
  kitCards?: readonly Card[];
}

/** A seated person, or an observer (the read-only link): no seat, nothing private, no action. */
type Seat = { participantId: string; observer?: false } | { participantId?: undefined; observer: true };
type SeatClient = Client<{ userData: Seat }>;

export interface CreateOptions {
  tableId: string;
  ticket: string;
}

export function tableRoomFor(services: RoomServices) {
  const { logger, limits } = services;

  return class TableRoom extends Room<{ state: TableSchema; client: SeatClient }> {
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
    /** Live connections and whose seat they hold (a person may have two tabs open). Observers are not in it. */
    #live = new Map<SeatClient, string>();
    /**
     * Where people moved to another table went (their new table's path), while this room lives: a connection of theirs
     * coming back from a drop is sent on too. After a restart their browser is told by the refusal of their old seat.
     */
    #movedPaths = new Map<string, string>();
    /** A table of a workshop tells the workshop's overview how it stands after each change (coalesced). */
    #overview: SummaryPublisher | null = null;

    override messages = countingRefusals({
      // Parsed here rather than by Colyseus' validator, so a malformed payload gets a readable refusal too.
      [ACTION_REQUEST]: async (client: SeatClient, payload: unknown, ctx: MessageContext) => {
        const sent = timeAction();
        if (!(await this.#pacing.action(paceKey(client)))) return ctx.reject(refusal("tooFast"));
        if (client.userData?.observer) return ctx.reject(refusal("observerReadOnly"));
        const actorId = client.userData?.participantId;
        if (!actorId) return ctx.reject(refusal("notSeated"));
        const request = actionRequestSchema.safeParse(payload);
        if (!request.success) return ctx.reject(refusal("invalidMessage"));
        const reply = await this.#session.act(actorId, request.data.id, withDrawnParts(request.data.action));
        // Another copy of this table wrote since this one opened (a failover between processes): everyone is sent
        // back before any answer, so their browsers rejoin where the table lives and send what waits again.
        if (this.#session.stale) return void (await this.disconnect(STALE_CLOSE_CODE));
        if (!("ok" in reply)) return ctx.reject(reply);
        this.#dismissRemoved();
        sent();
        return reply;
      },
      [WHOAMI_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#pacing.seat(paceKey(client)))) return ctx.reject(refusal("tooFast"));
        if (client.userData?.observer)
          return { participantId: null, facilitator: false, observer: true } satisfies Whoami;
        const participant = this.#session.participant(client.userData?.participantId);
        if (!participant) return ctx.reject(refusal("notSeated"));
        return {
          participantId: participant.id,
          facilitator: participant.facilitator,
          observer: false,
        } satisfies Whoami;
      },
      /** The participant and observer links, for a facilitator to share again after a reload. */
      [INVITE_LINK_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#pacing.seat(paceKey(client)))) return ctx.reject(refusal("tooFast"));
        const refused = this.#facilitatorOnly(client);
        return refused ? ctx.reject(refused) : this.#session.shareLinks();
      },
      /**
       * A new participant link: the old one stops letting anyone in (someone removed, a link posted where it should not
       * be). People already seated keep their seat through their seat key.
       */
      [ROTATE_INVITE_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#pacing.seat(paceKey(client)))) return ctx.reject(refusal("tooFast"));
        const refused = this.#facilitatorOnly(client);
        if (refused) return ctx.reject(refused);
        const links = await this.#session.rotateInvite();
        return "path" in links ? links : ctx.reject(links);
      },
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
      // gave it 6 % of the server's time). Colyseus then only ticks the room's clock (its flood guard counts by it).
      this.patchRate = null;
      this.#project();
      logger.info({ tableId: this.roomId, entries: session.entries }, "table opened from storage");
    }

    /**
     * Whether this arrival may take its seat now (called over HTTP by server/http/join.ts, before any seat is reserved,
     * and again in onJoin, since the table may have changed in between). Throws a readable ServerError when not.
     */
    admit(arrival: Arrival, joining?: SeatClient): Admission {
      const others = this.clients.filter((c) => c !== joining);
      if (arrival.link === "observer" && !this.#session.erasing) {
        // The observer link: it sees the table whatever its phase or lock, and takes no seat.
        const observers = others.filter((c) => c.userData?.observer).length;
        if (observers >= limits.observersPerTable)
          throw new ServerError(429, t("refusal.tooManyObservers", { max: limits.observersPerTable }));
        return {
          observer: true,
          participantId: null,
          facilitator: false,
          name: "",
          role: "",
          seatKeyHash: arrival.seatKeyHash,
        };
      }
      const admitted = this.#session.admit(arrival);
      if ("status" in admitted) throw new ServerError(admitted.status, admitted.message);
      const open = others.filter((c) => c.userData?.participantId === admitted.participantId).length;
      if (admitted.participantId && open >= limits.connectionsPerSeat)
        throw new ServerError(429, t("refusal.tooManyConnections", { max: limits.connectionsPerSeat }));
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

    /** What a page about to join is told: the table's title, and why a newcomer could not sit now (null if they could). */
    welcome(): TableWelcome {
      return this.#session.welcome();
    }

    /** Who sits here with this seat key (its hash), for what a participant takes home (server/http/take-home.ts). */
    seatOf(seatKeyHash: string): string | null {
      return this.#session.seatOf(seatKeyHash);
    }

    /** The table as it stands, for the exports (read only: every change goes through the rules and the log). */
    exportState(): TableState {
      return this.#session.table;
    }

    /** The story as its public page shows it, when it is published at this address and closed; null otherwise. */
    publishedState(publicId: string): TableState | null {
      return this.#session.publishedState(publicId);
    }

    /**
     * What the workshop facilitator does to this table from the overview (asked by the workshop room through
     * matchMaker.remoteRoomCall): the action goes through the rules as WORKSHOP_ACTOR_ID, and the same path as a seated
     * person's, so it is durable and replays. Parsed again here: it crossed from another room, maybe another process.
     */
    async workshopAct(payload: unknown): Promise<WorkshopActReply> {
      const parsed = actionSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, ...refusal("invalidMessage") };
      const reply = await this.#session.act(WORKSHOP_ACTOR_ID, newId(), withDrawnParts(parsed.data));
      return "ok" in reply ? { ok: true } : { ok: false, ...reply };
    }

    /**
     * Moves someone to another table of the workshop (before play): moveAway through workshopAct, then each of their
     * connections is closed with MOVED_CLOSE_CODE and the new table's path (its participant link) as the reason, which
     * their browser follows. The path must be one of this site's table links, short enough for a close reason.
     */
    async moveOut(participantId: string, to: { path: string; name: string }): Promise<WorkshopActReply> {
      if (!isTablePath(to.path)) return { ok: false, ...refusal("invalidMessage") };
      const moved = await this.workshopAct({ type: "moveAway", participantId, toTableName: to.name });
      if (!moved.ok) return moved;
      this.#movedPaths.set(participantId, to.path);
      for (const client of this.clients) {
        if (client.userData?.participantId === participantId) client.leave(MOVED_CLOSE_CODE, to.path);
      }
      logger.info({ tableId: this.roomId, participantId }, "participant moved to another table of the workshop");
      return moved;
    }

    /** How the table stands for a workshop's lobby and overview, under the name the workshop gives it. */
    summary(name: string): TableSummary {
      return this.#session.summary(name, new Set(this.#live.values()));
    }

    override async onJoin(client: SeatClient, _options: unknown, reserved: Admission) {
      // The reservation was made a moment ago: the table may have changed since (removed, locked, limits).
      const link = reserved.observer ? "observer" : reserved.facilitator ? "facilitator" : "participant";
      const { seatKeyHash, name, role, zone } = reserved;
      const admitted = this.admit({ link, seatKeyHash, name, role, ...(zone && { zone }) }, client);
      this.#touchClock();
      if (admitted.observer) {
        client.userData = { observer: true };
        // A view with nothing in it: no seat, so no hand ever reaches an observer.
        client.view = new StateView();
        client.send(WHOAMI_REQUEST, { participantId: null, facilitator: false, observer: true } satisfies Whoami);
        return;
      }
      const seated = await this.#session
        .seat(admitted, (participantId) => {
          client.userData = { participantId };
          this.#live.set(client, participantId);
        })
        .catch((error: unknown) => {
          this.#live.delete(client);
          if (this.#session.stale) void this.disconnect(STALE_CLOSE_CODE);
          throw error;
        });
      if (!seated.ok) {
        this.#live.delete(client);
        throw new ServerError(400, seated.refusal.message);
      }
      this.#project();
      client.view = seatView(this.state, seated.state);
      // Who they are, sent with the first state (Colyseus holds what onJoin sends until the join is answered): the page
      // shows the table without asking (the whoami request stays for anyone who asks).
      const facilitator = this.#session.participant(seated.state)?.facilitator === true;
      client.send(WHOAMI_REQUEST, { participantId: seated.state, facilitator, observer: false } satisfies Whoami);
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
      if (this.#isRemoved(client) || !isDrop(code)) return;
      await this.allowReconnection(client, RECONNECT_SECONDS);
    }

    override onReconnect(client: SeatClient) {
      if (this.#session.erasing) return client.leave(DELETED_CLOSE_CODE, t("deletion.deleted"));
      const movedTo = this.#movedPaths.get(client.userData?.participantId ?? "");
      if (movedTo) return client.leave(MOVED_CLOSE_CODE, movedTo);
      if (this.#isRemoved(client)) return client.leave(REMOVED_CLOSE_CODE, t("refusal.seatRemoved"));
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

    /** Closes the connections of anyone the facilitator took off the table. */
    #dismissRemoved() {
      for (const client of this.clients) {
        if (this.#isRemoved(client)) client.leave(REMOVED_CLOSE_CODE, t("refusal.seatRemoved"));
      }
    }

    #facilitatorOnly(client: SeatClient): RefusalReply | null {
      if (client.userData?.observer) return refusal("observerReadOnly");
      const participant = this.#session.participant(client.userData?.participantId);
      if (!participant) return refusal("notSeated");
      if (!participant.facilitator) return refusal("facilitatorOnly");
      return null;
    }

    #isRemoved(client: SeatClient): boolean {
      return this.#session.participant(client.userData?.participantId)?.removed === true;
    }

    /** Writes the table into the synced state and sends what changed to everyone at the table. */
    #project() {
      // Whose views hold which hand, gathered only if a hand changed (most changes touch no hand).
      let views: Map<string, StateView[]> | null = null;
      const viewsOf = (id: string): readonly StateView[] => {
        views ??= viewsBySeat(this.clients);
        return views.get(id) ?? [];
      };
      projectRoom(this.state, this.#session.table, {
        connected: new Set(this.#live.values()),
        now: Date.now(),
        deleteAfter: deletionDate(this.#session.lastActivity(), services.retentionDays),
        viewsOf,
      });
      this.broadcastPatch();
      this.#overview?.changed();
    }

    #setLive(client: SeatClient, live: boolean) {
      const id = client.userData?.participantId;
      if (!id) return;
      if (live) this.#live.set(client, id);
      else this.#live.delete(client);
      // A stopping process closes every connection: telling those who remain of each departure would send the table
      // to every connection once per connection.
      if (!this.#stopping) this.#project();
    }
  };
}

/** The views of each seat's connections (observers have a view with nothing in it, and no seat). */
function viewsBySeat(clients: readonly SeatClient[]): Map<string, StateView[]> {
  const views = new Map<string, StateView[]>();
  for (const client of clients) {
    const id = client.userData?.participantId;
    if (!id || !client.view) continue;
    const own = views.get(id);
    if (own) own.push(client.view);
    else views.set(id, [client.view]);
  }
  return views;
}

/** Whose pace a request counts against: the seat (all its connections together), or an observer's own connection. */
function paceKey(client: SeatClient): string {
  return client.userData?.participantId ?? `connection:${client.sessionId}`;
}
