// The browser's view of the synced table (client/src/net/types.ts): a patch gives new objects only for what changed,
// so that React.memo on a step skips every step but the one that changed.
import { describe, expect, it } from "vitest";
import { keepUnchanged, toTableView, type TableView } from "#client/net/types.ts";

const ME = "p-1";

function card(n: number) {
  return {
    id: `challenge-${n}`,
    deck: n % 5 === 2 ? "lever" : "challenge",
    title: `Carte ${n}`,
    text: `Le texte de la carte ${n}.`,
    theme: "mobilite",
    keywords: ["vélo", "bus"],
    examples: [],
    blank: false,
    source: "Kit",
    writtenBy: "",
  };
}

/** What the synced state's toJSON() gives for a table of 40 steps and 12 people (a fresh object every time). */
// `any`: the tests edit this JSON as a patch would, anywhere, without restating the synced shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function stateJson(): Record<string, any> {
  const participants: Record<string, unknown> = {};
  for (let i = 1; i <= 12; i += 1) {
    participants[`p-${i}`] = {
      id: `p-${i}`,
      name: `Personne ${i}`,
      role: "Habitant·e",
      facilitator: i === 1,
      handCount: i === 1 ? 2 : 0,
      joinedAt: 1000 + i,
      removed: false,
      debrief: "",
      connected: true,
      ...(i === 1
        ? {
            hand: [
              { ...card(100), dealt: false },
              { ...card(101), dealt: false },
            ],
          }
        : {}),
    };
  }
  const path = Array.from({ length: 40 }, (_, i) => ({
    id: `step-${i + 1}`,
    card: card(i + 1),
    placedBy: `p-${(i % 12) + 1}`,
    placedAt: 2000 + i,
    narration: `Ce qui arrive à l'étape ${i + 1}.`,
    narratedAt: 3000 + i,
    dealt: false,
    open: false,
    contributions:
      i % 4 === 0 ? [{ id: `contribution-${i}`, authorId: "p-2", kind: "yesAnd", text: "Oui, et…", at: 4000 + i }] : [],
    plausible: ["p-3"],
    desirable: [],
  }));
  return {
    id: "T1",
    phase: "play",
    title: "Atelier",
    system: "Le quartier",
    presentState: "Aujourd'hui",
    horizonYear: 2040,
    desirableFuture: "Demain",
    otherFutures: [],
    constraints: { time: "", values: "", actors: "" },
    decksInPlay: ["challenge", "lever", "pitfall"],
    themesInPlay: [],
    framingChallengeText: "Tenir bon",
    participants,
    path,
    piles: { challenge: 10, lever: 3, pitfall: 4 },
    discardCount: 0,
    locked: false,
    turns: { mode: "free", order: [], current: "" },
    suggestions: [],
    won: false,
  };
}

describe("toTableView keeps what did not change", () => {
  it("a « oui, et… » on step 30 makes step 30 a new object and leaves the 39 others identical", () => {
    const before = toTableView(stateJson(), ME);
    const json = stateJson();
    json.path[29].contributions.push({
      id: "contribution-99",
      authorId: "p-5",
      kind: "yesAnd",
      text: "Oui, et les ados aussi.",
      at: 9000,
    });
    const after = toTableView(json, ME, before);

    expect(after).not.toBe(before);
    expect(after.path).not.toBe(before.path);
    expect(after.path).toHaveLength(40);
    for (let i = 0; i < 40; i += 1) {
      if (i === 29) continue;
      expect(after.path[i], `step ${i + 1}`).toBe(before.path[i]);
    }
    const step30 = after.path[29];
    expect(step30).not.toBe(before.path[29]);
    expect(step30?.contributions.map((c) => c.text)).toEqual(["Oui, et les ados aussi."]);
    // Inside the changed step, what did not change is kept too (its card).
    expect(step30?.card).toBe(before.path[29]?.card);
    // Everything else of the table is the same objects.
    expect(after.participants).toBe(before.participants);
    expect(after.myHand).toBe(before.myHand);
    expect(after.constraints).toBe(before.constraints);
    expect(after.piles).toBe(before.piles);
    // And the view is what a fresh conversion gives.
    expect(after).toEqual(toTableView(json, ME));
  });

  it("a patch that changes nothing gives back the previous view itself", () => {
    const before = toTableView(stateJson(), ME);
    expect(toTableView(stateJson(), ME, before)).toBe(before);
  });

  it("a step placed in the middle leaves the others identical (steps are matched by id, not by position)", () => {
    const before = toTableView(stateJson(), ME);
    const json = stateJson();
    json.path.splice(10, 0, { ...json.path[0], id: "step-41", card: card(41), placedBy: ME, narration: "" });
    json.participants[ME].hand.pop();
    json.participants[ME].handCount = 1;
    const after = toTableView(json, ME, before);
    expect(after.path).toHaveLength(41);
    expect(after.path[10]?.id).toBe("step-41");
    for (const step of after.path.filter((s) => s.id !== "step-41")) {
      expect(step).toBe(before.path.find((s) => s.id === step.id));
    }
    // My hand lost a card: a new list, the remaining card the same object; one person changed, the others did not.
    expect(after.myHand).not.toBe(before.myHand);
    expect(after.myHand[0]).toBe(before.myHand[0]);
    const me = after.participants.find((p) => p.id === ME);
    expect(me).not.toBe(before.participants.find((p) => p.id === ME));
    expect(
      after.participants
        .filter((p) => p.id !== ME)
        .every((p, i) => p === before.participants.filter((q) => q.id !== ME)[i]),
    ).toBe(true);
  });

  it("a reaction taken back and a narration edited change only their own step", () => {
    const before: TableView = toTableView(stateJson(), ME);
    const json = stateJson();
    json.path[4].plausible = [];
    json.path[7].narration = "Autre chose arrive.";
    const after = toTableView(json, ME, before);
    const changed = after.path.map((s, i) => (s === before.path[i] ? null : i)).filter((i) => i !== null);
    expect(changed).toEqual([4, 7]);
    expect(after.path[4]?.plausible).toEqual([]);
    expect(after.path[7]?.narration).toBe("Autre chose arrive.");
  });

  it("shares plain data deeply and leaves non-plain values as they come", () => {
    const a = { list: [1, 2, 3], nested: { x: 1 } };
    expect(keepUnchanged(a, { list: [1, 2, 3], nested: { x: 1 } })).toBe(a);
    const changed = keepUnchanged(a, { list: [1, 2, 4], nested: { x: 1 } });
    expect(changed.nested).toBe(a.nested);
    expect(changed.list).toEqual([1, 2, 4]);
    const removed = keepUnchanged<Record<string, unknown>>({ a: 1, b: 2 }, { a: 1 });
    expect(removed).toEqual({ a: 1 });
  });
});
