// POST /api/tables/:tableId/title — the table's title, for the join page and the browser tab, before the person sits;
// to the workshop facilitator's secret, also the workshop the table is part of (the table page's way back to it).
// The link's secret is checked against the stored secrets first (one small read), as for a join: a stranger learns
// nothing, not even whether the table exists beyond what its public id already says, and opens no room.
import express, { type Router } from "express";
import { t } from "#shared/i18n/translate.ts";
import { joinOptionsSchema, type TableTitle } from "#shared/protocol.ts";
import type { Tables } from "../tables.ts";
import { isWorkshopFacilitatorKey, linkOf } from "./join.ts";
import type { RateLimit } from "./protection.ts";
import { refuse } from "./refuse.ts";

const titleRequestSchema = joinOptionsSchema.pick({ invite: true, facilitatorKey: true, observerKey: true });

export function tableTitleRouter({ tables, rateLimit }: { tables: Tables; rateLimit: RateLimit }): Router {
  const router = express.Router();
  router.post(
    "/api/tables/:tableId/title",
    rateLimit,
    express.json({ limit: "4kb" }),
    async (req: express.Request<{ tableId: string }>, res) => {
      res.set("Cache-Control", "no-store");
      const parsed = titleRequestSchema.safeParse(req.body);
      if (!parsed.success) return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
      const { tableId } = req.params;
      const secrets = await tables.secrets(tableId);
      if (!secrets) return refuse(res, 404, { code: "tableNotFound", message: t("join.tableNotFound") });
      // A replaced participant link brings back people already seated (they see the table itself), nobody new.
      const link = linkOf(parsed.data, secrets);
      if (link === "replacedInvite")
        return refuse(res, 401, { code: "inviteReplaced", message: t("http.inviteReplaced") });
      if (!link) return refuse(res, 401, { code: "badLink", message: t("http.badLink") });
      const welcome = await tables.welcome(tableId);
      if (!welcome || welcome.arrivals?.code === "tableNotFound")
        return refuse(res, 404, { code: "tableNotFound", message: t("join.tableNotFound") });
      // The way back to the workshop's overview, for the one secret that opens it: nobody else learns the workshop.
      const workshopId = isWorkshopFacilitatorKey(parsed.data.facilitatorKey, secrets) ? welcome.workshopId : null;
      const answer: TableTitle = { title: welcome.title, ...(workshopId && { workshopId }) };
      res.json(answer);
    },
  );
  return router;
}
