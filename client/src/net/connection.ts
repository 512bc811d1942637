// The one module that talks to the server through the Colyseus SDK: join a table, send actions, mirror the state into the store.
import { Client, type Room } from "@colyseus/sdk";
import type { Action } from "../../../shared/model.ts";
import {
  ACTION_REQUEST,
  INVITE_LINK_REQUEST,
  PROTOCOL_VERSION,
  WHOAMI_REQUEST,
  type RefusalReply,
  type Whoami,
} from "../../../shared/protocol.ts";
import i18n from "../i18n/index.ts";
import { showNotice, useTableStore } from "../store/table-store.ts";
import { toTableView } from "./types.ts";

export interface Secret {
  kind: "invite" | "facilitator";
  value: string;
}

let room: Room | null = null;
let lastJson: Record<string, unknown> = {};

function client(): Client {
  return new Client(`${window.location.protocol}//${window.location.host}`);
}

function setStatus(status: ReturnType<typeof useTableStore.getState>["connection"]["status"], error: string | null = null) {
  useTableStore.setState({ connection: { status, error } });
}

function publish() {
  const me = useTableStore.getState().me;
  useTableStore.setState({ table: toTableView(lastJson, me?.participantId ?? null) });
}

/** Takes a seat at a table; resolves once the first full state is in the store. Throws an Error with a readable message. */
export async function joinTable(tableId: string, secret: Secret, name: string, role: string): Promise<void> {
  setStatus("connecting");
  try {
    room = await client().joinById(tableId, {
      protocolVersion: PROTOCOL_VERSION,
      ...(secret.kind === "invite" ? { invite: secret.value } : { facilitatorKey: secret.value }),
      name,
      role,
    });
  } catch (error) {
    setStatus("idle");
    throw new Error(joinErrorMessage(error));
  }
  const joined = room;
  joined.onStateChange((state) => {
    lastJson = (state as { toJSON(): Record<string, unknown> }).toJSON();
    publish();
  });
  joined.onDrop(() => setStatus("reconnecting"));
  joined.onReconnect(() => setStatus("connected"));
  joined.onLeave(() => setStatus("offline", i18n.t("connection.lost")));
  joined.onError((_code, message) => showNotice("error", message ?? i18n.t("connection.lost")));
  const me = (await joined.request(WHOAMI_REQUEST)) as Whoami;
  useTableStore.setState({ me });
  publish();
  setStatus("connected");
}

function joinErrorMessage(error: unknown): string {
  const err = error as { code?: number; message?: string };
  if (err?.code === 522 || err?.code === 4212) return i18n.t("join.tableNotFound");
  if (typeof err?.message === "string" && err.message && !/^(fetch|Failed|NetworkError)/i.test(err.message)) return err.message;
  return i18n.t("connection.cannotReach");
}

/** Sends one action. Returns the refusal when the server refused it (also shown as a notice), null when applied. */
export async function act(action: Action): Promise<RefusalReply | null> {
  if (!room) return { code: "notSeated", message: i18n.t("refusal.notSeated") };
  try {
    await room.request(ACTION_REQUEST, action);
    return null;
  } catch (error) {
    const err = error as { name?: string; reason?: RefusalReply; message?: string };
    const refusal: RefusalReply =
      err.name === "rejected" && err.reason
        ? err.reason
        : { code: "unreachable", message: i18n.t("connection.actionNotSent") };
    showNotice("error", refusal.message);
    return refusal;
  }
}

/** The participant link, for the facilitator to share (path and fragment, to append to this site's address). */
export async function fetchInviteLink(): Promise<string | null> {
  if (!room) return null;
  try {
    const { path } = (await room.request(INVITE_LINK_REQUEST)) as { path: string };
    return `${window.location.origin}${path}`;
  } catch {
    return null;
  }
}

export async function leaveTable(): Promise<void> {
  const current = room;
  room = null;
  if (current) void current.leave(true);
}
