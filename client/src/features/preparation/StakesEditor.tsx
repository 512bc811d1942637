// The facilitator keeps track of what is at stake, as the kit lists it (lines 1238–1245): the stakes, the objectives
// with their priority, the « petites victoires », a few success indicators. Each text is a field saved on its own.
import { useId, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { useShallow } from "zustand/react/shallow";
import { LIMITS, PRIORITIES, type Objective, type Priority, type SetupStakes } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { DraftField, forgetKeptDraft, hasKeptDraft } from "./DraftField.tsx";
import "./stakes.css";

const edit = (stakes: Partial<SetupStakes>) => act({ type: "editSetup", changes: { stakes } });
const NEW_OBJECTIVE = "stakes.objectives.new";

/** A list as the table holds it right now (not as it was when a field started being edited). */
function current<K extends "objectives" | "quickWins" | "indicators">(list: K): SetupStakes[K] {
  return useTableStore.getState().table?.stakes[list] ?? [];
}

export function StakesEditor() {
  const { t } = useTranslation();
  const ifNothing = useTableStore((s) => s.table?.stakes.ifNothing ?? "");
  return (
    <fieldset className="fieldset stakes-editor">
      <legend>{t("kitStakes.heading")}</legend>
      <p className="field__hint">{t("kitStakes.intro")}</p>
      <DraftField
        draftKey="stakes.ifNothing"
        label={t("kitStakes.ifNothing")}
        hint={t("kitStakes.ifNothingHint")}
        value={ifNothing}
        maxLength={LIMITS.setupTextLength}
        onSave={(text) => edit({ ifNothing: text })}
      />
      <ObjectivesEditor />
      <ItemsEditor list="quickWins" item="kitStakes.quickWin" />
      <ItemsEditor list="indicators" item="kitStakes.indicator" />
    </fieldset>
  );
}

/** « Ajouter… », or the note that the list is full. */
function AddButton({
  list,
  full,
  onAdd,
}: {
  list: "objectives" | "quickWins" | "indicators";
  full: boolean;
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="inline-row">
      <button type="button" className="button" disabled={full} onClick={onAdd}>
        {t(`kitStakes.add.${list}`)}
      </button>
      {full && <span className="field__hint">{t("kitStakes.max", { max: LIMITS.stakeItems })}</span>}
    </div>
  );
}

function PrioritySelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Priority;
  onChange: (priority: Priority) => void;
}) {
  const { t } = useTranslation();
  return (
    <select
      className="stakes-editor__priority"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(Number(e.target.value) as Priority)}
    >
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {t(`kitStakes.priority.${p}`)}
        </option>
      ))}
    </select>
  );
}

function ObjectivesEditor() {
  const { t } = useTranslation();
  const hintId = useId();
  const objectives = useTableStore(useShallow((s) => s.table?.stakes.objectives ?? []));
  // A new objective not yet saved when the page was left is open again, with its text.
  const [adding, setAdding] = useState(() => hasKeptDraft(NEW_OBJECTIVE));
  const [newPriority, setNewPriority] = useState<Priority>(1);
  const full = objectives.length >= LIMITS.stakeItems;
  // Each new objective starts at the first priority, whatever the last one was given.
  const stopAdding = () => {
    setAdding(false);
    setNewPriority(1);
  };
  const cancel = () => {
    forgetKeptDraft(NEW_OBJECTIVE);
    stopAdding();
  };
  const replace = (index: number, objective: Objective | null) =>
    edit({ objectives: current("objectives").flatMap((o, i) => (i !== index ? [o] : objective ? [objective] : [])) });

  return (
    <fieldset className="fieldset stakes-editor__list">
      <legend>{t("kitStakes.objectives")}</legend>
      <p className="field__hint" id={hintId}>
        {t("kitStakes.objectivesHint")}
      </p>
      {objectives.map((objective, index) => {
        const label = t("kitStakes.objective", { number: index + 1 });
        return (
          <DraftField
            // No ids on objectives: the position is their identity.
            key={index}
            draftKey={`stakes.objectives.${index}`}
            label={label}
            describedBy={hintId}
            kind="line"
            value={objective.text}
            maxLength={LIMITS.stakeItemLength}
            onSave={(text) => replace(index, { ...objective, text })}
          >
            <PrioritySelect
              label={t("kitStakes.priorityOf", { number: index + 1 })}
              value={objective.priority}
              onChange={(priority) => void replace(index, { ...objective, priority })}
            />
            <button type="button" className="link-button" onClick={() => void replace(index, null)}>
              {t("kitStakes.remove", { what: label })}
            </button>
          </DraftField>
        );
      })}
      {adding && !full ? (
        <DraftField
          draftKey={NEW_OBJECTIVE}
          label={t("kitStakes.new.objectives")}
          describedBy={hintId}
          kind="line"
          value=""
          maxLength={LIMITS.stakeItemLength}
          autoFocus
          onSave={(text) => edit({ objectives: [...current("objectives"), { text, priority: newPriority }] })}
          onSaved={stopAdding}
        >
          <PrioritySelect
            label={t("kitStakes.priorityOf", { number: objectives.length + 1 })}
            value={newPriority}
            onChange={setNewPriority}
          />
          <button type="button" className="link-button" onClick={cancel}>
            {t("kitStakes.cancel")}
          </button>
        </DraftField>
      ) : (
        <AddButton list="objectives" full={full} onAdd={() => setAdding(true)} />
      )}
    </fieldset>
  );
}

/** The quick wins, or the success indicators: a few lines each. */
function ItemsEditor({
  list,
  item,
}: {
  list: "quickWins" | "indicators";
  item: "kitStakes.quickWin" | "kitStakes.indicator";
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const items = useTableStore(useShallow((s) => s.table?.stakes[list] ?? []));
  const newItem = `stakes.${list}.new`;
  // A new line not yet saved when the page was left is open again, with its text.
  const [adding, setAdding] = useState(() => hasKeptDraft(newItem));
  const full = items.length >= LIMITS.stakeItems;

  return (
    <fieldset className="fieldset stakes-editor__list">
      <legend>{t(`kitStakes.${list}`)}</legend>
      <p className="field__hint" id={hintId}>
        {t(`kitStakes.${list}Hint`)}
      </p>
      {items.map((text, index) => {
        const label = t(item, { number: index + 1 });
        return (
          <DraftField
            key={index}
            draftKey={`stakes.${list}.${index}`}
            label={label}
            describedBy={hintId}
            kind="line"
            value={text}
            maxLength={LIMITS.stakeItemLength}
            onSave={(next) => edit({ [list]: current(list).map((old, i) => (i === index ? next : old)) })}
          >
            <button
              type="button"
              className="link-button"
              onClick={() => void edit({ [list]: current(list).filter((_, i) => i !== index) })}
            >
              {t("kitStakes.remove", { what: label })}
            </button>
          </DraftField>
        );
      })}
      {adding && !full ? (
        <DraftField
          draftKey={newItem}
          label={t(`kitStakes.new.${list}`)}
          describedBy={hintId}
          kind="line"
          value=""
          maxLength={LIMITS.stakeItemLength}
          autoFocus
          onSave={(text) => edit({ [list]: [...current(list), text] })}
          onSaved={() => setAdding(false)}
        >
          <button
            type="button"
            className="link-button"
            onClick={() => {
              forgetKeptDraft(newItem);
              setAdding(false);
            }}
          >
            {t("kitStakes.cancel")}
          </button>
        </DraftField>
      ) : (
        <AddButton list={list} full={full} onAdd={() => setAdding(true)} />
      )}
    </fieldset>
  );
}
