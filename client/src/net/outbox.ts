// Actions waiting to reach the server, each with its id, kept in this browser until the server has answered:
// a network drop or a reload never loses them, and the server applies a repeated id only once.
import type { RefusalReply, WireAction } from "#shared/protocol.ts";

/** The server takes 10 requests per second per seat by default (server/limits.ts): a long outbox goes out below that. */
const PACE_MS = 150;

export interface OutboxEntry {
  id: string;
  action: WireAction;
  queuedAt: number;
}

/** What sending one entry gave: accepted, refused (with the reason), or not sent (try again later). */
export type SendResult = { kind: "accepted" } | { kind: "refused"; refusal: RefusalReply } | { kind: "unsent" };

/** How many answers nobody in this page waited for are kept for a form that asks a moment later. */
const UNHEARD_KEPT = 20;

export class Outbox {
  #entries: OutboxEntry[];
  /** Who waits for each entry's answer: the page that queued it, and a form that found it after a reload (settling()). */
  #waiters = new Map<string, ((refusal: RefusalReply | null) => void)[]>();
  /**
   * Entries a page queued before a reload, answered in this one before any form asked for them (settling()): a form
   * that opens a moment later still hears their answer, once. The last few only.
   */
  #answeredUnheard: { action: WireAction; refusal: RefusalReply | null }[] = [];
  #flushing = false;
  /** A flush was asked for while one was under way. */
  #again = false;
  readonly #storageKey: string;
  readonly #onChange: (pending: number) => void;

  constructor(tableId: string, onChange: (pending: number) => void) {
    this.#storageKey = `jdt:outbox:${tableId}`;
    this.#onChange = onChange;
    this.#entries = this.#read();
  }

  get pending(): number {
    return this.#entries.length;
  }

  /** Queues an action; resolves with its refusal, or null once the server has applied it (now or after a reconnection). */
  add(action: WireAction): Promise<RefusalReply | null> {
    const entry: OutboxEntry = { id: crypto.randomUUID(), action, queuedAt: Date.now() };
    this.#entries.push(entry);
    this.#write();
    return this.#answerOf(entry.id);
  }

  /**
   * The first entry still waiting whose action `matches` (queued by this page, or by the page before a reload), as
   * add() gives it: its refusal, or null once the server has applied it; already answered if it was, in this page,
   * before anyone asked. Null when no such entry waits.
   */
  settling(matches: (action: WireAction) => boolean): Promise<RefusalReply | null> | null {
    const entry = this.#entries.find((e) => matches(e.action));
    if (entry) return this.#answerOf(entry.id);
    const heard = this.#answeredUnheard.findIndex((answered) => matches(answered.action));
    if (heard < 0) return null;
    const [answered] = this.#answeredUnheard.splice(heard, 1);
    return Promise.resolve(answered?.refusal ?? null);
  }

  #answerOf(id: string): Promise<RefusalReply | null> {
    return new Promise((resolve) => this.#waiters.set(id, [...(this.#waiters.get(id) ?? []), resolve]));
  }

  /**
   * Sends entries in order until one cannot be sent; refused entries leave the outbox with their reason. Asked again
   * while sending (the connection came back while a send was failing), it tries once more when the current pass ends,
   * so that entries do not wait for the next action to go.
   */
  async flush(send: (entry: OutboxEntry) => Promise<SendResult>): Promise<void> {
    if (this.#flushing) {
      this.#again = true;
      return;
    }
    this.#flushing = true;
    try {
      do {
        this.#again = false;
        await this.#sendInOrder(send);
      } while (this.#again && this.#entries.length > 0);
    } finally {
      this.#flushing = false;
    }
  }

  async #sendInOrder(send: (entry: OutboxEntry) => Promise<SendResult>): Promise<void> {
    for (let entry = this.#entries[0]; entry; entry = this.#entries[0]) {
      const result = await send(entry);
      // A long outbox after a long cut goes out at a steady pace, under the server's messages-per-second limit.
      if (this.#entries.length > 1) await new Promise((resolve) => setTimeout(resolve, PACE_MS));
      if (result.kind === "unsent") return;
      this.#entries.shift();
      this.#write();
      const waiters = this.#waiters.get(entry.id) ?? [];
      this.#waiters.delete(entry.id);
      const refusal = result.kind === "refused" ? result.refusal : null;
      for (const answer of waiters) answer(refusal);
      if (waiters.length === 0) {
        this.#answeredUnheard.push({ action: entry.action, refusal });
        this.#answeredUnheard.splice(0, this.#answeredUnheard.length - UNHEARD_KEPT);
      }
    }
  }

  #read(): OutboxEntry[] {
    try {
      return JSON.parse(localStorage.getItem(this.#storageKey) ?? "[]") as OutboxEntry[];
    } catch {
      return [];
    }
  }

  #write(): void {
    try {
      if (this.#entries.length) localStorage.setItem(this.#storageKey, JSON.stringify(this.#entries));
      else localStorage.removeItem(this.#storageKey);
    } catch {
      // storage unavailable: entries stay in memory for this page
    }
    this.#onChange(this.#entries.length);
  }
}
