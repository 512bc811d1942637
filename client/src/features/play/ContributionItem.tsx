// One contribution under a step, with its author; the facilitator may edit it or (after confirming) remove it.
import { useId, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS, type Contribution } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useCan } from "#client/store/can.ts";
import { useSigned } from "../actors/role-then.ts";
import { focusStayedIn } from "../table/focus-section.ts";
import { useReturnFocus } from "../table/use-return-focus.ts";
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
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  // Back from the editor, or from the removal's confirmation: the focus returns to the button that opened it (the
  // editor or the confirmation is gone, and with it the focus), unless it went elsewhere meanwhile.
  const backFromEditor = useReturnFocus(editing);
  const backFromConfirmation = useReturnFocus(confirming);
  // Signed with the role its author had when writing it (changing hats does not rewrite it).
  const signed = useSigned(contribution.authorId, contribution.authorRole);
  const byline =
    contribution.kind === "answer"
      ? t("play.pitfall.answerBy", { name: signed })
      : t("play.yesAnd.by", { name: signed });

  /**
   * Removed, the contribution is gone with the focus: it goes to the last button of the list it was in (« Oui, et… »,
   * or « Raconter comment l'histoire y répond » for a pitfall open again), unless the person went elsewhere meanwhile.
   */
  async function remove(event: MouseEvent<HTMLButtonElement>) {
    const list = event.currentTarget.closest(".yes-and, .pitfall-answer");
    const refusal = await act({ type: "removeContribution", stepId, contributionId: contribution.id });
    if (!refusal && list?.isConnected && focusStayedIn(list))
      [...list.querySelectorAll<HTMLElement>("button")].at(-1)?.focus();
  }

  if (editing)
    return (
      <ContributionEditor
        stepId={stepId}
        number={number}
        contribution={contribution}
        name={name}
        onDone={(form) => {
          backFromEditor(form, () => editButton.current);
          setEditing(false);
        }}
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
              ref={editButton}
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
                  // The question replaced « Retirer »: the focus follows to it.
                  autoFocus
                  onClick={(event) => void remove(event)}
                >
                  {t("play.moderation.confirmRemove", { name })}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={(event) => {
                    backFromConfirmation(event.currentTarget.parentElement, () => removeButton.current);
                    setConfirming(false);
                  }}
                >
                  {t("play.moderation.cancel")}
                </button>
              </>
            ) : (
              <button
                ref={removeButton}
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
  /** Saved or cancelled; the form, to know whether the focus was still in it. */
  onDone: (form: HTMLFormElement | null) => void;
}) {
  const { stepId, number, contribution, name, onDone } = props;
  const { t } = useTranslation();
  const [text, setText] = useState(contribution.text);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const id = useId();

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    const refusal = await act({ type: "editContribution", stepId, contributionId: contribution.id, text });
    setSaving(false);
    if (!refusal) onDone(form.current);
  }

  return (
    <form ref={form} className="contribution-form" onSubmit={save}>
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
        {/* Not disabled while saving: the focus stays on it until the text is saved. */}
        <button
          type="submit"
          className="button button--primary"
          disabled={!text.trim()}
          aria-disabled={saving || undefined}
        >
          {t("play.moderation.save")}
        </button>
        <button type="button" className="button" onClick={() => onDone(form.current)}>
          {t("play.moderation.cancel")}
        </button>
      </div>
    </form>
  );
}
