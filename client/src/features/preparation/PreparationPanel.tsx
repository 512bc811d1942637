// The setup of the story: written by the facilitator with the group during preparation (participants watch it fill
// in and suggest), then shown read-only, folded, in every later phase.
import { useTranslation } from "#client/i18n/use-translation.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import { TableBalance } from "../actors/TableBalance.tsx";
import { useAmFacilitator, useCan } from "#client/store/can.ts";
import { ChallengeChooser } from "./ChallengeChooser.tsx";
import { DecksChooser } from "./DecksChooser.tsx";
import { SetupEditor } from "./SetupEditor.tsx";
import { SetupSummary } from "./SetupSummary.tsx";
import { SuggestForm, SuggestionsReview } from "./Suggestions.tsx";
import "./preparation.css";

export function PreparationPanel() {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const me = useTableStore(selectMe);
  // From the table, not from how this browser joined: a co-facilitator or a hand-over changes it.
  const facilitating = useAmFacilitator();
  const maySuggest = useCan("suggest");
  if (!phase || !me) return null;
  const preparing = phase === "preparation";

  return (
    <section className="panel preparation" aria-labelledby="preparation-heading">
      <h2 id="preparation-heading">{t("preparation.setup.heading")}</h2>
      {!preparing ? (
        <details className="preparation__folded">
          <summary>{t("preparation.setup.showAll")}</summary>
          <SetupSummary />
        </details>
      ) : facilitating ? (
        <>
          <p className="field__hint">{t("preparation.setup.introFacilitator")}</p>
          <SuggestionsReview />
          <SetupEditor />
          <ChallengeChooser />
          <section className="preparation__decks" aria-labelledby="preparation-decks-heading">
            <h3 id="preparation-decks-heading">{t("preparation.decks.heading")}</h3>
            <DecksChooser />
          </section>
          <TableBalance advice />
        </>
      ) : (
        <>
          <p className="field__hint">
            {t(me.observer ? "preparation.setup.introObserver" : "preparation.setup.introParticipant")}
          </p>
          <SetupSummary />
          {maySuggest && <SuggestForm />}
          <TableBalance advice />
        </>
      )}
    </section>
  );
}
