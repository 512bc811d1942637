// What the browser uses of the Colyseus SDK, in a module of its own: net/connection.ts imports it lazily (it weighs a
// third of the join page otherwise), and naming what is used keeps the rest of the SDK out of the chunk.
// First: the SDK's transport reads the global WebSocket as it loads, and must read the one that can hand it the join's
// own socket (./seat-socket.ts; the entry chunk has it loaded already in a page).
import "./seat-socket.ts";
import { Client, type Room } from "@colyseus/sdk";

export { Client };

type SeatReservation = Parameters<Client["consumeSeatReservation"]>[0];

/**
 * A client that lets the page listen to a room before its WebSocket opens, so that nothing the room sends is missed:
 * the page then asks for the state with the join (JoinOptions.stateWithJoin, server/room/state-with-join.ts), which
 * the room sends without waiting for an acknowledgement.
 */
export class ListeningClient extends Client {
  #listen: ((room: Room) => void) | null = null;

  /** consumeSeatReservation, with listen(room) called before the room connects. */
  consume(reservation: SeatReservation, listen: (room: Room) => void): Promise<Room> {
    this.#listen = listen;
    try {
      // The SDK creates the room first, synchronously, then connects it.
      return this.consumeSeatReservation(reservation);
    } finally {
      this.#listen = null;
    }
  }

  // The page passes no root schema (the state is read as the server describes it).
  protected override createRoom<T>(roomName: string): Room<never, T> {
    const room = super.createRoom<T>(roomName);
    this.#listen?.(room);
    return room;
  }
}
