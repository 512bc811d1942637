// The one shape of every refused HTTP request: a status and a short JSON { code, message }, the message in French.
import type { Response } from "express";
import type { RefusalReply } from "#shared/protocol.ts";

export function refuse(res: Response, status: number, reply: RefusalReply): void {
  res.status(status).json(reply);
}
