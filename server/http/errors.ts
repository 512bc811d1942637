// The last word on every HTTP request Express did not answer: a short JSON { code, message } in French,
// never Express's HTML page with a stack trace and the server's paths, whatever NODE_ENV or LOG_LEVEL say.
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { t, type Dictionary } from "#shared/i18n/translate.ts";
import type { RefusalReply } from "#shared/protocol.ts";
import { refuse } from "./refuse.ts";

/** What Express, body-parser and send attach to the errors they raise (http-errors). */
interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/** A path nothing answers: the same JSON shape as every other refusal of the API. */
export const notFound: RequestHandler = (_req, res) => {
  refuse(res, 404, { code: "notFound", message: t("http.notFound") });
};

/** The status and reply for an error; only a 4xx keeps its own status, anything else is the server's fault. */
export function replyFor(error: unknown): { status: number; reply: RefusalReply } {
  const {
    status: rawStatus,
    statusCode,
    type,
  } = (typeof error === "object" && error !== null ? error : {}) as HttpError;
  const status = rawStatus ?? statusCode ?? 500;
  const reply = (code: string, key: keyof Dictionary["http"]) => ({ code, message: t(`http.${key}`) });
  // A malformed %-escape in the path (router's decodeURIComponent, or send's for static files).
  if (error instanceof URIError) return { status: 400, reply: reply("badAddress", "badAddress") };
  if (type === "charset.unsupported" || type === "encoding.unsupported") {
    return { status: 415, reply: reply("unsupportedMediaType", "unsupportedMediaType") };
  }
  if (type === "entity.too.large" || status === 413) return { status: 413, reply: reply("tooLarge", "tooLarge") };
  if (status === 404) return { status, reply: reply("notFound", "notFound") };
  if (Number.isInteger(status) && status >= 400 && status < 500)
    return { status, reply: reply("badRequest", "badRequest") };
  return { status: 500, reply: reply("serverError", "serverError") };
}

/** Answers any error that reached the end of the Express chain; the details go to the log, not to the client. */
export function errorReply(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, reply } = replyFor(error);
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, "HTTP request failed");
    else logger.debug({ err: error, method: req.method, status }, "HTTP request refused");
    // Half a response is already on its way: nothing readable can follow it, so cut the connection.
    if (res.headersSent) return void res.destroy();
    refuse(res, status, reply);
  };
}
