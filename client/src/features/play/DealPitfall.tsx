// The facilitator deals a pitfall into the story: into someone's hand, or straight onto the path, where it waits for an answer.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { act } from "../../net/connection.ts";
import { showNotice, useTableStore } from "../../store/table-store.ts";
import { useCan } from "./can.ts";

/** Where the pitfall goes, as one select value: "person:<id>" or "path:<stepId|start>". */
function parseTarget(value: string): { to: string | null; afterStepId: string | null } {
  if (value.startsWith("person:")) return { to: value.slice("person:".length), afterStepId: null };
  const anchor = value.slice("path:".length);
  return { to: null, afterStepId: anchor === "start" ? null : anchor };
}

export function DealPitfall() {
  const { t } = useTranslation();
  const canDeal = useCan("dealPitfall");
  const people = useTableStore((s) => s.table?.participants);
  const path = useTableStore((s) => s.table?.path);
  const left = useTableStore((s) => s.table?.piles.pitfall ?? 0);
  const [chosen, setChosen] = useState<string | null>(null);
  const id = useId();
  if (!canDeal || !people || !path) return null;

  const players = people.filter((p) => !p.facilitator && !p.removed);
  const values = ["path:start", ...path.map((s) => `path:${s.id}`), ...players.map((p) => `person:${p.id}`)];
  const lastStep = path.at(-1);
  const fallback = lastStep ? `path:${lastStep.id}` : "path:start";
  const target = chosen && values.includes(chosen) ? chosen : fallback;

  async function deal(event: FormEvent) {
    event.preventDefault();
    const refusal = await act({ type: "dealPitfall", ...parseTarget(target) });
    if (!refusal) showNotice("info", t("play.deal.done"));
  }

  return (
    <section className="play-block deal" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("play.deal.heading")}</h2>
      <form className="deal__form" onSubmit={deal}>
        <label htmlFor={`${id}-target`}>{t("play.deal.target")}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t("play.deal.hint")} {t("piles.left", { count: left })}
        </p>
        <div className="inline-row">
          <select id={`${id}-target`} value={target} aria-describedby={`${id}-hint`} onChange={(e) => setChosen(e.target.value)}>
            <optgroup label={t("play.deal.onPath")}>
              <option value="path:start">{t("play.deal.atStart")}</option>
              {path.map((step, index) => (
                <option key={step.id} value={`path:${step.id}`}>
                  {t("play.deal.afterStep", { number: index + 1, title: step.card.title })}
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
          <button type="submit" className="button button--primary" disabled={left === 0}>
            {t("play.deal.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
