// Payload schemas of the workshop routes and room (server side: the browser imports shared/workshop.ts, without zod).
// Like shared/protocol.ts, they only reject malformed bodies; limits a person can hit (a title too long, too many
// tables) are checked by server/workshops.ts with readable refusals.
import { z } from "zod";
import { DECK_NAMES } from "#cards/schema.ts";
import { cleanName, cleanText } from "./text.ts";
import {
  WORKSHOP_LIMITS,
  type CreateWorkshopBody,
  type SeatRequest,
  type WorkshopCommand,
  type WorkshopJoinRequest,
  type WorkshopKeyRequest,
} from "./workshop.ts";

const text = z.string().max(20_000).overwrite(cleanText);
const name = z.string().max(1000).overwrite(cleanName);
const id = z.string().min(1).max(200);
const secret = z.string().max(200);
const count = z.number().int().min(0).max(1000);

/** Body of POST WORKSHOP_API.create. */
export const createWorkshopSchema = z.object({
  title: name,
  date: z.string().max(20).trim(),
  tableCount: count,
  seatsPerTable: count,
  setupMode: z.enum(["shared", "perTable"]),
  setup: z.object({
    system: text,
    presentState: text,
    horizonYear: z.number().int(),
    desirableFuture: text,
    framingChallengeId: id.nullable(),
    framingChallengeText: text,
  }),
  tables: z
    .array(z.object({ name, system: text, framingChallengeId: id.nullable(), framingChallengeText: text }))
    .max(100)
    .default([]),
  decks: z.array(z.enum(DECK_NAMES)).max(3),
  themes: z.array(id).max(50).default([]),
  facilitatorName: name.default(""),
}) satisfies z.ZodType<CreateWorkshopBody, unknown>;

/** Body of the lobby (and stories) requests: the secret of the workshop link the page was opened with. */
export const workshopKeySchema = z.object({
  invite: secret.optional(),
  facilitatorKey: secret.optional(),
  observerKey: secret.optional(),
}) satisfies z.ZodType<WorkshopKeyRequest, unknown>;

/** Body of POST WORKSHOP_API.seat: the lobby's secret, and a table of the workshop or null (« placez-moi »). */
export const seatRequestSchema = z.object({
  invite: secret,
  tableId: id.nullable(),
}) satisfies z.ZodType<SeatRequest, unknown>;

// ——— The live overview (server/room/workshop-room.ts, server/http/workshop-join.ts) ———

/** Body of POST WORKSHOP_API.join: the workshop facilitator's secret (commands) or the plenary screen's (watches). */
export const workshopJoinSchema = z.object({
  protocolVersion: z.number(),
  facilitatorKey: secret.optional(),
  observerKey: secret.optional(),
}) satisfies z.ZodType<WorkshopJoinRequest, unknown>;

/** A WORKSHOP_REQUEST: what the workshop facilitator does to every table at once from the overview. */
export const workshopCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), text: z.string().max(WORKSHOP_LIMITS.messageLength).overwrite(cleanText) }),
  z.object({ type: z.literal("timer"), minutes: z.number(), label: z.string().max(200).overwrite(cleanName) }),
  z.object({ type: z.literal("clearTimer") }),
  z.object({ type: z.literal("nextPhase") }),
  z.object({ type: z.literal("arrivals"), open: z.boolean() }),
  z.object({ type: z.literal("move"), fromTableId: id, participantId: id, toTableId: id }),
  z.object({ type: z.literal("addTables"), count: z.number().int().min(1).max(WORKSHOP_LIMITS.maxTables) }),
  z.object({ type: z.literal("tableLink"), tableId: id }),
  z.object({ type: z.literal("shareLinks") }),
]) satisfies z.ZodType<WorkshopCommand, unknown>;
