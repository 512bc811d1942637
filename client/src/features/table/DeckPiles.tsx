// The three draw piles, with what is left in each.
import { useTranslation } from "react-i18next";
import { DECK_NAMES } from "../../../../cards/schema.ts";
import { LIMITS } from "../../../../shared/model.ts";
import { act } from "../../net/connection.ts";
import { useTableStore } from "../../store/table-store.ts";

export function DeckPiles() {
  const { t } = useTranslation();
  const piles = useTableStore((s) => s.table?.piles);
  const playing = useTableStore((s) => s.table?.phase === "play");
  const handFull = useTableStore((s) => (s.table?.myHand.length ?? 0) >= LIMITS.handSize);
  if (!piles) return null;

  return (
    <section className="panel piles" aria-labelledby="piles-heading">
      <h2 id="piles-heading">{t("piles.heading")}</h2>
      <ul className="piles__list">
        {DECK_NAMES.map((deck) => (
          <li key={deck}>
            <button
              type="button"
              className={`pile pile--${deck}`}
              disabled={!playing || handFull || piles[deck] === 0}
              onClick={() => void act({ type: "draw", deck })}
              aria-describedby={`pile-${deck}-left`}
            >
              <span className="pile__name">{t(`piles.draw.${deck}`)}</span>
            </button>
            <span className="pile__left" id={`pile-${deck}-left`}>
              {t("piles.left", { count: piles[deck] })}
            </span>
          </li>
        ))}
      </ul>
      {!playing && <p className="field__hint">{t("piles.notNow")}</p>}
      {playing && handFull && <p className="field__hint">{t("piles.handFull")}</p>}
    </section>
  );
}
