// The plenary's stories as the shared comparison reads them: each table of WorkshopStories with its state. The server
// sends each story in the JSON export's form (checked there); the browser validates nothing and takes it as it is.
import type { StoryExport } from "#shared/story/json.ts";
import type { WorkshopTable } from "#shared/workshop-compare.ts";
import type { WorkshopStories } from "#shared/workshop.ts";

export function tablesOf(stories: WorkshopStories): WorkshopTable[] {
  return stories.tables.map(({ tableId, name, story }) => ({ tableId, name, state: (story as StoryExport).table }));
}
