// The Colyseus room of one table: validate → authorize → apply the shared rules → append to the log → project into
// the synced schema. The log is written before anyone is told; replaying it rebuilds the table after a restart.
import { Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Logger } from "pino";
import type { Action, TableState } from "../../shared/model.ts";
import {
  ACTION_REQUEST,
  actionRequestSchema,
  INVITE_LINK_REQUEST,
  joinOptionsSchema,
  PROTOCOL_VERSION,
  tableLink,
  WHOAMI_REQUEST,
  type RefusalReply,
  type ShareLinks,
  type Whoami,
} from "../../shared/protocol.ts";
import { applyAction, join } from "../../shared/rules/index.ts";
import { t } from "../../shared/i18n/translate.ts";
import { handOf, publicTable } from "../../shared/view.ts";
import { hashSecret, matchesHash, newId } from "../secrets.ts";
import { replay, undoTarget } from "../store/replay.ts";
import type { JoinEntry, LogEntry, TableCreation, TableStore } from "../store/table-store.ts";
import { projectHand, projectTable } from "./projection.ts";
import { TableSchema } from "./schema.ts";

/** How long a dropped connection keeps its place in the room; after that the browser rejoins with its seat key. */
export const RECONNECT_SECONDS = 120;

/** Close code of the connections of someone the facilitator removed from the table (the SDK does not retry it). */
export const REMOVED_CLOSE_CODE = 4403;

export interface RoomServices {
  store: TableStore;
  logger: Logger;
  /** Known only to this process: rooms are opened by the server, never by a client through the matchmaker. */
  creationTicket: string;
}

/** A seated person, or an observer (the read-only link): no seat, nothing private, no action. */
type Seat = { participantId: string; observer?: false } | { participantId?: undefined; observer: true };
type SeatClient = Client<{ userData: Seat }>;

export interface CreateOptions {
  tableId: string;
  ticket: string;
}

interface AuthResult {
  /** Came with the observer link: watches, never acts, takes no seat. */
  observer: boolean;
  /** Set when the seat key is known: the person comes back to this seat. */
  participantId: string | null;
  facilitator: boolean;
  name: string;
  role: string;
  seatKeyHash: string;
}

type Reply = RefusalReply | { ok: true; repeated?: true };

/** An accepted request: the entry to append and the table after it. Or why not. */
type Accepted = { ok: true; logged: LogEntry; state: TableState } | { ok: false; refusal: RefusalReply };

export function tableRoomFor(services: RoomServices) {
  const { store, logger } = services;

  return class TableRoom extends Room<{ state: TableSchema; client: SeatClient }> {
    override maxMessagesPerSecond = 40;
    override state = new TableSchema();

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

    override messages = {
      // Parsed here rather than by Colyseus' validator, so a malformed payload gets a readable refusal too.
      [ACTION_REQUEST]: (client: SeatClient, payload: unknown, ctx: MessageContext) =>
        this.#serially(async () => {
          if (client.userData?.observer) return ctx.reject(refusal("observerReadOnly"));
          const actorId = client.userData?.participantId;
          if (!actorId) return ctx.reject(refusal("notSeated"));
          const request = actionRequestSchema.safeParse(payload);
          if (!request.success) return ctx.reject(refusal("invalidMessage"));
          const { id, action } = request.data;
          const entryId = `${actorId}:${id}`;
          // Sent again after a lost acknowledgement: it is in the log already, apply it once only.
          if (this.#entryIds.has(entryId)) return { ok: true, repeated: true } satisfies Reply;
          const accepted = this.#accept(entryId, actorId, action, Date.now());
          if (!accepted.ok) return ctx.reject(accepted.refusal);
          try {
            await this.#commit(accepted.logged, accepted.state);
          } catch (error) {
            logger.error({ err: error, tableId: this.roomId }, "could not save an action");
            return ctx.reject(refusal("saveFailed"));
          }
          this.#dismissRemoved();
          return { ok: true } satisfies Reply;
        }),
      [WHOAMI_REQUEST]: (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (client.userData?.observer) return { participantId: null, facilitator: false, observer: true } satisfies Whoami;
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusal("notSeated"));
        return { participantId: participant.id, facilitator: participant.facilitator, observer: false } satisfies Whoami;
      },
      /** The participant and observer links, for a facilitator to share again after a reload. */
      [INVITE_LINK_REQUEST]: (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        if (client.userData?.observer) return ctx.reject(refusal("observerReadOnly"));
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusal("notSeated"));
        if (!participant.facilitator) return ctx.reject(refusal("facilitatorOnly"));
        return {
          path: tableLink(this.#table.id, "invite", this.#creation.invite),
          observerPath: tableLink(this.#table.id, "observer", this.#creation.observerKey),
        } satisfies ShareLinks;
      },
    };

    override async onCreate(options: CreateOptions) {
      if (options?.ticket !== services.creationTicket) throw new ServerError(403, "Tables are opened over HTTP, not by the matchmaker.");
      const stored = await store.load(options.tableId);
      if (!stored) throw new ServerError(404, `Unknown table ${options.tableId}`);
      const replayed = replay(stored);
      this.roomId = stored.table.id;
      this.#creation = stored.table;
      this.#log = stored.log;
      this.#table = replayed.state;
      this.#seats = replayed.seats;
      this.#entryIds = replayed.entryIds;
      this.#lastSeq = replayed.lastSeq;
      this.#project();
      logger.info({ tableId: this.roomId, entries: replayed.lastSeq }, "table opened from storage");
    }

    override async onAuth(_client: SeatClient, rawOptions: unknown): Promise<AuthResult> {
      const parsed = joinOptionsSchema.safeParse(rawOptions);
      if (!parsed.success || parsed.data.protocolVersion !== PROTOCOL_VERSION) {
        throw new ServerError(400, t("refusal.invalidMessage"));
      }
      const options = parsed.data;
      const seatKeyHash = hashSecret(options.seatKey);
      const facilitator = matchesHash(options.facilitatorKey, this.#creation.facilitatorKeyHash);
      if (!facilitator && !matchesHash(options.invite, hashSecret(this.#creation.invite))) {
        // The observer link: it sees the table whatever its phase or lock, and takes no seat.
        if (matchesHash(options.observerKey, hashSecret(this.#creation.observerKey))) {
          return { observer: true, participantId: null, facilitator: false, name: "", role: "", seatKeyHash };
        }
        throw new ServerError(401, t("join.badLink"));
      }
      const known = this.#seats.get(seatKeyHash);
      if (known) {
        // A removed person's seat key no longer opens the table.
        if (this.#table.participants.find((p) => p.id === known)?.removed) throw new ServerError(403, t("refusal.seatRemoved"));
        return { observer: false, participantId: known, facilitator, name: "", role: "", seatKeyHash };
      }
      // A dry run of the rules (closed story, locked table, full table, name…), so that a refused arrival gets its
      // reason before taking a connection.
      const trial = join(this.#table, { name: options.name, role: options.role, facilitator }, { actorId: "trial", now: Date.now() });
      if (!trial.ok) throw new ServerError(400, trial.refusal.message);
      return { observer: false, participantId: null, facilitator, name: options.name, role: options.role, seatKeyHash };
    }

    override async onJoin(client: SeatClient, _options: unknown, auth: AuthResult) {
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
            facilitator: auth.facilitator,
            seatKeyHash: auth.seatKeyHash,
          };
          const now = Date.now();
          const outcome = join(this.#table, entry, { actorId: participantId, now });
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

    override async onDrop(client: SeatClient) {
      this.#setLive(client, false);
      // Someone removed from the table does not get their connection back.
      if (this.#isRemoved(client)) return;
      await this.allowReconnection(client, RECONNECT_SECONDS);
    }

    override onReconnect(client: SeatClient) {
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
    }

    override onUncaughtException(error: Error, methodName: string) {
      logger.error({ err: error, tableId: this.roomId, methodName }, "table handler failed");
    }

    /**
     * The rules decide first, for every action (undo included: who may, in which phase); then comes what the log gets
     * and the table it leads to. An undo leads to the replay of the log without what it undoes.
     */
    #accept(entryId: string, actorId: string, action: Action, now: number): Accepted {
      const outcome = applyAction(this.#table, action, { actorId, now });
      if (!outcome.ok) return outcome;
      if (action.type === "undo") return this.#undo(entryId, actorId, now);
      return { ok: true, logged: this.#entry(entryId, now, { kind: "action", actorId, action }), state: outcome.state };
    }

    #entry(entryId: string, at: number, entry: LogEntry["entry"]): LogEntry {
      return { seq: this.#lastSeq + 1, entryId, at, entry };
    }

    /**
     * Undoes the last action not undone yet: the table becomes the replay of its log without it. When what followed
     * depends on it (the replay would refuse an entry), the undo is refused rather than leaving a log that no longer
     * replays: every stored log replays strictly, entry by entry.
     */
    #undo(entryId: string, actorId: string, now: number): Accepted {
      const undoes = undoTarget(this.#log);
      if (!undoes) return { ok: false, refusal: refusal("nothingToUndo") };
      const logged = this.#entry(entryId, now, { kind: "undo", actorId, undoes });
      try {
        const { state } = replay({ table: this.#creation, log: [...this.#log, logged] });
        return { ok: true, logged, state };
      } catch {
        return { ok: false, refusal: refusal("undoConflict") };
      }
    }

    /** Write first; only then does anyone see the change. */
    async #commit(logged: LogEntry, next: TableState) {
      await store.append(this.#table.id, logged);
      this.#log.push(logged);
      this.#lastSeq = logged.seq;
      this.#entryIds.add(logged.entryId);
      this.#table = next;
      this.#project();
      this.broadcastPatch();
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

    #isRemoved(client: SeatClient): boolean {
      return this.#participantOf(client)?.removed === true;
    }

    #project() {
      projectTable(this.state, publicTable(this.#table), new Set(this.#live.values()), Date.now());
      for (const participant of this.#table.participants) {
        const synced = this.state.participants.get(participant.id);
        if (!synced) continue;
        const views = this.clients
          .filter((c) => c.userData?.participantId === participant.id && c.view)
          .map((c) => c.view as StateView);
        projectHand(synced, handOf(this.#table, participant.id), views);
      }
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

type ServerRefusal = "notSeated" | "facilitatorOnly" | "invalidMessage" | "saveFailed" | "observerReadOnly" | "nothingToUndo" | "undoConflict";

// Codes the room itself refuses with; their French text lives with the rules' refusals in shared/i18n.
function refusal(code: ServerRefusal): RefusalReply {
  return { code, message: t(`refusal.${code}`) };
}
