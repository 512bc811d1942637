// Workshop endpoints: open a workshop (limited per address, like a table), its lobby (any of its three links), and
// seating a newcomer (the lobby's link). Every request's secret is checked against the stored workshop first (one
// small read): a stranger gets 401 and makes the server open no table.
import express, { type Router } from "express";
import type { Logger } from "pino";
import { t } from "#shared/i18n/translate.ts";
import { WORKSHOP_API } from "#shared/workshop.ts";
import { createWorkshopSchema, seatRequestSchema, workshopKeySchema } from "#shared/workshop-protocol.ts";
import { workshopLinkOf, type Workshops } from "../workshops.ts";
import type { RateLimit } from "./protection.ts";
import { refuse } from "./refuse.ts";

export interface WorkshopRouteServices {
  workshops: Workshops;
  logger: Logger;
  /** Per address, before the body is read: creating (each opens up to twenty tables), the lobby's polling, seating. */
  limits: { create: RateLimit; lobby: RateLimit; seat: RateLimit };
}

const notFound = { code: "workshopNotFound", message: t("workshopCore.workshopNotFound") };
const badLink = { code: "badLink", message: t("workshopCore.badLink") };

export function workshopRouter({ workshops, logger, limits }: WorkshopRouteServices): Router {
  const router = express.Router();

  router.post(WORKSHOP_API.create, limits.create, express.json({ limit: "256kb" }), async (req, res) => {
    const body = createWorkshopSchema.safeParse(req.body);
    if (!body.success) return refuse(res, 400, { code: "invalidBody", message: t("http.invalidBody") });
    const created = await workshops.create(body.data);
    if (!created.ok) return refuse(res, 400, created.refusal);
    logger.info({ workshopId: created.value.workshopId, tables: body.data.tableCount }, "workshop opened");
    res.status(201).json(created.value);
  });

  // Paths written out (WORKSHOP_API.lobby / seat): the helpers encode ":" and Express would then match no parameter.
  router.post(
    "/api/workshops/:workshopId/lobby",
    limits.lobby,
    express.json({ limit: "4kb" }),
    async (req: express.Request<{ workshopId: string }>, res) => {
      res.set("Cache-Control", "no-store");
      const key = workshopKeySchema.safeParse(req.body);
      if (!key.success) return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
      const workshop = await workshops.load(req.params.workshopId);
      if (!workshop) return refuse(res, 404, notFound);
      if (!workshopLinkOf(key.data, workshop)) return refuse(res, 401, badLink);
      const lobby = await workshops.lobby(workshop.id);
      if (!lobby) return refuse(res, 404, notFound);
      res.json(lobby);
    },
  );

  router.post(
    "/api/workshops/:workshopId/seat",
    limits.seat,
    express.json({ limit: "4kb" }),
    async (req: express.Request<{ workshopId: string }>, res) => {
      res.set("Cache-Control", "no-store");
      const request = seatRequestSchema.safeParse(req.body);
      if (!request.success) return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
      const workshop = await workshops.load(req.params.workshopId);
      if (!workshop) return refuse(res, 404, notFound);
      // Only the lobby's link seats people: the facilitator's and the plenary screen's open the tables otherwise.
      if (workshopLinkOf({ invite: request.data.invite }, workshop) !== "participant") return refuse(res, 401, badLink);
      const seated = await workshops.seat(workshop.id, request.data.tableId);
      if (!seated.ok) return refuse(res, seated.status, seated.refusal);
      res.json(seated.value);
    },
  );

  return router;
}
