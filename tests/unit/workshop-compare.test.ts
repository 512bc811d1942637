// Unit tests of the comparison of a workshop's tables (the plenary screen and the book show it): what framed each
// story, the levers and pitfalls of each path, the pitfalls left open, the debriefs written, the cards tables share.
import { describe, expect, it } from "vitest";
import { compareTable, compareTables } from "#shared/workshop-compare.ts";
import { act, BASTIEN, CHLOE, FACILITATOR, tableInPlay } from "../fixtures.ts";
import { quietTable, twoTableBook } from "../workshop-fixtures.ts";

describe("the comparison of a workshop's tables", () => {
  const { tables, shared } = compareTables(twoTableBook().tables);
  const [hostile, quiet] = tables;

  it("keeps the workshop's order and names", () => {
    expect(tables.map((t) => t.name)).toEqual(["Table 1", "Table 2"]);
    expect(quiet?.title).toBe("La vallée de la Drôme en 2040");
  });

  it("says which challenge framed each story: a card's title and text, or the text the group wrote", () => {
    // A challenge card's face is its question (issue 11): the title a table made before gave it is not shown as its name.
    expect(quiet?.framing).toEqual({ title: "", text: "Diviser par dix le nombre de voitures du quartier ?" });
    expect(hostile?.framing.title).toBe("");
    expect(hostile?.framing.text).toContain("Zéro voiture ?");
  });

  it("lists the levers and pitfalls each path used, in path order, cards written at the table included", () => {
    expect(quiet?.levers).toEqual([
      { title: "Coopératif", count: 1 },
      { title: "Ouvert", count: 1 },
    ]);
    expect(quiet?.pitfalls).toEqual([{ title: "Financement", count: 1 }]);
    expect(hostile?.levers.map((l) => l.title)).toContain("Levier maison <script>alert(1)</script>");
    expect(hostile?.pitfalls).toHaveLength(4);
  });

  it("names the dealt pitfalls nobody answered", () => {
    expect(quiet?.openPitfalls).toEqual(["Financement"]);
    expect(hostile?.openPitfalls).toEqual(["Écueil 2 `piège`"]);
  });

  it("counts the debriefs written out of the seated participants, leaving out facilitators and removed people", () => {
    expect(hostile?.debrief).toEqual({ written: 2, of: 2 });
    expect(quiet?.debrief).toEqual({ written: 1, of: 2 });
  });

  it("counts the steps placed", () => {
    expect(hostile?.steps).toBe(7);
    expect(quiet?.steps).toBe(3);
  });

  it("finds no shared card between tables that drew from different decks", () => {
    expect(shared).toEqual([]);
  });
});

describe("cards several tables used", () => {
  it("names the tables that played the same lever or pitfall, in the workshop's order", () => {
    const state = quietTable();
    const { shared } = compareTables([
      { tableId: "a", name: "Nord", state },
      { tableId: "b", name: "Sud", state: tableInPlay() },
      { tableId: "c", name: "Est", state },
    ]);
    expect(shared).toEqual([
      { deck: "lever", title: "Coopératif", tables: ["Nord", "Est"] },
      { deck: "lever", title: "Ouvert", tables: ["Nord", "Est"] },
      { deck: "pitfall", title: "Financement", tables: ["Nord", "Est"] },
    ]);
  });

  it("counts a title twice when two steps of one path carry it", () => {
    let state = tableInPlay();
    state = act(state, FACILITATOR, {
      type: "writeCard",
      deck: "lever",
      title: "Frugal",
      text: "Faire mieux avec moins.",
    });
    state = act(state, BASTIEN, { type: "writeCard", deck: "lever", title: "Frugal", text: "Moins, mais mieux." });
    for (const name of [FACILITATOR, BASTIEN]) {
      const cardId = state.participants.find((p) => p.name === name)?.hand.at(-1) ?? "";
      state = act(state, name, { type: "place", cardId, afterStepId: null });
    }
    expect(compareTable({ tableId: "t", name: "Table", state }).levers).toEqual([{ title: "Frugal", count: 2 }]);
  });

  it("does not count a facilitator's debrief among the participants'", () => {
    let state = act(tableInPlay(), FACILITATOR, { type: "setPhase", phase: "debrief" });
    state = act(state, FACILITATOR, { type: "writeDebrief", text: "J'anime." });
    state = act(state, CHLOE, { type: "writeDebrief", text: "Je porte le budget." });
    expect(compareTable({ tableId: "t", name: "Table", state }).debrief).toEqual({ written: 1, of: 2 });
  });
});
