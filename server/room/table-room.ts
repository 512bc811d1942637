// The Colyseus room of one table: validate → authorize → apply the shared rules → append to the log → project into
// the synced schema. The log is written before anyone is told; replaying it rebuilds the table after a restart.
import { CloseCode, Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Logger } from "pino";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Action, ActorZone, JoinRequest, TableState } from "#shared/model.ts";
import {
  ACTION_REQUEST,
  actionRequestSchema,
  actionSchema,
  INVITE_LINK_REQUEST,
  ROTATE_INVITE_REQUEST,
  TABLE_DELETED_CLOSE_CODE,
  tableLink,
  WHOAMI_REQUEST,
  type RefusalReply,
  type ShareLinks,
  type TableWelcome,
  type Whoami,
} from "#shared/protocol.ts";
import {
  anonymisedCopy,
  anonymousIdentity,
  applyAction,
  join,
  nameAvailable,
  type Outcome,
} from "#shared/rules/index.ts";
import { t } from "#shared/i18n/translate.ts";
import { handOf, publicTable } from "#shared/view.ts";
import { floodFramesPerSecond, type Limits } from "../limits.ts";
import { countAcceptedAction, countingRefusals, timedWrite } from "../metrics.ts";
import { deletionDate } from "../retention.ts";
import { newId, newSecret } from "../secrets.ts";
import { anonymised, isHatOf, logBytes, undoTarget } from "../store/replay.ts";
import { replayOffThread } from "../store/replay-off-thread.ts";
import { beforeUndone } from "../store/snapshots.ts";
import type { JoinEntry, LogEntry, TableCreation, TableStore } from "../store/table-store.ts";
import { projectHand, projectTable } from "./projection.ts";
import { TableSchema } from "./schema.ts";
import { MOVED_CLOSE_CODE, WORKSHOP_ACTOR_ID, type WorkshopActReply } from "#shared/workshop.ts";
import { summaryPublisher, type SummaryPublisher } from "./summary-publisher.ts";
import { summarizeTable } from "#shared/workshop-summary.ts";
import { publishedTable } from "#shared/story/published.ts";
import { withDrawnParts } from "./drawn.ts";
import type { TableSummary } from "#shared/workshop.ts";

/** How long a dropped connection keeps its place in the room; after that the browser rejoins with its seat key. */
export const RECONNECT_SECONDS = 120;

/** Close code of the connections of someone the facilitator removed from the table (the SDK does not retry it). */
export const REMOVED_CLOSE_CODE = 4403;

/** Close code of every connection of a deleted table (declared with the protocol: the browser reads it too). */
export const DELETED_CLOSE_CODE = TABLE_DELETED_CLOSE_CODE;

/** Close code of a connection that sent frames far faster than any person: it is closed at once and may come back. */
export const FLOOD_CLOSE_CODE = CloseCode.WITH_ERROR;

/**
 * Closes that no network drop makes: flooding, a frame over the size limit (1009), a broken protocol (1002, 1003,
 * 1007, 1008). Such a connection's place is not kept for the reconnection delay (its browser joins again).
 */
const NOT_A_DROP = new Set<number>([FLOOD_CLOSE_CODE, 1002, 1003, 1007, 1008, 1009]);

export interface RoomServices {
  store: TableStore;
  logger: Logger;
  /** Known only to this process: rooms are opened by the server, never by a client through the matchmaker. */
  creationTicket: string;
  limits: Limits;
  /** Days without any entry after which the server deletes a table (RETENTION_DAYS): the date is shown at the table. */
  retentionDays: number;
}

/** A seated person, or an observer (the read-only link): no seat, nothing private, no action. */
type Seat = { participantId: string; observer?: false } | { participantId?: undefined; observer: true };
type SeatClient = Client<{ userData: Seat }>;

export interface CreateOptions {
  tableId: string;
  ticket: string;
}

/** Which link a join came with, checked over HTTP before the room is asked anything (server/http/join.ts). */
export type LinkKind = "facilitator" | "participant" | "observer" | "replacedInvite";

/** A join whose link was checked: what the room needs to admit it (no secret, only the seat key's hash). */
export interface Arrival {
  link: LinkKind;
  seatKeyHash: string;
  name: string;
  role: string;
  /** Where a newcomer stands on the kit's actor map (asked of participants). */
  zone?: ActorZone;
}

/** What the room admitted: the seat reservation carries it to onJoin. */
export interface Admission {
  /** Came with the observer link: watches, never acts, takes no seat. */
  observer: boolean;
  /** Set when the seat key is known: the person comes back to this seat. */
  participantId: string | null;
  facilitator: boolean;
  name: string;
  role: string;
  zone?: ActorZone;
  seatKeyHash: string;
}

type Reply = RefusalReply | { ok: true; repeated?: true };

/** An accepted request: the entry to append and the table after it. Or why not. */
type Accepted = { ok: true; logged: LogEntry; state: TableState } | { ok: false; refusal: RefusalReply };

export function tableRoomFor(services: RoomServices) {
  const { store, logger } = services;

  const { limits } = services;

  return class TableRoom extends Room<{ state: TableSchema; client: SeatClient }> {
    /**
     * Seats join only through a reservation made by server/http/join.ts once the link is checked; the matchmaker's
     * own routes are closed (server/http/matchmaking.ts), and this refuses anything that would still reach them.
     */
    static override async onAuth(): Promise<false> {
      return false;
    }

    /**
     * A backstop far above the per-seat limit below, for raw frames that are not even requests: past it Colyseus
     * closes the connection (FLOOD_CLOSE_CODE), and onDrop lets it go at once, without holding its place.
     */
    // Counted as frames are handled, not as they arrive: after a stall of the process, a person's queued frames are
    // counted together, hence the wide margin. Colyseus lets one frame more through than its setting (the frame that
    // opens each second is not counted): minus one, so that the limit is exactly FLOOD_FRAMES_PER_SECOND.
    override maxMessagesPerSecond = floodFramesPerSecond(limits) - 1;
    override maxClients = limits.connectionsPerTable;
    override state = new TableSchema();
    /** Requests per seat (all its connections together) or per observer connection; over it, a clear refusal. */
    #pace = new RateLimiterMemory({ points: limits.actionsPerSecond, duration: 1 });
    /** Actions of the whole table (the rules, the log and a patch to every connection: what one table costs the process). */
    #tablePace = new RateLimiterMemory({ points: limits.tableActionsPerSecond, duration: 1 });
    #logBytes = 0;

    #creation!: TableCreation;
    #table!: TableState;
    /** Every accepted entry, in order: an undo replays it without what it undoes. */
    #log: LogEntry[] = [];
    /** participantId by seat key hash. */
    #seats = new Map<string, string>();
    #entryIds = new Set<string>();
    #lastSeq = 0;
    /** Live connections and whose seat they hold (a person may have two tabs open). Observers are not in it. */
    #live = new Map<SeatClient, string>();
    #queue: Promise<unknown> = Promise.resolve();
    /** Set once the table is being deleted: nothing more is accepted, nobody more admitted. */
    #erasing = false;
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
        if (!(await this.#paced(client)) || !(await this.#tablePaced())) return ctx.reject(refusal("tooFast"));
        return this.#serially(async () => {
          if (this.#erasing) return ctx.reject({ code: "tableDeleted", message: t("deletion.deleted") });
          if (client.userData?.observer) return ctx.reject(refusal("observerReadOnly"));
          const actorId = client.userData?.participantId;
          if (!actorId) return ctx.reject(refusal("notSeated"));
          const request = actionRequestSchema.safeParse(payload);
          if (!request.success) return ctx.reject(refusal("invalidMessage"));
          const { id, action } = request.data;
          const entryId = `${actorId}:${id}`;
          // Sent again after a lost acknowledgement: it is in the log already, apply it once only.
          if (this.#entryIds.has(entryId)) return { ok: true, repeated: true } satisfies Reply;
          const accepted = await this.#accept(entryId, actorId, withDrawnParts(action), Date.now());
          if (!accepted.ok) return ctx.reject(accepted.refusal);
          try {
            await this.#commit(accepted.logged, accepted.state);
          } catch (error) {
            logger.error({ err: error, tableId: this.roomId }, "could not save an action");
            return ctx.reject(refusal("saveFailed"));
          }
          countAcceptedAction();
          this.#dismissRemoved();
          return { ok: true } satisfies Reply;
        });
      },
      [WHOAMI_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#paced(client))) return ctx.reject(refusal("tooFast"));
        if (client.userData?.observer)
          return { participantId: null, facilitator: false, observer: true } satisfies Whoami;
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusal("notSeated"));
        return {
          participantId: participant.id,
          facilitator: participant.facilitator,
          observer: false,
        } satisfies Whoami;
      },
      /** The participant and observer links, for a facilitator to share again after a reload. */
      [INVITE_LINK_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#paced(client))) return ctx.reject(refusal("tooFast"));
        const refused = this.#facilitatorOnly(client);
        if (refused) return ctx.reject(refused);
        return this.#shareLinks();
      },
      /**
       * A new participant link: the old one stops letting anyone in (someone removed, a link posted where it should not
       * be). People already seated keep their seat through their seat key.
       */
      [ROTATE_INVITE_REQUEST]: async (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#paced(client))) return ctx.reject(refusal("tooFast"));
        return this.#serially(async () => {
          const refused = this.#facilitatorOnly(client);
          if (refused) return ctx.reject(refused);
          const invite = newSecret();
          let joinCode: string;
          try {
            // The join code goes with the link it stands for: a new one replaces it in the same write.
            joinCode = await store.setInvite(this.#table.id, invite);
          } catch (error) {
            logger.error({ err: error, tableId: this.roomId }, "could not change the participant link");
            return ctx.reject(refusal("saveFailed"));
          }
          this.#creation = { ...this.#creation, invite, joinCode };
          logger.info({ tableId: this.roomId }, "participant link changed");
          return this.#shareLinks();
        });
      },
    });

    override async onCreate(options: CreateOptions) {
      if (options?.ticket !== services.creationTicket)
        throw new ServerError(403, "Tables are opened over HTTP, not by the matchmaker.");
      const stored = await store.load(options.tableId);
      if (!stored) throw new ServerError(404, `Unknown table ${options.tableId}`);
      const replayed = await replayOffThread(stored);
      this.roomId = stored.table.id;
      this.#logBytes = logBytes(stored.log);
      this.#creation = stored.table;
      this.#log = stored.log;
      this.#table = replayed.state;
      this.#seats = replayed.seats;
      this.#entryIds = replayed.entryIds;
      this.#lastSeq = replayed.lastSeq;
      if (stored.table.workshopId) {
        // Named by the overview (the workshop keeps the tables' names).
        this.#overview = summaryPublisher(this.presence, stored.table.workshopId, () => this.summary(""));
      }
      // An anonymisation whose rewrite of the stored name failed (or was cut short by a crash) is finished now.
      for (const participantId of new Set(stored.log.map(anonymised))) {
        if (participantId && this.#stillNamed(participantId)) await this.#forgetRealName(participantId);
      }
      // A publication whose address was not written beside the table (a failed write, a crash) is findable again.
      if (this.#table.publication) await this.#indexPublication();
      this.#project();
      logger.info({ tableId: this.roomId, entries: replayed.lastSeq }, "table opened from storage");
    }

    /**
     * Whether this arrival may take its seat now (called over HTTP by server/http/join.ts, before any seat is reserved,
     * and again in onJoin, since the table may have changed in between). Throws a readable ServerError when not.
     */
    admit(arrival: Arrival, joining?: SeatClient): Admission {
      if (this.#erasing) throw new ServerError(404, t("http.tableNotFound"));
      const others = this.clients.filter((c) => c !== joining);
      const { link, seatKeyHash } = arrival;
      if (link === "observer") {
        // The observer link: it sees the table whatever its phase or lock, and takes no seat.
        const observers = others.filter((c) => c.userData?.observer).length;
        if (observers >= limits.observersPerTable)
          throw new ServerError(429, t("refusal.tooManyObservers", { max: limits.observersPerTable }));
        return { observer: true, participantId: null, facilitator: false, name: "", role: "", seatKeyHash };
      }
      const facilitator = link === "facilitator";
      const known = this.#seats.get(seatKeyHash);
      // A participant link the facilitator replaced still brings back those already seated (their page holds it), and
      // nobody else.
      if (link === "replacedInvite" && !known) throw new ServerError(401, t("http.inviteReplaced"));
      if (known) {
        // A removed person's seat key no longer opens the table; someone moved away is told where they went.
        const seated = this.#table.participants.find((p) => p.id === known);
        if (seated?.movedTo) throw new ServerError(403, t("refusal.seatMoved", { table: seated.movedTo }));
        if (seated?.removed) throw new ServerError(403, t("refusal.seatRemoved"));
        const open = others.filter((c) => c.userData?.participantId === known).length;
        if (open >= limits.connectionsPerSeat)
          throw new ServerError(429, t("refusal.tooManyConnections", { max: limits.connectionsPerSeat }));
        return { observer: false, participantId: known, facilitator, name: "", role: "", seatKeyHash };
      }
      if (this.#logIsFull(0)) throw new ServerError(403, t("refusal.logFull"));
      // A dry run of the rules (closed story, locked table, full table, name…), so that a refused arrival gets its
      // reason before taking a connection.
      const zone = arrival.zone && { zone: arrival.zone };
      const trial = this.#trialJoin({ name: arrival.name, role: arrival.role, facilitator, ...zone });
      if (!trial.ok) throw new ServerError(400, trial.refusal.message);
      return {
        observer: false,
        participantId: null,
        facilitator,
        name: arrival.name,
        role: arrival.role,
        ...zone,
        seatKeyHash,
      };
    }

    /** The rules' verdict on a newcomer, without seating them: join() and the name check of arrivals. */
    #trialJoin(request: JoinRequest): Outcome<unknown> {
      const trial = join(this.#table, request, { actorId: "trial", now: Date.now() });
      return trial.ok ? nameAvailable(this.#table, request) : trial;
    }

    /**
     * Deletes the table (asked over HTTP by its facilitator, or by the retention sweep with the cutoff it judged by):
     * the writes already accepted land first, then the store forgets the table, then every connection is closed with
     * DELETED_CLOSE_CODE and the room disposes. With a cutoff, a table touched since the sweep looked is kept.
     * Resolves whether the table was deleted.
     */
    async erase(untouchedBefore?: number | null): Promise<boolean> {
      const deleted = await this.#serially(async () => {
        if (this.#erasing) return false;
        if (typeof untouchedBefore === "number" && this.#lastActivity() >= untouchedBefore) return false;
        this.#erasing = true;
        try {
          return await store.delete(this.roomId);
        } catch (error) {
          this.#erasing = false;
          throw error;
        }
      });
      if (!deleted) return false;
      for (const client of this.clients) client.leave(DELETED_CLOSE_CODE, t("deletion.deleted"));
      await this.disconnect(DELETED_CLOSE_CODE);
      return true;
    }

    /**
     * What a page about to join is told (asked over HTTP once its link or join code is checked, server/http/welcome.ts
     * and join-code.ts): the table's title, and why a newcomer could not sit now (null when they could).
     */
    welcome(): TableWelcome {
      if (this.#erasing) return { title: "", arrivals: { code: "tableNotFound", message: t("http.tableNotFound") } };
      if (this.#logIsFull(0)) return { title: this.#table.setup.title, arrivals: refusal("logFull") };
      // The rules' verdict on a newcomer (closed story, locked table, full table), with a name that is always valid.
      const trial = join(
        this.#table,
        { name: "Arrivée", role: "participant·e", facilitator: false },
        { actorId: "trial", now: Date.now() },
      );
      return { title: this.#table.setup.title, arrivals: trial.ok ? null : trial.refusal };
    }

    /**
     * Who sits at this table with this seat key (its hash), for what a participant takes home (server/http/take-home.ts):
     * their participant id, or null for a key this table never seated (an observer, another table's participant) and
     * for someone taken off the table or moved away.
     */
    seatOf(seatKeyHash: string): string | null {
      const participantId = this.#seats.get(seatKeyHash);
      if (this.#erasing || participantId === undefined) return null;
      return this.#table.participants.some((p) => p.id === participantId && !p.removed) ? participantId : null;
    }

    /** The table as it stands, for the exports (read only: every change goes through the rules and the log). */
    exportState(): TableState {
      return this.#table;
    }

    /**
     * The story as its public page shows it (shared/story/published.ts), when it is published at this address and
     * closed; null otherwise: taken back, published anew elsewhere, reopened for a while, or the table being deleted.
     * The room's own state decides, not the store's index, so that taking it back closes the page at once.
     */
    publishedState(publicId: string): TableState | null {
      const table = this.#table;
      if (this.#erasing || table.phase !== "closed" || table.publication?.id !== publicId) return null;
      return publishedTable(table);
    }

    /**
     * What the workshop facilitator does to this table from the overview (asked by the workshop room through
     * matchMaker.remoteRoomCall): the action goes through the rules as WORKSHOP_ACTOR_ID, and the same accept → log →
     * commit path as a seated person's, so it is durable and replays. Parsed again here: it crossed from another room,
     * maybe another process, as JSON.
     */
    async workshopAct(payload: unknown): Promise<WorkshopActReply> {
      const parsed = actionSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, ...refusal("invalidMessage") };
      const action = withDrawnParts(parsed.data);
      return this.#serially(async () => {
        if (this.#erasing) return { ok: false, code: "tableDeleted", message: t("deletion.deleted") };
        const accepted = await this.#accept(`${WORKSHOP_ACTOR_ID}:${newId()}`, WORKSHOP_ACTOR_ID, action, Date.now());
        if (!accepted.ok) return { ok: false, ...accepted.refusal };
        try {
          await this.#commit(accepted.logged, accepted.state);
        } catch (error) {
          logger.error({ err: error, tableId: this.roomId }, "could not save a workshop action");
          return { ok: false, ...refusal("saveFailed") };
        }
        countAcceptedAction();
        return { ok: true };
      });
    }

    /**
     * Moves someone to another table of the workshop (before play): moveAway through workshopAct, then each of their
     * connections is closed with MOVED_CLOSE_CODE and the new table's path (its participant link) as the reason, which
     * their browser follows. Everyone else stays. The path must be one of this site's table links, short enough for a
     * close reason (123 bytes).
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
      return summarizeTable(this.#table, { name, online: new Set(this.#live.values()), now: Date.now() });
    }

    override async onJoin(client: SeatClient, _options: unknown, reserved: Admission) {
      // The reservation was made a moment ago: the table may have changed since (removed, locked, limits).
      const auth = this.admit(
        {
          link: reserved.observer ? "observer" : reserved.facilitator ? "facilitator" : "participant",
          seatKeyHash: reserved.seatKeyHash,
          name: reserved.name,
          role: reserved.role,
          ...(reserved.zone && { zone: reserved.zone }),
        },
        client,
      );
      this.#touchClock();
      if (auth.observer) {
        client.userData = { observer: true };
        // A view with nothing in it: no seat, so no hand ever reaches an observer.
        client.view = new StateView();
        return;
      }
      await this.#serially(async () => {
        const participantId = auth.participantId ?? this.#seats.get(auth.seatKeyHash) ?? `p-${newId()}`;
        client.userData = { participantId };
        this.#live.set(client, participantId);
        if (!this.#table.participants.some((p) => p.id === participantId)) {
          const entry: JoinEntry = {
            kind: "join",
            participantId,
            name: auth.name,
            role: auth.role,
            ...(auth.zone && { zone: auth.zone }),
            facilitator: auth.facilitator,
            seatKeyHash: auth.seatKeyHash,
          };
          const now = Date.now();
          const available = nameAvailable(this.#table, entry);
          const outcome = available.ok ? join(this.#table, entry, { actorId: participantId, now }) : available;
          if (!outcome.ok) {
            this.#live.delete(client);
            throw new ServerError(400, outcome.refusal.message);
          }
          await this.#commit(this.#entry(`join:${participantId}`, now, entry), outcome.state);
          this.#seats.set(auth.seatKeyHash, participantId);
          logger.info({ tableId: this.roomId, participantId, facilitator: auth.facilitator }, "participant seated");
        } else {
          this.#project();
        }
        this.#attachView(client, participantId);
      });
    }

    override async onDrop(client: SeatClient, code?: number) {
      this.#setLive(client, false);
      if (this.#erasing) return;
      // Someone removed from the table does not get their connection back; a connection closed for flooding is let go
      // at once (its browser joins again), rather than held open and silent for the reconnection delay.
      if (this.#isRemoved(client) || (code !== undefined && NOT_A_DROP.has(code))) return;
      await this.allowReconnection(client, RECONNECT_SECONDS);
    }

    override onReconnect(client: SeatClient) {
      if (this.#erasing) return client.leave(DELETED_CLOSE_CODE, t("deletion.deleted"));
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
      await this.#queue;
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
     * The rules decide first, for every action (undo included: who may, in which phase); then comes what the log gets
     * and the table it leads to. An undo leads to the replay of the log without what it undoes.
     */
    async #accept(entryId: string, actorId: string, action: Action, now: number): Promise<Accepted> {
      const outcome = applyAction(this.#table, action, { actorId, now });
      if (!outcome.ok) return outcome;
      if (action.type === "undo") return this.#undo(entryId, actorId, now);
      const logged = this.#entry(entryId, now, { kind: "action", actorId, action });
      if (this.#logIsFull(logBytes([logged]))) return { ok: false, refusal: refusal("logFull") };
      return { ok: true, logged, state: outcome.state };
    }

    /** Whether an entry of this many bytes would take the log past its limits. */
    #logIsFull(bytes: number): boolean {
      return this.#log.length >= limits.logEntries || this.#logBytes + bytes > limits.logBytes;
    }

    #entry(entryId: string, at: number, entry: LogEntry["entry"]): LogEntry {
      return { seq: this.#lastSeq + 1, entryId, at, entry };
    }

    /**
     * Undoes the last action not undone yet: the table becomes the replay of its log without it. When what followed
     * depends on it (the replay would refuse an entry), the undo is refused rather than leaving a log that no longer
     * replays: every stored log replays strictly, entry by entry.
     */
    async #undo(entryId: string, actorId: string, now: number): Promise<Accepted> {
      const undoes = undoTarget(this.#log);
      if (!undoes) return { ok: false, refusal: refusal("nothingToUndo") };
      const logged = this.#entry(entryId, now, { kind: "undo", actorId, undoes });
      if (this.#logIsFull(logBytes([logged]))) return { ok: false, refusal: refusal("logFull") };
      try {
        // Replayed from the nearest snapshot before the undone entry (else from the start), on the worker thread, so
        // that the other tables of the process never wait for it.
        const { state } = await replayOffThread(
          await beforeUndone(store, { table: this.#creation, log: [...this.#log, logged] }, undoes),
        );
        return { ok: true, logged, state };
      } catch {
        return { ok: false, refusal: refusal("undoConflict") };
      }
    }

    /** Write first; only then does anyone see the change. */
    async #commit(logged: LogEntry, next: TableState) {
      await timedWrite(() => store.append(this.#table.id, logged));
      const published = this.#table.publication?.id;
      this.#log.push(logged);
      this.#logBytes += logBytes([logged]);
      this.#lastSeq = logged.seq;
      this.#entryIds.add(logged.entryId);
      this.#table = next;
      const anonymisedId = anonymised(logged);
      if (anonymisedId) await this.#forgetRealName(anonymisedId);
      if (next.publication?.id !== published) await this.#indexPublication();
      this.#project();
      this.broadcastPatch();
    }

    /**
     * Writes where the story is published beside the table (its index for the public page), once the log holds it. A
     * failure is logged, not returned: the action is stored, the page checks the table itself, and the next opening
     * writes the index again.
     */
    async #indexPublication(): Promise<void> {
      try {
        await store.setPublication(this.#table.id, this.#table.publication?.id ?? null);
      } catch (error) {
        logger.error({ err: error, tableId: this.roomId }, "could not record where the story is published");
      }
    }

    /**
     * Anonymisation, once its entry is written and before anyone is told: the real name and role leave storage (the
     * person's join entry, and the first state when they came with an imported story) and the log kept here, so that
     * no replay brings them back. A failure is logged, not returned: the action is stored and shows everywhere, and
     * the next opening of the table finishes the rewrite.
     */
    async #forgetRealName(participantId: string): Promise<void> {
      const identity = anonymousIdentity(this.#table, participantId);
      if (!identity) return;
      const first = this.#creation.initial;
      const initial = first.participants.some((p) => p.id === participantId)
        ? anonymisedCopy(first, participantId)
        : undefined;
      try {
        await store.anonymise(this.#table.id, { participantId, ...identity, ...(initial && { initial }) });
      } catch (error) {
        logger.error(
          { err: error, tableId: this.roomId, participantId },
          "could not erase an anonymised name from storage",
        );
        return;
      }
      this.#log = this.#log.map((logged) => {
        const { entry } = logged;
        if (entry.kind === "join" && entry.participantId === participantId)
          return { ...logged, entry: { ...entry, ...identity } };
        // The hats they changed into are their words too (shared/rules/moves/actors.ts).
        if (isHatOf(entry, participantId))
          return { ...logged, entry: { ...entry, action: { ...entry.action, role: identity.role } } };
        return logged;
      });
      this.#logBytes = logBytes(this.#log);
      if (initial) this.#creation = { ...this.#creation, initial };
    }

    /** Whether storage may still hold this anonymised person's real name or role (their join entry, their changes of hat, or the first state). */
    #stillNamed(participantId: string): boolean {
      const identity = anonymousIdentity(this.#table, participantId);
      if (!identity) return false;
      const differs = (x: { name: string; role: string }) => x.name !== identity.name || x.role !== identity.role;
      const joined = this.#log.some(
        (l) => l.entry.kind === "join" && l.entry.participantId === participantId && differs(l.entry),
      );
      const hats = this.#log.some(({ entry }) => isHatOf(entry, participantId) && entry.action.role !== identity.role);
      const first = this.#creation.initial.participants.find((p) => p.id === participantId);
      return joined || hats || (first !== undefined && differs(first));
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

    /** Whether this request fits the seat's pace (all its connections together; an observer's connection on its own). */
    #paced(client: SeatClient): Promise<boolean> {
      return withinLimit(this.#pace, client.userData?.participantId ?? `connection:${client.sessionId}`);
    }

    #tablePaced(): Promise<boolean> {
      return withinLimit(this.#tablePace, "table");
    }

    #facilitatorOnly(client: SeatClient): RefusalReply | null {
      if (client.userData?.observer) return refusal("observerReadOnly");
      const participant = this.#participantOf(client);
      if (!participant) return refusal("notSeated");
      if (!participant.facilitator) return refusal("facilitatorOnly");
      return null;
    }

    #shareLinks(): ShareLinks {
      return {
        path: tableLink(this.#table.id, "invite", this.#creation.invite),
        observerPath: tableLink(this.#table.id, "observer", this.#creation.observerKey),
        joinCode: this.#creation.joinCode,
      };
    }

    #isRemoved(client: SeatClient): boolean {
      return this.#participantOf(client)?.removed === true;
    }

    /** When the table was last touched: its creation, or its last entry. The retention sweep reads the same in the store. */
    #lastActivity(): number {
      return Math.max(this.#creation.createdAt, this.#log.at(-1)?.at ?? 0);
    }

    #project() {
      projectTable(this.state, publicTable(this.#table), new Set(this.#live.values()), Date.now());
      this.state.deleteAfter = deletionDate(this.#lastActivity(), services.retentionDays);
      for (const participant of this.#table.participants) {
        const synced = this.state.participants.get(participant.id);
        if (!synced) continue;
        const views = this.clients
          .filter((c) => c.userData?.participantId === participant.id && c.view)
          .map((c) => c.view as StateView);
        projectHand(synced, handOf(this.#table, participant.id), views);
      }
      this.#overview?.changed();
    }

    #participantOf(client: SeatClient) {
      const id = client.userData?.participantId;
      return id ? this.#table.participants.find((p) => p.id === id) : undefined;
    }

    #attachView(client: SeatClient, participantId: string) {
      const view = new StateView();
      const synced = this.state.participants.get(participantId);
      if (synced) {
        view.add(synced);
        for (const card of synced.hand) view.add(card);
      }
      client.view = view;
    }

    #setLive(client: SeatClient, live: boolean) {
      const id = client.userData?.participantId;
      if (!id) return;
      if (live) this.#live.set(client, id);
      else this.#live.delete(client);
      this.#project();
    }

    /** Entries of one table are accepted one after another, so no two of them read the same old state. */
    #serially<T>(task: () => Promise<T>): Promise<T> {
      const run = this.#queue.then(task);
      this.#queue = run.catch(() => undefined);
      return run;
    }
  };
}

/** A table link of this site (path and fragment), short enough to travel as a WebSocket close reason. */
function isTablePath(path: string): boolean {
  return /^\/t\/[\w-]+#[\w=-]+$/.test(path) && Buffer.byteLength(path) <= 123;
}

/** Takes one point from a limiter: false when there was none left (rate-limiter-flexible rejects then). */
function withinLimit(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  return limiter.consume(key).then(
    () => true,
    () => false,
  );
}

type ServerRefusal =
  | "notSeated"
  | "facilitatorOnly"
  | "invalidMessage"
  | "saveFailed"
  | "observerReadOnly"
  | "nothingToUndo"
  | "undoConflict"
  | "tooFast"
  | "logFull";

// Codes the room itself refuses with; their French text lives with the rules' refusals in shared/i18n.
function refusal(code: ServerRefusal): RefusalReply {
  return { code, message: t(`refusal.${code}`) };
}
