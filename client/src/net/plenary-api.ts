// HTTP calls of a workshop's plenary and book, and of a participant's take-home downloads: every secret travels in a
// header or the body, never in an address.
import type { StoryFormat } from "#shared/protocol-constants.ts";
import {
  TAKE_HOME_API,
  WORKSHOP_API,
  type CreatedWorkshop,
  type TakeHomeRequest,
  type WorkshopKeyRequest,
  type WorkshopStories,
} from "#shared/workshop.ts";
import i18n from "../i18n/index.ts";
import { downloadFile, postJson } from "./api.ts";

/** Every table's story, for the plenary screen (the workshop facilitator's or the shared screen's secret). */
export function fetchWorkshopStories(workshopId: string, secret: WorkshopKeyRequest): Promise<WorkshopStories> {
  return postJson<WorkshopStories>(WORKSHOP_API.stories(workshopId), secret);
}

/** The workshop's book, in one of its formats (the workshop facilitator's secret). */
export function downloadBook(workshopId: string, facilitatorKey: string, format: StoryFormat): Promise<void> {
  return downloadFile(
    WORKSHOP_API.book(workshopId, format),
    { headers: { Authorization: `Bearer ${facilitatorKey}` } },
    `atelier-${workshopId}.${format}`,
  );
}

/** Opens a new workshop that continues the stories of a book's JSON file (its text, sent as it is). */
export async function importWorkshopBook(json: string): Promise<CreatedWorkshop> {
  let response: Response;
  try {
    response = await fetch(WORKSHOP_API.importBook, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: json,
    });
  } catch {
    throw new Error(i18n.t("connection.cannotReach"));
  }
  if (!response.ok) {
    const reason = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(reason?.message ?? i18n.t("connection.cannotReach"));
  }
  return (await response.json()) as CreatedWorkshop;
}

/** What a seated participant takes home once the story is closed: the table's story, or their own page. */
export type TakeHomeFile = { kind: "story"; format: StoryFormat } | { kind: "mine"; format: "html" | "md" };

/** The file's name as it is saved: « recit-<table>.html », « ma-page-<table>.md ». */
export function takeHomeFileName(tableId: string, file: TakeHomeFile): string {
  return `${file.kind === "story" ? "recit" : "ma-page"}-${tableId}.${file.format}`;
}

/** Downloads one take-home file with this browser's seat key at the table (in the body). */
export function downloadTakeHome(tableId: string, seatKey: string, file: TakeHomeFile): Promise<void> {
  const url =
    file.kind === "story" ? TAKE_HOME_API.story(tableId, file.format) : TAKE_HOME_API.mine(tableId, file.format);
  const body: TakeHomeRequest = { seatKey };
  return downloadFile(
    url,
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    takeHomeFileName(tableId, file),
  );
}
