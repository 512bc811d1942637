// Plausible? Souhaitable? Two toggles under each step, with how many people think so.
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Reaction } from "#shared/model.ts";
import type { StepView } from "#shared/view.ts";
import { act } from "#client/net/connection.ts";
import { useCan, useMyId } from "#client/store/can.ts";

const REACTIONS: readonly Reaction[] = ["plausible", "desirable"];

export function StepReactions({
  step,
  number,
  readOnly = false,
}: {
  step: StepView;
  number: number;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const canReact = useCan("react") && !readOnly;
  const myId = useMyId();

  return (
    <div className="reactions" role="group" aria-label={t("play.reactions.groupLabel", { number })}>
      {REACTIONS.map((reaction) => {
        const who = step[reaction] ?? [];
        const count = t("play.reactions.count", { count: who.length });
        const label = t(`play.reactions.${reaction}`);
        if (!canReact) {
          return (
            <span key={reaction} className={`reaction reaction--${reaction} reaction--static`}>
              {label} {count}
            </span>
          );
        }
        return (
          <button
            key={reaction}
            type="button"
            className={`reaction reaction--${reaction}`}
            aria-pressed={myId !== null && who.includes(myId)}
            aria-label={t("play.reactions.name", { reaction: label, number, count: who.length })}
            onClick={() => void act({ type: "react", stepId: step.id, reaction })}
          >
            {label} <span className="reaction__count">{count}</span>
          </button>
        );
      })}
    </div>
  );
}
