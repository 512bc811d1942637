// The Colyseus room of a workshop's live overview (one per workshop, its id the workshop's): it keeps every table's
// summary, which the tables publish on presence after each change, and sends them on to the dashboard and the plenary
// screen; the workshop facilitator's commands go through it to every table at once (actor WORKSHOP_ACTOR_ID).
//
// No synced schema: the overview is a cache of summaries that the table rooms compute, each replaced whole (a table's
// summary is about a kilobyte and changes at most five times a second, server/room/summary-publisher.ts). The browser
// asks for the whole overview on joining and again after every reconnection (WORKSHOP_OVERVIEW_REQUEST), then follows
// one table's summary at a time (WORKSHOP_TABLE_MESSAGE): what it holds after a drop is exact, whatever it missed, and
// it keeps no schema decoder across the rejoins of a screen left open all day.
import { matchMaker, Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import type { Logger } from "pino";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { t, type MessageKey } from "#shared/i18n/translate.ts";
import type { Action, Phase } from "#shared/model.ts";
import { tableLink, type RefusalReply } from "#shared/protocol.ts";
import {
  WORKSHOP_OVERVIEW_MESSAGE,
  WORKSHOP_OVERVIEW_REQUEST,
  WORKSHOP_REQUEST,
  WORKSHOP_ROOM_NAME,
  WORKSHOP_TABLE_MESSAGE,
  workshopLink,
  type TableSummary,
  type WorkshopActReply,
  type WorkshopCommand,
  type WorkshopCommandReply,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import { workshopCommandSchema } from "#shared/workshop-protocol.ts";
import { floodFramesPerSecond, type Limits } from "../limits.ts";
import { countingRefusals } from "../metrics.ts";
import { localPlacement, roomOpener, type Placement } from "../placement.ts";
import type { WorkshopCreation } from "../store/table-store.ts";
import type { Tables } from "../tables.ts";
import type { Workshops } from "../workshops.ts";
import { workshopChannel } from "./summary-publisher.ts";
import { heldForReturn } from "./connections.ts";

export interface WorkshopRoomServices {
  /** The workshop's row and the changes the overview makes to it (message, arrivals, more tables). */
  workshops: Pick<Workshops, "load" | "setMessage" | "setArrivals" | "addTables">;
  tables: Pick<Tables, "ensureRoom" | "secrets" | "summary">;
  logger: Logger;
  /** Known only to this process: the room is opened by the server (server/http/workshop-join.ts), never by a client. */
  creationTicket: string;
  limits: Limits;
  /** How long a dropped connection keeps its place (RECONNECT_SECONDS). */
  reconnectSeconds: number;
}

export interface WorkshopCreateOptions {
  workshopId: string;
  ticket: string;
}

/** What the join (server/http/workshop-join.ts) checked: the facilitator's link commands, the observer's only watches. */
export interface WorkshopAdmission {
  facilitator: boolean;
}

type OverviewClient = Client<{ userData: WorkshopAdmission }>;
type Result = WorkshopCommandReply["results"][number];

/** How long a table may take to answer the overview (it may first have to open from storage). */
const TABLE_CALL_TIMEOUT_MS = 15_000;

/** Each table to its own next phase, as the facilitator would move it from the table; null once its story is closed. */
export function nextPhaseAction(phase: Phase): Action | null {
  if (phase === "preparation") return { type: "startPlay" };
  if (phase === "play") return { type: "setPhase", phase: "debrief" };
  if (phase === "debrief") return { type: "closeStory" };
  return null;
}

/**
 * Opens a workshop's overview room if it runs nowhere yet (in this process; with several, unless another holds it:
 * server/placement.ts), one opening at a time per workshop. False when there is no such workshop.
 */
export function workshopRoomOpener(
  creationTicket: string,
  placement: Placement = localPlacement,
): (workshopId: string) => Promise<boolean> {
  const rooms = roomOpener(placement, (workshopId) =>
    matchMaker.createRoom(WORKSHOP_ROOM_NAME, { workshopId, ticket: creationTicket } satisfies WorkshopCreateOptions),
  );
  return (workshopId) => rooms.ensure(workshopId);
}

export function workshopRoomFor(services: WorkshopRoomServices) {
  const { workshops, tables, logger, limits } = services;

  return class WorkshopRoom extends Room<{ client: OverviewClient }> {
    /** Seats are reserved only by server/http/workshop-join.ts once the link is checked. */
    static override async onAuth(): Promise<false> {
      return false;
    }

    override maxMessagesPerSecond = floodFramesPerSecond(limits) - 1;
    override maxClients = limits.connectionsPerTable;
    /** Requests per connection, as a seat's at a table: a command reaches every table, so it is paced like an action. */
    #pace = new RateLimiterMemory({ points: limits.actionsPerSecond, duration: 1 });
    #workshop!: WorkshopCreation;
    /** The latest summary of each table, by table id. */
    #summaries = new Map<string, TableSummary>();
    #queue: Promise<unknown> = Promise.resolve();
    #listener = (summary: TableSummary) => this.#received(summary);

    override messages = countingRefusals({
      [WORKSHOP_OVERVIEW_REQUEST]: async (client: OverviewClient, _payload: unknown, ctx: MessageContext) => {
        if (!(await this.#paced(client))) return ctx.reject(refusal("refusal.tooFast", "tooFast"));
        return this.#overview();
      },
      [WORKSHOP_REQUEST]: async (client: OverviewClient, payload: unknown, ctx: MessageContext) => {
        if (!(await this.#paced(client))) return ctx.reject(refusal("refusal.tooFast", "tooFast"));
        if (!client.userData?.facilitator) return ctx.reject(refusal("refusal.observerReadOnly", "observerReadOnly"));
        const command = workshopCommandSchema.safeParse(payload);
        if (!command.success) return ctx.reject(refusal("refusal.invalidMessage", "invalidMessage"));
        // One command after another: two « next phase » in a row move each table twice, never both from the same phase.
        return this.#serially(() => this.#command(command.data)).catch((error: unknown) => {
          logger.error({ err: error, workshopId: this.roomId, command: command.data.type }, "workshop command failed");
          return ctx.reject(refusal("refusal.saveFailed", "saveFailed"));
        });
      },
    });

    override async onCreate(options: WorkshopCreateOptions) {
      if (options?.ticket !== services.creationTicket)
        throw new ServerError(403, "Workshops are opened over HTTP, not by the matchmaker.");
      const workshop = await workshops.load(options.workshopId);
      if (!workshop) throw new ServerError(404, t("workshopOverview.workshopNotFound"));
      this.roomId = workshop.id;
      this.#workshop = workshop;
      // Listening first: a change published while the summaries are fetched is kept (the newer of the two wins).
      await this.presence.subscribe(workshopChannel(workshop.id), this.#listener);
      await this.#fetchSummaries(workshop.tables.map((table) => table.tableId));
      logger.info({ workshopId: workshop.id, tables: workshop.tables.length }, "workshop overview opened");
    }

    override onJoin(client: OverviewClient, _options: unknown, admission: WorkshopAdmission) {
      client.userData = { facilitator: admission?.facilitator === true };
    }

    override async onDrop(client: OverviewClient) {
      await heldForReturn(this.allowReconnection(client, services.reconnectSeconds));
    }

    override onDispose() {
      this.presence.unsubscribe(workshopChannel(this.roomId), this.#listener);
    }

    override onUncaughtException(error: Error, methodName: string) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      if (cause instanceof ServerError) return;
      logger.error({ err: cause, workshopId: this.roomId, methodName }, "workshop handler failed");
    }

    #overview(): WorkshopOverview {
      const { id, title, date, arrivalsOpen, seatsPerTable, message } = this.#workshop;
      const summaries = this.#workshop.tables.flatMap((table) => this.#summaries.get(table.tableId) ?? []);
      return {
        workshopId: id,
        title,
        date,
        arrivalsOpen,
        seatsPerTable,
        message,
        tables: summaries,
        serverNow: Date.now(),
      };
    }

    /** A table's new summary: kept unless an even newer one is already here, named as the workshop names it, sent on. */
    #received(summary: TableSummary) {
      const table = this.#workshop.tables.find((candidate) => candidate.tableId === summary.tableId);
      if (!table) return;
      const held = this.#summaries.get(summary.tableId);
      if (held && held.updatedAt > summary.updatedAt) return;
      const named = { ...summary, name: table.name };
      this.#summaries.set(summary.tableId, named);
      this.broadcast(WORKSHOP_TABLE_MESSAGE, named);
    }

    /** Asks tables for their summary (opening their rooms if needed); a table that does not answer is left out. */
    async #fetchSummaries(tableIds: string[]) {
      await Promise.all(
        tableIds.map(async (tableId) => {
          try {
            const summary = await tables.summary(tableId, "");
            if (summary) this.#received(summary);
          } catch (error) {
            logger.warn(
              { err: error, workshopId: this.roomId, tableId },
              "a table of the workshop did not give its summary",
            );
          }
        }),
      );
    }

    async #command(command: WorkshopCommand): Promise<WorkshopCommandReply> {
      switch (command.type) {
        case "message": {
          const results = await this.#everyTable(() => ({ type: "announce", text: command.text }));
          this.#changed(await workshops.setMessage(this.#workshop.id, command.text));
          return reply(results);
        }
        case "timer":
          return reply(
            await this.#everyTable(() => ({ type: "startTimer", minutes: command.minutes, label: command.label })),
          );
        case "clearTimer":
          return reply(await this.#everyTable(() => ({ type: "clearTimer" })));
        case "nextPhase":
          // Each table's phase asked of the table now: the overview's copy may be a coalescing interval behind.
          return reply(
            await this.#everyTable(async (tableId) => {
              const summary = await tables.summary(tableId, "").catch(() => undefined);
              if (!summary) return { refused: t("workshopOverview.tableUnreachable") };
              return nextPhaseAction(summary.phase) ?? { refused: t("workshopOverview.alreadyClosed") };
            }),
          );
        case "arrivals": {
          this.#changed(await workshops.setArrivals(this.#workshop.id, command.open));
          return reply(await this.#everyTable(() => ({ type: "lockTable", locked: !command.open })));
        }
        case "move":
          return this.#move(command);
        case "addTables": {
          const added = await workshops.addTables(this.#workshop.id, command.count);
          if (!added.ok) return { ok: false, results: [], message: added.refusal.message };
          const known = new Set(this.#workshop.tables.map((table) => table.tableId));
          const fresh = added.workshop.tables
            .filter((table) => !known.has(table.tableId))
            .map((table) => table.tableId);
          this.#workshop = added.workshop;
          // A table added later joins the room as it is: arrivals closed and the message on every screen.
          for (const tableId of fresh) {
            if (!this.#workshop.arrivalsOpen)
              await this.#callTable(tableId, "workshopAct", [{ type: "lockTable", locked: true }]);
            if (this.#workshop.message)
              await this.#callTable(tableId, "workshopAct", [{ type: "announce", text: this.#workshop.message }]);
          }
          await this.#fetchSummaries(fresh);
          this.broadcast(WORKSHOP_OVERVIEW_MESSAGE, this.#overview());
          return reply(fresh.map((tableId) => ({ tableId, ok: this.#summaries.has(tableId) })));
        }
        case "tableLink": {
          const table = this.#workshop.tables.find((candidate) => candidate.tableId === command.tableId);
          if (!table) return refused(command.tableId, t("workshopOverview.tableNotInWorkshop"));
          return { ok: true, results: [], path: tableLink(table.tableId, "facilitator", table.handOverKey) };
        }
        case "shareLinks":
          return {
            ok: true,
            results: [],
            path: workshopLink(this.#workshop.id, "invite", this.#workshop.invite),
            joinCode: this.#workshop.joinCode,
            observerPath: workshopLink(this.#workshop.id, "observer", this.#workshop.observerKey),
          };
      }
    }

    /** Someone to another table, before play: their table sends them the new table's participant link. */
    async #move(command: Extract<WorkshopCommand, { type: "move" }>): Promise<WorkshopCommandReply> {
      const { fromTableId, toTableId, participantId } = command;
      const destination = this.#workshop.tables.find((table) => table.tableId === toTableId);
      const origin = this.#summaries.get(fromTableId);
      if (!destination || !this.#workshop.tables.some((table) => table.tableId === fromTableId)) {
        return refused(fromTableId, t("workshopOverview.tableNotInWorkshop"));
      }
      if (fromTableId === toTableId) return refused(fromTableId, t("workshopOverview.sameTable"));
      if (origin && origin.phase !== "preparation") return refused(fromTableId, t("workshopOverview.moveBeforePlay"));
      const secrets = await tables.secrets(toTableId);
      if (!secrets) return refused(fromTableId, t("workshopOverview.tableNotInWorkshop"));
      const to = { path: tableLink(toTableId, "invite", secrets.invite), name: destination.name };
      return reply([await this.#callTable(fromTableId, "moveOut", [participantId, to])]);
    }

    /** The same kind of action at every table (each may have its own, or a reason not to), all at once; each answers for itself. */
    #everyTable(
      actionFor: (tableId: string) => Action | { refused: string } | Promise<Action | { refused: string }>,
    ): Promise<Result[]> {
      return Promise.all(
        this.#workshop.tables.map(async ({ tableId }) => {
          const action = await actionFor(tableId);
          if ("refused" in action) return { tableId, ok: false, message: action.refused };
          return this.#callTable(tableId, "workshopAct", [action]);
        }),
      );
    }

    async #callTable(tableId: string, method: "workshopAct" | "moveOut", args: unknown[]): Promise<Result> {
      try {
        if (!(await tables.ensureRoom(tableId)))
          return { tableId, ok: false, message: t("workshopOverview.tableUnreachable") };
        const answer = (await matchMaker.remoteRoomCall(
          tableId,
          method,
          args,
          TABLE_CALL_TIMEOUT_MS,
        )) as WorkshopActReply;
        return answer.ok ? { tableId, ok: true } : { tableId, ok: false, message: answer.message };
      } catch (error) {
        logger.warn(
          { err: error, workshopId: this.roomId, tableId, method },
          "a table did not take the workshop's command",
        );
        return { tableId, ok: false, message: t("workshopOverview.tableUnreachable") };
      }
    }

    /** The workshop's row changed (message, arrivals): everyone watching gets the overview again. */
    #changed(workshop: WorkshopCreation | undefined) {
      if (!workshop) return;
      this.#workshop = workshop;
      this.broadcast(WORKSHOP_OVERVIEW_MESSAGE, this.#overview());
    }

    #paced(client: OverviewClient): Promise<boolean> {
      return this.#pace.consume(client.sessionId).then(
        () => true,
        () => false,
      );
    }

    #serially<T>(task: () => Promise<T>): Promise<T> {
      const run = this.#queue.then(task);
      this.#queue = run.catch(() => undefined);
      return run;
    }
  };
}

function reply(results: Result[]): WorkshopCommandReply {
  return { ok: results.every((result) => result.ok), results };
}

function refused(tableId: string, message: string): WorkshopCommandReply {
  return { ok: false, results: [{ tableId, ok: false, message }] };
}

function refusal(key: MessageKey, code: string): RefusalReply {
  return { code, message: t(key) };
}
