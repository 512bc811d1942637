// A pitfall dealt into the story: open until someone tells how the story meets it, then its answer and who wrote it.
import { useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { readDraft } from "../table/drafts.ts";
import { useCan } from "#client/store/can.ts";
import { useReturnFocus } from "../table/use-return-focus.ts";
import { ContributionForm } from "./ContributionForm.tsx";
import { ContributionItem } from "./ContributionItem.tsx";

/** The mark at the top of a dealt step: still open, or answered. */
export function PitfallStatus({ step }: { step: StepView }) {
  const { t } = useTranslation();
  if (!step.dealt) return null;
  return (
    <p className={`pitfall-status pitfall-status--${step.open ? "open" : "answered"}`}>
      <span aria-hidden="true">{step.open ? "⚠ " : "✓ "}</span>
      {t(step.open ? "play.pitfall.open" : "play.pitfall.answered")}
    </p>
  );
}

/** Below the narration: the answers given, and the way to give one while the pitfall is open. */
export function PitfallAnswer({
  step,
  number,
  readOnly = false,
}: {
  step: StepView;
  number: number;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const canContribute = useCan("contribute") && !readOnly;
  const tableId = useTableStore((s) => s.table?.id ?? "");
  // A draft left in this browser reopens the form.
  const [answering, setAnswering] = useState(() => readDraft(tableId, `answer:${step.id}`) !== null);
  const opener = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const returnFocus = useReturnFocus(answering);
  if (!step.dealt) return null;
  const answers = (step.contributions ?? []).filter((c) => c.kind === "answer");

  // Cancelled: the focus goes back to the button that opened the form. Answered: the pitfall is met, form and button
  // are gone, and the focus goes to the answer just given (unless the person went elsewhere meanwhile).
  function openerOrAnswer() {
    if (opener.current) return opener.current;
    const given = box.current?.querySelector<HTMLElement>(".contribution--answer:last-of-type");
    if (given) given.tabIndex = -1;
    return given;
  }

  return (
    <div ref={box} className="pitfall-answer">
      {answers.map((c) => (
        <ContributionItem key={c.id} stepId={step.id} number={number} contribution={c} readOnly={readOnly} />
      ))}
      {step.open &&
        canContribute &&
        (answering ? (
          <ContributionForm
            stepId={step.id}
            kind="answer"
            rows={4}
            label={t("play.pitfall.answerLabel", { number })}
            hint={t("play.pitfall.answerHint")}
            submit={t("play.pitfall.submit")}
            cancel={t("play.pitfall.cancel")}
            onClose={() => {
              returnFocus(box.current, openerOrAnswer);
              setAnswering(false);
            }}
            autoFocus
          />
        ) : (
          <button
            ref={opener}
            type="button"
            className="button button--primary"
            aria-label={t("play.pitfall.answerName", { number })}
            onClick={() => setAnswering(true)}
          >
            {t("play.pitfall.answer")}
          </button>
        ))}
    </div>
  );
}
