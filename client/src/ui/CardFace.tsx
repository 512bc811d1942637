// One card as players see it: its deck, title and text, who wrote it when written at this table; keywords and examples on demand.
import { useTranslation } from "react-i18next";
import type { CardFace as Face } from "../net/types.ts";
import { useTableStore } from "../store/table-store.ts";

export function CardFace({ card, compact = false }: { card: Face; compact?: boolean }) {
  const { t } = useTranslation();
  const hasDetails = card.keywords.length > 0 || card.examples.length > 0;
  return (
    <article className={`card card--${card.deck}`} aria-label={`${t(`deckOne.${card.deck}`)} : ${card.title}`}>
      <p className="card__deck">{t(`deckOne.${card.deck}`)}</p>
      <h3 className="card__title">{card.title}</h3>
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
        </details>
      )}
    </article>
  );
}

/** A card written at this table, not from the kit: who wrote it. */
function WrittenBy({ id }: { id: string }) {
  const { t } = useTranslation();
  const writer = useTableStore((s) => s.table?.participants.find((p) => p.id === id));
  const name = !writer ? t("play.unknownName") : writer.removed ? t("play.removedName", { name: writer.name }) : writer.name;
  return <p className="card__written">{t("play.writtenBy", { name })}</p>;
}
