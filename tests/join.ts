// Joins a table the way the browser does (client/src/net/connection.ts): POST /api/tables/:id/join with the link's
// secret, then the SDK takes the reserved seat. A refusal rejects with the server's message and HTTP status.
import type { Client, Room } from "@colyseus/sdk";
import { API } from "../shared/protocol.ts";

export class JoinRefusedError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(message: string, status: number, code: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The options may be anything (tests send wrong ones on purpose). */
export async function joinOverHttp(client: Client, baseUrl: string, tableId: string, options: Record<string, unknown>): Promise<Room> {
  const response = await fetch(`${baseUrl}${API.join(tableId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(options),
  });
  const body = (await response.json()) as { code?: string; message?: string };
  if (!response.ok) throw new JoinRefusedError(body.message ?? `HTTP ${response.status}`, response.status, body.code ?? "");
  return client.consumeSeatReservation(body as Parameters<Client["consumeSeatReservation"]>[0]);
}
