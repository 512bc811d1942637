// POST /api/tables/:tableId/join — the only way into a table. The link is checked against the table's stored secrets
// first (one small read); only then is the table opened, asked whether this person may sit now, and a seat reserved
// for the WebSocket that follows. A stranger without a link makes the server do nothing else.
import express, { type Router } from "express";
import { matchMaker, ServerError } from "@colyseus/core";
import type { Logger } from "pino";
import { t } from "#shared/i18n/translate.ts";
import { joinOptionsSchema, PROTOCOL_VERSION, type JoinOptions } from "#shared/protocol.ts";
import type { Arrival, LinkKind } from "../room/table-room.ts";
import { RoomUnreachableError } from "../placement.ts";
import { hashSecret, matchesHash } from "../secrets.ts";
import type { TableSecrets } from "../store/table-store.ts";
import type { SeatReservation, Tables } from "../tables.ts";
import { refuse } from "./refuse.ts";
import type { RateLimit } from "./protection.ts";
import type { SeatClaims } from "./seat-claims.ts";

/**
 * Whether this secret gives facilitator rights at the table: the table's own facilitator secret, or the one of the
 * workshop it is part of (its facilitator has full rights at every table of it). A table's own secret is worth nothing
 * at another table, nor on the workshop.
 */
export function isFacilitatorKey(secret: string | undefined, secrets: TableSecrets): boolean {
  return matchesHash(secret, secrets.facilitatorKeyHash) || isWorkshopFacilitatorKey(secret, secrets);
}

/** Whether this secret is the facilitator secret of the workshop the table is part of (it opens the workshop's overview too). */
export function isWorkshopFacilitatorKey(secret: string | undefined, secrets: TableSecrets): boolean {
  return secrets.workshopFacilitatorKeyHash !== null && matchesHash(secret, secrets.workshopFacilitatorKeyHash);
}

/** Which link these options carry, if any of this table's (or, for the facilitator's, of its workshop's). */
export function linkOf(
  options: Pick<JoinOptions, "invite" | "facilitatorKey" | "observerKey">,
  secrets: TableSecrets,
): LinkKind | null {
  if (isFacilitatorKey(options.facilitatorKey, secrets)) return "facilitator";
  if (matchesHash(options.invite, hashSecret(secrets.invite))) return "participant";
  if (matchesHash(options.observerKey, hashSecret(secrets.observerKey))) return "observer";
  if (secrets.retiredInviteHashes.some((hash) => matchesHash(options.invite, hash))) return "replacedInvite";
  return null;
}

/** What POST API.join answers: the seat reservation, and whether the WebSocket of the join's claim has taken it. */
export type JoinReply = SeatReservation & { claimed?: true };

export function joinRouter({
  tables,
  logger,
  rateLimit,
  seatClaims,
}: {
  tables: Tables;
  logger: Logger;
  rateLimit: RateLimit;
  /** Null when a claim's socket may reach another process than its join (several processes). */
  seatClaims: SeatClaims | null;
}): Router {
  const router = express.Router();
  router.post(
    "/api/tables/:tableId/join",
    rateLimit,
    express.json({ limit: "4kb" }),
    async (req: express.Request<{ tableId: string }>, res) => {
      const parsed = joinOptionsSchema.safeParse(req.body);
      if (!parsed.success || parsed.data.protocolVersion !== PROTOCOL_VERSION) {
        return refuse(res, 400, { code: "invalidMessage", message: t("refusal.invalidMessage") });
      }
      const options = parsed.data;
      // Whatever refuses this join lets the socket of its claim go at once.
      res.once("finish", () => {
        if (res.statusCode !== 200) seatClaims?.refuse(options.claim);
      });
      const { tableId } = req.params;
      const secrets = await tables.secrets(tableId);
      if (!secrets) return refuse(res, 404, { code: "tableNotFound", message: t("join.tableNotFound") });
      const link = linkOf(options, secrets);
      if (!link) return refuse(res, 401, { code: "badLink", message: t("http.badLink") });

      const arrival: Arrival = {
        link,
        seatKeyHash: hashSecret(options.seatKey),
        name: options.name,
        role: options.role,
        ...(options.zone && { zone: options.zone }),
      };
      try {
        // The room is opened if needed (in this process, or it runs in another: the reservation says which), asked
        // whether this person may sit, and a seat reserved. It holds no secret: only what the room admitted (the seat
        // key's hash, the name and role).
        const reservation = await tables.reserve(tableId, arrival, { stateWithJoin: options.stateWithJoin === true });
        if (!reservation) return refuse(res, 404, { code: "tableNotFound", message: t("join.tableNotFound") });
        // The room is in this process: the claim's socket (here too, with a single process) takes the seat.
        const claimed =
          options.claim !== undefined &&
          reservation.processId === matchMaker.processId &&
          seatClaims?.grant(options.claim, reservation) === true;
        const reply: JoinReply = claimed ? { ...reservation, claimed: true } : reservation;
        res.json(reply);
      } catch (error) {
        if (error instanceof ServerError && error.code >= 400 && error.code < 500) {
          return refuse(res, error.code === 429 ? 429 : error.code, { code: "joinRefused", message: error.message });
        }
        // A full room (every connection taken or reserved: the room's 503, or Colyseus' SeatReservationError, not
        // exported) is a moment to wait, not a fault.
        if ((error instanceof ServerError && error.code === 503) || /already full/.test((error as Error).message))
          return refuse(res, 503, { code: "tableBusy", message: t("refusal.tableBusy") });
        // The process holding the table did not answer (it died: the table opens again in another at the next try).
        if (error instanceof RoomUnreachableError || /is not available/.test((error as Error).message)) {
          logger.warn({ err: error, tableId }, "the table's process did not answer a join");
          return refuse(res, 503, { code: "joinFailed", message: t("connection.cannotReach") });
        }
        logger.error({ err: error, tableId }, "could not seat an arrival");
        refuse(res, 500, { code: "joinFailed", message: t("connection.cannotReach") });
      }
    },
  );
  return router;
}
