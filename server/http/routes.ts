// HTTP endpoints: open a table (the only way to create one), continue a story, join a table, the decks for the setup
// form, the exports, a published story's public page, deleting a table. Creating, importing and deleting are limited per address; every POST and
// DELETE is refused to pages of other origins.
import express, { type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { Decks } from "#cards/load.ts";
import type { Limits } from "../limits.ts";
import { t } from "#shared/i18n/translate.ts";
import { API, createTableSchema, tableLink, type CreatedTable } from "#shared/protocol.ts";
import { parseStoryJson, tableFromStory } from "#shared/story/json.ts";
import type { Tables } from "../tables.ts";
import type { Workshops } from "../workshops.ts";
import { deletionRouter } from "./deletion.ts";
import { exportRouter } from "./exports.ts";
import { joinRouter } from "./join.ts";
import type { SeatClaims } from "./seat-claims.ts";
import { joinCodeRouter } from "./join-code.ts";
import { publishedRouter } from "./published.ts";
import { tableTitleRouter } from "./table-title.ts";
import { takeHomeRouter, takeHomeServices } from "./take-home.ts";
import { workshopBookRouter } from "./workshop-book.ts";
import { workshopJoinRouter } from "./workshop-join.ts";
import { workshopRouter } from "./workshops.ts";
import { HOUR, MINUTE, perAddress, sameOriginApi, type OriginPolicy } from "./protection.ts";
import { refuse } from "./refuse.ts";

export interface RouteServices {
  tables: Tables;
  workshops: Workshops;
  /** Opens a workshop's overview room in this process if needed (server/room/workshop-room.ts). */
  openWorkshopRoom: (workshopId: string) => Promise<boolean>;
  decks: Decks;
  logger: Logger;
  /** Base of the links handed out: PUBLIC_URL, else the server's own address. Never the request's Host header. */
  linkBase: string;
  origins: OriginPolicy;
  limits: Limits;
  /** Joins whose WebSocket opened alongside (server/http/seat-claims.ts); null with several processes. */
  seatClaims: SeatClaims | null;
}

/** "1 Mo" / "512 ko": a size as people read it. */
function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`
    : `${Math.round(bytes / 1024)} ko`;
}

export function apiRouter(services: RouteServices): Router {
  const { tables, decks, logger, limits } = services;
  const router = express.Router();
  const links = (tableId: string, invite: string, facilitatorKey: string): CreatedTable => {
    const base = services.linkBase;
    return {
      tableId,
      participantLink: base + tableLink(tableId, "invite", invite),
      facilitatorLink: base + tableLink(tableId, "facilitator", facilitatorKey),
    };
  };
  router.use("/api", sameOriginApi(services.origins));
  router.use(
    exportRouter({
      secrets: (id) => tables.secrets(id),
      current: (id) => tables.current(id),
      decks,
      rateLimit: perAddress(limits.exportsPerMinute, MINUTE),
    }),
  );
  // A published story's public page, for anyone with its address (no secret but the address itself).
  router.use(
    publishedRouter({
      published: (id) => tables.published(id),
      decks,
      rateLimit: perAddress(limits.exportsPerMinute, MINUTE),
    }),
  );
  // Each participant's own downloads once the story is closed: their seat key, not a link (server/http/take-home.ts).
  router.use(takeHomeRouter(takeHomeServices(tables, decks, perAddress(limits.joinsPerMinute, MINUTE))));
  router.use(
    workshopBookRouter({
      workshops: services.workshops,
      current: (id) => tables.current(id),
      decks,
      logger,
      limits: {
        downloads: perAddress(limits.exportsPerMinute, MINUTE),
        imports: perAddress(limits.importsPerHour, HOUR),
      },
      importBytes: limits.workshopImportBytes,
    }),
  );
  router.use(
    joinRouter({
      tables,
      logger,
      rateLimit: perAddress(limits.joinsPerMinute, MINUTE),
      seatClaims: services.seatClaims,
    }),
  );
  router.use(
    workshopJoinRouter({
      load: (id) => services.workshops.load(id),
      ensureRoom: services.openWorkshopRoom,
      logger,
      rateLimit: perAddress(limits.joinsPerMinute, MINUTE),
    }),
  );
  router.use(
    workshopRouter({
      workshops: services.workshops,
      logger,
      limits: {
        create: perAddress(limits.workshopCreationsPerHour, HOUR),
        lobby: perAddress(limits.lobbyRequestsPerMinute, MINUTE),
        seat: perAddress(limits.joinsPerMinute, MINUTE),
      },
    }),
  );
  router.use(tableTitleRouter({ tables, rateLimit: perAddress(limits.joinsPerMinute, MINUTE) }));
  router.use(
    joinCodeRouter({
      tables,
      workshops: services.workshops,
      logger,
      rateLimit: perAddress(limits.joinCodeFailuresPerHour, HOUR, {
        failuresOnly: true,
        reason: (seconds) => t("joinCode.rateLimited", { minutes: Math.ceil(seconds / 60) }),
      }),
    }),
  );
  router.use(deletionRouter({ tables, logger, rateLimit: perAddress(limits.deletionsPerHour, HOUR) }));
  router.post(API.createTable, perAddress(limits.tableCreationsPerHour, HOUR), express.json({ limit: "64kb" }));

  router.get(API.decks, (_req, res) => {
    res.json({
      challenge: decks.challenge,
      lever: decks.lever,
      pitfall: decks.pitfall,
      attribution: decks.attribution,
    });
  });

  router.post(API.createTable, async (req, res) => {
    const body = createTableSchema.safeParse(req.body);
    if (!body.success) return refuse(res, 400, { code: "invalidBody", message: t("http.invalidBody") });
    // The form asks for the essentials; the rest of the setup is filled in with the group, in preparation.
    const opened = await tables.open(body.data);
    if (!opened.ok) return refuse(res, 400, opened.refusal);
    const { tableId, invite, facilitatorKey } = opened.table;
    logger.info({ tableId }, "table opened");
    res.status(201).json(links(tableId, invite, facilitatorKey));
  });

  // A story exported as JSON opens a new table that continues it; the importer becomes its facilitator.
  router.post(
    API.importStory,
    perAddress(limits.importsPerHour, HOUR),
    express.json({ limit: limits.importBytes }),
    async (req, res) => {
      const parsed = parseStoryJson(req.body);
      if (!parsed.ok) return refuse(res, 400, { code: "invalidStory", message: parsed.message });
      const { tableId, invite, facilitatorKey } = await tables.openFrom((id, now) =>
        tableFromStory(parsed.story, { id, now }),
      );
      logger.info({ tableId, from: parsed.story.table.id }, "table opened from an imported story");
      res.status(201).json(links(tableId, invite, facilitatorKey));
    },
  );

  // A body that is not JSON at all (a wrong file, a truncated upload) gets a readable answer too.
  router.use((error: { type?: string; message?: string }, req: Request, res: Response, next: (e: unknown) => void) => {
    // A file imported is told what is wrong in it; any other request (a join, a new table) is told only that it could
    // not be read, without echoing what was sent.
    if (error?.type === "entity.parse.failed") {
      const message =
        req.path === API.importStory
          ? t("export.json.notJson", { message: error.message ?? "" })
          : t("http.notJsonRequest");
      return refuse(res, 400, { code: "notJson", message });
    }
    if (error?.type === "entity.too.large") {
      const message =
        req.path === API.importStory
          ? t("http.importTooLarge", { max: readableSize(limits.importBytes) })
          : t("http.tooLarge");
      return refuse(res, 413, { code: "tooLarge", message });
    }
    next(error);
  });

  return router;
}
