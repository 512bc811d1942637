// What the host's tools read: GET /api/health for a load balancer (200 when the store answers, 503 otherwise) and
// GET /metrics for Prometheus (server/metrics.ts), behind a bearer token when METRICS_TOKEN is set; and GET
// /api/hosting, the host's settings the privacy page states (how long tables are kept).
import express, { type RequestHandler, type Router } from "express";
import { t } from "#shared/i18n/translate.ts";
import { HOSTING_API, type HostingInfo } from "#shared/protocol.ts";
import { registry } from "../metrics.ts";
import { bearer } from "./bearer.ts";
import { refuse } from "./refuse.ts";
import { hashSecret, matchesHash } from "../secrets.ts";
import type { TableStore } from "../store/table-store.ts";

export const HEALTH_PATH = "/api/health";
export const METRICS_PATH = "/metrics";

/** A store that does not answer within this time is as good as down for a load balancer. */
const PING_TIMEOUT_MS = 2000;

export interface OperationsServices {
  store: Pick<TableStore, "ping">;
  /** When set, /metrics asks for `Authorization: Bearer <token>`; when null, it is open. */
  metricsToken: string | null;
  /** RETENTION_DAYS, for the privacy page. */
  retentionDays: number;
  /** Turns away an address reading /metrics more often than a scraper does (LIMIT_METRICS_PER_MINUTE), token or not. */
  metricsRateLimit: RequestHandler;
}

export function operationsRouter({ store, metricsToken, retentionDays, metricsRateLimit }: OperationsServices): Router {
  const router = express.Router();
  const tokenHash = metricsToken ? hashSecret(metricsToken) : null;

  // No work beyond one trivial query, and nothing about the tables in the answer.
  router.get(HEALTH_PATH, async (_req, res) => {
    res.set("Cache-Control", "no-store");
    const up = await answersWithin(store.ping(), PING_TIMEOUT_MS);
    res.status(up ? 200 : 503).json({ status: up ? "ok" : "unavailable" });
  });

  router.get(METRICS_PATH, metricsRateLimit, async (req, res) => {
    res.set("Cache-Control", "no-store");
    if (tokenHash && !matchesHash(bearer(req), tokenHash)) {
      res.set("WWW-Authenticate", 'Bearer realm="metrics"');
      return refuse(res, 401, { code: "metricsTokenRequired", message: t("operations.metricsTokenRequired") });
    }
    res.type(registry.contentType).send(await registry.metrics());
  });

  router.get(HOSTING_API, (_req, res) => {
    res.json({ retentionDays } satisfies HostingInfo);
  });

  return router;
}

/** Whether the promise resolves within the time (a rejection or a timeout is false). */
async function answersWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
