// The Colyseus room of one table: validate → authorize → apply the shared rules → persist → project into the synced schema.
import { Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Logger } from "pino";
import type { TableState } from "../../shared/model.ts";
import {
  ACTION_REQUEST,
  actionSchema,
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
import type { TableRecord, TableStore } from "../store/table-store.ts";
import { projectHand, projectTable } from "./projection.ts";
import { TableSchema } from "./schema.ts";

/** How long a dropped connection keeps its seat before the person shows as gone (the seat itself is never lost). */
export const RECONNECT_SECONDS = 120;

export interface RoomServices {
  store: TableStore;
  logger: Logger;
  /** Known only to this process: rooms can be opened by the server, never by a client through the matchmaker. */
  creationTicket: string;
}

interface Seat {
  participantId: string;
}
type SeatClient = Client<{ userData: Seat }>;

interface CreateOptions {
  tableId: string;
  ticket: string;
}

interface AuthResult {
  facilitator: boolean;
  name: string;
  role: string;
}

export function tableRoomFor(services: RoomServices) {
  const { store, logger } = services;

  return class TableRoom extends Room<{ state: TableSchema; client: SeatClient }> {
    override autoDispose = false;
    override maxMessagesPerSecond = 40;
    override state = new TableSchema();

    #record!: TableRecord;
    #table!: TableState;
    #connected = new Set<string>();
    #queue: Promise<unknown> = Promise.resolve();

    override messages = {
      // Parsed here rather than by Colyseus' validator, so a malformed payload gets a readable refusal too.
      [ACTION_REQUEST]: (client: SeatClient, payload: unknown, ctx: MessageContext) =>
        this.#serially(async () => {
          const actorId = client.userData?.participantId;
          if (!actorId) return ctx.reject(refusalReply("notSeated"));
          const action = actionSchema.safeParse(payload);
          if (!action.success) return ctx.reject(refusalReply("invalidMessage"));
          const outcome = applyAction(this.#table, action.data, { actorId, now: Date.now() });
          if (!outcome.ok) return ctx.reject(outcome.refusal satisfies RefusalReply);
          try {
            await this.#commit(outcome.state);
          } catch (error) {
            logger.error({ err: error, tableId: this.roomId }, "could not save an action");
            return ctx.reject(refusalReply("saveFailed"));
          }
          return { ok: true };
        }),
      [WHOAMI_REQUEST]: (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusalReply("notSeated"));
        return { participantId: participant.id, facilitator: participant.facilitator } satisfies Whoami;
      },
      /** The participant link, for the facilitator to share again after a reload. */
      [INVITE_LINK_REQUEST]: (client: SeatClient, _payload: unknown, ctx: MessageContext) => {
        const participant = this.#participantOf(client);
        if (!participant) return ctx.reject(refusalReply("notSeated"));
        if (!participant.facilitator) return ctx.reject(refusalReply("facilitatorOnly"));
        return { path: tableLink(this.#table.id, "invite", this.#record.invite) };
      },
    };

    override async onCreate(options: CreateOptions) {
      if (options?.ticket !== services.creationTicket) throw new ServerError(403, "Tables are opened over HTTP, not by the matchmaker.");
      const record = await store.load(options.tableId);
      if (!record) throw new ServerError(404, `Unknown table ${options.tableId}`);
      this.roomId = record.id;
      this.#record = record;
      this.#table = record.state;
      this.#project();
    }

    override async onAuth(_client: SeatClient, rawOptions: unknown): Promise<AuthResult> {
      const parsed = joinOptionsSchema.safeParse(rawOptions);
      if (!parsed.success || parsed.data.protocolVersion !== PROTOCOL_VERSION) {
        throw new ServerError(400, t("refusal.invalidMessage"));
      }
      const options = parsed.data;
      const facilitator = matchesHash(options.facilitatorKey, this.#record.facilitatorKeyHash);
      if (!facilitator && !matchesHash(options.invite, hashSecret(this.#record.invite))) {
        throw new ServerError(401, t("join.badLink"));
      }
      // A dry run of the rules, so that a refused arrival gets its reason before taking a connection.
      const trial = join(this.#table, { name: options.name, role: options.role, facilitator }, { actorId: "trial", now: Date.now() });
      if (!trial.ok) throw new ServerError(400, trial.refusal.message);
      return { facilitator, name: options.name, role: options.role };
    }

    override async onJoin(client: SeatClient, _options: unknown, auth: AuthResult) {
      await this.#serially(async () => {
        const participantId = `p-${newId()}`;
        const outcome = join(this.#table, auth, { actorId: participantId, now: Date.now() });
        if (!outcome.ok) throw new ServerError(400, outcome.refusal.message);
        client.userData = { participantId };
        this.#connected.add(participantId);
        await this.#commit(outcome.state);
        this.#attachView(client, participantId);
        logger.info({ tableId: this.roomId, participantId, facilitator: auth.facilitator }, "participant seated");
      });
    }

    override async onDrop(client: SeatClient) {
      this.#setConnected(client, false);
      await this.allowReconnection(client, RECONNECT_SECONDS);
    }

    override onReconnect(client: SeatClient) {
      this.#setConnected(client, true);
    }

    override onLeave(client: SeatClient) {
      this.#setConnected(client, false);
    }

    override onUncaughtException(error: Error, methodName: string) {
      logger.error({ err: error, tableId: this.roomId, methodName }, "table handler failed");
    }

    /** Write first; only then does anyone see the change. */
    async #commit(next: TableState) {
      await store.saveState(this.#table.id, next);
      this.#table = next;
      this.#project();
      this.broadcastPatch();
    }

    #project() {
      projectTable(this.state, publicTable(this.#table), this.#connected);
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

    #setConnected(client: SeatClient, connected: boolean) {
      const id = client.userData?.participantId;
      if (!id) return;
      if (connected) this.#connected.add(id);
      else this.#connected.delete(id);
      this.#project();
    }

    /** Actions of one table run one after another, so no two of them read the same old state. */
    #serially<T>(task: () => Promise<T>): Promise<T> {
      const run = this.#queue.then(task);
      this.#queue = run.catch(() => undefined);
      return run;
    }
  };
}

function refusalReply(code: "notSeated" | "facilitatorOnly" | "invalidMessage" | "saveFailed"): RefusalReply {
  return { code, message: t(`refusal.${code}`) };
}
