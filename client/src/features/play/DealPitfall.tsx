// The facilitator deals a pitfall into the story: into someone's hand, or straight onto the path, where it waits for an answer.
// The pitfall is the top of the pile, unseen: when it turns out to be a blank (« Écueil à écrire »), dealing it onto the
// path asks for its title and text first (the rules refuse a blank on the path unwritten, and nothing moves until then);
// dealt into a hand, its holder writes it before placing it.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { act } from "#client/net/connection.ts";
import { dismissRefusal, showNotice, useTableStore } from "#client/store/table-store.ts";
import { useCan } from "#client/store/can.ts";
import { BlankCardFields } from "./WriteBlankCard.tsx";
import "./deal-pitfall.css";

/** Longest card title shown whole in an option; a longer one is cut (the full title is said under the list). */
const OPTION_TITLE_LENGTH = 48;

/** Where the pitfall goes, as one select value: "person:<id>" or "path:<stepId|start>". */
function parseTarget(value: string): { to: string | null; afterStepId: string | null } {
  if (value.startsWith("person:")) return { to: value.slice("person:".length), afterStepId: null };
  const anchor = value.slice("path:".length);
  return { to: null, afterStepId: anchor === "start" ? null : anchor };
}

/** A title cut at a word boundary near `max` characters, with an ellipsis; short titles as they are. */
export function shortTitle(title: string, max = OPTION_TITLE_LENGTH): string {
  const chars = [...title];
  if (chars.length <= max) return title;
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function DealPitfall() {
  const { t } = useTranslation();
  const canDeal = useCan("dealPitfall");
  const people = useTableStore((s) => s.table?.participants);
  const path = useTableStore((s) => s.table?.path);
  const left = useTableStore((s) => s.table?.piles.pitfall ?? 0);
  const [chosen, setChosen] = useState<string | null>(null);
  /** The top of the pile turned out blank: its title and text are asked before it goes onto the path. */
  const [blank, setBlank] = useState<{ title: string; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const blankFields = useRef<HTMLFieldSetElement>(null);
  const id = useId();
  const asking = blank !== null;
  // The fields appear after « Distribuer l'écueil »: the focus goes to the title, where the writing starts.
  useEffect(() => {
    if (asking) blankFields.current?.querySelector("input")?.focus();
  }, [asking]);
  if (!canDeal || !people || !path) return null;

  const players = people.filter((p) => !p.facilitator && !p.removed);
  const values = ["path:start", ...path.map((s) => `path:${s.id}`), ...players.map((p) => `person:${p.id}`)];
  const lastStep = path.at(-1);
  const fallback = lastStep ? `path:${lastStep.id}` : "path:start";
  const target = chosen && values.includes(chosen) ? chosen : fallback;
  const chosenIndex = path.findIndex((s) => `path:${s.id}` === target);
  const chosenStep = path[chosenIndex];
  // The whole title of the chosen step, when its option had to be cut.
  const fullTitle =
    chosenStep && shortTitle(chosenStep.card.title) !== chosenStep.card.title ? chosenStep.card.title : null;

  async function deal(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    const written = blank ? { title: blank.title.trim(), text: blank.text.trim() } : {};
    const refusal = await act({ type: "dealPitfall", ...parseTarget(target), ...written });
    setSending(false);
    if (refusal?.code === "dealtBlankToWrite") {
      // The form that opens says it all: no refusal left on screen for a step of the normal way.
      dismissRefusal();
      return setBlank({ title: "", text: "" });
    }
    // Someone drew the blank meanwhile: the next pitfall is an ordinary one, dealt as it is.
    if (refusal?.code === "pitfallNotBlank") return setBlank(null);
    if (refusal) return;
    setBlank(null);
    showNotice("info", t("play.deal.done"));
  }

  const describedBy = [`${id}-hint`, fullTitle ? `${id}-chosen` : null].filter(Boolean).join(" ");
  const blankReady = blank !== null && blank.title.trim() !== "" && blank.text.trim() !== "";

  return (
    <section className="play-block deal" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("play.deal.heading")}</h2>
      <form className="deal__form" onSubmit={deal}>
        <label htmlFor={`${id}-target`}>{t("play.deal.target")}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t("play.deal.hint")} {t("piles.left", { count: left })}
        </p>
        <select
          id={`${id}-target`}
          className="deal__target"
          value={target}
          aria-describedby={describedBy}
          onChange={(e) => setChosen(e.target.value)}
        >
          <optgroup label={t("play.deal.onPath")}>
            <option value="path:start">{t("play.deal.atStart")}</option>
            {path.map((step, index) => (
              <option key={step.id} value={`path:${step.id}`} title={step.card.title}>
                {t("play.deal.afterStep", { number: index + 1, title: shortTitle(step.card.title) })}
              </option>
            ))}
          </optgroup>
          {players.length > 0 && (
            <optgroup label={t("play.deal.toPerson")}>
              {players.map((p) => (
                <option key={p.id} value={`person:${p.id}`}>
                  {t("play.deal.toPersonOption", { name: p.name })}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {fullTitle && (
          <p className="field__hint deal__chosen" id={`${id}-chosen`}>
            {t("play.deal.afterStep", { number: chosenIndex + 1, title: fullTitle })}
          </p>
        )}
        {blank && (
          <fieldset ref={blankFields} className="deal__blank">
            <legend className="deal__blank-legend">{t("blank.deal.heading")}</legend>
            <p className="field__hint">{t("blank.deal.intro")}</p>
            <BlankCardFields
              title={blank.title}
              text={blank.text}
              onTitle={(title) => setBlank({ ...blank, title })}
              onText={(text) => setBlank({ ...blank, text })}
              idPrefix={`${id}-blank`}
            />
          </fieldset>
        )}
        <div className="deal__actions">
          <button
            type="submit"
            className="button button--primary deal__submit"
            disabled={left === 0 || sending || (blank !== null && !blankReady)}
          >
            {blank ? t("blank.deal.submit") : t("play.deal.submit")}
          </button>
          {blank && (
            <button type="button" className="button" onClick={() => setBlank(null)}>
              {t("blank.deal.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
