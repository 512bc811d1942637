// Where to place a card of my hand: a modal dialog (a bottom sheet on a phone) listing every spot of the path, the
// latest last and scrolled into view, and a step number to type. A tap on a spot places the card; from the keyboard,
// Enter on « Placer » opens it on the number (the last step, selected), digits and Enter place it. Escape closes it and
// gives the focus back to the card.
import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  type RefObject,
} from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { StepView } from "#shared/view.ts";
import type { HandCard } from "#client/net/types.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { CardFace, DeckIcon } from "#client/ui/CardFace.tsx";
import { focusHandCard, placeCard } from "./place-card.ts";
import { choosePlacing, openChooser, usePlacing } from "./ui-store.ts";

const EMPTY_PATH: StepView[] = [];

export function SpotChooser() {
  const cardId = usePlacing((s) => s.chooserCardId);
  const card = useTableStore((s) => (cardId ? s.table?.myHand.find((c) => c.id === cardId) : undefined));
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  /** Closed without placing (Escape, « Fermer », a click beside): back to the card. */
  function onClose() {
    const chosen = usePlacing.getState().chooserCardId;
    // Open again already (React's development double mount), or closed because the card went: nothing to do.
    if (chosen === null || dialog.current?.open) return;
    openChooser(null);
    focusHandCard(chosen);
  }

  return (
    <dialog
      ref={dialog}
      className="chooser"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onClose={onClose}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(event) => event.target === dialog.current && dialog.current.close()}
    >
      {/* A new body for each card: its step number starts from the path as it is when the chooser opens. */}
      {card && <ChooserBody key={card.id} card={card} dialog={dialog} id={id} />}
    </dialog>
  );
}

interface BodyProps {
  card: HandCard;
  dialog: RefObject<HTMLDialogElement | null>;
  id: string;
}

function ChooserBody({ card, dialog, id }: BodyProps) {
  const { t } = useTranslation();
  const path = useTableStore((s) => s.table?.path ?? EMPTY_PATH);
  const byKeyboard = usePlacing((s) => s.chooserByKeyboard);
  const list = useRef<HTMLOListElement>(null);
  const number = useRef<HTMLInputElement>(null);
  const last = path.length;
  // Read once, when the chooser opens: a step placed meanwhile by someone else does not move what was typed.
  const [typed, setTyped] = useState(() => String(last));
  const [error, setError] = useState(false);

  // Open as a modal (focus kept inside, the page behind inert), the list scrolled to its end; closed when the card goes.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
    if (byKeyboard && number.current) {
      number.current.focus();
      number.current.select();
    } else {
      const spots = list.current?.querySelectorAll<HTMLButtonElement>("button");
      spots?.[spots.length - 1]?.focus({ preventScroll: true });
    }
    return () => element.close();
    // Once, when the chooser opens for this card (the body is keyed by card): running again when byKeyboard changes
    // would close and reopen the modal and move the focus; dialog is the parent's ref, the same object every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function place(afterStepId: string | null) {
    void placeCard(card.id, afterStepId);
  }

  const n = Number(typed);
  const valid = typed.trim() !== "" && Number.isInteger(n) && n >= 0 && n <= last;

  function placeAtNumber(event: FormEvent) {
    event.preventDefault();
    if (!valid) {
      setError(true);
      number.current?.focus();
      return;
    }
    place(n === 0 ? null : (path[n - 1]?.id ?? null));
  }

  function showOnPath() {
    openChooser(null);
    choosePlacing(card.id);
    // The slots appear on the path once rendered: bring the last one (the end of the path) to the focus.
    requestAnimationFrame(() => {
      const slots = document.querySelectorAll<HTMLButtonElement>(".slot__button");
      const end = slots[slots.length - 1];
      end?.focus();
      end?.scrollIntoView({ block: "center" });
    });
  }

  const preview = !valid
    ? ""
    : n === 0
      ? t("cards.chooser.previewStart", { card: card.title })
      : t("cards.chooser.previewAfter", {
          card: card.title,
          next: n + 1,
          number: n,
          title: path[n - 1]?.card.title ?? "",
        });

  return (
    <div className="chooser__content">
      <header className="chooser__header">
        <h2 id={`${id}-title`} className="chooser__title">
          {t("cards.chooser.title", { card: card.title })}
        </h2>
        <button type="button" className="button button--small chooser__close" onClick={() => dialog.current?.close()}>
          {t("cards.chooser.close")}
        </button>
      </header>
      <div className="chooser__top">
        <div className="chooser__card">
          <CardFace card={card} compact titleAs="p" />
        </div>
        <p id={`${id}-intro`} className="field__hint chooser__intro">
          {t("cards.chooser.intro")}
        </p>
      </div>
      {last > 0 && (
        <form className="chooser__number" onSubmit={placeAtNumber} noValidate>
          <label htmlFor={`${id}-number`}>{t("cards.chooser.number")}</label>
          <div className="chooser__number-row">
            <input
              ref={number}
              id={`${id}-number`}
              type="number"
              inputMode="numeric"
              min={0}
              max={last}
              value={typed}
              aria-invalid={error && !valid}
              aria-describedby={`${id}-hint ${id}-preview`}
              onChange={(event) => {
                setTyped(event.target.value);
                setError(false);
              }}
            />
            <button type="submit" className="button button--primary">
              {t("cards.chooser.numberSubmit")}
            </button>
          </div>
          <p id={`${id}-hint`} className="field__hint">
            {t("cards.chooser.numberHint", { last })}
          </p>
          {error && !valid ? (
            <p id={`${id}-preview`} className="form__error chooser__preview" role="alert">
              {t("cards.chooser.outOfRange", { last })}
            </p>
          ) : (
            <p id={`${id}-preview`} className="chooser__preview">
              {preview}
            </p>
          )}
        </form>
      )}
      <SpotList ref={list} path={path} label={t("cards.chooser.listLabel")} onPlace={place} />
      <footer className="chooser__footer">
        <button type="button" className="link-button" onClick={showOnPath}>
          {t("cards.chooser.onPath")}
        </button>
      </footer>
    </div>
  );
}

interface SpotListProps {
  ref: Ref<HTMLOListElement>;
  path: StepView[];
  label: string;
  onPlace: (afterStepId: string | null) => void;
}

/** Every spot, a button each; one stop for Tab, the arrow keys (and Home, End, Page up/down) move between them. */
function SpotList({ ref, path, label, onPlace }: SpotListProps) {
  const { t } = useTranslation();

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
      PageDown: at + 10,
      PageUp: at - 10,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const target = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
    target?.focus();
  }

  // The last spot (the end of the path) is the list's stop for Tab: new steps usually go there.
  const rows = [
    { id: null as string | null, number: 0, step: undefined as StepView | undefined },
    ...path.map((step, i) => ({ id: step.id, number: i + 1, step })),
  ];
  return (
    <ol ref={ref} className="chooser__spots" aria-label={label} onKeyDown={onKeyDown}>
      {rows.map(({ id, number, step }) => (
        <li key={id ?? "start"}>
          <button
            type="button"
            className="chooser__spot"
            tabIndex={number === path.length ? 0 : -1}
            onClick={() => onPlace(id)}
          >
            {step ? (
              <>
                <span className="chooser__spot-number">{t("cards.chooser.afterNumber", { number })}</span>
                {" — "}
                <DeckIcon
                  deck={step.card.deck}
                  className={`chooser__spot-icon chooser__spot-icon--${step.card.deck}`}
                />
                <span className="chooser__spot-title">{step.card.title}</span>
              </>
            ) : (
              <span className="chooser__spot-number">{t("cards.chooser.atStart")}</span>
            )}
            {/* Seen, not heard: the spot's name stays « Après l'étape N — <title> » (the hint says which is the end). An
                empty path has one spot, its start: not also called its end. */}
            {number === path.length && number > 0 && (
              <span className="chooser__end" aria-hidden="true">
                {t("cards.chooser.end")}
              </span>
            )}
          </button>
        </li>
      ))}
    </ol>
  );
}
