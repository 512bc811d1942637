// What a participant takes home once their table's story is closed: the table's story (as the facilitator's export)
// and a page of their own. No link is needed: the seat key their browser sat down with is checked against the table's
// seats (its hash), so an observer, someone taken off the table or another table's participant gets nothing.
import express, { type Request, type RequestHandler, type Router } from "express";
import { z } from "zod";
import type { Decks } from "#cards/load.ts";
import { t } from "#shared/i18n/translate.ts";
import type { TableState } from "#shared/model.ts";
import { mineHtml } from "#shared/story/mine-html.ts";
import { mineMarkdown } from "#shared/story/mine-markdown.ts";
import { hashSecret } from "../secrets.ts";
import type { Tables } from "../tables.ts";
import { fileName, HTML_POLICY, sendStory, STORY_FORMATS } from "./exports.ts";
import { refuse } from "./refuse.ts";

export interface TakeHomeServices {
  /** Whether the table exists (its secrets, read without its log). */
  exists(tableId: string): Promise<boolean>;
  /** Whether this seat key's hash ever sat at the table, read from the stored log: nobody else makes the room open. */
  everSeated(tableId: string, seatKeyHash: string): Promise<boolean>;
  /** The participant seated at the table with this seat key's hash, asked of its live room; null for nobody. */
  seatOf(tableId: string, seatKeyHash: string): Promise<string | null>;
  /** The table as it stands, from its live room. */
  current(tableId: string): Promise<TableState | undefined>;
  decks: Decks;
  /** Per address, before anything else (each request may open the table's room and renders a whole table). */
  rateLimit: RequestHandler;
}

/** The seat key as the browser made it (client/src/net/seat.ts: 256 bits, base64url); anything else is no seat key. */
const takeHomeSchema = z.object({ seatKey: z.string().min(1).max(200) });

/** The services of a running server: the table's room answers who sits there. */
export function takeHomeServices(tables: Tables, decks: Decks, rateLimit: RequestHandler): TakeHomeServices {
  return {
    exists: async (tableId) => (await tables.secrets(tableId)) !== undefined,
    everSeated: (tableId, seatKeyHash) => tables.hasSeat(tableId, seatKeyHash),
    seatOf: (tableId, seatKeyHash) => tables.seatOf(tableId, seatKeyHash),
    current: (tableId) => tables.current(tableId),
    decks,
    rateLimit,
  };
}

type Handler = (state: TableState, participantId: string, res: express.Response) => void;

export function takeHomeRouter(services: TakeHomeServices): Router {
  const { decks } = services;
  const router = express.Router();
  const meta = () => ({
    attribution: decks.attribution.text,
    licenseUrl: decks.attribution.licenseUrl,
    exportedAt: new Date(),
  });

  /** Seated first (nothing is said of the table to anyone else), then closed, then the file. */
  const forSeated = (handler: Handler) => async (req: Request<{ tableId: string }>, res: express.Response) => {
    res.set("Cache-Control", "no-store").set("X-Content-Type-Options", "nosniff");
    const body = takeHomeSchema.safeParse(req.body);
    if (!body.success) return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
    const { tableId } = req.params;
    if (!(await services.exists(tableId)))
      return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    const seatKeyHash = hashSecret(body.data.seatKey);
    // A seat key that never sat here is refused from the log alone, before the table's room is opened.
    if (!(await services.everSeated(tableId, seatKeyHash)))
      return refuse(res, 403, { code: "notSeated", message: t("workshopPlenary.takeHome.notSeated") });
    const participantId = await services.seatOf(tableId, seatKeyHash);
    if (!participantId)
      return refuse(res, 403, { code: "notSeated", message: t("workshopPlenary.takeHome.notSeated") });
    const state = await services.current(tableId);
    if (!state) return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    if (state.phase !== "closed")
      return refuse(res, 409, { code: "storyNotClosed", message: t("workshopPlenary.takeHome.notClosed") });
    handler(state, participantId, res);
  };

  const json = express.json({ limit: "4kb" });
  for (const format of STORY_FORMATS) {
    router.post(
      `/api/tables/:tableId/my-story.${format}`,
      services.rateLimit,
      json,
      forSeated((state, _participantId, res) => sendStory(state, format, decks, res)),
    );
  }

  router.post(
    "/api/tables/:tableId/mine.html",
    services.rateLimit,
    json,
    forSeated((state, participantId, res) => {
      const page = mineHtml(state, participantId, meta());
      if (page === undefined)
        return refuse(res, 403, { code: "notSeated", message: t("workshopPlenary.takeHome.notSeated") });
      res
        .type("text/html; charset=utf-8")
        .set("Content-Security-Policy", HTML_POLICY)
        .set("Content-Disposition", `inline; filename="${fileName(state.id, "ma-page.html")}"`)
        .send(page);
    }),
  );

  router.post(
    "/api/tables/:tableId/mine.md",
    services.rateLimit,
    json,
    forSeated((state, participantId, res) => {
      const page = mineMarkdown(state, participantId, meta());
      if (page === undefined)
        return refuse(res, 403, { code: "notSeated", message: t("workshopPlenary.takeHome.notSeated") });
      res
        .type("text/markdown; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${fileName(state.id, "ma-page.md")}"`)
        .send(page);
    }),
  );

  return router;
}
