// The one module that talks to the server through the Colyseus SDK: take a seat, keep it through drops and restarts,
// send actions through the outbox, mirror the state into the store.
import type { Client, Room } from "@colyseus/sdk";

/**
 * The SDK (with its schema decoder: a third of the first chunk's weight) is fetched when joining starts, or earlier
 * through this (client/src/features/table/table-parts.tsx), not with the join page.
 */
let sdk: Promise<typeof import("./sdk.ts")> | null = null;
export function loadSdk(): Promise<typeof import("./sdk.ts")> {
  sdk ??= import("./sdk.ts").catch((error: unknown) => {
    sdk = null;
    throw error;
  });
  return sdk;
}

/**
 * What POST /api/tables/:id/join answers: the SDK's seat reservation, taken by consumeSeatReservation(), and whether the
 * join's own socket has taken it (server/http/seat-claims.ts).
 */
type JoinReply = Parameters<Client["consumeSeatReservation"]>[0] & { claimed?: true };
import { isActorZone } from "#shared/actor-map.ts";
import type { ActorZone } from "#shared/model.ts";
// Only types from shared/protocol.ts (its schemas need zod, which the browser does not load).
import type { JoinOptions, RefusalReply, ShareLinks, Whoami, WireAction } from "#shared/protocol.ts";
import {
  ACTION_REQUEST,
  API,
  INVITE_LINK_REQUEST,
  PROTOCOL_VERSION,
  ROTATE_INVITE_REQUEST,
  TABLE_DELETED_CLOSE_CODE,
  WHOAMI_REQUEST,
} from "#shared/protocol-constants.ts";
import { MOVED_CLOSE_CODE } from "#shared/workshop.ts";
import i18n from "../i18n/index.ts";
import { showNotice, useTableStore, type ShareAddresses, type TableStoreState } from "../store/table-store.ts";
import { Outbox, type OutboxEntry, type SendResult } from "./outbox.ts";
import { deleteTableRequest } from "./api.ts";
import { forgetTable, saveSeat, seatFor } from "./seat.ts";
import { openSeatSocket } from "./seat-socket.ts";
import { toTableView } from "./types.ts";

/** The secret of the link this page was opened with: participant, facilitator, or observer (read-only). */
export interface Secret {
  kind: "invite" | "facilitator" | "observer";
  value: string;
}

/** Which join option carries each kind of link secret (also what POST API.tableTitle takes). */
export function secretOption(secret: Secret): Pick<JoinOptions, "invite" | "facilitatorKey" | "observerKey"> {
  if (secret.kind === "facilitator") return { facilitatorKey: secret.value };
  if (secret.kind === "observer") return { observerKey: secret.value };
  return { invite: secret.value };
}

interface Target {
  tableId: string;
  secret: Secret;
  name: string;
  role: string;
  /** Where they stand on the kit's actor map (the join form asks participants); absent when not said. */
  zone?: ActorZone;
}

/** A join the server refused for a reason the person must act on (wrong link, name missing, table full). */
export class JoinRefused extends Error {}

const CONSENTED = 4000;
/** After a "tooFast" refusal (the server's per-seat pace, server/limits.ts), the outbox tries again this much later. */
const TOO_FAST_RETRY_MS = 1000;
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 10_000];

let target: Target | null = null;
let room: Room | null = null;
let outbox: Outbox | null = null;
let lastJson: Record<string, unknown> = {};
/** The synced state as last received, made into JSON only when it is read (see json()). */
let latest: { toJSON(): Record<string, unknown> } | null = null;
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** This page's facilitator is deleting the table: its own connection closing is expected, not news. */
let deleting = false;

function setStatus(status: TableStoreState["connection"]["status"], error: string | null = null) {
  useTableStore.setState({ connection: { status, error } });
}

/** The synced state's JSON: a whole walk of the state (tens of milliseconds on a phone), made once per change read. */
function json(): Record<string, unknown> {
  if (latest) {
    lastJson = latest.toJSON();
    latest = null;
  }
  return lastJson;
}

function publish() {
  const me = useTableStore.getState().me;
  // Unchanged steps, people and cards keep their identity (React.memo skips them); nothing changed, nothing to render.
  const previous = useTableStore.getState().table;
  const table = toTableView(json(), me?.participantId ?? null, previous);
  if (table !== previous) useTableStore.setState({ table });
}

/**
 * Takes a seat (or comes back to this browser's seat) at a table and stays there: after a drop the SDK reconnects,
 * and past its retry limit or after a server restart this module keeps rejoining with the seat key.
 * Throws JoinRefused when the server said no for a reason the person can fix.
 */
export async function joinTable(
  tableId: string,
  secret: Secret,
  name: string,
  role: string,
  zone?: ActorZone,
): Promise<void> {
  target = { tableId, secret, name, role, ...(zone && { zone }) };
  // An observer changes nothing: no outbox, nothing to send.
  outbox = secret.kind === "observer" ? null : new Outbox(tableId, (pending) => useTableStore.setState({ pending }));
  useTableStore.setState({ pending: outbox?.pending ?? 0 });
  setStatus("connecting");
  await connect();
}

async function connect(): Promise<void> {
  const current = target;
  if (!current) return;
  const seat = seatFor(current.tableId);
  let joined: Room;
  let whoami: Promise<Whoami>;
  try {
    // The server checks the link, brings the table back from storage if needed, and reserves a seat: the WebSocket
    // then takes that seat. (The matchmaker's own routes are closed.)
    const options: JoinOptions = {
      protocolVersion: PROTOCOL_VERSION,
      ...secretOption(current.secret),
      // An observer has no seat; the key is sent anyway (the protocol asks for one) and the server ignores it.
      seatKey: seat.seatKey,
      name: current.name,
      role: current.role,
      ...(current.zone && { zone: current.zone }),
      stateWithJoin: true,
    };
    const sdkLoading = loadSdk();
    // Fetched meanwhile; a failure here is handled below, with the join's.
    sdkLoading.catch(() => undefined);
    // The WebSocket opens alongside the join, with its claim: it takes the seat if the join says so.
    const socket = openSeatSocket();
    try {
      const answer = await fetch(API.join(current.tableId), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...options, ...(socket.claim && { claim: socket.claim }) }),
      });
      if (!answer.ok) {
        const refusal = (await answer.json().catch(() => null)) as RefusalReply | null;
        // 4xx: the server said no (wrong link, name missing, table locked or full): the reason is for the person to read.
        // 429 and 5xx: a moment to wait; a seated person keeps trying.
        if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
          const message = refusal?.message ?? i18n.t("join.tableNotFound");
          // No such table (deleted, or never was): the page says so instead of asking for a name or retrying.
          if (answer.status === 404) tableGone(current.tableId, message);
          throw new JoinRefused(message);
        }
        throw Object.assign(new Error(refusal?.message ?? `HTTP ${answer.status}`), { retry: true });
      }
      const reservation = (await answer.json()) as JoinReply;
      const { ListeningClient } = await sdkLoading;
      let told!: () => Promise<Whoami>;
      joined = await socket.seat(reservation, () =>
        // The room says who this is right after the first state, which comes with the join (options.stateWithJoin).
        new ListeningClient(`${window.location.protocol}//${window.location.host}`).consume(
          reservation,
          (created) => (told = pushedWhoami(created)),
        ),
      );
      whoami = told();
    } catch (error) {
      socket.close();
      throw error;
    }
  } catch (error) {
    if (error instanceof JoinRefused) throw error;
    const code = (error as { code?: number }).code;
    // 4xx: the server said no (wrong link, name missing, table locked or full): the reason is for the person to read.
    if (code !== undefined && code >= 400 && code < 500) throw new JoinRefused((error as Error).message);
    // Seated before (this page, or this browser before a reload): keep trying, never give up.
    if (useTableStore.getState().me || seat.seated) return scheduleRejoin();
    setStatus("idle");
    const busy = (error as { retry?: boolean }).retry === true;
    throw new JoinRefused(busy ? (error as Error).message : i18n.t("connection.cannotReach"));
  }
  if (target !== current) return void joined.leave(true);
  // One connection per page: a room this page held before (its SDK may still be trying to reconnect it) is let go, so
  // that it neither counts against the seat's connections nor writes a stale state over the new one.
  const previous = room;
  room = joined;
  if (previous && previous !== joined) void previous.leave(true);
  // An observer's key seats nobody: keep this browser's participant seat (if any) as it was.
  if (current.secret.kind !== "observer") saveSeat(current.tableId, { ...seat, seated: true });
  wire(joined);
  const me = await whoami;
  // The whoami comes after the first state: the room's state is the table now (read here too, in case the state's
  // frame was handled before the listener above was set).
  latest = joined.state as { toJSON(): Record<string, unknown> };
  useTableStore.setState({ me });
  publish();
  retries = 0;
  setStatus("connected");
  void flush();
}

/** How long the page waits for the room to say who this is before asking (a server from before that message). */
const WHOAMI_WAIT_MS = 3000;

/**
 * Who this connection is, as the room sends it after the first state: listened to before the room connects (nothing
 * it sends is missed), and asked with a request if it has not come WHOAMI_WAIT_MS after the join (a server from before
 * that message). Returns the function to call once joined.
 */
function pushedWhoami(joined: Room): () => Promise<Whoami> {
  let told: Whoami | null = null;
  let tell: ((me: Whoami) => void) | null = null;
  joined.onMessage(WHOAMI_REQUEST, (me: Whoami) => {
    told = me;
    tell?.(me);
  });
  return () =>
    new Promise<Whoami>((resolve, reject) => {
      if (told) return resolve(told);
      const asking = setTimeout(() => {
        joined.request(WHOAMI_REQUEST).then((me) => resolve(me as Whoami), reject);
      }, WHOAMI_WAIT_MS);
      tell = (me) => {
        clearTimeout(asking);
        resolve(me);
      };
    });
}

/** Listens to one room; a room that is no longer this page's current one is ignored from then on. */
function wire(joined: Room) {
  joined.onStateChange((state) => {
    if (room !== joined) return;
    latest = state as { toJSON(): Record<string, unknown> };
    // Until the page knows who it is (the whoami below, on a first join), the table waits: the join form stays, and
    // the state is made into a view once, with this person's hand.
    if (useTableStore.getState().me) publish();
  });
  joined.onDrop(() => {
    if (room === joined) setStatus(navigator.onLine ? "reconnecting" : "offline");
  });
  joined.onReconnect(() => {
    if (room !== joined) return void joined.leave(true);
    setStatus("connected");
    void flush();
  });
  joined.onLeave((code, reason) => {
    if (room !== joined) return;
    room = null;
    if (code === TABLE_DELETED_CLOSE_CODE) {
      if (!deleting && target) tableGone(target.tableId, reason || i18n.t("deletion.deleted"));
      return;
    }
    if (code === MOVED_CLOSE_CODE && target) return movedAway(reason ?? "");
    if (code !== CONSENTED && target) scheduleRejoin();
  });
}

/** The table is gone: stop everything, forget what this browser kept of it, and show why. */
function tableGone(tableId: string, message: string) {
  target = null;
  room = null;
  outbox = null;
  clearTimeout(retryTimer);
  forgetTable(tableId);
  useTableStore.setState({ gone: message, shareLinks: null, pending: 0 });
  setStatus("idle");
}

/**
 * The workshop facilitator moved this person to another table (the close reason is its path): no rejoining here. The
 * page reads where to go and as whom from the store (features/workshop-table/MovedAway.tsx follows it); the old
 * table's last state, which arrived before the close on the same connection, says the new table's name.
 */
function movedAway(path: string) {
  const id = useTableStore.getState().me?.participantId ?? "";
  const seat = (
    json().participants as Record<string, { name?: string; role?: string; zone?: string; movedTo?: string }> | undefined
  )?.[id];
  target = null;
  room = null;
  outbox = null;
  clearTimeout(retryTimer);
  const zone = isActorZone(seat?.zone) ? { zone: seat.zone } : {};
  useTableStore.setState({
    moved: { path, table: seat?.movedTo ?? "", name: seat?.name ?? "", role: seat?.role ?? "", ...zone },
    pending: 0,
  });
  setStatus("idle");
}

/**
 * Deletes the table (the facilitator link's secret): every connection is closed by the server, this page's too.
 * Resolves once it is gone; rejects with the server's reason, and then nothing changed.
 */
export async function deleteTable(tableId: string, facilitatorKey: string): Promise<void> {
  deleting = true;
  try {
    await deleteTableRequest(tableId, facilitatorKey);
  } catch (error) {
    deleting = false;
    throw error;
  }
  forgetTable(tableId);
  await leaveTable();
  deleting = false;
}

function scheduleRejoin() {
  clearTimeout(retryTimer);
  setStatus(navigator.onLine ? "reconnecting" : "offline");
  const delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)] ?? 10_000;
  retries += 1;
  retryTimer = setTimeout(() => {
    connect().catch((error: Error) => {
      // The server no longer accepts this seat (e.g. the person was removed): say so and stop. A table found deleted
      // has already been let go (tableGone): the page says so, the status stays as it left it.
      if (target) setStatus("offline", error.message);
    });
  }, delay);
}

if (typeof window !== "undefined") {
  window.addEventListener("offline", () => {
    if (target) setStatus("offline");
  });
  window.addEventListener("online", () => {
    if (!target) return;
    if (room?.connection.isOpen) {
      setStatus("connected");
      void flush();
    } else if (room?.reconnection.isReconnecting) {
      // The SDK is bringing this very connection back; a second one would only compete with it. If it gives up, the
      // room leaves and onLeave rejoins with the seat key.
      setStatus("reconnecting");
    } else {
      retries = 0;
      scheduleRejoin();
    }
  });
}

async function send(entry: OutboxEntry): Promise<SendResult> {
  const current = room;
  if (!current?.connection.isOpen) return { kind: "unsent" };
  try {
    await current.request(ACTION_REQUEST, { id: entry.id, action: entry.action }, { timeout: 15_000 });
    return { kind: "accepted" };
  } catch (error) {
    const err = error as { name?: string; reason?: RefusalReply };
    // Over the seat's pace (several tabs, a burst of clicks): nothing is lost, it goes again in a second.
    if (err.name === "rejected" && err.reason?.code === "tooFast") {
      setTimeout(() => void flush(), TOO_FAST_RETRY_MS);
      return { kind: "unsent" };
    }
    if (err.name === "rejected" && err.reason) return { kind: "refused", refusal: err.reason };
    return { kind: "unsent" }; // the connection broke: it stays in the outbox and goes again with the same id
  }
}

function flush(): Promise<void> {
  return outbox ? outbox.flush(send) : Promise.resolve();
}

/**
 * Sends one action through the outbox. Resolves with the refusal when the server refused it (also shown as a notice),
 * or null once applied — immediately when connected, else when the connection is back. The action is as a browser
 * sends it (WireAction): what only the server fills in, such as a publication's address, is left out.
 */
export async function act(action: WireAction): Promise<RefusalReply | null> {
  if (!outbox) return { code: "notSeated", message: i18n.t("refusal.notSeated") };
  const settled = outbox.add(action);
  void flush();
  const refusal = await settled;
  if (refusal) showNotice("error", refusal.message);
  return refusal;
}

/**
 * An action of this browser still on its way (queued offline, or by this page before a reload), found by what it
 * carries: resolves as act() does once the server has answered it (at once if it was answered since this page
 * opened); null when none waits. A form that finds the draft it kept there shows it as being sent, or as answered,
 * rather than offering to send it a second time.
 */
export function stillSending(matches: (action: WireAction) => boolean): Promise<RefusalReply | null> | null {
  return outbox?.settling(matches) ?? null;
}

export type { ShareAddresses };

function addresses(links: ShareLinks): ShareAddresses {
  const origin = window.location.origin;
  return {
    participant: `${origin}${links.path}`,
    observer: `${origin}${links.observerPath}`,
    joinCode: links.joinCode,
  };
}

/** Asks the server for the links to share (facilitators only) and keeps them in the store. */
export async function fetchShareLinks(): Promise<ShareAddresses | null> {
  if (!room) return null;
  try {
    const shareLinks = addresses((await room.request(INVITE_LINK_REQUEST)) as ShareLinks);
    useTableStore.setState({ shareLinks });
    return shareLinks;
  } catch {
    return null;
  }
}

/**
 * Replaces the participant link (facilitators only): the old one no longer lets anyone new in; people seated keep
 * their seat. Resolves with the new links, or null (and a notice) when it could not be done.
 */
export async function rotateInvite(): Promise<ShareAddresses | null> {
  if (!room?.connection.isOpen) {
    showNotice("error", i18n.t("connection.actionNotSent"));
    return null;
  }
  try {
    const shareLinks = addresses((await room.request(ROTATE_INVITE_REQUEST)) as ShareLinks);
    useTableStore.setState({ shareLinks });
    showNotice("info", i18n.t("share.rotatedInvite"));
    return shareLinks;
  } catch (error) {
    const reason = (error as { reason?: RefusalReply }).reason;
    showNotice("error", reason?.message ?? i18n.t("connection.actionNotSent"));
    return null;
  }
}

export async function leaveTable(): Promise<void> {
  const current = room;
  target = null;
  room = null;
  useTableStore.setState({ shareLinks: null, gone: null });
  clearTimeout(retryTimer);
  if (current?.connection.isOpen) void current.leave(true);
}
