// Who is around the table and changing hats (issue 11): where each person stands on the kit's actor map, the table's
// balance on it, a role changed during play, and each step and « oui, et… » keeping the role its author had then, in
// the table and in every export; logs and stories from before the actor map still replay and read.
import { describe, expect, it } from "vitest";
import { tableBalance } from "#shared/actor-map.ts";
import type { TableState } from "#shared/model.ts";
import { join } from "#shared/rules/index.ts";
import { storyHtml } from "#shared/story/html.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import { mineHtml } from "#shared/story/mine-html.ts";
import { mineMarkdown } from "#shared/story/mine-markdown.ts";
import { publicTable } from "#shared/view.ts";
import { replay } from "#server/store/replay.ts";
import type { LogEntry } from "#server/store/table-store.ts";
import {
  act,
  BASTIEN,
  CHLOE,
  DORIAN,
  drawAndPlace,
  FACILITATOR,
  idOf,
  NOW,
  openTable,
  participant,
  refusalOf,
  seat,
  withDorianRemoved,
} from "../fixtures.ts";
import { EXPORT_META } from "../story-fixtures.ts";

/** Awa hosts without a zone; Bastien (habitant, civil society) and Chloé (élue, decision-makers) play. */
function mappedTable(): TableState {
  let state = openTable();
  state = seat(state, FACILITATOR, { role: "animatrice", facilitator: true });
  state = seat(state, BASTIEN, { role: "habitant", zone: "civilSociety" });
  state = seat(state, CHLOE, { role: "élue", zone: "decisionMakers" });
  return state;
}

/**
 * In play: Chloé places a lever as élue, changes hat to citoyenne, places another lever and adds a « oui, et… » under
 * her first step.
 */
function hatChanged(): { state: TableState; first: string; second: string } {
  let state = act(mappedTable(), FACILITATOR, { type: "startPlay" });
  const first = drawAndPlace(state, CHLOE, "lever", null);
  state = act(first.state, CHLOE, { type: "changeRole", role: "citoyenne", zone: "civilSociety" });
  const second = drawAndPlace(state, CHLOE, "lever", first.stepId);
  state = act(second.state, CHLOE, {
    type: "contribute",
    stepId: first.stepId,
    kind: "yesAnd",
    text: "Oui, et le marché s'y installe.",
  });
  return { state, first: first.stepId, second: second.stepId };
}

const step = (state: TableState, id: string) => state.path.find((s) => s.id === id);

describe("where each person stands on the actor map", () => {
  it("given a participant who joins in a zone, then the table and its public view hold it", () => {
    const state = mappedTable();
    expect(participant(state, CHLOE).zone).toBe("decisionMakers");
    expect(publicTable(state).participants.find((p) => p.id === idOf(BASTIEN))?.zone).toBe("civilSociety");
  });

  it("given a facilitator who skipped the map, then they sit without a zone", () => {
    const state = mappedTable();
    expect(participant(state, FACILITATOR).zone).toBeUndefined();
    expect(publicTable(state).participants[0]?.zone).toBe("");
  });

  it("given a zone that is not on the kit's map, then the join is refused", () => {
    const outcome = join(
      openTable(),
      { name: "Eve", role: "habitante", facilitator: false, zone: "space" as never },
      { actorId: "p-eve", now: NOW },
    );
    expect(outcome.ok ? null : outcome.refusal.code).toBe("zoneUnknown");
  });
});

describe("the table's balance on the actor map", () => {
  it("given two participants in two zones, then the other two zones are pointed out as nobody's", () => {
    const balance = tableBalance(publicTable(mappedTable()).participants);
    expect(balance.zones.map((z) => [z.zone, z.people.map((p) => p.name)])).toEqual([
      ["digital", []],
      ["environment", []],
      ["decisionMakers", [CHLOE]],
      ["civilSociety", [BASTIEN]],
    ]);
    expect(balance.missing).toEqual(["digital", "environment"]);
  });

  it("given a participant without a zone, a facilitator without one and someone removed, then only the participant is unplaced", () => {
    const state = withDorianRemoved(seat(mappedTable(), "Eve", { role: "agente" }));
    const balance = tableBalance(publicTable(state).participants);
    expect(balance.unplaced.map((p) => p.name)).toEqual(["Eve"]);
    expect(balance.zones.flatMap((z) => z.people).map((p) => p.name)).not.toContain(DORIAN);
  });
});

describe("changing hats", () => {
  it("given play, when Chloé changes her role and zone, then the people list shows the new ones", () => {
    const { state } = hatChanged();
    expect(participant(state, CHLOE)).toMatchObject({ role: "citoyenne", zone: "civilSociety" });
  });

  it("given no zone in the change, then the zone stays as it was", () => {
    const state = act(act(mappedTable(), FACILITATOR, { type: "startPlay" }), BASTIEN, {
      type: "changeRole",
      role: "  parent d'élève ",
    });
    expect(participant(state, BASTIEN)).toMatchObject({ role: "parent d'élève", zone: "civilSociety" });
  });

  it("given preparation, then changing hats is refused: it is for play and its debrief", () => {
    expect(refusalOf(mappedTable(), BASTIEN, { type: "changeRole", role: "citoyen" }).code).toBe("wrongPhase");
  });

  it("given the debrief, then changing hats is still possible", () => {
    const debrief = act(act(mappedTable(), FACILITATOR, { type: "startPlay" }), FACILITATOR, {
      type: "setPhase",
      phase: "debrief",
    });
    expect(participant(act(debrief, BASTIEN, { type: "changeRole", role: "citoyen" }), BASTIEN).role).toBe("citoyen");
  });

  it("given an empty or too long role, then the change is refused as a join would be", () => {
    const playing = act(mappedTable(), FACILITATOR, { type: "startPlay" });
    expect(refusalOf(playing, BASTIEN, { type: "changeRole", role: "   " }).code).toBe("roleRequired");
    expect(refusalOf(playing, BASTIEN, { type: "changeRole", role: "x".repeat(61) }).code).toBe("roleTooLong");
  });

  it("given someone anonymised, then a new hat is refused: it would name them again", () => {
    const playing = act(act(mappedTable(), FACILITATOR, { type: "startPlay" }), BASTIEN, { type: "anonymise" });
    expect(refusalOf(playing, BASTIEN, { type: "changeRole", role: "Bastien, boulanger" }).code).toBe("hatAnonymised");
    // « participant·e » stays possible: storage rewrites an anonymised person's hats to it, and the log must replay.
    expect(participant(act(playing, BASTIEN, { type: "changeRole", role: "participant·e" }), BASTIEN).role).toBe(
      "participant·e",
    );
  });
});

describe("each step keeps the role of its time", () => {
  it("given a hat changed between two steps, then each step and the « oui, et… » keep the role their author had", () => {
    const { state, first, second } = hatChanged();
    expect(step(state, first)?.authorRole).toBe("élue");
    expect(step(state, second)?.authorRole).toBe("citoyenne");
    expect(step(state, first)?.contributions[0]?.authorRole).toBe("citoyenne");
    expect(publicTable(state).path.map((s) => s.authorRole)).toEqual(["élue", "citoyenne"]);
  });

  it("given a step told after the change, then its words are signed in the hat worn when telling it", () => {
    const { state, first } = hatChanged();
    const told = act(state, CHLOE, { type: "narrate", stepId: first, text: "Les rues se referment le dimanche." });
    expect(step(told, first)?.authorRole).toBe("citoyenne");
  });

  it("given a facilitator rewriting a step, then the step keeps its author's role", () => {
    const { state, first } = hatChanged();
    const edited = act(state, FACILITATOR, { type: "editStep", stepId: first, narration: "Revu par l'animation." });
    expect(step(edited, first)?.authorRole).toBe("élue");
  });

  it("given Chloé anonymised, then the roles kept on her steps and contributions become « participant·e » too", () => {
    const { state, first, second } = hatChanged();
    const anonymous = act(state, CHLOE, { type: "anonymise" });
    expect([step(anonymous, first)?.authorRole, step(anonymous, second)?.authorRole]).toEqual([
      "participant·e",
      "participant·e",
    ]);
    expect(step(anonymous, first)?.contributions[0]?.authorRole).toBe("participant·e");
    expect(JSON.stringify(anonymous.path)).not.toMatch(/élue|citoyenne/);
  });
});

describe("logs and stories from before the actor map", () => {
  it("given a log whose joins carry no zone and whose steps no role, then it replays and the steps sign with the role now", () => {
    const initial = openTable();
    const joinEntry = (name: string, role: string, facilitator: boolean): LogEntry["entry"] => ({
      kind: "join",
      participantId: idOf(name),
      name,
      role,
      facilitator,
      seatKeyHash: `seat-${name}`,
    });
    const entries: LogEntry["entry"][] = [
      joinEntry(FACILITATOR, "animatrice", true),
      joinEntry(CHLOE, "élue", false),
      { kind: "action", actorId: idOf(FACILITATOR), action: { type: "startPlay" } },
      { kind: "action", actorId: idOf(CHLOE), action: { type: "draw", deck: "lever" } },
    ];
    const log: LogEntry[] = entries.map((entry, i) => ({ seq: i + 1, entryId: `e${i + 1}`, at: NOW + i, entry }));
    const { state } = replay({
      table: {
        id: initial.id,
        createdAt: NOW,
        facilitatorKeyHash: "h",
        invite: "i",
        observerKey: "o",
        joinCode: "K7PQ2MXR",
        workshopId: null,
        initial,
      },
      log,
    });
    expect(state.participants.map((p) => p.zone)).toEqual([undefined, undefined]);

    // A step stored before changing hats has no role of its own: the exports sign it with its author's role now.
    const placed = act(state, CHLOE, {
      type: "place",
      cardId: participant(state, CHLOE).hand[0] ?? "",
      afterStepId: null,
    });
    const older = structuredClone(placed);
    delete older.path[0]?.authorRole;
    expect(publicTable(older).path[0]?.authorRole).toBe("");
    expect(storyMarkdown(older, EXPORT_META)).toContain("Chloé (élue)");
  });

  it("given a story file without zones nor roles on its steps, then it still imports", () => {
    const { state } = hatChanged();
    const file = storyJson(state, EXPORT_META);
    for (const p of file.table.participants) delete p.zone;
    for (const s of file.table.path) {
      delete s.authorRole;
      for (const c of s.contributions) delete c.authorRole;
    }
    const parsed = parseStoryJson(JSON.parse(JSON.stringify(file)));
    expect(parsed.ok).toBe(true);
  });
});

describe("the exports show the role each step was written in", () => {
  it("given a hat changed between two steps, then HTML, Markdown, JSON and the new table from it keep both roles", () => {
    const { state } = hatChanged();
    const html = storyHtml(state, EXPORT_META);
    const markdown = storyMarkdown(state, EXPORT_META);
    // The steps, in path order: the first signed élue, the second citoyenne; the people list shows her role now.
    expect(html).toMatch(/Chloé \(élue\)[\s\S]*Chloé \(citoyenne\)/);
    expect(html).toContain(`<span class="role">citoyenne · Société civile</span>`);
    expect(markdown).toMatch(/Chloé \(élue\)[\s\S]*Chloé \(citoyenne\)/);
    expect(markdown).toContain("- Chloé (citoyenne · Société civile)");
    expect(markdown).toContain("- Bastien (habitant · Société civile)");

    const parsed = parseStoryJson(JSON.parse(JSON.stringify(storyJson(state, EXPORT_META))));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.story.table.path.map((s) => s.authorRole)).toEqual(["élue", "citoyenne"]);
    const continued = tableFromStory(parsed.story, { id: "table-suite", now: NOW });
    expect(continued.participants.find((p) => p.id === idOf(CHLOE))?.zone).toBe("civilSociety");
    expect(continued.path[0]?.authorRole).toBe("élue");
  });

  it("given the same story, then Chloé's own page signs each of her steps with the role of its time", () => {
    const { state } = hatChanged();
    const page = mineHtml(state, idOf(CHLOE), EXPORT_META) ?? "";
    expect(page).toMatch(/Chloé \(élue\)[\s\S]*Chloé \(citoyenne\)/);
    expect(mineMarkdown(state, idOf(CHLOE), EXPORT_META)).toMatch(/Chloé \(élue\)[\s\S]*Chloé \(citoyenne\)/);
  });
});
