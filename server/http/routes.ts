// HTTP endpoints: open a table (the only way to create one), the decks for the setup form, the story as Markdown.
import express, { type Request, type Response, type Router } from "express";
import { matchMaker } from "@colyseus/core";
import type { Logger } from "pino";
import type { Decks } from "../../cards/load.ts";
import { t } from "../../shared/i18n/translate.ts";
import { API, createTableSchema, ROOM_NAME, tableLink, type CreatedTable, type RefusalReply } from "../../shared/protocol.ts";
import { createTable } from "../../shared/rules/index.ts";
import { storyMarkdown } from "../../shared/story/markdown.ts";
import { hashSecret, matchesHash, newId, newSecret } from "../secrets.ts";
import type { TableStore } from "../store/table-store.ts";

export interface RouteServices {
  store: TableStore;
  decks: Decks;
  logger: Logger;
  publicUrl: string | null;
  creationTicket: string;
}

function refuse(res: Response, status: number, reply: RefusalReply): void {
  res.status(status).json(reply);
}

/** The address links should start with: the configured public URL, else what the browser called. */
function origin(req: Request, publicUrl: string | null): string {
  return publicUrl ?? `${req.protocol}://${req.get("host")}`;
}

function bearer(req: Request): string | undefined {
  const header = req.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
}

export function apiRouter(services: RouteServices): Router {
  const { store, decks, logger } = services;
  const allCards = [...decks.challenge.cards, ...decks.lever.cards, ...decks.pitfall.cards];
  const router = express.Router();
  router.use(express.json({ limit: "64kb" }));

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
    const tableId = newId();
    const outcome = createTable({ id: tableId, now: Date.now(), seed: newSecret(), setup: body.data, cards: allCards });
    if (!outcome.ok) return refuse(res, 400, outcome.refusal);

    const invite = newSecret();
    const facilitatorKey = newSecret();
    await store.insert({
      id: tableId,
      createdAt: outcome.state.createdAt,
      facilitatorKeyHash: hashSecret(facilitatorKey),
      invite,
      state: outcome.state,
    });
    await matchMaker.createRoom(ROOM_NAME, { tableId, ticket: services.creationTicket });
    logger.info({ tableId }, "table opened");

    const base = origin(req, services.publicUrl);
    const created: CreatedTable = {
      tableId,
      participantLink: base + tableLink(tableId, "invite", invite),
      facilitatorLink: base + tableLink(tableId, "facilitator", facilitatorKey),
    };
    res.status(201).json(created);
  });

  router.get("/api/tables/:tableId/story.md", async (req, res) => {
    const record = await store.load(req.params.tableId);
    if (!record) return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    if (!matchesHash(bearer(req), record.facilitatorKeyHash)) {
      return refuse(res, 401, { code: "facilitatorKeyRequired", message: t("http.facilitatorKeyRequired") });
    }
    const markdown = storyMarkdown(record.state, { attribution: decks.attribution.text, exportedAt: new Date() });
    res
      .type("text/markdown; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="recit-${record.id}.md"`)
      .send(markdown);
  });

  return router;
}
