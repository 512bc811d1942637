// The state bridge: what a browser decodes from the real server and turns into its TableView (client/src/net/types.ts,
// written into the store by client/src/net/connection.ts) is, after each step of a round of play, exactly what the server
// means that person to see — the public table (shared/view.ts) and their own hand, nobody else's. Between patches, what
// did not change stays the same object, so that memoised components skip it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { toTableView, type TableView } from "#client/net/types.ts";
import { deletionDate } from "#server/retention.ts";
import type { Action } from "#shared/model.ts";
import { handOf, publicTable } from "#shared/view.ts";
import type { OpenedTable } from "#tests/join.ts";
import { closeBrowsers, openPage, type Page } from "./browser.ts";
import { startServer, type Person, type TestServer } from "./server.ts";

let server: TestServer;
let table: OpenedTable;
let awa: Person;
let chloe: Person;
let page: Page;
let bastien: string;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  table = await server.openTable("Atelier des Lilas");
  awa = await server.seat(table.tableId, { facilitatorKey: table.facilitatorKey }, "Awa", "animatrice");
  page = await openPage(server.url);
  await page.connection.joinTable(table.tableId, { kind: "invite", value: table.invite }, "Bastien", "habitant");
  bastien = page.store.useTableStore.getState().me?.participantId ?? "";
  chloe = await server.seat(table.tableId, { invite: table.invite }, "Chloé", "élue");
});

afterEach(async () => {
  await page.connection.leaveTable();
  closeBrowsers();
});

/** The table as the server means this person to see it: the public table, everyone present, and their own hand. */
async function meant(participantId: string): Promise<TableView> {
  const { state, log, createdAt } = await server.truth(table.tableId);
  const visible = publicTable(state);
  return {
    ...visible,
    participants: visible.participants.map((p) => ({ ...p, connected: true })),
    myHand: handOf(state, participantId),
    deleteAfter: deletionDate(Math.max(createdAt, log.at(-1)?.at ?? 0), server.retentionDays),
  };
}

/** What Bastien's page shows (the store the components read). */
const bastienSees = () => page.store.useTableStore.getState().table;
/** What Chloé's browser would show: her decoded state through the same bridge. */
const chloeSees = () =>
  toTableView((chloe.room.state as { toJSON(): Record<string, unknown> }).toJSON(), chloe.participantId);

/** Both browsers settle on what the server means each of them to see. */
async function bothSeeWhatTheServerMeant(): Promise<void> {
  await vi.waitFor(async () => {
    expect(bastienSees()).toEqual(await meant(bastien));
    expect(chloeSees()).toEqual(await meant(chloe.participantId));
  });
}

/** Bastien acts from his page, through its outbox; the server accepts. */
async function bastienDoes(action: Action): Promise<void> {
  await expect(page.connection.act(action)).resolves.toBeNull();
}

/** A drawn blank (« Défi à écrire ») is written before it can be placed: the written card takes its place in the hand. */
async function writeIfBlank(
  act: (action: Action) => Promise<unknown>,
  hand: () => { id: string; blank?: boolean }[],
): Promise<string> {
  const card = hand().at(-1);
  if (!card?.blank) return card?.id ?? "";
  await act({ type: "writeBlank", cardId: card.id, title: "Carte écrite", text: "Écrite à la table." });
  await vi.waitFor(() => expect(hand().at(-1)?.id).not.toBe(card.id));
  return hand().at(-1)?.id ?? "";
}

describe("what a browser shows, step by step through a round", () => {
  it("equals what the server means each person to see, with only their own hand, and keeps unchanged steps as they were", async () => {
    await bothSeeWhatTheServerMeant();

    await awa.act({ type: "startPlay" });
    await bothSeeWhatTheServerMeant();
    expect(bastienSees()?.phase).toBe("play");

    await bastienDoes({ type: "draw", deck: "lever" });
    await chloe.act({ type: "draw", deck: "challenge" });
    await bothSeeWhatTheServerMeant();
    const bastienCard = await writeIfBlank(bastienDoes, () => bastienSees()?.myHand ?? []);
    const chloeCard = await writeIfBlank(chloe.act, () => chloeSees().myHand);
    await bothSeeWhatTheServerMeant();
    // Each holds one card and sees the other hold one; neither's card is anywhere in the other's browser.
    expect(bastienSees()?.myHand.map((c) => c.id)).toEqual([bastienCard]);
    expect(chloeSees().myHand.map((c) => c.id)).toEqual([chloeCard]);
    expect(bastienSees()?.participants.map((p) => [p.name, p.handCount])).toEqual([
      ["Awa", 0],
      ["Bastien", 1],
      ["Chloé", 1],
    ]);
    expect(JSON.stringify(page.store.useTableStore.getState())).not.toContain(`"${chloeCard}"`);
    expect(JSON.stringify(chloe.room.state.toJSON())).not.toContain(`"${bastienCard}"`);

    await bastienDoes({ type: "place", cardId: bastienCard, afterStepId: null });
    await bothSeeWhatTheServerMeant();
    const first = bastienSees()?.path[0]?.id ?? "";
    await chloe.act({ type: "place", cardId: chloeCard, afterStepId: first });
    await bastienDoes({ type: "narrate", stepId: first, text: "La ligne 12 ferme, trois cents personnes au gymnase." });
    await bothSeeWhatTheServerMeant();
    expect(bastienSees()?.path.map((s) => s.card.id)).toEqual([bastienCard, chloeCard]);
    expect(bastienSees()?.myHand).toEqual([]);

    // « Oui, et… » on the first step: that step is new, the second is the very same object, and so are the people.
    let before = bastienSees();
    await chloe.act({ type: "contribute", stepId: first, kind: "yesAnd", text: "Oui, et le collège prête sa salle." });
    await bothSeeWhatTheServerMeant();
    let after = bastienSees();
    expect(after?.path[0]?.contributions.map((c) => c.text)).toEqual(["Oui, et le collège prête sa salle."]);
    expect(after?.path[0]).not.toBe(before?.path[0]);
    expect(after?.path[1]).toBe(before?.path[1]);
    expect(after?.participants).toBe(before?.participants);
    expect(after?.myHand).toBe(before?.myHand);

    // A reaction on the second step: now the first stays as it was.
    const second = after?.path[1]?.id ?? "";
    before = after;
    await bastienDoes({ type: "react", stepId: second, reaction: "plausible" });
    await bothSeeWhatTheServerMeant();
    after = bastienSees();
    expect(after?.path[1]?.plausible).toEqual([bastien]);
    expect(after?.path[1]).not.toBe(before?.path[1]);
    expect(after?.path[0]).toBe(before?.path[0]);

    // The facilitator moves the table on: every browser shows the debrief, the path unchanged and untouched.
    before = after;
    await awa.act({ type: "setPhase", phase: "debrief" });
    await bothSeeWhatTheServerMeant();
    after = bastienSees();
    expect(after?.phase).toBe("debrief");
    expect(after?.path).toBe(before?.path);
  });
});
