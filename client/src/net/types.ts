// The table as the browser receives it (the synced schema's JSON), and the shape the components read.
import type { DeckName, Suggestion, Turns } from "#shared/model.ts";
import type { CardFace, HandCard, ParticipantView, PublicTable, StepView, TimerView } from "#shared/view.ts";

export type { CardFace, HandCard };

export interface SeatView extends ParticipantView {
  connected: boolean;
}

/** The synced state: the public table, every participant's presence, and my own hand. */
export interface TableView extends Omit<PublicTable, "participants"> {
  participants: SeatView[];
  myHand: HandCard[];
  /** When the server will delete the table if nobody touches it (ms since epoch; RETENTION_DAYS after the last entry). */
  deleteAfter: number | null;
}

export type ConnectionStatus = "idle" | "connecting" | "connected" | "reconnecting" | "offline";

type Raw = Partial<Omit<PublicTable, "participants" | "framingChallenge" | "suggestions" | "timer" | "turns">> & {
  participants?: Record<string, Partial<SeatView> & { hand?: HandCard[] }>;
  framingChallenge?: CardFace;
  /** A synced map arrives as an object, a synced array as an array. */
  suggestions?: Suggestion[] | Record<string, Suggestion>;
  timer?: TimerView | null;
  turns?: Partial<Omit<Turns, "current">> & { current?: string | null };
  deleteAfter?: number;
};

function list<T>(value: T[] | Record<string, T> | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

function seat(raw: Partial<SeatView>): SeatView {
  return {
    id: raw.id ?? "",
    name: raw.name ?? "",
    role: raw.role ?? "",
    zone: raw.zone ?? "",
    facilitator: raw.facilitator ?? false,
    handCount: raw.handCount ?? 0,
    joinedAt: raw.joinedAt ?? 0,
    removed: raw.removed ?? false,
    movedTo: raw.movedTo ?? "",
    debrief: raw.debrief ?? "",
    commitment: raw.commitment ?? "",
    namedInPublication: raw.namedInPublication ?? false,
    connected: raw.connected ?? false,
  };
}

function step(raw: StepView): StepView {
  return {
    ...raw,
    contributions: list(raw.contributions),
    plausible: list(raw.plausible),
    desirable: list(raw.desirable),
    dealt: raw.dealt ?? false,
    open: raw.open ?? false,
    authorRole: raw.authorRole ?? "",
  };
}

const ALL_DECKS: DeckName[] = ["challenge", "lever", "pitfall"];

/**
 * Converts the schema's JSON into the view: participants in order of arrival, my hand picked out, and every field
 * present (the first patch may arrive before the whole state, and an empty synced collection may be left out).
 *
 * Given the previous view, every part that did not change is the previous object itself (a step, a participant, a
 * card in hand, a list): a component given an unchanged step under React.memo skips rendering it. A patch that
 * changes nothing gives back the previous view.
 */
export function toTableView(json: Record<string, unknown>, myId: string | null, previous: TableView | null = null): TableView {
  const next = freshView(json, myId);
  return previous ? keepUnchanged(previous, next) : next;
}

function freshView(json: Record<string, unknown>, myId: string | null): TableView {
  const raw = json as Raw;
  const seats = Object.values(raw.participants ?? {}).sort((a, b) => (a.joinedAt ?? 0) - (b.joinedAt ?? 0));
  const me = myId ? raw.participants?.[myId] : undefined;
  const timer = raw.timer?.durationMs ? raw.timer : null;
  return {
    id: raw.id ?? "",
    phase: raw.phase ?? "preparation",
    title: raw.title ?? "",
    system: raw.system ?? "",
    presentState: raw.presentState ?? "",
    horizonYear: raw.horizonYear ?? 0,
    desirableFuture: raw.desirableFuture ?? "",
    otherFutures: list(raw.otherFutures),
    constraints: { time: raw.constraints?.time ?? "", values: raw.constraints?.values ?? "", actors: raw.constraints?.actors ?? "" },
    stakes: {
      ifNothing: raw.stakes?.ifNothing ?? "",
      objectives: list(raw.stakes?.objectives),
      quickWins: list(raw.stakes?.quickWins),
      indicators: list(raw.stakes?.indicators),
    },
    decksInPlay: raw.decksInPlay ? list(raw.decksInPlay) : ALL_DECKS,
    themesInPlay: list(raw.themesInPlay),
    framingChallenge: raw.framingChallenge?.id ? raw.framingChallenge : null,
    framingChallengeText: raw.framingChallengeText ?? "",
    participants: seats.map(({ hand: _hidden, ...rest }) => seat(rest)),
    path: list(raw.path).map(step),
    piles: raw.piles ?? { challenge: 0, lever: 0, pitfall: 0 },
    discardCount: raw.discardCount ?? 0,
    locked: raw.locked ?? false,
    turns: { mode: raw.turns?.mode ?? "free", order: list(raw.turns?.order), current: raw.turns?.current || null },
    timer,
    suggestions: list(raw.suggestions).sort((a, b) => a.at - b.at),
    won: raw.won ?? false,
    announcement: raw.announcement?.text ? { text: raw.announcement.text, at: raw.announcement.at ?? 0 } : null,
    publicationId: raw.publicationId ?? "",
    myHand: me?.hand ?? [],
    deleteAfter: raw.deleteAfter || null,
  };
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function idOf(value: unknown): string | undefined {
  return isPlain(value) && typeof value.id === "string" ? value.id : undefined;
}

/**
 * Structural sharing: `next` where it differs from `previous`, `previous` (or its parts) where it is equal. Lists of
 * things with an id (steps, participants, cards, contributions) are matched by id, so that a step inserted or
 * removed leaves the others as they were; other lists are matched by position.
 */
export function keepUnchanged<T>(previous: T, next: T): T {
  return share(previous, next) as T;
}

function share(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous;
  if (Array.isArray(previous) && Array.isArray(next)) {
    const byId = new Map<string, unknown>();
    for (const item of previous) {
      const id = idOf(item);
      if (id !== undefined) byId.set(id, item);
    }
    let same = previous.length === next.length;
    const shared = next.map((item: unknown, i) => {
      const id = idOf(item);
      const before = id !== undefined ? byId.get(id) : previous[i];
      const kept = before === undefined ? item : share(before, item);
      if (kept !== previous[i]) same = false;
      return kept;
    });
    return same ? previous : shared;
  }
  if (isPlain(previous) && isPlain(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const shared: Plain = {};
    for (const key of keys) {
      const kept = share(previous[key], next[key]);
      shared[key] = kept;
      if (kept !== previous[key] || !(key in previous)) same = false;
    }
    return same ? previous : shared;
  }
  return next;
}
