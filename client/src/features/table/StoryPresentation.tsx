// The story told again for the debrief, one screen at a time at the presenter's pace: Aujourd'hui (the system, its
// present state, the framing challenge), each step (its card, narration, answers and « oui, et… », who told it), then
// the horizon. Large type for a projector; buttons, arrow keys and Space to go on, Escape to leave.
import { AnimatePresence, m, useReducedMotion } from "framer-motion";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Translate } from "#shared/i18n/translate.ts";
import type { StepView } from "#shared/view.ts";
import type { TableView } from "#client/net/types.ts";
import { selectTable, useTableStore } from "#client/store/table-store.ts";
import { CardFace, DeckMark } from "#client/ui/CardFace.tsx";
import { TextList } from "#client/ui/TextList.tsx";
import { displayName } from "../play/names.ts";
import "./board.css";

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " "]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp"]);

export function StoryPresentation({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const table = useTableStore(selectTable);
  const [index, setIndex] = useState(0);
  const [direction, setDirection] = useState(1);
  const [announcement, setAnnouncement] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const reduce = useReducedMotion();
  const total = (table?.path.length ?? 0) + 2;
  const current = Math.min(index, total - 1);

  // Modal while it lasts (the rest of the page is inert); the focus goes back where it was when it ends.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // On « Suivant »: Space and Enter go on from the start.
    next.current?.focus();
    return () => {
      element?.close();
      opener?.focus();
    };
  }, []);

  function go(to: number) {
    const next = Math.max(0, Math.min(total - 1, to));
    if (next === current || !table) return;
    setDirection(next > current ? 1 : -1);
    setIndex(next);
    setAnnouncement(
      t("board.story.announce", {
        position: t("board.story.progressName", { current: next + 1, total }),
        heading: slideHeading(table, next, t),
      }),
    );
  }

  // Keys anywhere while the presentation is open.
  const goRef = useRef(go);
  goRef.current = go;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      // A control keeps Space for itself (a button, the card's details).
      const onControl =
        event.target instanceof Element && event.target.closest("button, summary, a, input, textarea, select") !== null;
      if (event.key === "Escape") {
        event.preventDefault();
        onClose();
      } else if (NEXT_KEYS.has(event.key) && !(onControl && event.key === " ")) {
        event.preventDefault();
        goRef.current(current + 1);
      } else if (PREVIOUS_KEYS.has(event.key)) {
        event.preventDefault();
        goRef.current(current - 1);
      } else if (event.key === "Home") {
        event.preventDefault();
        goRef.current(0);
      } else if (event.key === "End") {
        event.preventDefault();
        goRef.current(total - 1);
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [current, total, onClose]);

  if (!table) return null;
  const slide = <Slide table={table} index={current} />;
  const offset = 48 * direction;

  return (
    <dialog
      ref={dialog}
      className="story"
      aria-label={t("board.story.dialog")}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="story__top">
        <p className="story__table">{table.title}</p>
        <p className="story__progress" aria-label={t("board.story.progressName", { current: current + 1, total })}>
          {t("board.story.progress", { current: current + 1, total })}
        </p>
        <button type="button" className="button story__close" onClick={onClose}>
          <span aria-hidden="true">✕ </span>
          {t("board.story.close")}
        </button>
      </div>
      <div className="story__stage">
        {reduce ? (
          <div className="story__slide">{slide}</div>
        ) : (
          <AnimatePresence mode="wait" initial={false}>
            <m.div
              key={current}
              className="story__slide"
              initial={{ opacity: 0, x: offset }}
              animate={{ opacity: 1, x: 0 }}
              exit={{ opacity: 0, x: -offset }}
              transition={{ duration: 0.22 }}
            >
              {slide}
            </m.div>
          </AnimatePresence>
        )}
      </div>
      <div className="story__nav">
        <button
          type="button"
          className="button story__button"
          aria-disabled={current === 0}
          onClick={() => go(current - 1)}
        >
          <span aria-hidden="true">← </span>
          {t("board.story.previous")}
        </button>
        <p className="story__keys">{t("board.story.keys")}</p>
        {/* Never disabled at the end: a disabled button would drop the focus out of the dialog. */}
        <button
          ref={next}
          type="button"
          className="button button--primary story__button"
          aria-disabled={current === total - 1}
          onClick={() => go(current + 1)}
        >
          {t("board.story.next")}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </dialog>
  );
}

/** What a screen is about, said when it comes. */
function slideHeading(table: TableView, index: number, t: Translate): string {
  if (index === 0) return t("board.story.today");
  const step = table.path[index - 1];
  if (!step) return t("board.story.horizon", { year: table.horizonYear });
  return `${t("board.story.step", { number: index, count: table.path.length })} : ${step.card.title}`;
}

function Slide({ table, index }: { table: TableView; index: number }) {
  if (index === 0) return <TodaySlide table={table} />;
  const step = table.path[index - 1];
  if (!step) return <HorizonSlide table={table} />;
  return <StepSlide table={table} step={step} number={index} />;
}

function TodaySlide({ table }: { table: TableView }) {
  const { t } = useTranslation();
  return (
    <SlideFrame kicker={table.system} heading={t("board.story.today")} kind="today">
      <p className="story__lead pre-wrap">{table.presentState}</p>
      {(table.framingChallenge || table.framingChallengeText) && (
        <div className="story__challenge">
          <p className="story__label">{t("board.story.challenge")}</p>
          {table.framingChallenge ? (
            <CardFace card={table.framingChallenge} titleAs="p" />
          ) : (
            <p className="pre-wrap">{table.framingChallengeText}</p>
          )}
        </div>
      )}
      {table.path.length === 0 && <p className="story__note">{t("board.story.empty")}</p>}
    </SlideFrame>
  );
}

function StepSlide({ table, step, number }: { table: TableView; step: StepView; number: number }) {
  const { t } = useTranslation();
  const nameOf = (id: string) =>
    displayName(
      table.participants.find((p) => p.id === id),
      t,
    );
  const answers = step.contributions.filter((c) => c.kind === "answer");
  const yesAnds = step.contributions.filter((c) => c.kind === "yesAnd");
  const card = step.card;
  return (
    <SlideFrame
      kicker={t("board.story.step", { number, count: table.path.length })}
      heading={card.title}
      kind={card.deck}
      mark={<DeckMark deck={card.deck} filled />}
    >
      {card.text !== card.title && <p className="story__card-text">{card.text}</p>}
      {step.narration ? (
        <blockquote className="story__narration">
          <p className="pre-wrap">{step.narration}</p>
          <footer>{t("board.story.narratedBy", { name: nameOf(step.placedBy) })}</footer>
        </blockquote>
      ) : (
        !step.dealt && <p className="story__note">{t("board.story.placedBy", { name: nameOf(step.placedBy) })}</p>
      )}
      {step.dealt && answers.length > 0 && (
        <Contributions
          label={t("board.story.answers")}
          items={answers.map((c) => ({ id: c.id, text: c.text, by: nameOf(c.authorId) }))}
        />
      )}
      {step.dealt && answers.length === 0 && !step.narration && <p className="story__note">{t("play.pitfall.open")}</p>}
      {yesAnds.length > 0 && (
        <Contributions
          label={t("board.story.yesAnds")}
          items={yesAnds.map((c) => ({ id: c.id, text: c.text, by: nameOf(c.authorId) }))}
        />
      )}
    </SlideFrame>
  );
}

function HorizonSlide({ table }: { table: TableView }) {
  const { t } = useTranslation();
  const others = table.otherFutures.filter((f) => f.trim());
  return (
    <SlideFrame kicker={table.system} heading={t("board.story.horizon", { year: table.horizonYear })} kind="horizon">
      <p className="story__label">{t("board.story.desirableFuture")}</p>
      <p className="story__lead pre-wrap">{table.desirableFuture}</p>
      {others.length > 0 && (
        <>
          <p className="story__label">{t("board.story.otherFutures")}</p>
          <TextList items={others} className="story__futures" />
        </>
      )}
    </SlideFrame>
  );
}

function SlideFrame({
  kicker,
  heading,
  kind,
  mark,
  children,
}: {
  kicker: string;
  heading: string;
  kind: string;
  mark?: ReactNode;
  children: ReactNode;
}) {
  return (
    <article className={`story__frame story__frame--${kind}`} aria-label={heading}>
      <p className="story__kicker">
        {mark}
        <span>{kicker}</span>
      </p>
      <h2 className="story__heading">{heading}</h2>
      {children}
    </article>
  );
}

function Contributions({ label, items }: { label: string; items: { id: string; text: string; by: string }[] }) {
  return (
    <div className="story__contributions">
      <p className="story__label">{label}</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <p className="pre-wrap">{item.text}</p>
            <p className="story__by">— {item.by}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
