// One contribution under a step, with its author; the facilitator may edit it or (after confirming) remove it.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS, type Contribution } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useCan } from "#client/store/can.ts";
import { useSigned } from "../actors/role-then.ts";
import { useName } from "./names.ts";

interface Props {
  stepId: string;
  number: number;
  contribution: Contribution;
  /** The shared screen: no moderation. */
  readOnly?: boolean;
}

export function ContributionItem({ stepId, number, contribution, readOnly = false }: Props) {
  const { t } = useTranslation();
  const name = useName(contribution.authorId);
  const canEdit = useCan("editContribution") && !readOnly;
  const canRemove = useCan("removeContribution") && !readOnly;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Signed with the role its author had when writing it (changing hats does not rewrite it).
  const signed = useSigned(contribution.authorId, contribution.authorRole);
  const byline =
    contribution.kind === "answer"
      ? t("play.pitfall.answerBy", { name: signed })
      : t("play.yesAnd.by", { name: signed });

  if (editing)
    return (
      <ContributionEditor
        stepId={stepId}
        number={number}
        contribution={contribution}
        name={name}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <div className={`contribution contribution--${contribution.kind}`}>
      <p className="pre-wrap contribution__text">{contribution.text}</p>
      <p className="contribution__author">{byline}</p>
      {(canEdit || canRemove) && (
        <div className="inline-row contribution__moderation">
          {canEdit && (
            <button
              type="button"
              className="link-button"
              aria-label={t("play.moderation.editName", { name, number })}
              onClick={() => setEditing(true)}
            >
              {t("play.moderation.edit")}
            </button>
          )}
          {canRemove &&
            (confirming ? (
              <>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => void act({ type: "removeContribution", stepId, contributionId: contribution.id })}
                >
                  {t("play.moderation.confirmRemove", { name })}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {t("play.moderation.cancel")}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="link-button"
                aria-label={t("play.moderation.removeName", { name, number })}
                onClick={() => setConfirming(true)}
              >
                {t("play.moderation.remove")}
              </button>
            ))}
        </div>
      )}
    </div>
  );
}

function ContributionEditor(props: {
  stepId: string;
  number: number;
  contribution: Contribution;
  name: string;
  onDone: () => void;
}) {
  const { stepId, number, contribution, name, onDone } = props;
  const { t } = useTranslation();
  const [text, setText] = useState(contribution.text);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const refusal = await act({ type: "editContribution", stepId, contributionId: contribution.id, text });
    setSaving(false);
    if (!refusal) onDone();
  }

  return (
    <form className="contribution-form" onSubmit={save}>
      <label htmlFor={id}>{t("play.moderation.contributionLabel", { name, number })}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        maxLength={LIMITS.contributionLength}
        onChange={(e) => setText(e.target.value)}
        autoFocus
      />
      <div className="inline-row">
        <button type="submit" className="button button--primary" disabled={saving || !text.trim()}>
          {t("play.moderation.save")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("play.moderation.cancel")}
        </button>
      </div>
    </form>
  );
}
