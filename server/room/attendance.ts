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
  readonly #limits: Pick<Limits, "observersPerTable" | "connectionsPerSeat">;
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

  constructor(
    connections: () => readonly C[],
    limits: Pick<Limits, "observersPerTable" | "connectionsPerSeat">,
    removed: (participantId: string) => boolean,
  ) {
    this.#connections = connections;
    this.#limits = limits;
    this.#removed = removed;
  }

  /**
   * Throws a readable 429 when one more connection would be too many: an observer (participantId undefined) past the
   * table's observers, or a seat's past its connections. A newcomer (null: no seat yet) always fits here.
   */
  makeRoom(participantId: string | null | undefined, joining?: C): void {
    const others = this.#connections().filter((c) => c !== joining);
    if (participantId === undefined) {
      if (others.filter((c) => c.userData?.observer).length >= this.#limits.observersPerTable)
        throw new ServerError(429, t("refusal.tooManyObservers", { max: this.#limits.observersPerTable }));
      return;
    }
    const open = others.filter((c) => c.userData?.participantId === participantId).length;
    if (participantId !== null && open >= this.#limits.connectionsPerSeat)
      throw new ServerError(429, t("refusal.tooManyConnections", { max: this.#limits.connectionsPerSeat }));
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

/** Whose pace a request counts against: the seat (all its connections together), or an observer's own connection. */
export function paceKey(connection: Attendee): string {
  return connection.userData?.participantId ?? `connection:${connection.sessionId}`;
}
