// framer-motion's settings for every part that animates (loaded with the part, see lazy-part.tsx). The parts render
// `m` components, never `motion.` ones (which bring every feature: LazyMotion strict throws on one in development, and
// tests/unit/client-imports.test.ts refuses the import); their animation features (domMax: animations, exits,
// gestures and the hand's layout animation) are imported apart (motion-features.ts) as soon as this module loads but
// not awaited: the table shows without them, and an `m` component animates once they are there (until then it renders
// its `initial` state, and an exit removes it at once). The build puts them in framer-motion's chunk, with this module
// (vite.config.ts), so that they arrive with it rather than one round trip later. reducedMotion "user": no movement
// at all for people who ask their system for reduced motion.
import { LazyMotion, MotionConfig, type FeatureBundle } from "framer-motion";
import type { ReactNode } from "react";

let features: Promise<FeatureBundle> | null = null;
/** The features' chunk, fetched once; fetched again on the next mount if it failed (network lost). */
function loadFeatures(): Promise<FeatureBundle> {
  features ??= import("./motion-features.ts").then(
    (module) => module.default,
    (error: unknown) => {
      features = null;
      throw error;
    },
  );
  return features;
}
loadFeatures().catch(() => {});

export function MotionRoot({ children }: { children: ReactNode }) {
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={loadFeatures} strict>
        {children}
      </LazyMotion>
    </MotionConfig>
  );
}
