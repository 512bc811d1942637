// The WebSocket of a join, opened alongside it rather than once it is answered (server/http/seat-claims.ts): the page
// opens it on API.seatSocket with a one-time random claim that the join carries too. When the join's answer says the
// socket took the seat (`claimed`), the SDK is handed that socket instead of opening another one; the frames that came
// meanwhile (the join, the state, who this is) are given to it as if they had just arrived. Otherwise the socket is
// closed and the SDK opens its own, as before.
//
// The SDK opens its sockets with `new WebSocket(url)` (its transport reads the global once, as it loads): the global is
// wrapped here, before the SDK's chunk can load, so that the one construction naming the claimed seat's session gets
// the claimed socket. Every other construction is the browser's own WebSocket.
//
// A browser that can inflate asks for the join's large first frames compressed (SEAT_SOCKET_DEFLATE): the table's
// state, the last thing the seat waited for on a phone's network, comes in about a third of its size. Each such frame
// is inflated here before anyone else sees it, and what follows it waits for it: whoever holds the socket (this
// module, then the SDK) gets the frames as the server sent them, in their order.
import { API, DEFLATED_FRAME, SEAT_SOCKET_DEFLATE } from "#shared/protocol-constants.ts";
import { randomToken } from "./seat.ts";

interface Handover {
  sessionId: string;
  socket: WebSocket;
  replay: () => void;
}

/**
 * The one wrapping of the global, and the socket waiting to be handed over, kept on the global itself: a second copy of
 * this module (tests evaluate it once per simulated page) must not wrap the wrapper, and the SDK holds whichever
 * wrapper it saw first.
 */
interface Slot {
  native: typeof WebSocket;
  handover: Handover | null;
  /** False once the SDK was seen to open a socket of its own instead (it read the global before it was wrapped). */
  works: boolean;
}

const SLOT = Symbol.for("jeu-des-transitions.seat-socket");

function install(native: typeof WebSocket): Slot {
  const slot: Slot = { native, handover: null, works: true };
  globalThis.WebSocket = new Proxy(native, {
    construct(target, args: [string | URL, (string | string[])?], newTarget) {
      const next = slot.handover;
      if (next && new URL(String(args[0])).searchParams.get("sessionId") === next.sessionId) {
        slot.handover = null;
        // The SDK sets its handlers right after the construction: the frames that came are given to them then.
        queueMicrotask(next.replay);
        return next.socket;
      }
      return Reflect.construct(target, args, newTarget) as WebSocket;
    },
  });
  return slot;
}

const holder = globalThis as unknown as { [SLOT]?: Slot };
const native = globalThis.WebSocket as typeof WebSocket | undefined;
const slot: Slot | null = holder[SLOT] ?? (native ? (holder[SLOT] = install(native)) : null);

/** What POST API.join answered, as far as the socket is concerned. */
interface JoinAnswer {
  sessionId: string;
  /** The join gave its seat to this socket (server/http/seat-claims.ts). */
  claimed?: true;
}

export interface SeatSocket {
  /** The claim the join carries (JoinOptions.claim); undefined when no socket could be opened. */
  claim: string | undefined;
  /**
   * Takes the seat the join answered: `consume` (the SDK's consumeSeatReservation) gets this socket when the join gave
   * it the seat, and opens its own otherwise. A socket that closed, or stayed silent, before the seat was taken (a
   * proxy that does not pass it on) is let go: the seat is still reserved, and the SDK's own socket takes it.
   */
  seat<T>(answer: JoinAnswer, consume: () => Promise<T>): Promise<T>;
  /** The join went another way (refused, failed): the socket is closed. */
  close(): void;
}

/** A claimed socket that took its seat hears the room at once: silent this long, it is let go. */
const SILENCE_MS = 4000;

const nothing = () => undefined;
const never = () => false;
/** No socket: the join goes the usual way. */
const NO_SEAT_SOCKET: SeatSocket = { claim: undefined, seat: (_, consume) => consume(), close: nothing };

/** A socket opened ahead of the join (prepareSeatSocket), not yet used. */
let prepared: { socket: SeatSocket; closed: () => boolean } | null = null;

/**
 * Opens the socket of the join to come now, as the person starts filling the join form: its handshake is done by the
 * time they press « Rejoindre ». The server keeps it waiting a minute at most; past that the join opens another.
 */
export function prepareSeatSocket(): void {
  if (slot?.works && (!prepared || prepared.closed())) prepared = open();
}

/** The socket of a join about to be sent (the prepared one, if still open); keeps what it receives until handed over or closed. */
export function openSeatSocket(): SeatSocket {
  const ready = prepared;
  prepared = null;
  if (ready && !ready.closed()) return ready.socket;
  ready?.socket.close();
  return slot?.works ? open().socket : NO_SEAT_SOCKET;
}

function open(): { socket: SeatSocket; closed: () => boolean } {
  const claim = randomToken(24);
  const deflate = canInflate();
  let socket: WebSocket;
  try {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    if (!slot) throw new Error("no WebSocket");
    const asks = deflate ? `&${SEAT_SOCKET_DEFLATE}=1` : "";
    socket = new slot.native(`${scheme}//${window.location.host}${API.seatSocket}?claim=${claim}${asks}`);
  } catch {
    return { socket: NO_SEAT_SOCKET, closed: never };
  }
  socket.binaryType = "arraybuffer";
  const frames: MessageEvent[] = [];
  let opened = false;
  let received = false;
  let closed: CloseEvent | null = null;
  socket.onopen = () => (opened = true);
  socket.onclose = (event) => (closed = event);
  // Whoever holds the socket sets its onmessage (this module's list, then the SDK's handler); the socket's own
  // listener gives them each frame once inflated, in order.
  let onmessage: ((event: MessageEvent) => void) | null = (event) => frames.push(event);
  Object.defineProperty(socket, "onmessage", {
    configurable: true,
    get: () => onmessage,
    set: (handler: ((event: MessageEvent) => void) | null) => (onmessage = handler),
  });
  // Frames after a compressed one wait in this queue until it is inflated; none waits when nothing is inflating.
  let queue = Promise.resolve();
  let queued = 0;
  socket.addEventListener("message", (event: MessageEvent) => {
    received = true;
    const compressed = deflate && isDeflated(event.data);
    if (!compressed && queued === 0) return onmessage?.(event);
    queued += 1;
    queue = queue
      .then(async () => {
        const data = compressed ? await inflate(event.data as ArrayBuffer) : event.data;
        onmessage?.(compressed ? new MessageEvent("message", { data }) : event);
      })
      // Never from this server: a frame that cannot be read ends the socket (the SDK reconnects to its seat).
      .catch(() => socket.close())
      .finally(() => (queued -= 1));
  });
  socket.onerror = () => undefined;
  const forget = () => {
    if (slot?.handover?.socket === socket) slot.handover = null;
  };
  const close = () => {
    forget();
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.close();
  };
  /** The SDK's next socket for this session is this one, with what came meanwhile. */
  const handTo = (sessionId: string): boolean => {
    if (!slot || (closed && frames.length === 0 && queued === 0)) return false;
    slot.handover = {
      sessionId,
      socket,
      replay: () => {
        if (opened) socket.onopen?.(new Event("open"));
        for (const frame of frames.splice(0)) socket.onmessage?.(frame);
        if (closed) socket.onclose?.(closed);
      },
    };
    return true;
  };
  const seatSocket: SeatSocket = {
    claim,
    async seat(answer, consume) {
      if (answer.claimed !== true || !handTo(answer.sessionId)) {
        close();
        return consume();
      }
      const consuming = consume();
      // The SDK opened a socket of its own: this page joins the usual way from now on.
      if (slot?.handover?.socket === socket) {
        slot.works = false;
        close();
      }
      let silence: ReturnType<typeof setTimeout> | undefined;
      const gaveUp = new Promise<never>((_, reject) => {
        silence = setTimeout(() => {
          if (received) return;
          // Closed with its handlers on: the SDK holding it is told, and gives up on it.
          forget();
          socket.close();
          reject(new Error("the join's socket stayed silent"));
        }, SILENCE_MS);
      });
      try {
        return await Promise.race([consuming, gaveUp]);
      } catch (error) {
        // Something came on it: it took the seat, and the failure is the seat's.
        if (received) throw error;
        return consume();
      } finally {
        clearTimeout(silence);
      }
    },
    close,
  };
  return { socket: seatSocket, closed: () => closed !== null };
}

/** Whether this browser can inflate what the server compresses on the join's socket (DecompressionStream). */
function canInflate(): boolean {
  try {
    new DecompressionStream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

function isDeflated(data: unknown): boolean {
  return data instanceof ArrayBuffer && data.byteLength > 1 && new Uint8Array(data, 0, 1)[0] === DEFLATED_FRAME;
}

/** The frame a DEFLATED_FRAME carries. */
function inflate(data: ArrayBuffer): Promise<ArrayBuffer> {
  const stream = new Blob([new Uint8Array(data, 1)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).arrayBuffer();
}
