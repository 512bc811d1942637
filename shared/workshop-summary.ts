// One table as a workshop's overview shows it, computed from the table's state by its room on every change. Pure.
import type { TableState } from "./model.ts";
import type { TableSummary } from "./workshop.ts";

export interface SummaryContext {
  /** The workshop's name for the table (« Table 1 »). */
  name: string;
  /** Participant ids with at least one live connection. */
  online: ReadonlySet<string>;
  /** The server's clock. */
  now: number;
}

export function summarizeTable(state: TableState, { name, online, now }: SummaryContext): TableSummary {
  const seated = state.participants.filter((p) => !p.removed);
  const players = seated.filter((p) => !p.facilitator);
  let latest: { index: number; placedAt: number } | null = null;
  state.path.forEach((step, index) => {
    if (!latest || step.placedAt >= latest.placedAt) latest = { index, placedAt: step.placedAt };
  });
  const latestIndex = (latest as { index: number } | null)?.index;
  const latestStep = latestIndex === undefined ? undefined : state.path[latestIndex];
  return {
    tableId: state.id,
    name,
    title: state.setup.title,
    phase: state.phase,
    locked: state.locked,
    people: seated.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      facilitator: p.facilitator,
      online: online.has(p.id),
    })),
    steps: state.path.length,
    contributions: state.path.reduce((sum, step) => sum + step.contributions.length, 0),
    openPitfalls: state.path.filter((step) => step.open).length,
    debrief: { written: players.filter((p) => p.debrief.trim() !== "").length, of: players.length },
    timer: state.timer,
    serverNow: now,
    latestStep:
      latestStep && latestIndex !== undefined
        ? {
            number: latestIndex + 1,
            title: state.cards[latestStep.cardId]?.title ?? "",
            narration: latestStep.narration,
          }
        : null,
    updatedAt: now,
  };
}
