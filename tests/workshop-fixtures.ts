// A workshop of two tables for the plenary, book and take-home tests: the hostile story of the export tests (closed,
// won, every text hostile) and a quieter table of the small deck (a lever told, a dealt pitfall left open, one debrief
// of two), in that order.
import type { TableState } from "#shared/model.ts";
import type { WorkshopBook } from "#shared/story/book-parts.ts";
import { act, BASTIEN, CHLOE, FACILITATOR, handOf, NOW, tableInPlay } from "./fixtures.ts";
import { hostileStory, SCRIPT } from "./story-fixtures.ts";

const MINUTE = 60_000;

export const QUIET_TITLE = "La vallée de la Drôme en 2040";
export const QUIET_NARRATION = "Les habitants ouvrent une carte partagée des sources.";
export const QUIET_DEBRIEF = "Je tiens la permanence du réseau d'eau.";
export const WORKSHOP_TITLE = `Assises <b>des</b> transitions ${SCRIPT}`;

/**
 * Awa facilitates; Bastien draws a lever, places and tells it; Awa deals a pitfall onto the path after it (nobody
 * answers it); Chloé places a lever untold; at the debrief only Bastien writes his; the story is closed.
 */
export function quietTable(): TableState {
  let minute = 1;
  const at = () => NOW + minute++ * MINUTE;
  let state = tableInPlay({ setup: { title: QUIET_TITLE }, seed: "graine-de-la-vallee" });
  state = act(state, BASTIEN, { type: "draw", deck: "lever" }, at());
  const lever = handOf(state, BASTIEN)[0] ?? "";
  state = act(state, BASTIEN, { type: "place", cardId: lever, afterStepId: null }, at());
  const first = state.path[0]?.id ?? "";
  state = act(state, BASTIEN, { type: "narrate", stepId: first, text: QUIET_NARRATION }, at());
  state = act(state, FACILITATOR, { type: "dealPitfall", to: null, afterStepId: first }, at());
  state = act(state, CHLOE, { type: "draw", deck: "lever" }, at());
  const chloeLever = handOf(state, CHLOE)[0] ?? "";
  state = act(state, CHLOE, { type: "place", cardId: chloeLever, afterStepId: null }, at());
  state = act(state, FACILITATOR, { type: "setPhase", phase: "debrief" }, at());
  state = act(state, BASTIEN, { type: "writeDebrief", text: QUIET_DEBRIEF }, at());
  return act(state, FACILITATOR, { type: "closeStory" }, at());
}

/** The hostile story as « Table 1 », the quiet one as « Table 2 ». */
export function twoTableBook(): WorkshopBook {
  return {
    title: WORKSHOP_TITLE,
    date: "2025-03-14",
    seatsPerTable: 10,
    tables: [
      { tableId: "table-hostile", name: "Table 1", state: { ...hostileStory().state, id: "table-hostile" } },
      { tableId: "table-calme", name: "Table 2", state: { ...quietTable(), id: "table-calme" } },
    ],
  };
}
