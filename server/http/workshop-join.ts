// POST /api/workshops/:id/join — the way into a workshop's live overview: the workshop facilitator's secret (commands)
// or the plenary screen's (watches only) is checked against the stored workshop first; only then is the overview room
// opened if needed and a seat reserved for the WebSocket that follows (see server/http/join.ts for a table).
import express, { type Router } from "express";
import { matchMaker } from "@colyseus/core";
import type { Logger } from "pino";
import { t } from "#shared/i18n/translate.ts";
import { PROTOCOL_VERSION } from "#shared/protocol.ts";
import { workshopJoinSchema } from "#shared/workshop-protocol.ts";
import type { WorkshopAdmission } from "../room/workshop-room.ts";
import { hashSecret, matchesHash } from "../secrets.ts";
import type { WorkshopCreation } from "../store/table-store.ts";
import type { RateLimit } from "./protection.ts";
import { refuse } from "./refuse.ts";

export interface WorkshopJoinServices {
  /** The workshop's row (its secrets: the facilitator's hash, the observer's plain). */
  load(workshopId: string): Promise<WorkshopCreation | undefined>;
  /** Opens the workshop's overview room in this process if needed (server/room/workshop-room.ts workshopRoomOpener). */
  ensureRoom(workshopId: string): Promise<boolean>;
  logger: Logger;
  rateLimit: RateLimit;
}

export function workshopJoinRouter({ load, ensureRoom, logger, rateLimit }: WorkshopJoinServices): Router {
  const router = express.Router();
  // WORKSHOP_API.join(id), written out: the helper encodes ":" and Express would then match no parameter.
  router.post(
    "/api/workshops/:workshopId/join",
    rateLimit,
    express.json({ limit: "4kb" }),
    async (req: express.Request<{ workshopId: string }>, res) => {
      const parsed = workshopJoinSchema.safeParse(req.body);
      if (!parsed.success || parsed.data.protocolVersion !== PROTOCOL_VERSION) {
        return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
      }
      const { workshopId } = req.params;
      const workshop = await load(workshopId);
      if (!workshop)
        return refuse(res, 404, { code: "workshopNotFound", message: t("workshopOverview.workshopNotFound") });
      const { facilitatorKey, observerKey } = parsed.data;
      const facilitator = matchesHash(facilitatorKey, workshop.facilitatorKeyHash);
      if (!facilitator && !matchesHash(observerKey, hashSecret(workshop.observerKey))) {
        return refuse(res, 401, { code: "badLink", message: t("workshopOverview.badLink") });
      }
      try {
        if (!(await ensureRoom(workshopId)))
          return refuse(res, 404, { code: "workshopNotFound", message: t("workshopOverview.workshopNotFound") });
        const room = await matchMaker.getRoomById(workshopId);
        if (!room)
          return refuse(res, 404, { code: "workshopNotFound", message: t("workshopOverview.workshopNotFound") });
        // The reservation holds no secret: only whether this connection may command.
        res.json(await matchMaker.reserveSeatFor(room, {}, { facilitator } satisfies WorkshopAdmission));
      } catch (error) {
        if (/already full/.test((error as Error).message))
          return refuse(res, 503, { code: "tableBusy", message: t("refusal.tableBusy") });
        logger.error({ err: error, workshopId }, "could not join a workshop's overview");
        refuse(res, 500, { code: "joinFailed", message: t("connection.cannotReach") });
      }
    },
  );
  return router;
}
