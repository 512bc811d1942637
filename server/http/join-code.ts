// POST /api/join-codes/resolve — a join code typed on the home page, answered with no more than the participant link
// it stands for (the table's id, its title, the link), and only while the table accepts arrivals. The code is
// normalised and its form checked first (nothing is read for a malformed one); then one read on the store's unique
// index. Failed attempts are limited per address (LIMIT_JOIN_CODE_FAILURES_PER_HOUR): a code is 39 random bits, and a
// guesser must stay far from finding any table open to arrivals (docs/SECURITY.md).
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "pino";
import { t } from "../../shared/i18n/translate.ts";
import { isJoinCode, normaliseJoinCode } from "../../shared/join-code.ts";
import { API, tableLink, type ResolvedJoinCode } from "../../shared/protocol.ts";
import type { Tables } from "../tables.ts";
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

export function joinCodeRouter({ tables, logger, rateLimit }: { tables: Tables; logger: Logger; rateLimit: RateLimit }): Router {
  const router = express.Router();
  router.post(API.resolveJoinCode, express.json({ limit: "1kb" }), wellFormedCode, rateLimit, async (_req, res: Response) => {
    res.set("Cache-Control", "no-store");
    const match = await tables.findByJoinCode(res.locals.joinCode as string);
    if (!match) return unknownCode(res);
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
    const answer: ResolvedJoinCode = { tableId: match.tableId, title: welcome.title, path: tableLink(match.tableId, "invite", match.invite) };
    res.json(answer);
  });
  return router;
}
