// Patches (issue 10): whatever happens at a table, what every browser decodes is the table as the server holds it.
// A real server on port 2568, a facilitator, four participants (one of them with a second tab open) and an observer,
// each an SDK client reading its state through the browser's own bridge (client/src/net/types.ts toTableView, given
// its previous view as client/src/net/connection.ts does). Then a random sequence of actions, drawn by fast-check over
// every action type the rules know, mostly among those the phase allows, by whoever may do them (sometimes by someone
// who may not, by the observer, or by a workshop's facilitator from its overview). After each action, every open
// client's view must be the rules' public view of the server's table (shared/view.ts publicTable) and each seated
// client's hand theirs (handOf); a refused action must leave the server's table as it was.
//
// The server's table is read the way the facilitator's exports read it (server/tables.ts current(): the room's
// exportState). Replay a failure with the seed (and path) fast-check prints:
//   PATCHES_SEED=<seed> PATCHES_PATH=<path> flock /tmp/jdt-room.lock npx vitest run tests/room/patches.test.ts
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { matchMaker } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "@colyseus/sdk";
import pino from "pino";
import { createApp } from "#server/app.ts";
import { unlimitedConfig } from "#tests/unlimited-config.ts";
import { SqliteTableStore } from "#server/store/sqlite-store.ts";
import { toTableView, type TableView } from "#client/net/types.ts";
import { DECK_NAMES } from "#cards/schema.ts";
import {
  ACTOR_ZONES,
  LIMITS,
  PHASES,
  type ActionType,
  type Phase,
  type SuggestField,
  type TableState,
} from "#shared/model.ts";
import { ACTION_RULES } from "#shared/rules/index.ts";
import {
  ACTION_REQUEST,
  INVITE_LINK_REQUEST,
  LINK_KEYS,
  PROTOCOL_VERSION,
  WHOAMI_REQUEST,
  type ShareLinks,
  type WireAction,
  type Whoami,
} from "#shared/protocol.ts";
import { handOf, publicTable } from "#shared/view.ts";
import { joinOverHttp, openTableOverHttp } from "../join.ts";

const BASE_URL = "http://localhost:2568";

/** A fixed seed by default, so that every run plays the same sequences; another one to explore, or to replay a failure. */
const SEED = Number(process.env.PATCHES_SEED ?? 20_250_314);
const REPLAY_PATH = process.env.PATCHES_PATH;
/** Tables played, and actions tried at each: bounded, to keep the file well under a minute. */
const RUNS = Number(process.env.PATCHES_RUNS ?? 6);
const ACTIONS_PER_RUN = { minLength: 150, maxLength: 200 };

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  const config = unlimitedConfig();
  const server = createApp({
    config,
    store: new SqliteTableStore(":memory:"),
    gracefullyShutdown: false,
    logger: pino({ level: "silent" }),
  });
  colyseus = await boot(server);
});

afterAll(async () => {
  await colyseus.shutdown();
});

/** One browser: the link it came with, its seat key, and what it decoded, as the page's store holds it. */
interface Person {
  label: string;
  name: string;
  role: string;
  secret: Record<string, string>;
  seatKey: string;
  room: Room;
  /** Their participant id (whoami); null for the observer. */
  myId: string | null;
  json: Record<string, unknown>;
  view: TableView | null;
}

/** How the page mirrors the state (client/src/net/connection.ts wire() and publish()): toJSON, then toTableView. */
function mirror(person: Person): void {
  const room = person.room;
  room.onStateChange((state) => {
    if (person.room !== room) return;
    person.json = (state as { toJSON(): Record<string, unknown> }).toJSON();
    person.view = toTableView(person.json, person.myId, person.view);
  });
}

async function connect(tableId: string, person: Omit<Person, "room" | "myId" | "json" | "view">): Promise<Person> {
  const room = await joinOverHttp(colyseus.sdk, BASE_URL, tableId, {
    protocolVersion: PROTOCOL_VERSION,
    ...person.secret,
    seatKey: person.seatKey,
    name: person.name,
    role: person.role,
  });
  const connected: Person = { ...person, room, myId: null, json: {}, view: null };
  mirror(connected);
  const me = (await room.request(WHOAMI_REQUEST)) as Whoami;
  connected.myId = me.participantId;
  connected.view = toTableView(connected.json, connected.myId, connected.view);
  return connected;
}

/** Comes back to the same seat as a reloaded page does (someone removed, then put back by an undo): a new browser in its place. */
async function reconnect(tableId: string, people: Person[], person: Person): Promise<void> {
  const { label, name, role, secret, seatKey } = person;
  people[people.indexOf(person)] = await connect(tableId, { label, name, role, secret, seatKey });
}

function isOpen(person: Person): boolean {
  return person.room.connection?.isOpen === true;
}

async function leaveQuietly(room: Room): Promise<void> {
  if (room.connection?.isOpen) await Promise.race([room.leave(), new Promise((resolve) => setTimeout(resolve, 1000))]);
}

/** The table as the server holds it, read as the facilitator's exports read it (server/tables.ts current()). */
async function serverTable(tableId: string): Promise<TableState> {
  return (await matchMaker.remoteRoomCall(tableId, "exportState")) as TableState;
}

/** A table opened over HTTP, a facilitator, four participants (Bastien with two tabs) and an observer. */
async function seatEveryone(): Promise<{ tableId: string; people: Person[] }> {
  const table = await openTableOverHttp(BASE_URL, "Table des patches");
  const seat = (label: string, secret: Record<string, string>, role: string, seatKey = newKey()) =>
    connect(table.tableId, { label, name: label, role, secret, seatKey });
  const facilitator = await seat("Awa", { facilitatorKey: table.facilitatorKey }, "animatrice");
  const people = [facilitator];
  for (const [name, role] of [
    ["Bastien", "habitant"],
    ["Chloé", "élue"],
    ["Dorian", "entreprise"],
    ["Elsa", "association"],
  ] as const) {
    people.push(await seat(name, { invite: table.invite }, role));
  }
  const bastien = people[1] as Person;
  people.push(await seat("Bastien (2e onglet)", bastien.secret, bastien.role, bastien.seatKey));
  const links = (await facilitator.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
  const observerKey = new URLSearchParams(links.observerPath.split("#")[1] ?? "").get(LINK_KEYS.observer) ?? "";
  people.push(await seat("Projecteur", { observerKey }, ""));
  return { tableId: table.tableId, people };
}

function newKey(): string {
  return randomBytes(32).toString("base64url");
}

// ---------------------------------------------------------------------------------------------------------------------
// What a browser must see.

/** The view less what the room adds to the rules' public table (presence, the server's clock, the retention date, my hand). */
function publicPartOf(view: TableView): unknown {
  const { myHand: _hand, deleteAfter: _deleteAfter, timer, participants, ...rest } = view;
  return {
    ...rest,
    participants: participants.map(({ connected: _connected, ...p }) => p),
    timer: timer && {
      label: timer.label,
      durationMs: timer.durationMs,
      remainingMs: timer.remainingMs,
      runningSince: timer.runningSince,
    },
  };
}

function expectSeesTable(person: Person, table: TableState): void {
  const view = person.view;
  expect(view, `${person.label} has a view`).not.toBeNull();
  if (!view) return;
  expect(publicPartOf(view), `the table as ${person.label}'s browser shows it`).toEqual(publicTable(table));
  expect(view.myHand, `${person.label}'s hand`).toEqual(person.myId ? handOf(table, person.myId) : []);
  // Nobody's browser ever holds someone else's cards, whatever the view makes of them.
  const synced = (person.json["participants"] ?? {}) as Record<string, { hand?: unknown[] }>;
  for (const [id, seat] of Object.entries(synced)) {
    if (id !== person.myId) expect(seat.hand ?? [], `${person.label} holds ${id}'s hand`).toEqual([]);
  }
}

/** Every open browser, once the patches in flight have arrived. */
async function expectEveryoneSees(people: readonly Person[], table: TableState): Promise<void> {
  await vi.waitFor(
    () => {
      for (const person of people) if (isOpen(person)) expectSeesTable(person, table);
    },
    { timeout: 5000, interval: 10 },
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// The actions: drawn as intents (which kind, who, which target by position), turned into an action against the table
// as it stands, so that most point at what exists (a step, a card in hand, a contribution) and the rules accept them.

/** How often each action type is drawn among those the phase allows. A new action type does not compile until added. */
const WEIGHTS: Record<ActionType, number> = {
  editSetup: 3,
  chooseChallenge: 2,
  drawChallenge: 2,
  chooseDecks: 1,
  importDeck: 1,
  suggest: 3,
  acceptSuggestion: 2,
  dismissSuggestion: 1,
  setPhase: 2,
  startPlay: 3,
  closeStory: 1,
  draw: 8,
  place: 8,
  narrate: 5,
  discard: 2,
  writeCard: 2,
  writeBlank: 3,
  contribute: 10,
  react: 6,
  setTurnMode: 1,
  passTurn: 2,
  skipTurn: 1,
  reorderTurns: 1,
  startTimer: 2,
  pauseTimer: 2,
  resumeTimer: 2,
  extendTimer: 2,
  clearTimer: 1,
  dealPitfall: 3,
  changeRole: 2,
  writeDebrief: 4,
  editStep: 2,
  removeStep: 2,
  moveStep: 2,
  editContribution: 3,
  removeContribution: 2,
  undo: 3,
  lockTable: 1,
  removeParticipant: 0.5,
  setFacilitator: 1,
  handOver: 1,
  announce: 1,
  moveAway: 1,
  anonymise: 0.4,
  anonymiseParticipant: 0.4,
  publish: 2,
  unpublish: 1,
  nameInPublication: 2,
};
const TYPES = Object.keys(WEIGHTS) as ActionType[];

interface Intent {
  /** Which action type, as a point on the weighted list (0–9999). */
  kind: number;
  /** Drawn among every type rather than those the phase allows: mostly refused. */
  anyPhase: boolean;
  /** Who acts (0–99): see actorFor. */
  who: number;
  pick: number;
  pick2: number;
  flag: boolean;
  text: string;
  text2: string;
}

const FRENCH = [
  "Oui, et les écoles suivent à vélo.",
  "Oui, et le marché du samedi devient piéton « pour de bon ».",
  "La coopérative d'énergie ouvre une deuxième toiture.",
  "Les habitant·es votent le budget du quartier.",
  "Une rue aux enfants, fermée aux voitures le matin.",
];

const textArbitrary = fc.oneof(
  { weight: 5, arbitrary: fc.lorem({ maxCount: 4, mode: "sentences" }) },
  { weight: 3, arbitrary: fc.constantFrom(...FRENCH) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ", "é".repeat(LIMITS.contributionLength + 1)) },
);

/** Spread evenly: fast-check's default bias towards small and extreme numbers would favour the first types of WEIGHTS. */
const uniform = (max: number) => fc.noBias(fc.nat({ max }));

const intentArbitrary: fc.Arbitrary<Intent> = fc.record({
  kind: uniform(9999),
  anyPhase: uniform(9).map((n) => n === 0),
  who: uniform(99),
  pick: uniform(1000),
  pick2: uniform(1000),
  flag: fc.boolean(),
  text: textArbitrary,
  text2: textArbitrary,
});

function typeFor(intent: Intent, phase: Phase): ActionType {
  const candidates = intent.anyPhase ? TYPES : TYPES.filter((type) => ACTION_RULES[type].phases.includes(phase));
  const total = candidates.reduce((sum, type) => sum + WEIGHTS[type], 0);
  let point = (intent.kind / 10_000) * total;
  for (const type of candidates) {
    point -= WEIGHTS[type];
    if (point < 0) return type;
  }
  return candidates.at(-1) ?? "undo";
}

const WORKSHOP = "workshop" as const;
type Actor = Person | typeof WORKSHOP;

/**
 * Mostly someone the rules let do it (a facilitator for the facilitator's actions, whoever's turn it is in turns mode),
 * sometimes anyone seated, the observer, or the workshop's facilitator acting on every table from its overview.
 */
function actorFor(intent: Intent, type: ActionType, table: TableState, people: readonly Person[]): Actor {
  const rule = ACTION_RULES[type];
  if (rule.who === "workshop" ? intent.who < 70 : rule.workshop && intent.who < 6) return WORKSHOP;
  const observer = people.find((p) => p.myId === null && isOpen(p));
  if (observer && intent.who >= 97) return observer;
  const present = (p: Person) => table.participants.find((x) => x.id === p.myId && !x.removed);
  const seated = people.filter((p) => isOpen(p) && present(p));
  let pool = seated;
  if (rule.who === "facilitator" && intent.who < 90) pool = seated.filter((p) => present(p)?.facilitator);
  else if (rule.onTurn && table.turns.mode === "turns" && intent.who < 90)
    pool = seated.filter((p) => p.myId === table.turns.current);
  if (pool.length === 0) pool = seated;
  return pool[intent.who % Math.max(1, pool.length)] ?? observer ?? WORKSHOP;
}

function at<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

const SUGGEST_FIELDS: readonly SuggestField[] = [
  "system",
  "presentState",
  "desirableFuture",
  "constraintTime",
  "constraintValues",
  "constraintActors",
  "framingChallengeText",
];

/** The action an intent stands for, at this table, by this actor. */
function actionFor(intent: Intent, type: ActionType, table: TableState, actor: Actor): WireAction {
  const { pick, pick2, flag, text, text2 } = intent;
  const me = actor === WORKSHOP ? undefined : table.participants.find((p) => p.id === actor.myId);
  const hand = me?.hand ?? [];
  const steps = table.path;
  const step = at(steps, pick);
  // Now and then an id that is nowhere: refused.
  const stepId = pick2 % 17 === 0 ? "step-999" : (step?.id ?? "step-1");
  const anchor = pick2 % (steps.length + 1) === steps.length ? null : (steps[pick2 % (steps.length + 1)]?.id ?? null);
  const someone = at(table.participants, pick2)?.id ?? "p-personne";
  const short = (s: string, max: number) => s.slice(0, max);
  switch (type) {
    case "editSetup": {
      const choices = [
        { title: short(text, 80) },
        { system: text },
        { presentState: text },
        { desirableFuture: text },
        { horizonYear: flag ? 2030 + (pick2 % 100) : 1900 },
        { otherFutures: flag ? [text, text2] : [] },
        { constraints: { [["time", "values", "actors"][pick2 % 3] ?? "time"]: text } },
        { stakes: { ifNothing: text } },
        { stakes: { objectives: flag ? [{ text, priority: ((pick2 % 3) + 1) as 1 | 2 | 3 }] : [] } },
        { stakes: { quickWins: [text, text2].slice(0, 1 + (pick2 % 2)) } },
        { stakes: { indicators: [text2] } },
      ];
      return { type, changes: choices[pick % choices.length] ?? {} };
    }
    case "chooseChallenge": {
      if (flag) return { type, cardId: null, text };
      return { type, cardId: at(table.piles.challenge, pick2) ?? "challenge-inconnu", text: "" };
    }
    case "drawChallenge":
    case "startPlay":
    case "closeStory":
    case "passTurn":
    case "skipTurn":
    case "pauseTimer":
    case "resumeTimer":
    case "clearTimer":
    case "undo":
    case "anonymise":
    case "publish":
    case "unpublish":
      return { type };
    case "chooseDecks": {
      const decks = DECK_NAMES.filter((_, i) => ((pick % 7) + 1) & (1 << i));
      const themes = flag ? [] : [String(table.cards[at(table.piles.challenge, pick2) ?? ""]?.theme ?? "mobilite")];
      return { type, decks, themes };
    }
    case "importDeck": {
      const count = 1 + (pick2 % 3);
      const cards = Array.from({ length: count }, (_, i) => {
        const n = (pick + i) % 6;
        return {
          id: `levier-importe-${n}`,
          deck: "lever",
          title: `Levier importé ${n}`,
          text: `Un levier venu d'un autre atelier (${n}).`,
          keywords: ["Import"],
          examples: ["Un exemple venu d'un autre atelier."],
          source: "Atelier de Lyon, 2024",
        };
      });
      return { type, file: { deck: "lever", cards }, fileName: "leviers.json" };
    }
    case "suggest":
      return { type, field: SUGGEST_FIELDS[pick % SUGGEST_FIELDS.length] ?? "system", text };
    case "acceptSuggestion":
    case "dismissSuggestion":
      return { type, suggestionId: at(table.suggestions, pick)?.id ?? "suggestion-999" };
    case "setPhase":
      return { type, phase: PHASES[pick % PHASES.length] ?? "play" };
    case "draw":
      return { type, deck: DECK_NAMES[pick % DECK_NAMES.length] ?? "lever" };
    case "place":
      return { type, cardId: at(hand, pick) ?? "lever-agile", afterStepId: anchor };
    case "narrate": {
      const mine = steps.filter((s) => s.placedBy === me?.id);
      return { type, stepId: flag ? (at(mine, pick)?.id ?? stepId) : stepId, text };
    }
    case "discard":
      return { type, cardId: at(hand, pick) ?? "lever-agile" };
    case "writeCard":
      return { type, deck: DECK_NAMES[pick % DECK_NAMES.length] ?? "lever", title: short(text2, 100), text };
    case "writeBlank": {
      const blanks = [
        ...hand.filter((id) => table.cards[id]?.blank),
        ...steps.filter((s) => table.cards[s.cardId]?.blank).map((s) => s.cardId),
      ];
      return { type, cardId: at(blanks, pick) ?? "pitfall-blank-1", title: short(text2, 100) || "Un écueil", text };
    }
    case "contribute":
      return { type, stepId, kind: flag && pick2 % 3 === 0 ? "answer" : "yesAnd", text };
    case "react":
      return { type, stepId, reaction: flag ? "plausible" : "desirable" };
    case "setTurnMode":
      return { type, mode: flag ? "turns" : "free" };
    case "reorderTurns": {
      const order = table.turns.order;
      const turned = [
        ...order.slice(pick % Math.max(1, order.length)),
        ...order.slice(0, pick % Math.max(1, order.length)),
      ];
      return { type, order: flag ? turned : turned.slice(1) };
    }
    case "startTimer":
      return {
        type,
        minutes: flag ? 1 + (pick % 30) : ([0, 1.5, LIMITS.timerMinutes + 1][pick % 3] ?? 0),
        label: short(text, 30),
      };
    case "extendTimer":
      return { type, minutes: pick2 % 4 === 0 ? -5 : 1 + (pick % 10) };
    case "dealPitfall": {
      const to = flag
        ? (at(
            table.participants.filter((p) => !p.facilitator),
            pick,
          )?.id ?? someone)
        : null;
      const top = table.cards[table.piles.pitfall[0] ?? ""];
      const written = top?.blank && pick2 % 4 !== 0 ? { title: short(text2, 100) || "Un écueil", text } : {};
      return { type, to, afterStepId: anchor, ...written };
    }
    case "changeRole": {
      const zone = at([...ACTOR_ZONES, undefined], pick);
      return { type, role: short(text, 50), ...(zone && { zone }) };
    }
    case "writeDebrief":
      return { type, text, ...(flag && { commitment: text2 }) };
    case "editStep":
      return { type, stepId, narration: text };
    case "removeStep":
      return { type, stepId };
    case "moveStep":
      return { type, stepId, afterStepId: anchor };
    case "editContribution":
    case "removeContribution": {
      const withSome = steps.filter((s) => s.contributions.length > 0);
      const target = at(withSome, pick);
      const contributionId = at(target?.contributions ?? [], pick2)?.id ?? "contribution-999";
      const onStep = target?.id ?? stepId;
      return type === "editContribution"
        ? { type, stepId: onStep, contributionId, text }
        : { type, stepId: onStep, contributionId };
    }
    case "lockTable":
      return { type, locked: flag };
    case "removeParticipant":
    case "handOver":
    case "anonymiseParticipant":
      return { type, participantId: someone };
    case "setFacilitator":
      return { type, participantId: someone, facilitator: flag };
    case "announce":
      return { type, text: pick % 5 === 0 ? "" : text };
    case "moveAway":
      return { type, participantId: someone, toTableName: "Table 2" };
    case "nameInPublication":
      return { type, named: flag };
  }
}

type Outcome = { ok: true } | { ok: false; code: string };

async function play(tableId: string, actor: Actor, action: WireAction): Promise<Outcome> {
  if (actor === WORKSHOP) {
    // What the workshop's overview sends a table (server/room/workshop-room.ts), through the same room call.
    const reply = (await matchMaker.remoteRoomCall(tableId, "workshopAct", [action])) as Outcome;
    return reply.ok ? { ok: true } : { ok: false, code: reply.code };
  }
  try {
    await actor.room.request(ACTION_REQUEST, { id: randomBytes(8).toString("hex"), action }, { timeout: 10_000 });
    return { ok: true };
  } catch (error) {
    const refused = error as { name?: string; reason?: { code?: string } };
    if (refused.name === "rejected" && refused.reason?.code) return { ok: false, code: refused.reason.code };
    throw error;
  }
}

/** Which action types were accepted at least once, in which phase: what the runs covered. */
const accepted = new Map<ActionType, Set<Phase>>();
let tried = 0;
/** How each action type fared (type → outcome → count), printed with PATCHES_VERBOSE=1. */
const outcomes = new Map<ActionType, Map<string, number>>();
/** Actions sent as the workshop's facilitator, and browsers that came back to their seat. */
let byWorkshop = 0;
let reconnections = 0;

/** Plays one table through these intents, checking every browser after each action. */
async function playTable(intents: readonly Intent[]): Promise<void> {
  const { tableId, people } = await seatEveryone();
  const trail: string[] = [];
  try {
    let table = await serverTable(tableId);
    await expectEveryoneSees(people, table);
    for (const [i, intent] of intents.entries()) {
      const before = structuredClone(table);
      const type = typeFor(intent, table.phase);
      const actor = actorFor(intent, type, table, people);
      const action = actionFor(intent, type, table, actor);
      const outcome = await play(tableId, actor, action);
      if (actor === WORKSHOP) byWorkshop += 1;
      tried += 1;
      const counts = outcomes.get(type) ?? new Map<string, number>();
      const key = outcome.ok ? "accepted" : outcome.code;
      outcomes.set(type, counts.set(key, (counts.get(key) ?? 0) + 1));
      trail.push(
        `#${i} [${table.phase}] ${actor === WORKSHOP ? "workshop" : actor.label}: ${JSON.stringify(action).slice(0, 160)}` +
          ` → ${outcome.ok ? "accepted" : outcome.code}`,
      );
      table = await serverTable(tableId);
      if (outcome.ok) {
        const phases = accepted.get(type) ?? new Set<Phase>();
        accepted.set(type, phases.add(before.phase));
      } else {
        expect(table, `a refused ${type} changed the table`).toEqual(before);
      }
      await expectEveryoneSees(people, table);
      // Someone removed and then put back (an undo) comes back to their seat, as their page would.
      for (const person of people) {
        const seat = table.participants.find((p) => p.id === person.myId);
        if (seat && !seat.removed && !isOpen(person)) {
          await reconnect(tableId, people, person);
          reconnections += 1;
          await expectEveryoneSees(people, table);
        }
      }
    }
    await expectEveryoneSees(people, await serverTable(tableId));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = trail.length > 0 ? trail.slice(-25).join("\n") : "(none yet: everyone had just sat down)";
    throw new Error(`${message}\n\nThe table's last actions:\n${last}`, { cause: error });
  } finally {
    await Promise.all(people.map((person) => leaveQuietly(person.room)));
  }
}

/** A failure names its seed and path (the intents themselves are left out: the failing table's trail is readable). */
function replayable(details: fc.RunDetails<[Intent[]]>): void {
  if (!details.failed) return;
  const replay = `PATCHES_SEED=${details.seed} PATCHES_PATH=${details.counterexamplePath ?? ""}`;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `Table ${details.numRuns} of ${RUNS} failed; replay it with ${replay} flock /tmp/jdt-room.lock npx vitest run ` +
      `tests/room/patches.test.ts\n\n${cause}`,
    { cause: details.errorInstance },
  );
}

describe("patches", () => {
  it("given a table played at random by everyone, then after every action each browser's decoded state is the server's table and each hand its holder's", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(intentArbitrary, ACTIONS_PER_RUN), (intents) => playTable(intents)),
      {
        seed: SEED,
        numRuns: RUNS,
        // No shrinking: each try plays a whole table; the failing table's last actions say what happened.
        endOnFailure: true,
        ...(REPLAY_PATH && { path: REPLAY_PATH }),
        reporter: replayable,
      },
    );
    if (process.env.PATCHES_VERBOSE) {
      for (const [type, counts] of outcomes) {
        const phases = [...(accepted.get(type) ?? [])].join(",");
        console.log(`${type} ${JSON.stringify(Object.fromEntries(counts))} accepted in: ${phases}`);
      }
      console.log(`${tried} actions, ${byWorkshop} by the workshop, ${reconnections} browsers back to their seat`);
    }
    // What every run together must have exercised: the moves whose patches append, splice, rebuild or empty a list.
    const covered = [...accepted.keys()];
    for (const type of [
      "startPlay",
      "draw",
      "place",
      "narrate",
      "contribute",
      "react",
      "editContribution",
      "removeContribution",
      "removeStep",
      "moveStep",
      "undo",
      "setPhase",
    ] satisfies ActionType[]) {
      expect(covered, `no ${type} was accepted in ${tried} actions`).toContain(type);
    }
  }, 120_000);
});
