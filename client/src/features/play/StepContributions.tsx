// "Oui, et…": what others add under a step, in order, with their authors, and the form to add one.
import { useTranslation } from "react-i18next";
import type { StepView } from "../../../../shared/view.ts";
import { useCan } from "./can.ts";
import { ContributionForm } from "./ContributionForm.tsx";
import { ContributionItem } from "./ContributionItem.tsx";

export function StepContributions({ step, number }: { step: StepView; number: number }) {
  const { t } = useTranslation();
  const canContribute = useCan("contribute");
  const yesAnds = (step.contributions ?? []).filter((c) => c.kind === "yesAnd");

  return (
    <div className="yes-and">
      {yesAnds.length > 0 && (
        <ol className="yes-and__list" aria-label={t("play.yesAnd.listLabel", { number })}>
          {yesAnds.map((c) => (
            <li key={c.id}>
              <ContributionItem stepId={step.id} number={number} contribution={c} />
            </li>
          ))}
        </ol>
      )}
      {canContribute && (
        <ContributionForm
          stepId={step.id}
          kind="yesAnd"
          label={t("play.yesAnd.label", { number })}
          hint={t("play.yesAnd.hint")}
          submit={t("play.yesAnd.submit")}
        />
      )}
    </div>
  );
}
