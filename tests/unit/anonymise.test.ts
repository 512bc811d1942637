// Anonymisation (GDPR): a person's name and role become « Participant·e N » everywhere the table holds them — their
// seat, the moderation record of their removal, the cards they wrote, and every export made afterwards.
import { describe, expect, it } from "vitest";
import { PHASES, type Action, type Phase, type TableState } from "#shared/model.ts";
import { applyAction, join, nameAvailable } from "#shared/rules/index.ts";
import { storyHtml } from "#shared/story/html.ts";
import { storyJson } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import { publicTable } from "#shared/view.ts";
import {
  act,
  BASTIEN,
  CHLOE,
  DORIAN,
  drawAndPlace,
  FACILITATOR,
  handOf,
  idOf,
  NOW,
  participant,
  refusalOf,
  seat,
  tableInPlay,
  tableInPreparation,
  withDorianRemoved,
} from "../fixtures.ts";
import { EXPORT_META } from "../story-fixtures.ts";

const ANONYMISE: Action = { type: "anonymise" };

/** The same table (Awa facilitates, Bastien and Chloé play) in each phase. */
function tableIn(phase: Phase): TableState {
  const state = tableInPlay();
  return phase === "play" ? state : act(state, FACILITATOR, { type: "setPhase", phase });
}

describe("a participant anonymises themself", () => {
  it("given Bastien, second to arrive, when he anonymises himself, then he is « Participant·e 2 », « participant·e », for everyone", () => {
    const next = act(tableInPlay(), BASTIEN, ANONYMISE);

    expect(participant(next, BASTIEN)).toMatchObject({ name: "Participant·e 2", role: "participant·e" });
    expect(publicTable(next).participants.map((p) => [p.name, p.role])).toEqual([
      ["Awa", "animatrice"],
      ["Participant·e 2", "participant·e"],
      ["Chloé", "élue"],
    ]);
  });

  it("given what Bastien placed, narrated and wrote, when he anonymises himself, then it stays his, word for word", () => {
    const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
    let state = act(placed.state, BASTIEN, {
      type: "narrate",
      stepId: placed.stepId,
      text: "Bastien ouvre son atelier vélo.",
    });
    state = act(state, BASTIEN, {
      type: "contribute",
      stepId: placed.stepId,
      kind: "yesAnd",
      text: "Oui, et j'y forme les voisins.",
    });

    const next = act(state, BASTIEN, ANONYMISE);

    expect(next.path[0]).toMatchObject({ placedBy: idOf(BASTIEN), narration: "Bastien ouvre son atelier vélo." });
    expect(next.path[0]?.contributions[0]).toMatchObject({
      authorId: idOf(BASTIEN),
      text: "Oui, et j'y forme les voisins.",
    });
    // Word for word: only the roles kept on the step and the « oui, et… » (changing hats) become « participant·e ».
    const withoutRoles = (path: typeof state.path) =>
      path.map(({ authorRole: _step, contributions, ...step }) => ({
        ...step,
        contributions: contributions.map(({ authorRole: _c, ...c }) => c),
      }));
    expect(withoutRoles(next.path)).toEqual(withoutRoles(state.path));
    expect([next.path[0]?.authorRole, next.path[0]?.contributions[0]?.authorRole]).toEqual([
      "participant·e",
      "participant·e",
    ]);
  });

  it("given Chloé then Bastien anonymised, and Dorian arriving after, then each number is their place of arrival and never moves", () => {
    let state = act(tableInPlay(), CHLOE, ANONYMISE);
    state = act(state, BASTIEN, ANONYMISE);
    state = withDorianRemoved(state);
    state = act(state, FACILITATOR, { type: "anonymiseParticipant", participantId: idOf(DORIAN) });

    expect(state.participants.map((p) => p.name)).toEqual([
      "Awa",
      "Participant·e 2",
      "Participant·e 3",
      "Participant·e 4",
    ]);
  });

  it("given Bastien anonymised, when he asks again, then it is accepted and changes nothing (replay applies it to a log that already carries the new name)", () => {
    const once = act(tableInPlay(), BASTIEN, ANONYMISE);

    expect(act(once, BASTIEN, ANONYMISE)).toEqual(once);
  });

  it.each(PHASES)(
    "given the table in %s, when Bastien anonymises himself, then it is accepted (a right that outlives the story)",
    (phase) => {
      const next = act(tableIn(phase), BASTIEN, ANONYMISE);

      expect(participant(next, BASTIEN).name).toBe("Participant·e 2");
      expect(next.phase).toBe(phase);
    },
  );

  it("given someone who is not seated, when they ask, then they are refused and the table is untouched", () => {
    const state = tableInPlay();
    const before = structuredClone(state);

    expect(refusalOf(state, "Inconnu", ANONYMISE).code).toBe("notSeated");
    expect(state).toEqual(before);
  });

  it("given Dorian removed from the table, when he asks himself, then he is refused: he asks the facilitator", () => {
    expect(refusalOf(withDorianRemoved(tableInPlay()), DORIAN, ANONYMISE).code).toBe("participantRemoved");
  });

  it("given a written card, when its author anonymises themself, then its source names « Participant·e N » and the old state's card is untouched", () => {
    const state = act(tableInPlay(), BASTIEN, {
      type: "writeCard",
      deck: "lever",
      title: "Frugal",
      text: "Faire mieux avec moins.",
    });
    const cardId = handOf(state, BASTIEN).at(-1) ?? "";
    expect(state.cards[cardId]?.source).toContain("Bastien");

    const next = act(state, BASTIEN, ANONYMISE);

    expect(next.cards[cardId]?.source).toBe("Écrite à cette table par Participant·e 2");
    expect(next.cards[cardId]).toMatchObject({
      writtenBy: idOf(BASTIEN),
      title: "Frugal",
      text: "Faire mieux avec moins.",
    });
    expect(state.cards[cardId]?.source).toContain("Bastien");
  });
});

describe("a facilitator anonymises someone who asked them", () => {
  it("given Dorian removed, when Awa anonymises him, then his name leaves the moderation record of his removal too", () => {
    const removed = withDorianRemoved(tableInPlay());
    expect(removed.moderationLog).toMatchObject([
      { action: "removeParticipant", target: idOf(DORIAN), before: "Dorian" },
    ]);

    const next = act(removed, FACILITATOR, { type: "anonymiseParticipant", participantId: idOf(DORIAN) });

    expect(participant(next, DORIAN)).toMatchObject({ name: "Participant·e 4", role: "participant·e", removed: true });
    expect(next.moderationLog).toMatchObject([
      { action: "removeParticipant", target: idOf(DORIAN), before: "Participant·e 4" },
    ]);
    expect(JSON.stringify(next)).not.toContain("Dorian");
  });

  it.each(PHASES)("given the table in %s, when Awa anonymises Chloé, then it is accepted", (phase) => {
    const next = act(tableIn(phase), FACILITATOR, { type: "anonymiseParticipant", participantId: idOf(CHLOE) });

    expect(participant(next, CHLOE)).toMatchObject({ name: "Participant·e 3", role: "participant·e" });
  });

  it("given a participant, when they try to anonymise someone else, then only the facilitator may", () => {
    expect(refusalOf(tableInPlay(), BASTIEN, { type: "anonymiseParticipant", participantId: idOf(CHLOE) }).code).toBe(
      "facilitatorOnly",
    );
  });

  it("given someone who never sat at the table, when Awa names them, then she is told so", () => {
    expect(
      refusalOf(tableInPlay(), FACILITATOR, { type: "anonymiseParticipant", participantId: "p-inconnu" }).code,
    ).toBe("participantNotFound");
  });
});

describe("names kept for anonymised people", () => {
  it.each(["Participant·e 2", "participant·E 12", " Participant·e  7 "])(
    "given a newcomer named « %s », then the name is refused as reserved",
    (name) => {
      const outcome = nameAvailable(tableInPreparation(), { name, role: "habitante", facilitator: false });

      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.refusal.code).toBe("nameReserved");
    },
  );

  it("given names that only look close, then they may be taken", () => {
    for (const name of ["Participant·e", "Participante 2", "Participant·e deux"]) {
      expect(nameAvailable(tableInPreparation(), { name, role: "habitante", facilitator: false }).ok, name).toBe(true);
    }
  });
});

describe("exports made after an anonymisation", () => {
  /** Zéphyrine (id without her name) writes a card, places it, narrates, answers, debriefs; Awa then removes her. */
  function zephyrineSession(): { state: TableState; id: string } {
    const id = "p-7f3a9c";
    const as = (state: TableState, action: Action): TableState => {
      const outcome = applyAction(state, action, { actorId: id, now: NOW });
      if (!outcome.ok) throw new Error(`${action.type}: ${outcome.refusal.code}`);
      return outcome.state;
    };
    const joined = join(
      tableInPlay(),
      { name: "Zéphyrine Quintal", role: "apicultrice du toit", facilitator: false },
      { actorId: id, now: NOW },
    );
    if (!joined.ok) throw new Error("Zéphyrine could not sit");
    let state = as(joined.state, {
      type: "writeCard",
      deck: "lever",
      title: "Ruches partagées",
      text: "Des ruches sur chaque toit.",
    });
    const cardId = state.participants.find((p) => p.id === id)?.hand.at(-1) ?? "";
    state = as(state, { type: "place", cardId, afterStepId: null });
    state = as(state, { type: "narrate", stepId: state.path[0]?.id ?? "", text: "Le quartier bourdonne." });
    state = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = as(state, { type: "writeDebrief", text: "Je tiens le rucher de la cour." });
    state = act(state, FACILITATOR, { type: "removeParticipant", participantId: id });
    return { state, id };
  }

  function exportsOf(state: TableState): string[] {
    return [
      storyMarkdown(state, EXPORT_META),
      storyHtml(state, EXPORT_META),
      JSON.stringify(storyJson(state, EXPORT_META)),
    ];
  }

  it("given Zéphyrine's name in every export, when Awa anonymises her, then no export holds her name or role, and her texts stay", () => {
    const { state, id } = zephyrineSession();
    for (const exported of exportsOf(state)) expect(exported).toContain("Zéphyrine");

    const next = act(state, FACILITATOR, { type: "anonymiseParticipant", participantId: id });

    const [markdown, html, json] = exportsOf(next);
    for (const exported of [markdown, html, json]) {
      expect(exported).not.toMatch(/Zéphyrine|Quintal|apicultrice/);
      expect(exported).toContain("Participant·e 4");
      expect(exported).toContain("Le quartier bourdonne.");
      expect(exported).toContain("Je tiens le rucher de la cour.");
    }
    expect(markdown).toContain("Raconté par Participant·e 4 (participant·e");
  });

  it("given Bastien seated through the fixtures, when he anonymises himself, then no export names him", () => {
    const next = act(seat(tableInPlay(), "Eulalie"), BASTIEN, ANONYMISE);

    for (const exported of exportsOf(next)) expect(exported).not.toContain("Bastien");
  });
});
