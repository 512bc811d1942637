// How the app scrolls something into view: smoothly, unless the person asked their system for reduced motion.

/** Scrolling that respects the person's wish for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
}
