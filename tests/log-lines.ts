// The server's own logger (server/logger.ts, its redaction included) writing into a list of lines, for the tests that
// read what the server says: no secret in it, no error when it stops.
import { Writable } from "node:stream";
import type { Logger } from "pino";
import { createLogger } from "#server/logger.ts";

export interface LoggedLines {
  logger: Logger;
  /** Every line logged so far (JSON, one per entry). */
  lines: string[];
}

export function loggingToLines(level: string): LoggedLines {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}
