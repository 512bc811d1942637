// The path from Aujourd'hui (the present state) to the horizon (the desirable future), every step in order.
import { AnimatePresence, motion } from "framer-motion";
import { useTranslation } from "react-i18next";
import { selectTable, useTableStore } from "../../store/table-store.ts";
import { CardFace } from "../../ui/CardFace.tsx";
import { DropSlot } from "./DropSlot.tsx";
import { StepItem } from "./StepItem.tsx";

export function PathView() {
  const { t } = useTranslation();
  const table = useTableStore(selectTable);
  if (!table) return null;
  const challenge = table.framingChallenge;
  const otherFutures = (table.otherFutures ?? []).filter((f) => f.trim());

  return (
    <section className="path" aria-labelledby="path-heading">
      <h2 id="path-heading">{t("path.heading")}</h2>
      <div className="milestone milestone--today">
        <h3>{t("path.today")}</h3>
        <p className="milestone__system">
          <strong>{t("table.system")} :</strong> {table.system}
        </p>
        <p className="pre-wrap">{table.presentState}</p>
        <div className="milestone__challenge">
          <h4>{t("table.framingChallenge")}</h4>
          {challenge ? <CardFace card={challenge} /> : <p className="pre-wrap">{table.framingChallengeText}</p>}
        </div>
      </div>
      <ol className="path__steps" aria-label={t("path.heading")}>
        <DropSlot afterStepId={null} position={0} />
        <AnimatePresence initial={false}>
          {table.path.map((step, index) => (
            <motion.li
              key={step.id}
              className="path__step"
              layout
              initial={{ opacity: 0, y: -16, scale: 0.96 }}
              animate={{ opacity: 1, y: 0, scale: 1 }}
              exit={{ opacity: 0, scale: 0.9 }}
              transition={{ duration: 0.25 }}
            >
              <StepItem
                step={step}
                number={index + 1}
                moveUpAfter={index === 0 ? undefined : (table.path[index - 2]?.id ?? null)}
                moveDownAfter={table.path[index + 1]?.id}
              />
              <DropSlot afterStepId={step.id} position={index + 1} />
            </motion.li>
          ))}
        </AnimatePresence>
      </ol>
      {table.path.length === 0 && <p className="path__empty">{t("path.empty")}</p>}
      <div className="milestone milestone--horizon">
        <h3>{t("path.horizon", { year: table.horizonYear })}</h3>
        <p>
          <strong>{t("path.desirableFuture")} :</strong>
        </p>
        <p className="pre-wrap">{table.desirableFuture}</p>
        {otherFutures.length > 0 && (
          <>
            <p>
              <strong>{t("play.path.otherFutures", { count: otherFutures.length })} :</strong>
            </p>
            <ul className="milestone__futures">
              {otherFutures.map((future, index) => (
                <li key={index} className="pre-wrap">
                  {future}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
