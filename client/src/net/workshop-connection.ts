// The connection of a workshop's live overview (the facilitator's dashboard): join the workshop room over HTTP, keep it
// through drops and server restarts, mirror the overview into the workshop store, send the facilitator's commands.
import type { Client, Room } from "@colyseus/sdk";
// Only types and constants: the browser does not load zod.
import { PROTOCOL_VERSION } from "#shared/protocol-constants.ts";
import type { RefusalReply } from "#shared/protocol.ts";
import {
  WORKSHOP_API,
  WORKSHOP_OVERVIEW_MESSAGE,
  WORKSHOP_OVERVIEW_REQUEST,
  WORKSHOP_REQUEST,
  WORKSHOP_TABLE_MESSAGE,
  type TableSummary,
  type WorkshopCommand,
  type WorkshopCommandReply,
  type WorkshopJoinRequest,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import i18n from "../i18n/index.ts";
import { useWorkshopStore, withTable, type WorkshopStoreState } from "../store/workshop-store.ts";

type SeatReservation = Parameters<Client["consumeSeatReservation"]>[0];

/** The secret of the workshop link the page was opened with: the facilitator's commands, the observer's watches. */
export type WorkshopSecret = Pick<WorkshopJoinRequest, "facilitatorKey" | "observerKey">;

/** The server said no for a reason a person must act on (wrong link, no such workshop): no retry. */
export class WorkshopJoinRefused extends Error {}

const CONSENTED = 4000;
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 10_000];

let target: { workshopId: string; secret: WorkshopSecret } | null = null;
let room: Room | null = null;
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function setStatus(status: WorkshopStoreState["connection"]["status"], error: string | null = null) {
  useWorkshopStore.setState({ connection: { status, error } });
}

function received(overview: WorkshopOverview) {
  useWorkshopStore.setState({ overview, clockOffset: overview.serverNow - Date.now() });
}

/**
 * Joins the workshop's overview and stays there: the SDK brings a dropped connection back; past its retries, or after a
 * server restart, this module joins again over HTTP for as long as it takes. Rejects with WorkshopJoinRefused when the
 * link is wrong or the workshop does not exist.
 */
export async function joinWorkshop(workshopId: string, secret: WorkshopSecret): Promise<void> {
  clearTimeout(retryTimer);
  target = { workshopId, secret };
  retries = 0;
  setStatus("connecting");
  await connect();
}

async function connect(): Promise<void> {
  const current = target;
  if (!current) return;
  let joined: Room;
  try {
    const sdk = import("./sdk.ts");
    sdk.catch(() => undefined);
    const answer = await fetch(WORKSHOP_API.join(current.workshopId), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ...current.secret } satisfies WorkshopJoinRequest),
    });
    if (!answer.ok) {
      const refusal = (await answer.json().catch(() => null)) as RefusalReply | null;
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
        throw new WorkshopJoinRefused(refusal?.message ?? i18n.t("connection.cannotReach"));
      }
      throw new Error(refusal?.message ?? `HTTP ${answer.status}`);
    }
    const reservation = (await answer.json()) as SeatReservation;
    const { Client } = await sdk;
    joined = await new Client(`${window.location.protocol}//${window.location.host}`).consumeSeatReservation(
      reservation,
    );
  } catch (error) {
    if (error instanceof WorkshopJoinRefused) {
      if (target === current) target = null;
      setStatus("idle", error.message);
      throw error;
    }
    return scheduleRejoin();
  }
  if (target !== current) return void joined.leave(true);
  const previous = room;
  room = joined;
  if (previous && previous !== joined) void previous.leave(true);
  wire(joined);
  await refresh(joined);
}

/** Asks for the whole overview: on joining, and after every reconnection (whatever was missed meanwhile). */
async function refresh(joined: Room): Promise<void> {
  try {
    const overview = (await joined.request(WORKSHOP_OVERVIEW_REQUEST)) as WorkshopOverview;
    if (room !== joined) return;
    received(overview);
    retries = 0;
    setStatus("connected");
  } catch {
    // The connection broke meanwhile: its own handlers take it from here.
  }
}

function wire(joined: Room) {
  joined.onMessage(WORKSHOP_TABLE_MESSAGE, (summary: TableSummary) => {
    if (room !== joined) return;
    const { overview } = useWorkshopStore.getState();
    // Before the first overview: it is on its way and holds this change or a later one.
    if (!overview) return;
    useWorkshopStore.setState({ overview: withTable(overview, summary), clockOffset: summary.serverNow - Date.now() });
  });
  joined.onMessage(WORKSHOP_OVERVIEW_MESSAGE, (overview: WorkshopOverview) => {
    if (room === joined) received(overview);
  });
  joined.onDrop(() => {
    if (room === joined) setStatus(navigator.onLine ? "reconnecting" : "offline");
  });
  joined.onReconnect(() => {
    if (room !== joined) return void joined.leave(true);
    void refresh(joined);
  });
  joined.onLeave((code) => {
    if (room !== joined) return;
    room = null;
    if (code !== CONSENTED && target) scheduleRejoin();
  });
}

function scheduleRejoin() {
  clearTimeout(retryTimer);
  if (!target) return;
  setStatus(navigator.onLine ? "reconnecting" : "offline");
  const delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)] ?? 10_000;
  retries += 1;
  retryTimer = setTimeout(() => {
    connect().catch(() => undefined);
  }, delay);
}

if (typeof window !== "undefined") {
  window.addEventListener("online", () => {
    if (!target || room?.connection.isOpen || room?.reconnection.isReconnecting) return;
    retries = 0;
    scheduleRejoin();
  });
}

/**
 * Sends a command to every table (or one): resolves with each table's answer; rejects with the server's reason when
 * the command as a whole was refused (not connected, too fast, a plenary screen's read-only link).
 */
export async function sendWorkshopCommand(command: WorkshopCommand): Promise<WorkshopCommandReply> {
  const current = room;
  if (!current?.connection.isOpen) throw new Error(i18n.t("connection.actionNotSent"));
  try {
    return (await current.request(WORKSHOP_REQUEST, command, { timeout: 30_000 })) as WorkshopCommandReply;
  } catch (error) {
    const reason = (error as { reason?: RefusalReply }).reason;
    throw new Error(reason?.message ?? i18n.t("connection.actionNotSent"), { cause: error });
  }
}

export function leaveWorkshop(): void {
  const current = room;
  target = null;
  room = null;
  clearTimeout(retryTimer);
  useWorkshopStore.setState({ overview: null, connection: { status: "idle", error: null } });
  if (current?.connection.isOpen) void current.leave(true);
}
