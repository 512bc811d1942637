// The Colyseus room of one table: validate → authorize → apply the shared rules → append to the log → project into
// the synced schema. The log is written before anyone is told; replaying it rebuilds the table after a restart.
import { Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Logger } from "pino";
import type { TableState } from "../../shared/model.ts";
import {
  ACTION_REQUEST,
  actionRequestSchema,
  INVITE_LINK_REQUEST,
  joinOptionsSchema,
  PROTOCOL_VERSION,
  tableLink,
  WHOAMI_REQUEST,
  type RefusalReply,
  type Whoami,
} from "../../shared/protocol.ts";
import { applyAction, join } from "../../shared/rules/index.ts";
import { t } from "../../shared/i18n/translate.ts";
import { handOf, publicTable } from "../../shared/view.ts";
import { hashSecret, matchesHash, newId } from "../secrets.ts";
import { replay } from "../store/replay.ts";
import type { ActionEntry, JoinEntry, LogEntry, TableCreation, TableStore } from "../store/table-store.ts";
import { projectHand, projectTable } from "./projection.ts";
import { TableSchema } from "./schema.ts";

/** How long a dropped connection keeps its place in the room; after that the browser rejoins with its seat key. */
export const RECONNECT_SECONDS = 120;

export interface RoomServices {
  store: TableStore;
  logger: Logger;
  /** Known only to this process: rooms are opened by the server, never by a client through the matchmaker. */
  creationTicket: string;
}

interface Seat {
  participantId: string;
}
type SeatClient = Client<{ userData: Seat }>;

export interface CreateOptions {
  tableId: string;
  ticket: string;
}

interface AuthResult {
  /** Set when the seat key is known: the person comes back to this seat. */
  participantId: string | null;
  facilitator: boolean;
  name: string;
  role: string;
  seatKeyHash: string;
}

type Reply = RefusalReply | { ok: true; repeated?: true };

export function tableRoomFor(services: RoomServices) {
  const { store, logger } = services;

  return class TableRoom extends Room<{ state: TableSchema; client: SeatClient }> {
    override maxMessagesPerSecond = 40;
    override state = new TableSchema();

    #creation!: TableCreation;
    #table!: TableState;
    /** participantId by seat key hash. */
    #seats = new Map<string, string>();
    #entryIds = new Set<string>();
    #lastSeq = 0;
    /** Live connections and whose seat they hold (a person may have two tabs open). */
    #live = new Map<SeatClient, string>();
    #queue: Promise<unknown> = Promise.resolve();

    override messages = {
      // Parsed here rather than by Colyseus' validator, so a malformed payload gets a readable refusal too.
      [ACTION_REQUEST]: (client: SeatClient, payload: unknown, ctx: MessageContext) =>
        this.#serially(async () => {
          const actorId = client.userData?.participantId;
          if (!actorId) return ctx.reject(refusal("notSeated"));
          const request = actionRequestSchema.safeParse(payload);
          if (!request.success) return ctx.reject(refusal("invalidMessage"));
          const { id, action } = request.data;
          const entryId = `${actorId}:${id}`;
          // Sent again after a lost acknowledgement: it is in the log already, apply it once only.
          if (this.#entryIds.has(entryId)) return { ok: true, repeated: true } satisfies Reply;
          const outcome = applyAction(this.#table, action, { actorId, now: Date.now() });
          if (!outcome.ok) return ctx.reject(outcome.refusal satisfies RefusalReply);
          try {
            await this.#commit(entryId, { kind: "action", actorId, action } satisfies ActionEntry, outcome.state);
          } catch (error) {
            logger.error({ err: error, tableId: this.roomId }, "could not save an action");
            return ctx.reject(refusal("saveFailed"));
          }
          return { ok: true };
        }),
      [WHOAMI_REQUEST]: (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusal("notSeated"));
        return { participantId: participant.id, facilitator: participant.facilitator } satisfies Whoami;
      },
      /** The participant link, for the facilitator to share again after a reload. */
      [INVITE_LINK_REQUEST]: (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusal("notSeated"));
        if (!participant.facilitator) return ctx.reject(refusal("facilitatorOnly"));
        return { path: tableLink(this.#table.id, "invite", this.#creation.invite) };
      },
    };

    override async onCreate(options: CreateOptions) {
      if (options?.ticket !== services.creationTicket) throw new ServerError(403, "Tables are opened over HTTP, not by the matchmaker.");
      const stored = await store.load(options.tableId);
      if (!stored) throw new ServerError(404, `Unknown table ${options.tableId}`);
      const replayed = replay(stored);
      this.roomId = stored.table.id;
      this.#creation = stored.table;
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
      const facilitator = matchesHash(options.facilitatorKey, this.#creation.facilitatorKeyHash);
      if (!facilitator && !matchesHash(options.invite, hashSecret(this.#creation.invite))) {
        throw new ServerError(401, t("join.badLink"));
      }
      const seatKeyHash = hashSecret(options.seatKey);
      const known = this.#seats.get(seatKeyHash);
      if (known) return { participantId: known, facilitator, name: "", role: "", seatKeyHash };
      // A dry run of the rules, so that a refused arrival gets its reason before taking a connection.
      const trial = join(this.#table, { name: options.name, role: options.role, facilitator }, { actorId: "trial", now: Date.now() });
      if (!trial.ok) throw new ServerError(400, trial.refusal.message);
      return { participantId: null, facilitator, name: options.name, role: options.role, seatKeyHash };
    }

    override async onJoin(client: SeatClient, _options: unknown, auth: AuthResult) {
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
          const outcome = join(this.#table, entry, { actorId: participantId, now: Date.now() });
          if (!outcome.ok) {
            this.#live.delete(client);
            throw new ServerError(400, outcome.refusal.message);
          }
          await this.#commit(`join:${participantId}`, entry, outcome.state);
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
      await this.allowReconnection(client, RECONNECT_SECONDS);
    }

    override onReconnect(client: SeatClient) {
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

    /** Write first; only then does anyone see the change. */
    async #commit(entryId: string, entry: JoinEntry | ActionEntry, next: TableState) {
      const logged: LogEntry = { seq: this.#lastSeq + 1, entryId, at: Date.now(), entry };
      await store.append(this.#table.id, logged);
      this.#lastSeq = logged.seq;
      this.#entryIds.add(entryId);
      this.#table = next;
      this.#project();
      this.broadcastPatch();
    }

    #project() {
      projectTable(this.state, publicTable(this.#table), new Set(this.#live.values()));
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

function refusal(code: "notSeated" | "facilitatorOnly" | "invalidMessage" | "saveFailed"): RefusalReply {
  return { code, message: t(`refusal.${code}`) };
}

