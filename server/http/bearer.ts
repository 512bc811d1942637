// The secret a request presents in `Authorization: Bearer …`: the facilitator link's (downloads, deletion) or the
// host's METRICS_TOKEN. Links' secrets never travel in a URL the server sees.
import type { Request } from "express";

export function bearer(req: Request): string | undefined {
  const header = req.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
}
