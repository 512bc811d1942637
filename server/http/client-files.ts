// The built browser app (vite build): its scripts and style sheets sent as the build compressed them (brotli 11 or
// gzip 9, vite.config.ts), anything else compressed on the way out; Vite's hashed files cached for good, the page
// itself checked again on every visit so that a new version is picked up at once.
import path from "node:path";
import { constants as zlib } from "node:zlib";
import compression from "compression";
import express, { type RequestHandler, type Router } from "express";
import expressStaticGzip from "express-static-gzip";
import { PRIVACY_PAGE } from "#shared/protocol.ts";

/** Vite names every built script, style and asset after its content (client/assets/name-HASH.ext): it never changes. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** The page (index.html) may be cached but is revalidated each time (ETag): it names the current hashed files. */
export const REVALIDATE = "no-cache";

/**
 * What the build did not compress (the page, the API's answers): brotli for browsers that accept it (all current
 * ones, over http too), gzip otherwise; below 1 KB nothing is compressed. An answer already compressed (a file the
 * build compressed, below) and one that says `Cache-Control: no-transform` are left as they are. The WebSocket never
 * goes through Express (Colyseus takes the HTTP upgrade), so it is not touched.
 */
export function compressResponses(): RequestHandler {
  return compression({
    // Quality 5: a fifth smaller than gzip for the app's scripts, still a few milliseconds per request.
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
  });
}

/** Serves the built app from clientDir: its files, and index.html for the app's own pages. */
export function clientFiles(clientDir: string): Router {
  const router = express.Router();
  const assets = path.join(clientDir, "assets");
  // The file.br or file.gz beside a file, as the browser accepts (Vary: Accept-Encoding); the file itself otherwise.
  const files = expressStaticGzip(clientDir, {
    enableBrotli: true,
    orderPreference: ["br", "gz"],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, file) => {
        if (file.startsWith(assets + path.sep)) res.setHeader("Cache-Control", IMMUTABLE);
        else if (file.endsWith(".html")) res.setHeader("Cache-Control", REVALIDATE);
      },
    },
  });
  router.use((req, res, next) => {
    // A path that is not even a file name (a malformed %-escape) goes on to the app's own answers (a short French
    // JSON error), rather than to the library's plain-text one.
    try {
      decodeURIComponent(req.path);
    } catch {
      return next();
    }
    files(req, res, next);
  });
  const indexHtml = path.join(clientDir, "index.html");
  router.get(["/", "/t/:tableId", "/a/:workshopId", PRIVACY_PAGE], (_req, res) =>
    res.sendFile(indexHtml, { headers: { "Cache-Control": REVALIDATE } }),
  );
  return router;
}
