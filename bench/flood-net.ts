// Shared by bench/flood.ts and its victim worker (bench/flood-victim.ts): HTTP calls made from a chosen client address
// (the server runs with TRUST_PROXY=1 and reads X-Forwarded-For, so the victim, the bench's own setup and the attacker
// each have their own per-address limits, all left at their defaults), joining a table, raw requests, percentiles.
import { JoinRefusedError } from "#tests/join.ts";
import { randomBytes } from "node:crypto";
import { Client, type Room } from "@colyseus/sdk";
import { ACTION_REQUEST, API, PROTOCOL_VERSION, WHOAMI_REQUEST, type CreatedTable } from "#shared/protocol.ts";

// The room state is read loosely here: the bench reads a few fields of what any browser receives.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoom = Room<any, any>;

/** A seat key or a wrong secret: 256 random bits, 43 characters. */
export const newKey = (): string => randomBytes(32).toString("base64url");

/** A unique action id (≥ 8 characters). */
let idCounter = 0;
export const actionId = (tag: string): string =>
  `${tag}-${(idCounter++).toString(36)}-${randomBytes(3).toString("hex")}`;

export function headers(address: string, extra: Record<string, string> = {}): Record<string, string> {
  return { "Content-Type": "application/json", "X-Forwarded-For": address, ...extra };
}

export interface OpenedTable {
  tableId: string;
  invite: string;
  facilitatorKey: string;
}

const secretOf = (link: string): string => decodeURIComponent(link.split("#")[1]?.split("=")[1] ?? "");

export function tableBody(title: string) {
  return {
    title,
    system: "Le quartier des Tanneurs, à Lyon",
    presentState: "Des rues saturées de voitures, peu d'arbres.",
    horizonYear: 2050,
    desirableFuture: "Des rues calmes où les enfants vont seuls à l'école.",
    framingChallengeId: null,
    framingChallengeText: "Une ville sans voiture individuelle ?",
  };
}

/** POST /api/tables from this address; the links' fragments carry the secrets. */
export async function createTable(url: string, address: string, title: string): Promise<OpenedTable> {
  const response = await fetch(url + API.createTable, {
    method: "POST",
    headers: headers(address),
    body: JSON.stringify(tableBody(title)),
  });
  if (response.status !== 201)
    throw new Error(`table creation refused: HTTP ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedTable;
  return {
    tableId: created.tableId,
    invite: secretOf(created.participantLink),
    facilitatorKey: secretOf(created.facilitatorLink),
  };
}

/** A refused join, with the server's status and code: the same error as the tests' joins. */
export { JoinRefusedError as JoinError } from "#tests/join.ts";

export type Secret = { facilitatorKey: string } | { invite: string } | { observerKey: string };

/** POST /api/tables/:id/join from this address, then the SDK takes the reserved seat (no automatic reconnection). */
export async function join(
  url: string,
  address: string,
  tableId: string,
  secret: Secret,
  seatKey: string,
  name: string,
): Promise<AnyRoom> {
  const response = await fetch(url + API.join(tableId), {
    method: "POST",
    headers: headers(address),
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ...secret, seatKey, name, role: "habitant·e" }),
  });
  const body = (await response.json()) as { code?: string; message?: string };
  if (!response.ok)
    throw new JoinRefusedError(body.message ?? `HTTP ${response.status}`, response.status, body.code ?? "");
  const room = await new Client(url).consumeSeatReservation(body as Parameters<Client["consumeSeatReservation"]>[0]);
  room.reconnection.enabled = false;
  // Who this is comes right after the first state: read it like the browser (a message nobody listens to warns).
  room.onMessage(WHOAMI_REQUEST, () => undefined);
  return room as AnyRoom;
}

/** What a request came back with: accepted, or the refusal's code. */
export type Outcome = { ok: true; repeated: boolean; reply: unknown } | { ok: false; code: string };

type SendRequest = (
  type: string,
  payload: unknown,
  opts: { mode?: "reliable" },
  onReply: (ok: boolean, payload: unknown, faulted: boolean) => void,
  onClose?: (reason: string) => void,
) => number;

/**
 * A request without room.request()'s promise and timer (the SDK's own round-trip primitive): the attacker sends
 * thousands per second. `done` gets the outcome, or `closed` when the socket closed before the answer.
 */
export function sendRaw(room: AnyRoom, type: string, payload: unknown, done: (outcome: Outcome) => void): void {
  const send = (room as unknown as { sendRequest: SendRequest }).sendRequest.bind(room);
  try {
    send(
      type,
      payload,
      {},
      (ok, reply, faulted) => {
        if (ok) done({ ok: true, repeated: (reply as { repeated?: boolean } | undefined)?.repeated === true, reply });
        else
          done({
            ok: false,
            code: faulted ? "faulted" : String((reply as { code?: string } | undefined)?.code ?? "rejected"),
          });
      },
      () => done({ ok: false, code: "closed" }),
    );
  } catch {
    done({ ok: false, code: "sendFailed" });
  }
}

/** An action through room.request(): resolves with its outcome, never rejects. */
export async function act(room: AnyRoom, action: Record<string, unknown>, tag = "bench"): Promise<Outcome> {
  try {
    const reply = (await room.request(ACTION_REQUEST, { id: actionId(tag), action })) as
      { repeated?: boolean } | undefined;
    return { ok: true, repeated: reply?.repeated === true, reply };
  } catch (error) {
    const reason = (error as { reason?: { code?: string } }).reason;
    return { ok: false, code: reason?.code ?? (error as Error).message };
  }
}

/** Waits until the room's state satisfies the test (checked at each patch), or fails after the timeout. */
export function waitForState(room: AnyRoom, test: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (safe(test)) return resolve();
    const timer = setTimeout(() => {
      room.onStateChange.remove(check);
      reject(new Error("state did not arrive in time"));
    }, timeoutMs);
    const check = () => {
      if (!safe(test)) return;
      clearTimeout(timer);
      room.onStateChange.remove(check);
      resolve();
    };
    room.onStateChange(check);
  });
}

function safe(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}

/** Leaves without waiting: room.leave() never resolves when the socket is already closed. */
export function drop(room: AnyRoom): void {
  try {
    void room.leave(true).catch(() => undefined);
  } catch {
    // already closed
  }
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles, in the unit given. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
