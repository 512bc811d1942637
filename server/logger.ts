// The server's one logger. Nothing secret ever reaches it: the link secrets and seat keys are censored wherever they
// sit in a logged object, and errors are logged without what Colyseus attaches to them (a join's options, a message).
import pino, { type Logger } from "pino";

/** The names under which a secret travels: join options, share links, table rows. */
const SECRET_KEYS = [
  "invite",
  "facilitatorKey",
  "observerKey",
  "joinCode",
  "seatKey",
  "reconnectionToken",
  "ticket",
  "authorization",
];

/** Where those names can sit in what we or Colyseus log: at the top, one level down, in an error's options or args. */
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `err.options.${key}`]);

/**
 * An error as we log it: its type, message and stack, and nothing else. Colyseus' room exceptions carry the join
 * options or the message payload as properties; pino's default serializer would print them whole.
 */
function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause ? { cause: safeError(error.cause) } : {}),
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[secret]" },
    serializers: { err: safeError, error: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * What a client makes Colyseus report about itself (a frame over the size limit, a socket reset, a frame whose payload
 * does not decode: Colyseus logs msgpackr's error with its stack, the reading frames on top): a stranger could fill the
 * log with it at will, so it goes to debug, not error.
 */
const CLIENT_CAUSED =
  /Max payload size exceeded|ECONNRESET|EPIPE|Invalid WebSocket frame|seat reservation expired|^[^\n]*\n\s+at (?:checkedRead|read|unpack) \([^)\n]*msgpackr/;

/** The logger handed to Colyseus: ours, with client-caused errors lowered to debug. */
export function colyseusLogger(logger: Logger) {
  const lowered =
    (level: "error" | "warn") =>
    (...args: unknown[]) => {
      const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
      if (CLIENT_CAUSED.test(text)) logger.debug(text);
      else logger[level](text);
    };
  return {
    debug: (...args: unknown[]) => logger.debug(args.map(String).join(" ")),
    trace: (...args: unknown[]) => logger.trace(args.map(String).join(" ")),
    info: (...args: unknown[]) => logger.info(args.map(String).join(" ")),
    warn: lowered("warn"),
    error: lowered("error"),
  };
}

/**
 * @colyseus/schema writes a warning of several lines on stdout (console.warn) each time a table's state outgrows its
 * encoding buffer, which a large table does at every join: not a fault, and it broke the log's one-JSON-object-a-line.
 * It goes to the log at debug; any other console warning is left as it is. Once per process (server/main.ts).
 */
export function routeSchemaWarnings(logger: Logger, console_: Pick<Console, "warn"> = console): void {
  const warn = console_.warn.bind(console_);
  console_.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("@colyseus/schema buffer overflow"))
      return logger.debug("a table's state outgrew the schema's encoding buffer");
    warn(...args);
  };
}
