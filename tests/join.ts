// Opens and joins a table the way the browser does: POST /api/tables (the home form), then POST /api/tables/:id/join
// with the link's secret and the SDK taking the reserved seat (client/src/net/connection.ts). A refused join rejects
// with the server's message and HTTP status.
import { randomBytes } from "node:crypto";
import type { Client, Room } from "@colyseus/sdk";
import { API, PROTOCOL_VERSION, WHOAMI_REQUEST, type CreatedTable } from "#shared/protocol.ts";
import { WORKSHOP_API, type CreatedWorkshop } from "#shared/workshop.ts";
import { lilasWorkshop, secretIn } from "./workshop-body.ts";

/** What the home form sends for a table the tests only need to exist. */
export const TABLE_FORM = {
  title: "Table de test",
  system: "Le quartier",
  presentState: "Aujourd'hui",
  horizonYear: 2040,
  desirableFuture: "Demain",
  framingChallengeId: null,
  framingChallengeText: "Tenir bon",
};

/** The secret a link carries in its fragment (#invitation=…, #animation=…). */
export function secretOf(link: string): string {
  return decodeURIComponent(link.split("=")[1] ?? "");
}

export interface OpenedTable extends CreatedTable {
  facilitatorKey: string;
  invite: string;
}

/** Opens a table over HTTP with this title (and these other fields of the form); fails unless the server answers 201. */
export async function openTableOverHttp(
  baseUrl: string,
  title = TABLE_FORM.title,
  fields: Partial<typeof TABLE_FORM> = {},
): Promise<OpenedTable> {
  const response = await fetch(baseUrl + API.createTable, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...TABLE_FORM, ...fields, title }),
  });
  if (response.status !== 201)
    throw new Error(`the table was not opened: HTTP ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedTable;
  return { ...created, facilitatorKey: secretOf(created.facilitatorLink), invite: secretOf(created.participantLink) };
}

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
export async function joinOverHttp(
  client: Client,
  baseUrl: string,
  tableId: string,
  options: Record<string, unknown>,
): Promise<Room> {
  const response = await fetch(`${baseUrl}${API.join(tableId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(options),
  });
  const body = (await response.json()) as { code?: string; message?: string };
  if (!response.ok)
    throw new JoinRefusedError(body.message ?? `HTTP ${response.status}`, response.status, body.code ?? "");
  const room = await client.consumeSeatReservation(body as Parameters<Client["consumeSeatReservation"]>[0]);
  // Who this is comes right after the first state (the browser reads it; tests ask when they need it).
  room.onMessage(WHOAMI_REQUEST, () => undefined);
  return room;
}

/** A new workshop's dashboard (its overview room), joined with the facilitator's link as the browser does. */
export async function openDashboard(client: Client, baseUrl: string): Promise<Room> {
  const created = await fetch(baseUrl + WORKSHOP_API.create, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(lilasWorkshop()),
  });
  const workshop = (await created.json()) as CreatedWorkshop;
  const joined = await fetch(baseUrl + WORKSHOP_API.join(workshop.workshopId), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      facilitatorKey: secretIn(workshop.facilitatorLink, "facilitator"),
    }),
  });
  return client.consumeSeatReservation((await joined.json()) as Parameters<Client["consumeSeatReservation"]>[0]);
}

/**
 * Joins this table with a link's secret (`{ facilitatorKey }` or `{ invite }`) as a new person of that name, each with a
 * seat key of their own, as the browser does.
 */
export function joinerOf(client: Client, baseUrl: string, tableId: string, role = "Habitante") {
  return (secret: Record<string, string>, name: string): Promise<Room> =>
    joinOverHttp(client, baseUrl, tableId, {
      protocolVersion: PROTOCOL_VERSION,
      ...secret,
      seatKey: randomBytes(32).toString("base64url"),
      name,
      role,
    });
}
