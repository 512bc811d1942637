// Free play or turns: the order of passage, whose turn it is, passing; for the facilitator: switch, skip, reorder.
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Turns } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { useCan, useMyId } from "#client/store/can.ts";
import { useNameOf } from "./names.ts";

export function TurnOrder() {
  const { t } = useTranslation();
  const turns = useTableStore((s) => (s.table?.phase === "play" ? s.table.turns : undefined));
  const canSwitch = useCan("setTurnMode");
  if (!turns) return null;

  return (
    <section className="play-block turns" aria-labelledby="turns-heading">
      <h2 id="turns-heading">{t("play.turns.heading")}</h2>
      {canSwitch && <ModeSwitch mode={turns.mode} />}
      {turns.mode === "free" ? <p className="field__hint">{t("play.turns.free")}</p> : <TurnList turns={turns} />}
    </section>
  );
}

function ModeSwitch({ mode }: { mode: Turns["mode"] }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t("play.turns.modeLabel")}>
      {(["free", "turns"] as const).map((m) => (
        <button
          key={m}
          type="button"
          className="segmented__option"
          aria-pressed={mode === m}
          onClick={() => mode !== m && void act({ type: "setTurnMode", mode: m })}
        >
          {t(m === "free" ? "play.turns.modeFree" : "play.turns.modeTurns")}
        </button>
      ))}
    </div>
  );
}

function TurnList({ turns }: { turns: Turns }) {
  const { t } = useTranslation();
  const myId = useMyId();
  const nameOf = useNameOf();
  const canPass = useCan("passTurn");
  const canSkip = useCan("skipTurn");
  const canReorder = useCan("reorderTurns");
  const { order, current } = turns;

  function move(index: number, by: -1 | 1) {
    const next = [...order];
    const other = index + by;
    const a = next[index];
    const b = next[other];
    if (a === undefined || b === undefined) return;
    next[index] = b;
    next[other] = a;
    void act({ type: "reorderTurns", order: next });
  }

  return (
    <>
      <p className={`turns__now${current && current === myId ? " turns__now--me" : ""}`} role="status">
        {current === null
          ? t("play.turns.nobody")
          : current === myId
            ? t("play.turns.yourTurn")
            : t("play.turns.waiting", { name: nameOf(current) })}
      </p>
      <ol className="turns__order" aria-label={t("play.turns.orderLabel")}>
        {order.map((id, index) => {
          const name = nameOf(id);
          return (
            <li
              key={id}
              className={`turns__person${id === current ? " turns__person--current" : ""}`}
              aria-current={id === current ? "true" : undefined}
            >
              <span className="turns__name">
                {name}
                {id === current && <span className="turns__badge"> · {t("play.turns.current")}</span>}
              </span>
              {canReorder && (
                <span className="turns__moves">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t("play.turns.moveUp", { name })}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t("play.turns.moveDown", { name })}
                    disabled={index === order.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <div className="inline-row">
        {canPass && (
          <button type="button" className="button" onClick={() => void act({ type: "passTurn" })}>
            {t("play.turns.pass")}
          </button>
        )}
        {canSkip && current !== null && (
          <button type="button" className="button" onClick={() => void act({ type: "skipTurn" })}>
            {t("play.turns.skip")}
          </button>
        )}
      </div>
    </>
  );
}
