// The moment the table wins: a heading, a word that the story is ready to close, cards rising — only a fade under reduced motion.
import { AnimatePresence, m, useReducedMotion } from "framer-motion";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";

const DECK_COLOURS = ["var(--challenge)", "var(--lever)", "var(--pitfall)"] as const;
/** Fixed, not random: the same calm pattern for everyone, every time. */
const PIECES = Array.from({ length: 14 }, (_, i) => ({
  left: `${(i * 37 + 7) % 96}%`,
  delay: (i % 7) * 0.18,
  tilt: ((i * 53) % 30) - 15,
  colour: DECK_COLOURS[i % DECK_COLOURS.length],
}));

export function Celebration({ won }: { won: boolean }) {
  const { t } = useTranslation();
  const reduce = useReducedMotion();
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(false);

  useEffect(() => {
    if (won && !announced.current) {
      announced.current = true;
      setAnnouncement(t("play.won.announce"));
    }
  }, [won, t]);

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <AnimatePresence>
        {won && (
          <m.div
            className="celebration"
            initial={reduce ? { opacity: 0 } : { opacity: 0, y: 12 }}
            animate={{ opacity: 1, y: 0 }}
            transition={{ duration: reduce ? 0.6 : 0.5 }}
          >
            <div className="celebration__pieces" aria-hidden="true">
              {PIECES.map((piece, i) => (
                <m.span
                  key={i}
                  className="celebration__piece"
                  style={{ left: piece.left, background: piece.colour }}
                  initial={reduce ? { opacity: 0 } : { opacity: 0, y: 40, rotate: 0 }}
                  animate={reduce ? { opacity: 0.35 } : { opacity: [0, 0.8, 0.8, 0], y: -140, rotate: piece.tilt }}
                  transition={{ duration: reduce ? 0.8 : 3.2, delay: piece.delay, ease: "easeOut" }}
                />
              ))}
            </div>
            <h3 className="celebration__heading">{t("play.won.heading")}</h3>
            <p>{t("play.won.text")}</p>
          </m.div>
        )}
      </AnimatePresence>
    </>
  );
}
