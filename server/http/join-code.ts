// POST /api/join-codes/resolve — a join code typed on the home page, answered with no more than the participant link
// it stands for (the table's id, its title, the link), and only while the table accepts arrivals; a workshop's code
// gives its lobby link, while its arrivals are open. The code is normalised and its form checked first (nothing is
// read for a malformed one); then one read on the store's unique index (a second one, on workshops', for a miss). Failed attempts are limited per address (LIMIT_JOIN_CODE_FAILURES_PER_HOUR): a code is 39 random bits, and a
// guesser must stay far from finding any table open to arrivals (docs/SECURITY.md).
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import { t } from "#shared/i18n/translate.ts";
import { isJoinCode, normaliseJoinCode } from "#shared/join-code.ts";
import { API, tableLink, type ResolvedJoinCode } from "#shared/protocol.ts";
import { workshopLink } from "#shared/workshop.ts";
import type { Tables } from "../tables.ts";
import type { Workshops } from "../workshops.ts";
import type { RateLimit } from "./protection.ts";
import { refuse } from "./refuse.ts";

/** The longest text taken as a code before normalising: spaces and dashes around eight characters, with room to spare. */
const MAX_TYPED = 64;

/** Reads and checks the code before the limiter counts anything: a malformed code costs the server nothing. */
function wellFormedCode(req: Request, res: Response, next: NextFunction): void {
  const typed = (req.body as { code?: unknown } | undefined)?.code;
  const code = typeof typed === "string" && typed.length <= MAX_TYPED ? normaliseJoinCode(typed) : "";
  if (!isJoinCode(code)) return refuse(res, 400, { code: "invalidJoinCode", message: t("joinCode.invalid") });
  res.locals.joinCode = code;
  next();
}

const unknownCode = (res: Response) => refuse(res, 404, { code: "unknownJoinCode", message: t("joinCode.unknown") });

export interface JoinCodeServices {
  tables: Tables;
  workshops: Pick<Workshops, "findByJoinCode">;
  logger: Logger;
  rateLimit: RateLimit;
}

export function joinCodeRouter({ tables, workshops, logger, rateLimit }: JoinCodeServices): Router {
  const router = express.Router();
  router.post(
    API.resolveJoinCode,
    express.json({ limit: "1kb" }),
    wellFormedCode,
    rateLimit,
    async (_req, res: Response) => {
      res.set("Cache-Control", "no-store");
      const code = res.locals.joinCode as string;
      const match = await tables.findByJoinCode(code);
      if (!match) {
        // Not a table's: perhaps a workshop's (codes are unique among both), which leads to its lobby while arrivals are open.
        const workshop = await workshops.findByJoinCode(code);
        if (!workshop) return unknownCode(res);
        if (!workshop.arrivalsOpen)
          return refuse(res, 403, { code: "arrivalsClosed", message: t("workshopCore.arrivalsClosed") });
        const answer: ResolvedJoinCode = {
          kind: "workshop",
          workshopId: workshop.id,
          title: workshop.title,
          path: workshopLink(workshop.id, "invite", workshop.invite),
        };
        return res.json(answer);
      }
      let welcome;
      try {
        welcome = await tables.welcome(match.tableId);
      } catch (error) {
        logger.error({ err: error, tableId: match.tableId }, "could not answer a join code");
        return refuse(res, 500, { code: "joinCodeFailed", message: t("connection.cannotReach") });
      }
      // Deleted in between: the code leads nowhere, like one that never was.
      if (!welcome || welcome.arrivals?.code === "tableNotFound") return unknownCode(res);
      // Locked, closed, full: said as such (the code is right; the table takes nobody new now), and nothing more.
      if (welcome.arrivals) return refuse(res, 403, welcome.arrivals);
      const answer: ResolvedJoinCode = {
        kind: "table",
        tableId: match.tableId,
        title: welcome.title,
        path: tableLink(match.tableId, "invite", match.invite),
      };
      res.json(answer);
    },
  );
  return router;
}
