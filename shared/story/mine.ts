// One person's part of a table's story, for the page they take home: who they are, their steps (with their number on
// the path), what they added under others' steps (« oui, et… » and answers to pitfalls), their debrief. Pure.
import type { Contribution } from "../model.ts";
import type { ParticipantView, PublicTable, StepView } from "../view.ts";

export interface MyContribution {
  contribution: Contribution;
  /** The step it was written under, and that step's number on the path. */
  step: StepView;
  number: number;
}

export interface MyPart {
  me: ParticipantView;
  /** The steps this person placed, each with its index on the path. */
  steps: { step: StepView; index: number }[];
  contributions: MyContribution[];
}

/** Undefined when nobody of that id sits at the table. */
export function myPart(table: PublicTable, participantId: string): MyPart | undefined {
  const me = table.participants.find((p) => p.id === participantId);
  if (!me) return undefined;
  const steps = table.path.flatMap((step, index) => (step.placedBy === me.id ? [{ step, index }] : []));
  const contributions = table.path.flatMap((step, index) =>
    step.contributions
      .filter((c) => c.authorId === me.id)
      .map((contribution) => ({ contribution, step, number: index + 1 })),
  );
  return { me, steps, contributions };
}
