// What is at stake, read-only, as the story frames it (shared/story/parts.ts, like the exports): rows of a <dl>, in the
// setup's summary and on the path's start.
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useShallow } from "zustand/react/shallow";
import { noStakes } from "#shared/stakes.ts";
import { stakesPartsOf } from "#shared/story/parts.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { TextList } from "#client/ui/TextList.tsx";
import "./stakes.css";

const NONE = noStakes();

/** The parts written; `whenNone` also says when nothing is (the setup's summary), the path's start then shows nothing. */
export function StakesRows({ whenNone = false }: { whenNone?: boolean }) {
  const { t } = useTranslation();
  // Compared part by part: a new array on every patch would render the rows again each time.
  const stakes = useTableStore(useShallow((s) => s.table?.stakes ?? NONE));
  const parts = stakesPartsOf({ stakes });
  if (parts.length === 0) {
    return whenNone ? (
      <div>
        <dt>{t("kitStakes.story.heading")}</dt>
        <dd className="setup-summary__unset">{t("kitStakes.story.none")}</dd>
      </div>
    ) : null;
  }
  return (
    <>
      {parts.map((part) => (
        <div key={part.label}>
          <dt>{part.label}</dt>
          <dd>
            {part.list ? (
              <TextList items={part.items} className="stakes-summary__list" />
            ) : (
              <span className="pre-wrap">{part.items[0]}</span>
            )}
          </dd>
        </div>
      ))}
    </>
  );
}

/** Whether the table holds any stakes (the path's start shows them only then). */
export function useHasStakes(): boolean {
  return useTableStore((s) => stakesPartsOf({ stakes: s.table?.stakes ?? NONE }).length > 0);
}
