// A published story's public page: GET /recit/<id>, read only, for anyone who has the address and nobody else (the id
// is 192 random bits, a new one for each publication). The story in the printable form of the exports, names only of
// those who agreed, under the same strict page policy; not to be indexed, nor kept by any cache, so that taking the
// publication back closes the page at once.
import express, { type RequestHandler, type Response, type Router } from "express";
import type { Decks } from "#cards/load.ts";
import type { TableState } from "#shared/model.ts";
import { isPublicStoryId, PUBLIC_STORY_PREFIX } from "#shared/protocol-constants.ts";
import { publishedStoryHtml, unpublishedHtml } from "#shared/story/published.ts";
import { HTML_POLICY } from "./exports.ts";

export interface PublishedServices {
  /** The story published at this address, as its page shows it; undefined when none is (server/tables.ts). */
  published(publicId: string): Promise<TableState | undefined>;
  decks: Decks;
  /** Per address, before anything else: each page renders a whole table (like the exports). */
  rateLimit: RequestHandler;
}

export function publishedRouter(services: PublishedServices): Router {
  const router = express.Router();
  const route = `${PUBLIC_STORY_PREFIX}:publicId`;
  router.get(route, services.rateLimit, async (req: express.Request<{ publicId: string }>, res) => {
    const { publicId } = req.params;
    // Anything that cannot be an id is answered like an id taken back: the page never says which addresses existed.
    const state = isPublicStoryId(publicId) ? await services.published(publicId) : undefined;
    page(res);
    if (!state) return res.status(404).send(unpublishedHtml());
    const { attribution } = services.decks;
    res.send(publishedStoryHtml(state, { attribution: attribution.text, licenseUrl: attribution.licenseUrl }));
  });
  return router;
}

/** The headers of either answer: an HTML page under the export's policy, never indexed, never cached. */
function page(res: Response): void {
  res
    .type("text/html; charset=utf-8")
    .set("Content-Security-Policy", HTML_POLICY)
    .set("X-Robots-Tag", "noindex, nofollow")
    .set("Cache-Control", "no-store")
    .set("X-Content-Type-Options", "nosniff");
}
