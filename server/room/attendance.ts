// Who is at one table right now, apart from the table itself: each connection and the seat it holds (a person may have
// two tabs open), the observers, and where people moved to another table went. Plain bookkeeping over the room's
// connections (tests/unit/attendance.test.ts drives it with plain objects); the room (table-room.ts) calls it.
import { ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { t } from "#shared/i18n/translate.ts";
import { MOVED_CLOSE_CODE } from "#shared/workshop.ts";
import type { Limits } from "../limits.ts";
import { REMOVED_CLOSE_CODE } from "./connections.ts";

/** A seated person, or an observer (the read-only link): no seat, nothing private, no action. */
export type Seat = { participantId: string; observer?: false } | { participantId?: undefined; observer: true };

/** What attendance needs of a connection (Colyseus' Client has it). */
export interface Attendee {
  sessionId: string;
  userData?: Seat;
  view?: StateView;
  leave(code?: number, reason?: string): void;
}

export class Attendance<C extends Attendee> {
  readonly #connections: () => readonly C[];
  readonly #limits: Pick<Limits, "observersPerTable" | "connectionsPerSeat" | "connectionsPerTable">;
  /** Whether the facilitator took this participant off the table (their connections are closed, not kept). */
  readonly #removed: (participantId: string) => boolean;
  /** Live connections and whose seat they hold. Observers are not in it. */
  readonly #live = new Map<C, string>();
  /**
   * Where people moved to another table went (their new table's path), while this room lives: a connection of theirs
   * coming back from a drop is sent on too. After a restart their browser is told by the refusal of their old seat.
   */
  readonly #movedPaths = new Map<string, string>();
  /** The seats online, kept between changes of #live (every patch asks). */
  #online: ReadonlySet<string> | null = null;
  /**
   * Places reserved over HTTP and not yet taken by a WebSocket, by whose they are (a seat, OBSERVERS or NEWCOMERS):
   * when each lapses. They count like connections, so that links used only to reserve cannot fill the table.
   */
  readonly #pending = new Map<string, number[]>();
  /** How long a reservation holds its place (Colyseus' seat reservation time), in ms; and the clock. */
  readonly #reservationMs: () => number;
  readonly #now: () => number;

  constructor(
    connections: () => readonly C[],
    limits: Pick<Limits, "observersPerTable" | "connectionsPerSeat" | "connectionsPerTable">,
    removed: (participantId: string) => boolean,
    reservation: { ms: () => number; now?: () => number } = { ms: () => 15_000 },
  ) {
    this.#connections = connections;
    this.#limits = limits;
    this.#removed = removed;
    this.#reservationMs = reservation.ms;
    this.#now = reservation.now ?? Date.now;
  }

  /**
   * Throws a readable 429 when one more connection would be too many, counting the places reserved and not yet taken
   * with the live connections: an observer (participantId undefined) past the table's observers, a seat's past its
   * connections, a newcomer (null: no seat yet) past a quarter of the table's connections arriving at once. Asked over
   * HTTP before a reservation (`joining` undefined), it holds the place until `arrive` or until the reservation lapses.
   * Whatever a read-only link or a participant link does, the others' places stay free, the facilitator's included.
   */
  makeRoom(participantId: string | null | undefined, joining?: C): void {
    const others = this.#connections().filter((c) => c !== joining);
    const pending = this.#pendingCount(placeOf(participantId));
    if (participantId === undefined) {
      if (others.filter((c) => c.userData?.observer).length + pending >= this.#limits.observersPerTable)
        throw new ServerError(429, t("refusal.tooManyObservers", { max: this.#limits.observersPerTable }));
    } else if (participantId === null) {
      if (pending >= Math.max(1, Math.floor(this.#limits.connectionsPerTable / 4)))
        throw new ServerError(429, t("refusal.tableBusy"));
    } else {
      const open = others.filter((c) => c.userData?.participantId === participantId).length;
      if (open + pending >= this.#limits.connectionsPerSeat)
        throw new ServerError(429, t("refusal.tooManyConnections", { max: this.#limits.connectionsPerSeat }));
    }
    if (!joining) this.#hold(placeOf(participantId));
  }

  /** A reservation is being taken (or refused) by its WebSocket: its place no longer waits. */
  arrive(participantId: string | null | undefined): void {
    this.#pending.get(placeOf(participantId))?.shift();
  }

  #hold(place: string): void {
    const lapses = this.#pending.get(place) ?? [];
    lapses.push(this.#now() + this.#reservationMs());
    this.#pending.set(place, lapses);
  }

  /** The places of this kind still reserved (lapsed ones are forgotten). */
  #pendingCount(place: string): number {
    const lapses = this.#pending.get(place);
    if (!lapses) return 0;
    const now = this.#now();
    while (lapses.length > 0 && (lapses[0] ?? 0) <= now) lapses.shift();
    if (lapses.length === 0) this.#pending.delete(place);
    return lapses.length;
  }

  /** An observer's connection: a view with nothing in it (no seat, so no hand ever reaches it). */
  observe(connection: C): void {
    connection.userData = { observer: true };
    connection.view = new StateView();
  }

  /** A connection takes its seat: it counts as live from now on. */
  seat(connection: C, participantId: string): void {
    connection.userData = { participantId };
    this.#live.set(connection, participantId);
    this.#online = null;
  }

  /** A seated connection dropped, left or came back; false for an observer's (nothing to tell the table). */
  setLive(connection: C, live: boolean): boolean {
    const id = connection.userData?.participantId;
    if (!id) return false;
    if (live) this.#live.set(connection, id);
    else this.#live.delete(connection);
    this.#online = null;
    return true;
  }

  /** The seats with at least one live connection. */
  online(): ReadonlySet<string> {
    return (this.#online ??= new Set(this.#live.values()));
  }

  /** The views of each seat's connections (observers have a view with nothing in it, and no seat). */
  viewsBySeat(): Map<string, StateView[]> {
    const views = new Map<string, StateView[]>();
    for (const connection of this.#connections()) {
      const id = connection.userData?.participantId;
      if (!id || !connection.view) continue;
      const own = views.get(id);
      if (own) own.push(connection.view);
      else views.set(id, [connection.view]);
    }
    return views;
  }

  /** Whether this connection's seat was taken off the table. */
  isRemoved(connection: C): boolean {
    const id = connection.userData?.participantId;
    return id !== undefined && this.#removed(id);
  }

  /** Closes the connections of anyone the facilitator took off the table. */
  dismissRemoved(): void {
    for (const connection of this.#connections()) {
      if (this.isRemoved(connection)) connection.leave(REMOVED_CLOSE_CODE, t("refusal.seatRemoved"));
    }
  }

  /** Someone went to another table (its path): each of their connections follows, now and on coming back. */
  moved(participantId: string, path: string): void {
    this.#movedPaths.set(participantId, path);
    for (const connection of this.#connections()) {
      if (connection.userData?.participantId === participantId) connection.leave(MOVED_CLOSE_CODE, path);
    }
  }

  /**
   * Closes a connection coming back from a drop that no longer has a place here (its seat moved to another table, or
   * was taken off the table); true when it did.
   */
  turnAwayReturning(connection: C): boolean {
    const movedTo = this.#movedPaths.get(connection.userData?.participantId ?? "");
    if (movedTo) connection.leave(MOVED_CLOSE_CODE, movedTo);
    else if (this.isRemoved(connection)) connection.leave(REMOVED_CLOSE_CODE, t("refusal.seatRemoved"));
    else return false;
    return true;
  }
}

const OBSERVERS = "observers";
const NEWCOMERS = "newcomers";

/** Whose reserved place this is: a seat's (marked, so that no participant id reads as the two others), an observer's, a newcomer's. */
function placeOf(participantId: string | null | undefined): string {
  return participantId === undefined ? OBSERVERS : participantId === null ? NEWCOMERS : `seat:${participantId}`;
}

/** Whose pace a request counts against: the seat (all its connections together), or an observer's own connection. */
export function paceKey(connection: Attendee): string {
  return connection.userData?.participantId ?? `connection:${connection.sessionId}`;
}
