// One table as the server holds it, with no connection in sight: its log, the rules, de-duplication of requests sent
// twice, undo, who sits where, and what each accepted entry writes before anyone is told. The Colyseus room
// (server/room/table-room.ts) hands it the requests of the people connected and sends the patches after each change;
// the unit tests drive it directly (tests/unit/table-session.test.ts).
import type { Logger } from "pino";
import { isDeepStrictEqual } from "node:util";
import type { Action, ActorZone, Card, JoinRequest, TableState } from "#shared/model.ts";
import {
  actionSchema,
  tableLink,
  type RefusalReply,
  type ShareLinks,
  type TableWelcome,
  type Whoami,
  type WireAction,
} from "#shared/protocol.ts";
import {
  anonymisedCopy,
  anonymousIdentity,
  applyAction,
  join,
  nameAvailable,
  type Outcome,
} from "#shared/rules/index.ts";
import { t } from "#shared/i18n/translate.ts";
import { publishedTable } from "#shared/story/published.ts";
import { summarizeTable } from "#shared/workshop-summary.ts";
import { WORKSHOP_ACTOR_ID, type TableSummary, type WorkshopActReply } from "#shared/workshop.ts";
import type { Limits } from "../limits.ts";
import { countAcceptedAction, timedWrite } from "../metrics.ts";
import { newId, newSecret } from "../secrets.ts";
import { withDrawnParts } from "./drawn.ts";
import { anonymised, isHatOf, logBytes, undoTarget } from "../store/replay.ts";
import { replayOffThread } from "../store/replay-off-thread.ts";
import { beforeUndone } from "../store/snapshots.ts";
import {
  DuplicateEntryError,
  type JoinEntry,
  type LogEntry,
  type StoredTable,
  type TableCreation,
  type TableStore,
} from "../store/table-store.ts";
import type { Replayed } from "../store/replay.ts";

export interface SessionServices {
  store: TableStore;
  logger: Logger;
  limits: Pick<Limits, "logEntries" | "logBytes">;
  /**
   * The kit's cards as the server loaded them: a reopened table's copy of a card that is still the same is replaced
   * by this one, so that a thousand tables hold one copy of the kit, not a thousand (about 100 KB each).
   */
  kitCards?: readonly Card[];
}

/** What a request gets back: done (maybe done already, when sent again after a lost acknowledgement), or why not. */
export type Reply = RefusalReply | { ok: true; repeated?: true };

/** Which link an arrival came with, checked over HTTP before the table is asked anything (server/http/join.ts). */
export type LinkKind = "facilitator" | "participant" | "observer" | "replacedInvite";

/** A join whose link was checked: what the table needs to admit it (no secret, only the seat key's hash). */
export interface Arrival {
  link: LinkKind;
  seatKeyHash: string;
  name: string;
  role: string;
  /** Where a newcomer stands on the kit's actor map (asked of participants). */
  zone?: ActorZone;
}

/** What the table admitted: the seat reservation carries it to the room's onJoin. */
export interface Admission {
  /** Came with the observer link: watches, never acts, takes no seat. */
  observer: boolean;
  /** Set when the seat key is known: the person comes back to this seat. */
  participantId: string | null;
  facilitator: boolean;
  name: string;
  role: string;
  zone?: ActorZone;
  seatKeyHash: string;
}

/** Why an arrival is turned away: an HTTP status and a sentence for the person. */
export interface Turned {
  status: number;
  message: string;
}

/** Codes the session itself refuses with; their French text lives with the rules' refusals in shared/i18n. */
type SessionRefusal = "invalidMessage" | "saveFailed" | "nothingToUndo" | "undoConflict" | "logFull";

export function refusal(code: SessionRefusal | "notSeated" | "facilitatorOnly" | "observerReadOnly" | "tooFast") {
  return { code, message: t(`refusal.${code}`) } satisfies RefusalReply;
}

const DELETED: RefusalReply = { code: "tableDeleted", message: t("deletion.deleted") };

/** An accepted request: the entry to append and the table after it. Or why not. */
type Accepted = { ok: true; logged: LogEntry; state: TableState } | { ok: false; refusal: RefusalReply };

export class TableSession {
  readonly #store: TableStore;
  readonly #logger: Logger;
  readonly #limits: SessionServices["limits"];
  readonly #kitCards: readonly Card[] | undefined;
  #creation: TableCreation;
  #table: TableState;
  /** Every accepted entry, in order: an undo replays it without what it undoes. */
  #log: LogEntry[];
  #logBytes: number;
  /** participantId by seat key hash. */
  #seats: Map<string, string>;
  #entryIds: Set<string>;
  #lastSeq: number;
  #queue: Promise<unknown> = Promise.resolve();
  /** Set once the table is being deleted: nothing more is accepted, nobody more admitted. */
  #erasing = false;
  /** Told after each change is written and applied (the room projects it and sends the patch). */
  onChange: () => void = () => undefined;
  /**
   * Set once the store refused an entry because its place in the log is taken: another copy of this table (in another
   * process, after a failover) has written since this one opened. This copy must stop: nothing it accepts could be kept.
   */
  stale = false;

  /** The table from storage, its log replayed off the event loop; undefined when there is no such table. */
  static async open(services: SessionServices, tableId: string): Promise<TableSession | undefined> {
    const stored = await services.store.load(tableId);
    if (!stored) return undefined;
    const replayed = await replayOffThread(stored);
    if (services.kitCards) {
      shareKitCards(replayed.state, services.kitCards);
      // The first state is kept too (an undo replays from it, an anonymisation rewrites it): the same cards.
      shareKitCards(stored.table.initial, services.kitCards);
    }
    const session = new TableSession(services, stored, replayed);
    await session.#finishInterruptedWrites();
    return session;
  }

  private constructor(services: SessionServices, stored: StoredTable, replayed: Replayed) {
    this.#store = services.store;
    this.#logger = services.logger;
    this.#limits = services.limits;
    this.#kitCards = services.kitCards;
    this.#creation = stored.table;
    this.#log = stored.log;
    this.#logBytes = logBytes(stored.log);
    this.#table = replayed.state;
    this.#seats = replayed.seats;
    this.#entryIds = replayed.entryIds;
    this.#lastSeq = replayed.lastSeq;
  }

  get id(): string {
    return this.#table.id;
  }

  /** The table as it stands (frozen: every change goes through the rules and the log). */
  get table(): TableState {
    return this.#table;
  }

  get workshopId(): string | null {
    return this.#creation.workshopId;
  }

  get entries(): number {
    return this.#lastSeq;
  }

  get erasing(): boolean {
    return this.#erasing;
  }

  /** When the table was last touched: its creation, or its last entry. The retention sweep reads the same in the store. */
  lastActivity(): number {
    return Math.max(this.#creation.createdAt, this.#log.at(-1)?.at ?? 0);
  }

  participant(participantId: string | undefined) {
    return participantId ? this.#table.participants.find((p) => p.id === participantId) : undefined;
  }

  /** Who a seated connection is, as its page is told; null when the seat is not at this table. */
  whoami(participantId: string | undefined): Whoami | null {
    const participant = this.participant(participantId);
    return participant
      ? { participantId: participant.id, facilitator: participant.facilitator, observer: false }
      : null;
  }

  /** Why this seat may not do what only the facilitator does; null when it may. */
  facilitatorOnly(participantId: string | undefined): RefusalReply | null {
    const participant = this.participant(participantId);
    if (!participant) return refusal("notSeated");
    return participant.facilitator ? null : refusal("facilitatorOnly");
  }

  /** The seat this seat key's hash sat down in, if any. */
  seatOwner(seatKeyHash: string): string | undefined {
    return this.#seats.get(seatKeyHash);
  }

  /**
   * One person's action, under the id their page gave it: the rules decide, the entry is written, then the change is
   * applied and told (onChange). The same request sent again is answered as done, and applied once.
   */
  act(actorId: string, requestId: string, action: WireAction, now = Date.now()): Promise<Reply> {
    return this.#serially(async () => {
      if (this.#erasing) return DELETED;
      const entryId = `${actorId}:${requestId}`;
      // Sent again after a lost acknowledgement: it is in the log already, apply it once only.
      if (this.#entryIds.has(entryId)) return { ok: true, repeated: true } satisfies Reply;
      const accepted = await this.#accept(entryId, actorId, withDrawnParts(action), now);
      if (!accepted.ok) return accepted.refusal;
      try {
        await this.#commit(accepted.logged, accepted.state);
      } catch (error) {
        this.#logger.error({ err: error, tableId: this.id, stale: this.stale }, "could not save an action");
        return refusal("saveFailed");
      }
      countAcceptedAction();
      return { ok: true } satisfies Reply;
    });
  }

  /**
   * What the workshop facilitator does to this table from the overview (asked by the workshop's room, maybe from
   * another process): it goes through the rules as WORKSHOP_ACTOR_ID, and the same path as a seated person's action, so
   * it is durable and replays. Parsed again here: it crossed from another room.
   */
  async actForWorkshop(payload: unknown): Promise<WorkshopActReply> {
    const parsed = actionSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, ...refusal("invalidMessage") };
    const reply = await this.act(WORKSHOP_ACTOR_ID, newId(), parsed.data);
    return "ok" in reply ? { ok: true } : { ok: false, ...reply };
  }

  /**
   * Whether this arrival may take a seat now (over HTTP before any seat is reserved, and again as it joins, since the
   * table may have changed in between). Observers and the room's connection limits are the room's business.
   */
  admit(arrival: Arrival): Admission | Turned {
    if (this.#erasing) return { status: 404, message: t("http.tableNotFound") };
    const facilitator = arrival.link === "facilitator";
    const { seatKeyHash } = arrival;
    const known = this.#seats.get(seatKeyHash);
    // A participant link the facilitator replaced still brings back those already seated (their page holds it), and
    // nobody else.
    if (arrival.link === "replacedInvite" && !known) return { status: 401, message: t("http.inviteReplaced") };
    if (known) {
      // A removed person's seat key no longer opens the table; someone moved away is told where they went.
      const seated = this.participant(known);
      if (seated?.movedTo) return { status: 403, message: t("refusal.seatMoved", { table: seated.movedTo }) };
      if (seated?.removed) return { status: 403, message: t("refusal.seatRemoved") };
      return { observer: false, participantId: known, facilitator, name: "", role: "", seatKeyHash };
    }
    if (this.#logIsFull(0)) return { status: 403, message: t("refusal.logFull") };
    // A dry run of the rules (closed story, locked table, full table, name…), so that a refused arrival gets its
    // reason before taking a connection.
    const zone = arrival.zone && { zone: arrival.zone };
    const trial = this.#trialJoin({ name: arrival.name, role: arrival.role, facilitator, ...zone });
    if (!trial.ok) return { status: 400, message: trial.refusal.message };
    return {
      observer: false,
      participantId: null,
      facilitator,
      name: arrival.name,
      role: arrival.role,
      ...zone,
      seatKeyHash,
    };
  }

  /**
   * Seats an admitted person: back in their seat, or a new one written to the log first. `taking` is told the seat
   * before the change is told (the room marks their connection live, so the patch already shows them connected).
   */
  seat(admission: Admission, taking: (participantId: string) => void): Promise<Outcome<string>> {
    return this.#serially(async () => {
      const participantId = admission.participantId ?? this.#seats.get(admission.seatKeyHash) ?? `p-${newId()}`;
      if (this.participant(participantId)) {
        taking(participantId);
        return { ok: true, state: participantId };
      }
      const entry: JoinEntry = {
        kind: "join",
        participantId,
        name: admission.name,
        role: admission.role,
        ...(admission.zone && { zone: admission.zone }),
        facilitator: admission.facilitator,
        seatKeyHash: admission.seatKeyHash,
      };
      const now = Date.now();
      const available = nameAvailable(this.#table, entry);
      const outcome = available.ok ? join(this.#table, entry, { actorId: participantId, now }) : available;
      if (!outcome.ok) return outcome;
      taking(participantId);
      await this.#commit(this.#entry(`join:${participantId}`, now, entry), outcome.state);
      this.#seats.set(admission.seatKeyHash, participantId);
      this.#logger.info({ tableId: this.id, participantId, facilitator: admission.facilitator }, "participant seated");
      return { ok: true, state: participantId };
    });
  }

  /**
   * What a page about to join is told (once its link or join code is checked): the table's title, why a newcomer
   * could not sit now (null when they could), and the workshop the table is part of.
   */
  welcome(): TableWelcome {
    const { workshopId } = this;
    if (this.#erasing)
      return { title: "", arrivals: { code: "tableNotFound", message: t("http.tableNotFound") }, workshopId };
    if (this.#logIsFull(0)) return { title: this.#table.setup.title, arrivals: refusal("logFull"), workshopId };
    // The rules' verdict on a newcomer (closed story, locked table, full table), with a name that is always valid.
    const trial = join(
      this.#table,
      { name: "Arrivée", role: "participant·e", facilitator: false },
      { actorId: "trial", now: Date.now() },
    );
    return { title: this.#table.setup.title, arrivals: trial.ok ? null : trial.refusal, workshopId };
  }

  /**
   * Who sits here with this seat key (its hash): their participant id, or null for a key this table never seated and
   * for someone taken off the table or moved away.
   */
  seatOf(seatKeyHash: string): string | null {
    const participantId = this.#seats.get(seatKeyHash);
    if (this.#erasing || participantId === undefined) return null;
    return this.#table.participants.some((p) => p.id === participantId && !p.removed) ? participantId : null;
  }

  /**
   * The story as its public page shows it, when it is published at this address and closed; null otherwise (taken
   * back, published anew elsewhere, reopened for a while, or the table being deleted). The table decides, not the
   * store's index, so that taking it back closes the page at once.
   */
  publishedState(publicId: string): TableState | null {
    const table = this.#table;
    if (this.#erasing || table.phase !== "closed" || table.publication?.id !== publicId) return null;
    return publishedTable(table);
  }

  /** How the table stands for a workshop's lobby and overview, under the name the workshop gives it. */
  summary(name: string, online: ReadonlySet<string>): TableSummary {
    return summarizeTable(this.#table, { name, online: new Set(online), now: Date.now() });
  }

  /** The participant and observer links, and the join code, for the facilitator to share. */
  shareLinks(): ShareLinks {
    return {
      path: tableLink(this.#table.id, "invite", this.#creation.invite),
      observerPath: tableLink(this.#table.id, "observer", this.#creation.observerKey),
      joinCode: this.#creation.joinCode,
    };
  }

  /** A new participant link (and join code): the old one stops letting anyone in; people seated keep their seat. */
  rotateInvite(): Promise<ShareLinks | RefusalReply> {
    return this.#serially(async () => {
      const invite = newSecret();
      try {
        // The join code goes with the link it stands for: a new one replaces it in the same write.
        const joinCode = await this.#store.setInvite(this.#table.id, invite);
        this.#creation = { ...this.#creation, invite, joinCode };
      } catch (error) {
        this.#logger.error({ err: error, tableId: this.id }, "could not change the participant link");
        return refusal("saveFailed");
      }
      this.#logger.info({ tableId: this.id }, "participant link changed");
      return this.shareLinks();
    });
  }

  /**
   * Deletes the table once the writes already accepted have landed. With a cutoff (the retention sweep), a table
   * touched since then is kept. Resolves whether it was deleted; nothing more is accepted afterwards.
   */
  erase(untouchedBefore?: number | null): Promise<boolean> {
    return this.#serially(async () => {
      if (this.#erasing) return false;
      if (typeof untouchedBefore === "number" && this.lastActivity() >= untouchedBefore) return false;
      this.#erasing = true;
      try {
        return await this.#store.delete(this.id);
      } catch (error) {
        this.#erasing = false;
        throw error;
      }
    });
  }

  /** Resolves once every accepted entry is written. */
  drained(): Promise<unknown> {
    return this.#queue;
  }

  /** The rules' verdict on a newcomer, without seating them. */
  #trialJoin(request: JoinRequest): Outcome<unknown> {
    const trial = join(this.#table, request, { actorId: "trial", now: Date.now() });
    return trial.ok ? nameAvailable(this.#table, request) : trial;
  }

  /**
   * The rules decide first, for every action (undo included: who may, in which phase); then comes what the log gets
   * and the table it leads to. An undo leads to the replay of the log without what it undoes.
   */
  async #accept(entryId: string, actorId: string, action: Action, now: number): Promise<Accepted> {
    const outcome = applyAction(this.#table, action, { actorId, now });
    if (!outcome.ok) return outcome;
    if (action.type === "undo") return this.#undo(entryId, actorId, now);
    const logged = this.#entry(entryId, now, { kind: "action", actorId, action });
    if (this.#logIsFull(logBytes([logged]))) return { ok: false, refusal: refusal("logFull") };
    return { ok: true, logged, state: outcome.state };
  }

  /** Whether an entry of this many bytes would take the log past its limits. */
  #logIsFull(bytes: number): boolean {
    return this.#log.length >= this.#limits.logEntries || this.#logBytes + bytes > this.#limits.logBytes;
  }

  #entry(entryId: string, at: number, entry: LogEntry["entry"]): LogEntry {
    return { seq: this.#lastSeq + 1, entryId, at, entry };
  }

  /**
   * Undoes the last action not undone yet: the table becomes the replay of its log without it. When what followed
   * depends on it (the replay would refuse an entry), the undo is refused rather than leaving a log that no longer
   * replays: every stored log replays strictly, entry by entry.
   */
  async #undo(entryId: string, actorId: string, now: number): Promise<Accepted> {
    const undoes = undoTarget(this.#log);
    if (!undoes) return { ok: false, refusal: refusal("nothingToUndo") };
    const logged = this.#entry(entryId, now, { kind: "undo", actorId, undoes });
    if (this.#logIsFull(logBytes([logged]))) return { ok: false, refusal: refusal("logFull") };
    try {
      // Replayed from the nearest snapshot before the undone entry (else from the start), on the worker thread, so
      // that the other tables of the process never wait for it.
      const { state } = await replayOffThread(
        await beforeUndone(this.#store, { table: this.#creation, log: [...this.#log, logged] }, undoes),
      );
      if (this.#kitCards) shareKitCards(state, this.#kitCards);
      return { ok: true, logged, state };
    } catch {
      return { ok: false, refusal: refusal("undoConflict") };
    }
  }

  /** Write first; only then does anyone see the change. */
  async #commit(logged: LogEntry, next: TableState) {
    try {
      await timedWrite(() => this.#store.append(this.#table.id, logged));
    } catch (error) {
      if (error instanceof DuplicateEntryError) this.stale = true;
      throw error;
    }
    const published = this.#table.publication?.id;
    this.#log.push(logged);
    this.#logBytes += logBytes([logged]);
    this.#lastSeq = logged.seq;
    this.#entryIds.add(logged.entryId);
    this.#table = next;
    const anonymisedId = anonymised(logged);
    if (anonymisedId) await this.#forgetRealName(anonymisedId);
    if (next.publication?.id !== published) await this.#indexPublication();
    this.onChange();
  }

  /**
   * What a crash or a failed write may have left half done when the table was last open: an anonymisation whose
   * rewrite of the stored name did not finish, a publication whose address was not written beside the table.
   */
  async #finishInterruptedWrites(): Promise<void> {
    for (const participantId of new Set(this.#log.map(anonymised))) {
      if (participantId && this.#stillNamed(participantId)) await this.#forgetRealName(participantId);
    }
    if (this.#table.publication) await this.#indexPublication();
  }

  /**
   * Writes where the story is published beside the table (its index for the public page), once the log holds it. A
   * failure is logged, not returned: the action is stored, the page checks the table itself, and the next opening
   * writes the index again.
   */
  async #indexPublication(): Promise<void> {
    try {
      await this.#store.setPublication(this.#table.id, this.#table.publication?.id ?? null);
    } catch (error) {
      this.#logger.error({ err: error, tableId: this.id }, "could not record where the story is published");
    }
  }

  /**
   * Anonymisation, once its entry is written and before anyone is told: the real name and role leave storage (the
   * person's join entry, and the first state when they came with an imported story) and the log kept here, so that
   * no replay brings them back. A failure is logged, not returned: the action is stored and shows everywhere, and
   * the next opening of the table finishes the rewrite.
   */
  async #forgetRealName(participantId: string): Promise<void> {
    const identity = anonymousIdentity(this.#table, participantId);
    if (!identity) return;
    const first = this.#creation.initial;
    const initial = first.participants.some((p) => p.id === participantId)
      ? anonymisedCopy(first, participantId)
      : undefined;
    try {
      await this.#store.anonymise(this.#table.id, { participantId, ...identity, ...(initial && { initial }) });
    } catch (error) {
      this.#logger.error(
        { err: error, tableId: this.id, participantId },
        "could not erase an anonymised name from storage",
      );
      return;
    }
    this.#log = this.#log.map((logged) => {
      const { entry } = logged;
      if (entry.kind === "join" && entry.participantId === participantId)
        return { ...logged, entry: { ...entry, ...identity } };
      // The hats they changed into are their words too (shared/rules/moves/actors.ts).
      if (isHatOf(entry, participantId))
        return { ...logged, entry: { ...entry, action: { ...entry.action, role: identity.role } } };
      return logged;
    });
    this.#logBytes = logBytes(this.#log);
    if (initial) this.#creation = { ...this.#creation, initial };
  }

  /** Whether storage may still hold this anonymised person's real name or role (their join entry, their changes of hat, or the first state). */
  #stillNamed(participantId: string): boolean {
    const identity = anonymousIdentity(this.#table, participantId);
    if (!identity) return false;
    const differs = (x: { name: string; role: string }) => x.name !== identity.name || x.role !== identity.role;
    const joined = this.#log.some(
      (l) => l.entry.kind === "join" && l.entry.participantId === participantId && differs(l.entry),
    );
    const hats = this.#log.some(({ entry }) => isHatOf(entry, participantId) && entry.action.role !== identity.role);
    const first = this.#creation.initial.participants.find((p) => p.id === participantId);
    return joined || hats || (first !== undefined && differs(first));
  }

  /** Entries of one table are accepted one after another, so no two of them read the same old state. */
  #serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** Puts the kit's own card objects in place of the table's copies that are still the same (the replay made copies). */
function shareKitCards(state: TableState, kitCards: readonly Card[]): void {
  const kit = new Map(kitCards.map((card) => [card.id, card]));
  for (const [id, card] of Object.entries(state.cards)) {
    const shared = kit.get(id);
    if (shared && shared !== card && isDeepStrictEqual(shared, card)) state.cards[id] = shared;
  }
}
