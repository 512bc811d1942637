// DELETE /api/tables/:tableId — the facilitator deletes the table and everything in it. The facilitator link's secret
// (Authorization: Bearer) is checked first, as for the downloads: a request without it deletes nothing and costs one
// small read. Its people's connections are closed with a reason, and from then on the links lead nowhere (404).
import express, { type Router } from "express";
import type { Logger } from "pino";
import { t } from "#shared/i18n/translate.ts";
import type { Tables } from "../tables.ts";
import { bearer } from "./bearer.ts";
import { isFacilitatorKey } from "./join.ts";
import type { RateLimit } from "./protection.ts";
import { refuse } from "./refuse.ts";

export function deletionRouter({
  tables,
  logger,
  rateLimit,
}: {
  tables: Tables;
  logger: Logger;
  rateLimit: RateLimit;
}): Router {
  const router = express.Router();
  router.delete("/api/tables/:tableId", rateLimit, async (req: express.Request<{ tableId: string }>, res) => {
    const { tableId } = req.params;
    const secrets = await tables.secrets(tableId);
    if (!secrets) return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    if (!isFacilitatorKey(bearer(req), secrets)) {
      return refuse(res, 401, { code: "facilitatorKeyRequired", message: t("deletion.facilitatorKeyRequired") });
    }
    // Deleted by another request in between (a second click, the retention sweep): gone all the same.
    if (!(await tables.delete(tableId)))
      return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    logger.info({ tableId }, "table deleted by its facilitator");
    res.set("Cache-Control", "no-store").status(204).end();
  });
  return router;
}
