// The facilitator's side of the setup: title, system, present state, horizon, desirable futures, constraints, stakes.
import { useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { MessageKey } from "#shared/i18n/translate.ts";
import { LIMITS, type SetupChanges, type SetupConstraints } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { DraftField, forgetKeptDraft, hasKeptDraft } from "./DraftField.tsx";
import { StakesEditor } from "./StakesEditor.tsx";
import "./preparation.css";

const NO_FUTURES: string[] = [];
const NEW_FUTURE = "otherFutures.new";

const edit = (changes: SetupChanges) => act({ type: "editSetup", changes });

/** The other futures as the table holds them right now (not as they were when a field started being edited). */
const currentOtherFutures = () => useTableStore.getState().table?.otherFutures ?? [];

export function SetupEditor() {
  const { t } = useTranslation();
  const title = useTableStore((s) => s.table?.title ?? "");
  const system = useTableStore((s) => s.table?.system ?? "");
  const presentState = useTableStore((s) => s.table?.presentState ?? "");
  const horizonYear = useTableStore((s) => s.table?.horizonYear ?? 0);

  return (
    <div className="setup-editor">
      <DraftField
        draftKey="title"
        label={t("preparation.setup.title")}
        kind="line"
        value={title}
        maxLength={LIMITS.titleLength}
        onSave={(text) => edit({ title: text })}
      />
      <DraftField
        draftKey="system"
        label={t("preparation.setup.system")}
        hint={t("home.systemHint")}
        kind="line"
        value={system}
        maxLength={LIMITS.setupTextLength}
        onSave={(text) => edit({ system: text })}
      />
      <DraftField
        draftKey="presentState"
        label={t("preparation.setup.presentState")}
        value={presentState}
        maxLength={LIMITS.setupTextLength}
        onSave={(text) => edit({ presentState: text })}
      />
      <DraftField
        draftKey="horizonYear"
        label={t("preparation.setup.horizonYear")}
        kind="year"
        value={horizonYear ? String(horizonYear) : ""}
        maxLength={4}
        onSave={(text) => edit({ horizonYear: Number(text) })}
      />
      <FuturesEditor />
      <ConstraintsEditor />
      <StakesEditor />
    </div>
  );
}

function FuturesEditor() {
  const { t } = useTranslation();
  const first = useTableStore((s) => s.table?.desirableFuture ?? "");
  const others = useTableStore((s) => s.table?.otherFutures ?? NO_FUTURES);
  // A new future not yet saved when the page was left is open again, with its text.
  const [adding, setAdding] = useState(() => hasKeptDraft(NEW_FUTURE));
  const full = 1 + others.length >= LIMITS.futures;

  return (
    <fieldset className="fieldset">
      <legend>{t("preparation.setup.futuresHeading")}</legend>
      <DraftField
        draftKey="desirableFuture"
        label={t("preparation.setup.future", { number: 1 })}
        value={first}
        maxLength={LIMITS.setupTextLength}
        onSave={(text) => edit({ desirableFuture: text })}
      />
      {others.map((future, index) => (
        <DraftField
          // No ids on futures: the position is their identity.
          key={index}
          draftKey={`otherFutures.${index}`}
          label={t("preparation.setup.future", { number: index + 2 })}
          value={future}
          maxLength={LIMITS.setupTextLength}
          onSave={(text) => edit({ otherFutures: currentOtherFutures().map((f, i) => (i === index ? text : f)) })}
        >
          <button
            type="button"
            className="link-button"
            onClick={() => void edit({ otherFutures: currentOtherFutures().filter((_, i) => i !== index) })}
          >
            {t("preparation.setup.removeFuture", { number: index + 2 })}
          </button>
        </DraftField>
      ))}
      {adding && !full ? (
        <DraftField
          draftKey={NEW_FUTURE}
          label={t("preparation.setup.newFuture")}
          value=""
          maxLength={LIMITS.setupTextLength}
          autoFocus
          onSave={(text) => edit({ otherFutures: [...currentOtherFutures(), text] })}
          onSaved={() => setAdding(false)}
        >
          <button
            type="button"
            className="link-button"
            onClick={() => {
              forgetKeptDraft(NEW_FUTURE);
              setAdding(false);
            }}
          >
            {t("preparation.setup.cancelNewFuture")}
          </button>
        </DraftField>
      ) : (
        <div className="inline-row">
          <button type="button" className="button" disabled={full} onClick={() => setAdding(true)}>
            {t("preparation.setup.addFuture")}
          </button>
          {full && <span className="field__hint">{t("preparation.setup.futuresMax", { max: LIMITS.futures })}</span>}
        </div>
      )}
    </fieldset>
  );
}

const CONSTRAINTS: { key: keyof SetupConstraints; label: MessageKey; hint: MessageKey }[] = [
  { key: "time", label: "preparation.setup.constraintTime", hint: "preparation.setup.constraintTimeHint" },
  { key: "values", label: "preparation.setup.constraintValues", hint: "preparation.setup.constraintValuesHint" },
  { key: "actors", label: "preparation.setup.constraintActors", hint: "preparation.setup.constraintActorsHint" },
];

function ConstraintsEditor() {
  const { t } = useTranslation();
  const constraints = useTableStore((s) => s.table?.constraints);
  return (
    <fieldset className="fieldset">
      <legend>{t("preparation.setup.constraintsHeading")}</legend>
      {CONSTRAINTS.map(({ key, label, hint }) => (
        <DraftField
          key={key}
          draftKey={`constraints.${key}`}
          label={t(label)}
          hint={t(hint)}
          value={constraints?.[key] ?? ""}
          maxLength={LIMITS.setupTextLength}
          onSave={(text) => edit({ constraints: { [key]: text } })}
        />
      ))}
    </fieldset>
  );
}
