// "Oui, et…": what others add under a step, in order, with their authors, and a button that opens the form to add one.
import { useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { readDraft } from "../table/drafts.ts";
import { useReturnFocus } from "../table/use-return-focus.ts";
import { useCan } from "#client/store/can.ts";
import { ContributionForm } from "./ContributionForm.tsx";
import { ContributionItem } from "./ContributionItem.tsx";

export function StepContributions({
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
  const [writing, setWriting] = useState(() => readDraft(tableId, `yesAnd:${step.id}`) !== null);
  const opener = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const returnFocus = useReturnFocus(writing);
  const yesAnds = step.contributions.filter((c) => c.kind === "yesAnd");

  // The button comes back where the form was: the focus goes to it once it is there, ready for another « oui, et… »
  // (unless the person went elsewhere while theirs was being saved).
  function close() {
    returnFocus(box.current, () => opener.current);
    setWriting(false);
  }

  return (
    <div ref={box} className="yes-and">
      {yesAnds.length > 0 && (
        <ol className="yes-and__list" aria-label={t("play.yesAnd.listLabel", { number })}>
          {yesAnds.map((c) => (
            <li key={c.id}>
              <ContributionItem stepId={step.id} number={number} contribution={c} readOnly={readOnly} />
            </li>
          ))}
        </ol>
      )}
      {canContribute &&
        (writing ? (
          <ContributionForm
            stepId={step.id}
            kind="yesAnd"
            label={t("play.yesAnd.label", { number })}
            hint={t("play.yesAnd.hint")}
            submit={t("play.yesAnd.submit")}
            cancel={t("board.yesAnd.cancel")}
            onClose={close}
            autoFocus
          />
        ) : (
          <button
            ref={opener}
            type="button"
            className="button button--small yes-and__open"
            aria-label={t("board.yesAnd.openName", { number })}
            onClick={() => setWriting(true)}
          >
            {t("board.yesAnd.open")}
          </button>
        ))}
    </div>
  );
}
