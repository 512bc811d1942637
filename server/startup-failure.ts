// What stops the server before it listens, told to whoever starts it in one sentence: no stack trace, no password.

/** A failure whose message is already the sentence to show (which setting, what went wrong, what to do). */
export class StartupError extends Error {
  override name = "StartupError";
}

/** The one line written to stderr: a StartupError as it is; anything else (a setting, a deck file) behind a prefix. */
export function startupSentence(error: unknown): string {
  if (error instanceof StartupError) return error.message;
  return `The server could not start: ${reasonOf(error)}.`;
}

/** An error's own words on one line, for after a colon: its message, else its code (an AggregateError has neither
 * message nor stack worth showing, e.g. "localhost" refused on both ::1 and 127.0.0.1). */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error instanceof AggregateError ? error.errors.find((e): e is Error => e instanceof Error) : undefined;
  const words = error.message || inner?.message || (error as NodeJS.ErrnoException).code || error.name;
  return words.replace(/\s+/g, " ").trim().replace(/\.$/, "");
}

/** Where a PostgreSQL URL points, without the user and password it may carry. */
export function databaseLabel(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}${port ? `:${port}` : ""}${pathname}`;
  } catch {
    return "(DATABASE_URL)";
  }
}

/** Why the HTTP server could not listen on host:port, as a StartupError. */
export function listenFailure(error: NodeJS.ErrnoException, port: number, host: string): StartupError {
  switch (error.code) {
    case "EADDRINUSE":
      return new StartupError(`Port ${port} is already in use by another program: choose another one with PORT.`);
    case "EACCES":
      return new StartupError(`This account may not listen on port ${port}: choose one above 1023 with PORT.`);
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new StartupError(
        `HOST "${host}" is not an address of this machine: leave HOST unset to listen on all of them.`,
      );
    default:
      return new StartupError(`Cannot listen on ${host}:${port}: ${reasonOf(error)}.`);
  }
}
