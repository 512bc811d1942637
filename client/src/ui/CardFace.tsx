// One card as players see it, shaped like a card of its deck (colour, pictogram, header band): its title and text,
// who wrote it when written at this table, keywords and examples on demand. Also the deck's mark and a card's back.
import { createElement } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { DECK_LOOK } from "#shared/deck-look.ts";
import type { DeckName } from "#shared/model.ts";
import type { CardFace as Face } from "../net/types.ts";
import { useTableStore } from "../store/table-store.ts";
import { themeLabel, useDecks } from "../net/use-decks.ts";
import "./cards.css";

/** The deck's pictogram alone: decorative (aria-hidden), drawn in the current text colour, 1em square by default. */
export function DeckIcon({ deck, className = "deck-icon" }: { deck: DeckName; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {DECK_LOOK[deck].pictogram.map((shape, i) => {
        const paint = shape.fill ? { fill: "currentColor", stroke: "none" } : {};
        return shape.kind === "path"
          ? createElement("path", { key: i, d: shape.d, ...paint })
          : createElement("circle", { key: i, cx: shape.cx, cy: shape.cy, r: shape.r, ...paint });
      })}
    </svg>
  );
}

/**
 * The deck's mark: pictogram + the deck's name (« Défi », or « Défis » with `plural`), in the deck's colour
 * (`filled`: white on the deck's colour, like a card's header band).
 */
export function DeckMark({
  deck,
  plural = false,
  filled = false,
}: {
  deck: DeckName;
  plural?: boolean;
  filled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className={`deck-mark deck-mark--${deck}${filled ? " deck-mark--filled" : ""}`}>
      <DeckIcon deck={deck} />
      <span className="deck-mark__name">{t(plural ? `deck.${deck}` : `deckOne.${deck}`)}</span>
    </span>
  );
}

interface CardFaceProps {
  card: Face;
  /** Header band and title only (no text, no details): for tiles, lists and the dragged card. */
  compact?: boolean;
  /** Card proportions (5:7), as in the hand and on the piles; without it the card takes its container's width. */
  sized?: boolean;
  /** The title's element: a heading where the card is a section of the page, a paragraph inside a tile. */
  titleAs?: "h3" | "h4" | "p";
}

export function CardFace({ card, compact = false, sized = false, titleAs = "h3" }: CardFaceProps) {
  const { t } = useTranslation();
  // Every card from the kit opens on its source (issue 11), so the details are there whenever the kit is.
  const hasDetails =
    card.keywords.length > 0 || card.examples.length > 0 || card.kitLine > 0 || card.environment !== "";
  const classes = ["card", `card--${card.deck}`, compact && "card--compact", sized && "card--sized"]
    .filter(Boolean)
    .join(" ");
  return (
    <article className={classes} aria-label={`${t(`deckOne.${card.deck}`)} : ${card.title}`}>
      <header className="card__band">
        <DeckIcon deck={card.deck} className="card__icon" />
        <p className="card__deck">{t(`deckOne.${card.deck}`)}</p>
      </header>
      <div className="card__body">
        {createElement(titleAs, { className: "card__title" }, card.title)}
        {card.label && (
          <p className="card__label" title={t("kit.labelOursHint")}>
            {t("kit.labelOurs", { label: card.label })}
          </p>
        )}
        {card.writtenBy && <WrittenBy id={card.writtenBy} />}
        {!compact && card.text !== card.title && <p className="card__text">{card.text}</p>}
        {!compact && hasDetails && (
          <details className="card__details">
            <summary>{t("card.details")}</summary>
            {card.keywords.length > 0 && (
              <p>
                <strong>{t("card.keywords")} :</strong> {card.keywords.join(" · ")}
              </p>
            )}
            {card.examples.map((example) => (
              <p key={example}>
                <strong>{t("card.examples")} :</strong> {example}
              </p>
            ))}
            <KitDetails card={card} />
          </details>
        )}
      </div>
    </article>
  );
}

/** The back of a deck's card (on the piles): the deck's colour, its pictogram large, its name. Decorative. */
export function CardBack({ deck }: { deck: DeckName }) {
  const { t } = useTranslation();
  return (
    <span className={`card-back card-back--${deck}`} aria-hidden="true">
      <DeckIcon deck={deck} className="card-back__icon" />
      <span className="card-back__name">{t(`deck.${deck}`)}</span>
    </span>
  );
}

/** A card written at this table, not from the kit: who wrote it. */
function WrittenBy({ id }: { id: string }) {
  const { t } = useTranslation();
  const writer = useTableStore((s) => s.table?.participants.find((p) => p.id === id));
  const name = !writer
    ? t("play.unknownName")
    : writer.movedTo
      ? t("workshopRules.moved.name", { name: writer.name, table: writer.movedTo })
      : writer.removed
        ? t("play.removedName", { name: writer.name })
        : writer.name;
  return <p className="card__written">{t("play.writtenBy", { name })}</p>;
}

/** What the kit says of the card beyond its face, and where: its themes (ours marked), its words, its source, licence. */
function KitDetails({ card }: { card: Face }) {
  const { t } = useTranslation();
  const themes = useThemeLabels(card.themes);
  return (
    <>
      {card.environment && (
        <p>
          <strong>{t("kit.environment")} :</strong> {card.environment}
        </p>
      )}
      {themes.length > 0 && (
        <p>
          <strong>{t(themes.length > 1 ? "kit.themes" : "kit.theme")} :</strong> {themes.join(", ")}
          {card.themeByApp && <span className="card__ours"> ({t("kit.themeByApp")})</span>}
        </p>
      )}
      {card.kitText && (
        <p title={t("kit.kitTextHint")}>
          <strong>{t("kit.kitText")} :</strong> « {card.kitText} »
        </p>
      )}
      {card.kitLine > 0 && (
        <p className="card__source">
          <strong>{t("kit.sourceHeading")} :</strong>{" "}
          {t("kit.source", { part: card.kitPart, chapter: card.kitChapter, line: card.kitLine })}
          {card.license && <> · {t("kit.license", { license: card.license })}</>}
        </p>
      )}
    </>
  );
}

/** The kit's names of these themes (the decks are fetched once per page), the id for a theme of an imported deck. */
function useThemeLabels(ids: readonly string[]): string[] {
  const { decks } = useDecks();
  return ids.map((id) => themeLabel(decks, id));
}
