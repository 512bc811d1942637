// What is at stake for a table, read off its setup: the kit's « enjeux », objectives with their priority, « petites
// victoires » and success indicators (Kit AgirLocal, lines 1238–1245). Pure; the checks live in rules/stakes.ts.
import type { Objective, SetupStakes, TableSetup } from "./model.ts";

/** The stakes of a table where nothing was written. */
export function noStakes(): SetupStakes {
  return { ifNothing: "", objectives: [], quickWins: [], indicators: [] };
}

/** A copy of the setup's stakes; empty ones when nothing was written, or for a table stored before they existed. */
export function stakesOf(setup: Pick<TableSetup, "stakes">): SetupStakes {
  const stakes = setup.stakes;
  if (!stakes) return noStakes();
  return {
    ifNothing: stakes.ifNothing,
    objectives: stakes.objectives.map((o) => ({ ...o })),
    quickWins: [...stakes.quickWins],
    indicators: [...stakes.indicators],
  };
}

/** Whether anything at all is written. */
export function hasStakes(stakes: SetupStakes): boolean {
  return (
    stakes.ifNothing !== "" ||
    stakes.objectives.length > 0 ||
    stakes.quickWins.length > 0 ||
    stakes.indicators.length > 0
  );
}

/** The objectives as the story lists them: the most important first, in the order written within one priority. */
export function objectivesByPriority(objectives: readonly Objective[]): Objective[] {
  return [...objectives].sort((a, b) => a.priority - b.priority);
}
