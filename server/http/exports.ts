// HTTP downloads of a table's story for its facilitator: Markdown, printable HTML and versioned JSON.
import express, { type Request, type Response, type Router } from "express";
import type { Decks } from "../../cards/load.ts";
import { t } from "../../shared/i18n/translate.ts";
import type { TableState } from "../../shared/model.ts";
import type { RefusalReply } from "../../shared/protocol.ts";
import { storyHtml } from "../../shared/story/html.ts";
import { storyJson } from "../../shared/story/json.ts";
import { storyMarkdown } from "../../shared/story/markdown.ts";
import { matchesHash } from "../secrets.ts";

export interface ExportServices {
  /** The current state of a table and its facilitator secret's hash; undefined when there is no such table. */
  loadTableState(tableId: string): Promise<{ state: TableState; facilitatorKeyHash: string } | undefined>;
  decks: Decks;
}

// The page may show its own inline styles and nothing else: no script, no request, even if some text escaped escaping.
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function refuse(res: Response, status: number, reply: RefusalReply): void {
  res.status(status).json(reply);
}

function bearer(req: Request): string | undefined {
  const header = req.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
}

/** A file name that cannot break out of the header's quotes, whatever the id. */
function fileName(tableId: string, extension: string): string {
  return `recit-${tableId.replace(/[^A-Za-z0-9_-]/g, "_")}.${extension}`;
}

type Render = (state: TableState, res: Response) => void;

export function exportRouter(services: ExportServices): Router {
  const { decks } = services;
  const router = express.Router();

  /** Loads the table for its facilitator only, then lets `render` answer. */
  const story = (render: Render) => async (req: Request<{ tableId: string }>, res: Response) => {
    const table = await services.loadTableState(req.params.tableId);
    if (!table) return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    if (!matchesHash(bearer(req), table.facilitatorKeyHash)) {
      return refuse(res, 401, { code: "facilitatorKeyRequired", message: t("http.facilitatorKeyRequired") });
    }
    // The story is private to whoever holds the facilitator link: no shared cache keeps a copy.
    res.set("Cache-Control", "no-store").set("X-Content-Type-Options", "nosniff");
    render(table.state, res);
  };

  router.get(
    "/api/tables/:tableId/story.md",
    story((state, res) => {
      const markdown = storyMarkdown(state, { attribution: decks.attribution.text, exportedAt: new Date() });
      res
        .type("text/markdown; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${fileName(state.id, "md")}"`)
        .send(markdown);
    }),
  );

  router.get(
    "/api/tables/:tableId/story.html",
    story((state, res) => {
      const html = storyHtml(state, {
        attribution: decks.attribution.text,
        licenseUrl: decks.attribution.licenseUrl,
        exportedAt: new Date(),
      });
      res
        .type("text/html; charset=utf-8")
        .set("Content-Security-Policy", HTML_POLICY)
        .set("Content-Disposition", `inline; filename="${fileName(state.id, "html")}"`)
        .send(html);
    }),
  );

  router.get(
    "/api/tables/:tableId/story.json",
    story((state, res) => {
      const json = storyJson(state, { attribution: decks.attribution.text, exportedAt: new Date() });
      res
        .type("application/json; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${fileName(state.id, "json")}"`)
        .send(`${JSON.stringify(json, null, 2)}\n`);
    }),
  );

  return router;
}
