// One table's story in compact form for the shared screen: what framed it, then the path from « Aujourd'hui » through
// each step (its card, its narration, a pitfall still open) to the futures reached, and how many wrote their debrief.
import { useTranslation } from "#client/i18n/use-translation.ts";
import { chapterTitle } from "#shared/story/book-parts.ts";
import { futuresOf } from "#shared/story/parts.ts";
import { publicTable } from "#shared/view.ts";
import type { WorkshopTable } from "#shared/workshop-compare.ts";
import { compareTable } from "#shared/workshop-compare.ts";
import { DeckIcon } from "#client/ui/CardFace.tsx";
import { TextList } from "#client/ui/TextList.tsx";

export function PlenaryStory({ table, headingId }: { table: WorkshopTable; headingId: string }) {
  const { t } = useTranslation();
  const story = publicTable(table.state);
  const { framing, debrief } = compareTable(table);
  return (
    <article className="plenary-story" aria-labelledby={headingId}>
      <header className="plenary-story__top">
        <h2 id={headingId}>{chapterTitle(table)}</h2>
        <p className={`plenary-story__phase phase--${story.phase}`}>
          {t("workshopPlenary.plenary.phase", { phase: t(`phase.${story.phase}`) })}
        </p>
      </header>
      <p className="plenary-story__framing">
        <strong>{t("workshopPlenary.plenary.framing")} : </strong>
        {framing.title ? <span className="plenary-story__framing-title">{framing.title} — </span> : null}
        <span>{framing.text}</span>
      </p>
      <p className="plenary-story__count">{t("workshopPlenary.plenary.steps", { count: story.path.length })}</p>
      <ol className="plenary-path">
        <li className="plenary-path__milestone">
          <p className="plenary-path__label">{t("workshopPlenary.plenary.today")}</p>
          <p className="plenary-path__text">{story.presentState}</p>
        </li>
        {story.path.map((step, index) => (
          <li key={step.id} className={`plenary-path__step plenary-path__step--${step.card.deck}`}>
            <p className="plenary-path__label">
              <DeckIcon deck={step.card.deck} />
              {t("workshopPlenary.plenary.stepLabel", { number: index + 1, deck: t(`deckOne.${step.card.deck}`) })}
            </p>
            <p className="plenary-path__title">{step.card.title}</p>
            {step.narration ? (
              <p className="plenary-path__text">{step.narration}</p>
            ) : (
              <p className="plenary-path__untold">{t("workshopPlenary.plenary.untold")}</p>
            )}
            {step.open && <p className="plenary-path__open">{t("workshopPlenary.plenary.openPitfall")}</p>}
          </li>
        ))}
        <li className="plenary-path__milestone plenary-path__milestone--end">
          <p className="plenary-path__label">{t("workshopPlenary.plenary.horizon", { year: story.horizonYear })}</p>
          <TextList items={futuresOf(story)} className="plenary-path__futures" />
        </li>
      </ol>
      {story.path.length === 0 && <p className="plenary-story__empty">{t("workshopPlenary.plenary.noSteps")}</p>}
      <p className="plenary-story__debrief">{t("workshopPlenary.plenary.debrief", debrief)}</p>
    </article>
  );
}
