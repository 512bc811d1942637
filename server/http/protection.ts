// What keeps strangers from using the server as their own: the matchmaker's routes closed, an allow-list of origins
// (HTTP API and WebSocket), no credentialed CORS, and per-address rate limits answered with 429 and Retry-After.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { matchMaker, ServerError } from "@colyseus/core";
import { t } from "#shared/i18n/translate.ts";
import { refuse } from "./refuse.ts";

export type RateLimit = RequestHandler;

export interface OriginPolicy {
  /** PUBLIC_URL's origin, when set. */
  publicOrigin: string | null;
  /** ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
}

/**
 * Whether a request may act, by the Origin its browser sent. No Origin: not a browser page (curl, a test), which can
 * send anything anyway. The app's own page: its origin is the address it called (same origin) or PUBLIC_URL. Any other
 * page only when listed: a site elsewhere cannot use a visitor's link on this server.
 */
export function originAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (origin === policy.publicOrigin || policy.allowedOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Refuses API requests that change something (any method but GET and HEAD) sent by a page of another origin (403). */
export function sameOriginApi(policy: OriginPolicy): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || originAllowed(policy, req.get("origin"), req.get("host")))
      return next();
    refuse(res, 403, { code: "originRefused", message: t("http.originRefused") });
  };
}

/** For the WebSocket upgrade (ws' verifyClient): the same rule as the HTTP API. */
export function verifyWebSocketOrigin(policy: OriginPolicy) {
  return ({ origin, req }: { origin: string; req: IncomingMessage }): boolean =>
    originAllowed(policy, origin || undefined, req.headers.host);
}

/**
 * Colyseus answers every route with CORS for any origin, credentials allowed, and serves its matchmaker to anyone:
 * any client could reserve a seat in any open table. Here no matchmaking method is served (tables are joined through
 * POST /api/tables/:id/join, which checks the link first), and CORS is granted to the listed origins only, without
 * credentials (the app sends none: its secrets travel in the request body or an Authorization header).
 */
export function lockDownColyseus(policy: OriginPolicy): void {
  matchMaker.controller.invokeMethod = async () => {
    throw new ServerError(404, t("http.matchmakerClosed"));
  };
  matchMaker.controller.DEFAULT_CORS_HEADERS = {
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  } as unknown as typeof matchMaker.controller.DEFAULT_CORS_HEADERS;
  matchMaker.controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin");
    return origin && policy.allowedOrigins.includes(origin) ? { "Access-Control-Allow-Origin": origin } : {};
  };
}

export interface PerAddressOptions {
  /** Count only the requests answered with an error (4xx, 5xx): what succeeded costs nothing of the allowance. */
  failuresOnly?: boolean;
  /** The French reason given past the limit (http.rateLimited by default). */
  reason?: (seconds: number) => string;
}

/**
 * At most `limit` requests per address per window; past it, 429 with Retry-After and a French message. Addresses are
 * the socket's, or X-Forwarded-For's as far as TRUST_PROXY trusts it (Express' `trust proxy`).
 */
export function perAddress(
  limit: number,
  windowMs: number,
  { failuresOnly = false, reason }: PerAddressOptions = {},
): RateLimit {
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests: failuresOnly,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    // A stranger's forged X-Forwarded-For is simply ignored without TRUST_PROXY; no need to log about it.
    validate: { xForwardedForHeader: false },
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      res.set("Retry-After", String(seconds));
      refuse(res, 429, { code: "rateLimited", message: reason ? reason(seconds) : t("http.rateLimited", { seconds }) });
    },
  });
}

/**
 * Answers every /matchmake/ request before its body is read (Colyseus' router would parse up to 1 MB of JSON before
 * its method is even looked at), ahead of any 'request' listener whatever their order, and closes the connection so
 * that the unread body goes nowhere. lockDownColyseus() stays as the second line.
 */
export function closeMatchmakeRoutes<S extends Server>(server: S): S {
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = ((event: string | symbol, ...args: unknown[]) => {
    const [req, res] = args as [IncomingMessage, ServerResponse];
    if (event === "request" && /^\/matchmake(\/|$|\?)/.test(req.url ?? "")) {
      const body = JSON.stringify({ code: "matchmakerClosed", message: t("http.matchmakerClosed") });
      res.writeHead(404, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(body),
        Connection: "close",
      });
      res.end(body);
      return true;
    }
    return emit(event, ...args);
  }) as S["emit"];
  return server;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
