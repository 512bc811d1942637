// HTTP endpoints: open a table (the only way to create one), the decks for the setup form, the story as Markdown.
import express, { type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { Decks } from "../../cards/load.ts";
import { t } from "../../shared/i18n/translate.ts";
import { API, createTableSchema, tableLink, type CreatedTable, type RefusalReply } from "../../shared/protocol.ts";
import { parseStoryJson, tableFromStory } from "../../shared/story/json.ts";
import type { Tables } from "../tables.ts";
import { exportRouter } from "./exports.ts";

export interface RouteServices {
  tables: Tables;
  decks: Decks;
  logger: Logger;
  publicUrl: string | null;
}

function refuse(res: Response, status: number, reply: RefusalReply): void {
  res.status(status).json(reply);
}

/** The address links should start with: the configured public URL, else what the browser called. */
function origin(req: Request, publicUrl: string | null): string {
  return publicUrl ?? `${req.protocol}://${req.get("host")}`;
}

export function apiRouter(services: RouteServices): Router {
  const { tables, decks, logger } = services;
  const router = express.Router();
  const links = (req: Request, tableId: string, invite: string, facilitatorKey: string): CreatedTable => {
    const base = origin(req, services.publicUrl);
    return {
      tableId,
      participantLink: base + tableLink(tableId, "invite", invite),
      facilitatorLink: base + tableLink(tableId, "facilitator", facilitatorKey),
    };
  };
  router.use(exportRouter({ loadTableState: (id) => tables.current(id), decks }));
  router.post(API.createTable, express.json({ limit: "64kb" }));

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
    res.status(201).json(links(req, tableId, invite, facilitatorKey));
  });

  // Idempotent: called by browsers before joining, so that a table survives a server restart.
  router.post("/api/tables/:tableId/room", async (req, res) => {
    if (await tables.ensureRoom(req.params.tableId)) return res.json({ roomId: req.params.tableId });
    refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
  });

  // A story exported as JSON opens a new table that continues it; the importer becomes its facilitator.
  router.post(API.importStory, express.json({ limit: "2mb" }), async (req, res) => {
    const parsed = parseStoryJson(req.body);
    if (!parsed.ok) return refuse(res, 400, { code: "invalidStory", message: parsed.message });
    const { tableId, invite, facilitatorKey } = await tables.openFrom((id, now) => tableFromStory(parsed.story, { id, now }));
    logger.info({ tableId, from: parsed.story.table.id }, "table opened from an imported story");
    res.status(201).json(links(req, tableId, invite, facilitatorKey));
  });

  // A body that is not JSON at all (a wrong file, a truncated upload) gets a readable answer too.
  router.use((error: { type?: string; message?: string }, _req: Request, res: Response, next: (e: unknown) => void) => {
    if (error?.type === "entity.parse.failed") {
      return refuse(res, 400, { code: "notJson", message: t("export.json.notJson", { message: error.message ?? "" }) });
    }
    if (error?.type === "entity.too.large") return refuse(res, 413, { code: "tooLarge", message: t("http.tooLarge") });
    next(error);
  });

  return router;
}
