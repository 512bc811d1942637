// Plain HTTP calls: the decks for the setup form, opening a table, finding a table by its join code, a table's title
// before joining (and its workshop, for the workshop's facilitator), downloading the story and the table's cards,
// deleting a table; opening a workshop, its lobby, a seat at one of its tables.
import type { Attribution, DeckFile } from "#cards/schema.ts";
import type {
  CreateTableBody,
  CreatedTable,
  HostingInfo,
  JoinCodeRequest,
  RefusalReply,
  ResolvedJoinCode,
  StoryFormat,
  TableTitle,
  TableTitleRequest,
} from "#shared/protocol.ts";
// Only types from shared/protocol.ts (its schemas need zod, which the browser does not load).
import { API, HOSTING_API } from "#shared/protocol-constants.ts";
import {
  WORKSHOP_API,
  type CreateWorkshopBody,
  type CreatedWorkshop,
  type SeatAnswer,
  type SeatRequest,
  type WorkshopKeyRequest,
  type WorkshopLobby,
} from "#shared/workshop.ts";
import i18n from "../i18n/index.ts";

export interface DecksResponse {
  challenge: DeckFile;
  lever: DeckFile;
  pitfall: DeckFile;
  attribution: Attribution;
}

async function readError(response: Response): Promise<Error> {
  try {
    const body = (await response.json()) as RefusalReply;
    return new Error(body.message);
  } catch {
    return new Error(i18n.t("connection.cannotReach"));
  }
}

export async function fetchDecks(): Promise<DecksResponse> {
  const response = await fetch(API.decks);
  if (!response.ok) throw await readError(response);
  return (await response.json()) as DecksResponse;
}

export async function openTable(body: CreateTableBody): Promise<CreatedTable> {
  let response: Response;
  try {
    response = await fetch(API.createTable, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(i18n.t("connection.cannotReach"));
  }
  if (!response.ok) throw await readError(response);
  return (await response.json()) as CreatedTable;
}

/** Opens a new table that continues an exported story (the JSON file's text). */
export async function importStory(json: string): Promise<CreatedTable> {
  let response: Response;
  try {
    response = await fetch(API.importStory, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: json,
    });
  } catch {
    throw new Error(i18n.t("connection.cannotReach"));
  }
  if (!response.ok) throw await readError(response);
  return (await response.json()) as CreatedTable;
}

/** Fetches a file with the facilitator secret and hands it to the browser as a download under this name. */
function downloadWithKey(url: string, facilitatorKey: string, filename: string): Promise<void> {
  return downloadFile(url, { headers: { Authorization: `Bearer ${facilitatorKey}` } }, filename);
}

/** Fetches a file (its secret in a header or the body, never in the address) and hands it to the browser as a download. */
export async function downloadFile(url: string, init: RequestInit, filename: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error(i18n.t("connection.cannotReach"));
  }
  if (!response.ok) throw await readError(response);
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

/** The story, in one of its formats. */
export function downloadStory(tableId: string, facilitatorKey: string, format: StoryFormat): Promise<void> {
  return downloadWithKey(API.story(tableId, format), facilitatorKey, `recit-${tableId}.${format}`);
}

/** This table's decks, its own cards included, in the cards/ file format (to import at another table). */
export function downloadTableDeck(tableId: string, facilitatorKey: string): Promise<void> {
  return downloadWithKey(API.deck(tableId), facilitatorKey, `cartes-${tableId}.json`);
}

/** Only the challenges written at this table, as one challenge deck file (to import at another table's preparation). */
export function downloadWrittenChallenges(tableId: string, facilitatorKey: string): Promise<void> {
  return downloadWithKey(API.writtenChallenges(tableId), facilitatorKey, `defis-ecrits-${tableId}.json`);
}

/** The host's settings the privacy page states (how long an untouched table is kept). */
export async function fetchHosting(): Promise<HostingInfo> {
  const response = await fetch(HOSTING_API);
  if (!response.ok) throw await readError(response);
  return (await response.json()) as HostingInfo;
}

/** Deletes the table and everything in it (the facilitator link's secret); resolves once it is gone. */
export async function deleteTableRequest(tableId: string, facilitatorKey: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(API.table(tableId), {
      method: "DELETE",
      headers: { Authorization: `Bearer ${facilitatorKey}` },
    });
  } catch {
    throw new Error(i18n.t("connection.cannotReach"));
  }
  if (!response.ok) throw await readError(response);
}

/** POSTs a JSON body; a network failure becomes « the server does not answer », a refusal its French reason. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(i18n.t("connection.cannotReach"));
  }
  if (!response.ok) throw await readError(response);
  return (await response.json()) as T;
}

/**
 * The table a join code (as typed) belongs to, with its participant link, while it accepts arrivals. Rejects with the
 * server's reason: unknown code, table closed to arrivals, too many wrong codes from this address.
 */
export function resolveJoinCode(code: string): Promise<ResolvedJoinCode> {
  return postJson<ResolvedJoinCode>(API.resolveJoinCode, { code } satisfies JoinCodeRequest);
}

/** The table's title, asked with the secret of the link this page was opened with (checked first by the server). */
export async function fetchTableTitle(tableId: string, secret: TableTitleRequest): Promise<string> {
  return (await postJson<TableTitle>(API.tableTitle(tableId), secret)).title;
}

/**
 * The workshop this table is part of, when the facilitator secret of this page's link is that workshop's (the server
 * says so only then): null for a table's own facilitator secret, or a table outside any workshop.
 */
export async function fetchWorkshopOfTable(tableId: string, facilitatorKey: string): Promise<string | null> {
  const answer = await postJson<TableTitle>(API.tableTitle(tableId), { facilitatorKey } satisfies TableTitleRequest);
  return answer.workshopId ?? null;
}

/** Opens a workshop and its tables; answers its three links and its code. */
export function createWorkshop(body: CreateWorkshopBody): Promise<CreatedWorkshop> {
  return postJson<CreatedWorkshop>(WORKSHOP_API.create, body);
}

/** The workshop's tables as its lobby shows them, asked with the secret of the workshop link this page was opened with. */
export function workshopLobby(workshopId: string, secret: WorkshopKeyRequest): Promise<WorkshopLobby> {
  return postJson<WorkshopLobby>(WORKSHOP_API.lobby(workshopId), secret);
}

/** A seat at a table of the workshop (tableId null: the least full); answers that table's participant link. */
export function seatInWorkshop(workshopId: string, request: SeatRequest): Promise<SeatAnswer> {
  return postJson<SeatAnswer>(WORKSHOP_API.seat(workshopId), request);
}
