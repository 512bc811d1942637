// A blank card (« Défi à écrire », « Écueil à écrire ») written at the table: a title and a text, then it is a card of
// this table like any other (kept in the story and in the table's deck). Two places: on a blank card of my hand, before
// I place it (WriteBlankCard), and on a blank already on the path, for whoever placed it or a facilitator (WriteBlankStep).
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import type { HandCard } from "#client/net/types.ts";
import { showNotice, useTableStore } from "#client/store/table-store.ts";
import { ChallengeAdvice } from "#client/ui/ChallengeAdvice.tsx";
import { useAmFacilitator, useCan, useMyId } from "#client/store/can.ts";
import "./write-blank.css";

interface BlankFormProps {
  cardId: string;
  /** A challenge to write: the kit's advice comes with the fields. */
  challenge: boolean;
  /** The blank's title (« Écueil à écrire »), to name the form. */
  blankTitle: string;
  intro: string;
  /** Puts the focus in the title field when the form appears (a form opened on purpose, not one seen in passing). */
  autoFocus?: boolean;
}

/** The title and text fields and « Écrire la carte »: what both places share; a challenge's come with the kit's advice. */
export function BlankCardFields({
  title,
  text,
  onTitle,
  onText,
  idPrefix,
  challenge = false,
}: {
  title: string;
  text: string;
  onTitle: (value: string) => void;
  onText: (value: string) => void;
  idPrefix: string;
  challenge?: boolean;
}) {
  const { t } = useTranslation();
  const advice = challenge ? `${idPrefix}-advice` : undefined;
  return (
    <>
      {challenge && <ChallengeAdvice id={`${idPrefix}-advice`} />}
      <div className="field">
        <label htmlFor={`${idPrefix}-title`}>{t("blank.title")}</label>
        <input
          id={`${idPrefix}-title`}
          aria-describedby={advice}
          required
          autoComplete="off"
          value={title}
          maxLength={LIMITS.customCardTitle}
          onChange={(e) => onTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-text`}>{t("blank.text")}</label>
        <textarea
          id={`${idPrefix}-text`}
          aria-describedby={advice}
          required
          rows={3}
          value={text}
          maxLength={LIMITS.customCardText}
          onChange={(e) => onText(e.target.value)}
        />
      </div>
    </>
  );
}

function BlankForm({ cardId, challenge, blankTitle, intro, autoFocus = false }: BlankFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [saving, setSaving] = useState(false);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    if (autoFocus) form.current?.querySelector("input")?.focus();
    return () => {
      mounted.current = false;
    };
  }, [autoFocus]);
  const ready = title.trim() !== "" && text.trim() !== "";

  async function write(event: FormEvent) {
    event.preventDefault();
    if (!ready || saving) return;
    setSaving(true);
    const written = title.trim();
    const refusal = await act({ type: "writeBlank", cardId, title: written, text: text.trim() });
    // Once written, the blank is another card: this form is usually gone by now.
    if (!mounted.current) {
      if (!refusal) showNotice("info", t("blank.done", { title: written }));
      return;
    }
    setSaving(false);
    if (refusal) return;
    showNotice("info", t("blank.done", { title: written }));
    setTitle("");
    setText("");
  }

  return (
    <form ref={form} className="write-blank" aria-label={t("blank.formName", { title: blankTitle })} onSubmit={write}>
      <p className="write-blank__intro">{intro}</p>
      <BlankCardFields
        title={title}
        text={text}
        onTitle={setTitle}
        onText={setText}
        idPrefix={id}
        challenge={challenge}
      />
      <button type="submit" className="button button--primary write-blank__submit" disabled={saving || !ready}>
        {saving ? t("blank.saving") : t("blank.submit")}
      </button>
    </form>
  );
}

/** On a blank card of my hand: written before it is placed (placing an unwritten blank is refused). Nothing for another card. */
export function WriteBlankCard({ card, autoFocus }: { card: HandCard; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCan("writeBlank");
  if (!card.blank || !canWrite) return null;
  return (
    <BlankForm
      cardId={card.id}
      challenge={card.deck === "challenge"}
      blankTitle={card.title}
      intro={t("blank.inHand")}
      autoFocus={autoFocus}
    />
  );
}

/**
 * On a blank already on the path (a table played before blanks could be written): for whoever placed it, or a
 * facilitator. Nothing for a written step, nor for anyone else.
 */
export function WriteBlankStep({ stepId, autoFocus }: { stepId: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCan("writeBlank");
  const myId = useMyId();
  const facilitator = useAmFacilitator();
  const card = useTableStore((s) => s.table?.path.find((step) => step.id === stepId)?.card);
  const placedBy = useTableStore((s) => s.table?.path.find((step) => step.id === stepId)?.placedBy);
  if (!card?.blank || !canWrite || (placedBy !== myId && !facilitator)) return null;
  return (
    <BlankForm
      cardId={card.id}
      challenge={card.deck === "challenge"}
      blankTitle={card.title}
      intro={t("blank.introStep")}
      autoFocus={autoFocus}
    />
  );
}
