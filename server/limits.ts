// The limits that keep one address, one seat or one table from taking the server for itself. Each sits well above what
// a real workshop does (a table of ten to forty people over a day) and can be changed with an environment variable.

export interface Limits {
  /** New tables (POST /api/tables) per address, per hour. */
  tableCreationsPerHour: number;
  /** New workshops (POST /api/workshops) per address, per hour: each opens up to twenty tables. */
  workshopCreationsPerHour: number;
  /**
   * Lobby requests (POST /api/workshops/:id/lobby) per address, per minute: every waiting browser asks again every few
   * seconds, and a whole room may sit behind one address.
   */
  lobbyRequestsPerMinute: number;
  /** Stories imported (POST /api/tables/import) per address, per hour. */
  importsPerHour: number;
  /** Largest story file an import accepts, in bytes. */
  importBytes: number;
  /** Largest workshop book (its JSON: every table's story) an import accepts, in bytes. */
  workshopImportBytes: number;
  /** Downloads of a story or a deck per address, per minute: each renders a whole table. */
  exportsPerMinute: number;
  /** Tables deleted (DELETE /api/tables/:id) per address, per hour: each closes a room and rewrites the store. */
  deletionsPerHour: number;
  /**
   * Reads of /metrics per address, per minute: each gathers every metric of the process. A Prometheus scraping every
   * 15 s reads it four times a minute; a stranger asking in a loop (when METRICS_TOKEN is not set) is turned away.
   */
  metricsPerMinute: number;
  /**
   * Joins (POST /api/tables/:id/join) per address, per minute: a whole workshop behind one address (130 people, each
   * asking the title, a seat in the lobby and the join) arriving in the same minute fits.
   */
  joinsPerMinute: number;
  /**
   * Join codes that led nowhere (unknown, or the table closed to arrivals) per address, per hour. Codes that open a
   * table are not counted: a whole workshop behind one address typing the right code fits, a guesser does not.
   */
  joinCodeFailuresPerHour: number;
  /** Actions and requests one seat may send per second, whatever its number of connections (a burst of twice that is allowed). */
  actionsPerSecond: number;
  /**
   * Actions all the seats of one table may send per second together. A table of forty people rarely reaches a few per
   * second; past it, the extra ones wait a second in their senders' outboxes. One table cannot take the whole process.
   */
  tableActionsPerSecond: number;
  /** Open connections (tabs, devices) of one seat at a time. */
  connectionsPerSeat: number;
  /** Open connections to one table: participants' tabs and observers together. */
  connectionsPerTable: number;
  /** Observers (projector, guests) watching one table at a time. */
  observersPerTable: number;
  /** Entries a table's log may hold; past it, the table takes no new action (its story can still be exported and continued). */
  logEntries: number;
  /** Bytes a table's log may hold, same consequence. */
  logBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  tableCreationsPerHour: 30,
  workshopCreationsPerHour: 10,
  lobbyRequestsPerMinute: 3000,
  importsPerHour: 10,
  importBytes: 1024 * 1024,
  workshopImportBytes: 4 * 1024 * 1024,
  exportsPerMinute: 30,
  joinsPerMinute: 600,
  joinCodeFailuresPerHour: 30,
  deletionsPerHour: 30,
  metricsPerMinute: 60,
  actionsPerSecond: 10,
  tableActionsPerSecond: 20,
  connectionsPerSeat: 4,
  connectionsPerTable: 80,
  observersPerTable: 10,
  logEntries: 10_000,
  logBytes: 8 * 1024 * 1024,
};

/** The environment variable of each limit: LIMIT_ + the name in capitals, e.g. LIMIT_ACTIONS_PER_SECOND. */
export function limitVariable(name: keyof Limits): string {
  return `LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Reads every LIMIT_… variable; anything but a positive whole number stops the server with the variable named. */
export function readLimits(env: NodeJS.ProcessEnv): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const variable = limitVariable(name);
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${variable} must be a positive whole number, not "${raw}"`);
    limits[name] = value;
  }
  return limits;
}

/** Frames one connection may send in a second before it is closed as a flood: ten times a seat's pace. */
export function floodFramesPerSecond(limits: Pick<Limits, "actionsPerSecond">): number {
  return limits.actionsPerSecond * 10;
}
