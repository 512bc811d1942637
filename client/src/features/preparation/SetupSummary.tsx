// The setup as everyone reads it: system, present state, horizon, desirable futures, constraints, stakes, challenge, cards in play.
import { useTranslation } from "#client/i18n/use-translation.ts";
import { DECK_NAMES } from "#cards/deck-names.ts";
import { selectTable, useTableStore } from "#client/store/table-store.ts";
import { CardFace } from "#client/ui/CardFace.tsx";
import { TextList } from "#client/ui/TextList.tsx";
import { themeLabel, useDecks } from "#client/net/use-decks.ts";
import { StakesRows } from "./StakesSummary.tsx";
import "./preparation.css";

export function SetupSummary() {
  const { t } = useTranslation();
  const table = useTableStore(selectTable);
  const { decks } = useDecks();
  if (!table) return null;
  const futures = [table.desirableFuture, ...table.otherFutures].filter((f) => f.trim() !== "");
  const constraints = [
    { label: t("preparation.setup.constraintTime"), text: table.constraints.time },
    { label: t("preparation.setup.constraintValues"), text: table.constraints.values },
    { label: t("preparation.setup.constraintActors"), text: table.constraints.actors },
  ];
  const decksInPlay = DECK_NAMES.filter((d) => table.decksInPlay.includes(d)).map((d) => t(`deck.${d}`));

  return (
    <dl className="setup-summary">
      <div>
        <dt>{t("preparation.setup.system")}</dt>
        <dd className="pre-wrap">{table.system}</dd>
      </div>
      <div>
        <dt>{t("preparation.setup.presentState")}</dt>
        <dd className="pre-wrap">{table.presentState}</dd>
      </div>
      <div>
        <dt>{t("preparation.setup.horizon")}</dt>
        <dd>{table.horizonYear || "—"}</dd>
      </div>
      <div>
        <dt>{t("preparation.setup.futuresHeading")}</dt>
        <dd>
          <TextList
            items={futures}
            className="setup-summary__futures"
            ordered
            label={t("preparation.setup.futuresHeading")}
          />
        </dd>
      </div>
      {constraints.map(({ label, text }) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={text ? "pre-wrap" : "setup-summary__unset"}>{text || t("preparation.setup.notSet")}</dd>
        </div>
      ))}
      <StakesRows whenNone />
      <div>
        <dt>{t("preparation.challenge.heading")}</dt>
        <dd>
          {table.framingChallenge ? (
            <CardFace card={table.framingChallenge} />
          ) : table.framingChallengeText ? (
            <span className="pre-wrap">{table.framingChallengeText}</span>
          ) : (
            <span className="setup-summary__unset">{t("preparation.challenge.none")}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("preparation.decks.decksLegend")}</dt>
        <dd>{decksInPlay.length > 0 ? decksInPlay.join(", ") : t("preparation.decks.noDeck")}</dd>
      </div>
      <div>
        <dt>{t("preparation.decks.themesLegend")}</dt>
        <dd>
          {table.themesInPlay.length === 0
            ? t("preparation.decks.allThemes")
            : table.themesInPlay.map((id) => themeLabel(decks, id)).join(", ")}
        </dd>
      </div>
    </dl>
  );
}
