// The face of a step on the board, card-sized: number, deck colour and pictogram, author, counts, the card's title and
// the start of the narration. The title is the button that opens the step in full (its click area covers the tile).
import type { Ref } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import { DeckIcon } from "#client/ui/CardFace.tsx";

interface Props {
  step: StepView;
  number: number;
  /** The author's name as the table shows it. */
  name: string;
  /** The step is mine and still to narrate. */
  mine: boolean;
  open: boolean;
  detailId: string;
  onToggle: () => void;
  onClose: () => void;
  toggleRef: Ref<HTMLButtonElement>;
}

export function StepTile({ step, number, name, mine, open, detailId, onToggle, onClose, toggleRef }: Props) {
  const { t } = useTranslation();
  const label = `${t("path.stepLabel", { number })} : ${step.card.title}`;
  const yesAnds = step.contributions.filter((c) => c.kind === "yesAnd").length;
  const reactions = step.plausible.length + step.desirable.length;

  return (
    <>
      <h3 className="tile__title">
        <button
          ref={toggleRef}
          type="button"
          className="tile__open"
          aria-expanded={open}
          aria-controls={detailId}
          aria-label={label}
          onClick={onToggle}
        >
          <span className="tile__title-text">{step.card.title}</span>
        </button>
      </h3>
      <div className="tile__band">
        <span className="tile__number" aria-hidden="true">
          {number}
        </span>
        <DeckIcon deck={step.card.deck} className="tile__icon" />
        <span className="visually-hidden">{t("board.tile.deck", { deck: t(`deckOne.${step.card.deck}`) })}</span>
        <span className="tile__author">
          <span className="visually-hidden">{t("board.tile.by", { name })}</span>
          <span aria-hidden="true">{name}</span>
        </span>
        {step.dealt && step.open && (
          <span className="tile__mark" title={t("board.tile.pitfallOpen")}>
            <span aria-hidden="true">⚠</span>
            <span className="visually-hidden">{t("board.tile.pitfallOpen")}</span>
          </span>
        )}
        {!open && yesAnds > 0 && (
          <Count icon="yesAnd" count={yesAnds} text={t("board.tile.yesAnds", { count: yesAnds })} />
        )}
        {!open && reactions > 0 && (
          <Count icon="reactions" count={reactions} text={t("board.tile.reactions", { count: reactions })} />
        )}
        {open && (
          <button
            type="button"
            className="tile__close"
            aria-label={t("board.detail.closeName", { number })}
            onClick={onClose}
          >
            <span aria-hidden="true">✕ </span>
            {t("board.detail.close")}
          </button>
        )}
      </div>
      {!open && <Excerpt step={step} mine={mine} />}
    </>
  );
}

/** The start of the story at this step: its narration, else the answer to its pitfall, else what it waits for. */
function Excerpt({ step, mine }: { step: StepView; mine: boolean }) {
  const { t } = useTranslation();
  if (step.narration) {
    return (
      <p className="tile__excerpt" data-narration="">
        {step.narration}
      </p>
    );
  }
  if (step.dealt && step.open) return <p className="tile__excerpt tile__excerpt--pitfall">{t("play.pitfall.open")}</p>;
  const answer = step.contributions.find((c) => c.kind === "answer");
  if (answer) return <p className="tile__excerpt">{answer.text}</p>;
  return (
    <p className="tile__excerpt tile__excerpt--empty">{t(mine ? "board.tile.toNarrate" : "board.tile.notNarrated")}</p>
  );
}

const ICONS = {
  // A speech bubble with a plus: something added to the step.
  yesAnd: "M4 4.5h16v11H10l-5 4v-4H4z M12 7.5v5 M9.5 10h5",
  // A heart: people reacted.
  reactions: "M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5C19.5 15.4 12 20 12 20z",
} as const;

function Count({ icon, count, text }: { icon: keyof typeof ICONS; count: number; text: string }) {
  return (
    <span className="tile__count">
      <svg className="tile__count-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={ICONS[icon]} />
      </svg>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
