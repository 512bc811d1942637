// A workshop's stories all at once: the book the workshop facilitator downloads (printable HTML, Markdown, JSON), the
// stories the plenary screen shows, and a book's JSON imported to open a new workshop that continues them. Every
// request's secret is checked against the stored workshop first; only then are its tables read.
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from "express";
import type { Logger } from "pino";
import type { Decks } from "#cards/load.ts";
import { t } from "#shared/i18n/translate.ts";
import type { TableState } from "#shared/model.ts";
import type { StoryFormat } from "#shared/protocol-constants.ts";
import { bookHtml } from "#shared/story/book-html.ts";
import { bookJson, parseWorkshopBook, plenaryStory } from "#shared/story/book-json.ts";
import { bookMarkdown } from "#shared/story/book-markdown.ts";
import type { WorkshopBook } from "#shared/story/book-parts.ts";
import type { HtmlStoryMeta } from "#shared/story/html.ts";
import { tableFromStory } from "#shared/story/json.ts";
import { WORKSHOP_API, type WorkshopStories } from "#shared/workshop.ts";
import { workshopKeySchema } from "#shared/workshop-protocol.ts";
import type { WorkshopCreation } from "../store/table-store.ts";
import { workshopLinkOf, type Workshops } from "../workshops.ts";
import { bearer } from "./bearer.ts";
import { HTML_POLICY, STORY_FORMATS } from "./exports.ts";
import { refuse } from "./refuse.ts";

export interface WorkshopBookServices {
  workshops: Pick<Workshops, "load" | "openFrom">;
  /** A table as it stands, from its live room (opened if needed); undefined once deleted. */
  current(tableId: string): Promise<TableState | undefined>;
  decks: Decks;
  logger: Logger;
  /** Per address, before anything else: downloads and the plenary's polling (each renders every table), imports. */
  limits: { downloads: RequestHandler; imports: RequestHandler };
  /** Largest book an import reads, in bytes. */
  importBytes: number;
}

const notFound = () => ({ code: "workshopNotFound", message: t("workshopCore.workshopNotFound") });

/** A file name that cannot break out of the header's quotes, whatever the id. */
function fileName(workshopId: string, extension: string): string {
  return `atelier-${workshopId.replace(/[^A-Za-z0-9_-]/g, "_")}.${extension}`;
}

/** "4 Mo": a size as people read it. */
function readableSize(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`;
}

export function workshopBookRouter(services: WorkshopBookServices): Router {
  const { workshops, decks, logger, limits } = services;
  const router = express.Router();

  /** Every table of the workshop as it stands, in the workshop's order; a table deleted since is left out. */
  async function bookOf(workshop: WorkshopCreation): Promise<WorkshopBook> {
    const states = await Promise.all(workshop.tables.map(({ tableId }) => services.current(tableId)));
    return {
      title: workshop.title,
      date: workshop.date,
      seatsPerTable: workshop.seatsPerTable,
      tables: workshop.tables.flatMap(({ tableId, name }, i) => {
        const state = states[i];
        return state ? [{ tableId, name, state }] : [];
      }),
    };
  }

  const meta = (): HtmlStoryMeta => ({
    attribution: decks.attribution.text,
    licenseUrl: decks.attribution.licenseUrl,
    exportedAt: new Date(),
  });

  router.get(
    "/api/workshops/:workshopId/book.:format",
    limits.downloads,
    async (req: Request<{ workshopId: string; format: string }>, res) => {
      const format = STORY_FORMATS.find((f) => f === req.params.format);
      if (!format) return refuse(res, 404, { code: "notFound", message: t("workshopPlenary.http.notAFormat") });
      const workshop = await workshops.load(req.params.workshopId);
      if (!workshop) return refuse(res, 404, notFound());
      if (workshopLinkOf({ facilitatorKey: bearer(req) }, workshop) !== "facilitator") {
        return refuse(res, 401, {
          code: "facilitatorKeyRequired",
          message: t("workshopPlenary.http.facilitatorKeyRequired"),
        });
      }
      const book = await bookOf(workshop);
      // Private to whoever holds the workshop facilitator's link: no shared cache keeps a copy.
      res.set("Cache-Control", "no-store").set("X-Content-Type-Options", "nosniff");
      sendBook(book, format, fileName(workshop.id, format), meta(), res);
    },
  );

  // The path of WORKSHOP_API.stories, with the id as a parameter (the contract's helper would encode the colon).
  router.post(
    "/api/workshops/:workshopId/stories",
    limits.downloads,
    express.json({ limit: "4kb" }),
    async (req: Request<{ workshopId: string }>, res) => {
      res.set("Cache-Control", "no-store");
      const key = workshopKeySchema.safeParse(req.body);
      if (!key.success) return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
      const workshop = await workshops.load(req.params.workshopId);
      if (!workshop) return refuse(res, 404, notFound());
      // The plenary is the facilitator's and the shared screen's: the participants' lobby link does not open it.
      const link = workshopLinkOf(key.data, workshop);
      if (link !== "facilitator" && link !== "observer") {
        return refuse(res, 401, { code: "badLink", message: t("workshopPlenary.http.storiesKeyRequired") });
      }
      const book = await bookOf(workshop);
      const at = meta();
      const stories: WorkshopStories = {
        workshopId: workshop.id,
        title: workshop.title,
        date: workshop.date,
        tables: book.tables.map(({ tableId, name, state }) => ({ tableId, name, story: plenaryStory(state, at) })),
      };
      res.json(stories);
    },
  );

  // A book's JSON opens a new workshop, one table per story, each continuing its story; the importer facilitates it.
  // The whole file is checked before anything is opened: a faulty one creates nothing.
  router.post(
    WORKSHOP_API.importBook,
    limits.imports,
    express.json({ limit: services.importBytes }),
    async (req, res) => {
      const parsed = parseWorkshopBook(req.body);
      if (!parsed.ok) return refuse(res, 400, { code: "invalidBook", message: parsed.message });
      const { book } = parsed;
      const created = await workshops.openFrom(
        { title: book.title, date: book.date, seatsPerTable: book.seatsPerTable },
        book.tables.map(
          ({ story }) =>
            (id: string, now: number) =>
              tableFromStory(story, { id, now }),
        ),
        book.tables.map(({ name }) => name),
      );
      logger.info(
        { workshopId: created.workshopId, tables: book.tables.length },
        "workshop opened from an imported book",
      );
      res.status(201).json(created);
    },
  );

  // A body that is not JSON at all, or too big, gets a readable answer too.
  router.use((error: { type?: string; message?: string }, req: Request, res: Response, next: NextFunction) => {
    if (req.path !== WORKSHOP_API.importBook) return next(error);
    if (error?.type === "entity.parse.failed") {
      return refuse(res, 400, { code: "notJson", message: t("export.json.notJson", { message: error.message ?? "" }) });
    }
    if (error?.type === "entity.too.large") {
      return refuse(res, 413, {
        code: "tooLarge",
        message: t("workshopPlenary.http.importTooLarge", { max: readableSize(services.importBytes) }),
      });
    }
    next(error);
  });

  return router;
}

/** The book in one of its formats, as a file (the HTML inline, under the same strict policy as a table's story). */
function sendBook(book: WorkshopBook, format: StoryFormat, name: string, meta: HtmlStoryMeta, res: Response): void {
  if (format === "md") {
    res
      .type("text/markdown; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${name}"`)
      .send(bookMarkdown(book, meta));
  } else if (format === "html") {
    res
      .type("text/html; charset=utf-8")
      .set("Content-Security-Policy", HTML_POLICY)
      .set("Content-Disposition", `inline; filename="${name}"`)
      .send(bookHtml(book, meta));
  } else {
    res
      .type("application/json; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${name}"`)
      .send(`${JSON.stringify(bookJson(book, meta), null, 2)}\n`);
  }
}
