// Checking what the facilitator keeps of the stakes: texts trimmed, empty items left out, « un petit nombre » of each
// list (LIMITS.stakeItems), each within its length. Nothing written at all is no stakes (the setup leaves them out).
import { LIMITS, type SetupChanges, type SetupStakes } from "../model.ts";
import { t } from "../i18n/translate.ts";
import { hasStakes, stakesOf } from "../stakes.ts";
import { accept, refuse, type Outcome } from "./result.ts";

const LISTS = ["objectives", "quickWins", "indicators"] as const;

/** The stakes held with the lists and text given replacing theirs (what was left out stays). */
export function withStakesChanges(
  held: SetupStakes | undefined,
  changes: NonNullable<SetupChanges["stakes"]>,
): SetupStakes {
  const next = stakesOf({ stakes: held });
  if (changes.ifNothing !== undefined) next.ifNothing = changes.ifNothing;
  if (changes.objectives !== undefined) next.objectives = changes.objectives.map((o) => ({ ...o }));
  if (changes.quickWins !== undefined) next.quickWins = [...changes.quickWins];
  if (changes.indicators !== undefined) next.indicators = [...changes.indicators];
  return next;
}

/** The stakes as the setup keeps them, undefined when nothing is written; or the refusal for the first thing to fix. */
export function checkStakes(raw: SetupStakes | undefined): Outcome<SetupStakes | undefined> {
  if (!raw) return accept(undefined);
  const stakes: SetupStakes = {
    ifNothing: raw.ifNothing.trim(),
    objectives: raw.objectives.map((o) => ({ text: o.text.trim(), priority: o.priority })).filter((o) => o.text !== ""),
    quickWins: raw.quickWins.map((w) => w.trim()).filter((w) => w !== ""),
    indicators: raw.indicators.map((i) => i.trim()).filter((i) => i !== ""),
  };
  if (stakes.ifNothing.length > LIMITS.setupTextLength) return refuse("stakesTooLong", { max: LIMITS.setupTextLength });
  for (const list of LISTS) {
    const label = t(`kitStakes.${list}`);
    if (stakes[list].length > LIMITS.stakeItems)
      return refuse("tooManyStakeItems", { list: label, max: LIMITS.stakeItems });
    const texts = stakes[list].map((item) => (typeof item === "string" ? item : item.text));
    if (texts.some((text) => text.length > LIMITS.stakeItemLength)) {
      return refuse("stakeItemTooLong", { list: label, max: LIMITS.stakeItemLength });
    }
  }
  return accept(hasStakes(stakes) ? stakes : undefined);
}
