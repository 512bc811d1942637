// What a person sees of the page, measured in the browser: whether anything sticks out sideways, how many steps of
// the path are on the first screen without scrolling, and whether two things run into each other.
import type { Locator, Page } from "@playwright/test";

/** The page scrolls sideways, or a visible element sticks out of the viewport: what, and by how much. */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width + 1)
      found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === "hidden" || style.position === "fixed") continue;
      // Inside a container that scrolls sideways on purpose (the hand's row of cards), sticking out is the point.
      let clipped = false;
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX === "auto" || overflowX === "scroll" || overflowX === "hidden" || overflowX === "clip") {
          clipped = true;
          break;
        }
      }
      if (clipped) continue;
      if (box.right > width + 1 || box.left < -1) {
        const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === "string" ? "." + element.className.split(" ").join(".") : ""}`;
        found.push(`${name} spans ${Math.round(box.left)}–${Math.round(box.right)} px in a ${width} px viewport`);
      }
    }
    return found.slice(0, 10);
  });
}

/** Steps of the path whose tile is entirely within the first screen, the page scrolled to its top. */
export async function stepsInFirstScreen(page: Page): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(() => {
    const height = document.documentElement.clientHeight;
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll<HTMLElement>("[data-step-id]")).filter((step) => {
      const box = step.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= height && box.left >= 0 && box.right <= width;
    }).length;
  });
}

/** The height of each collapsed step tile, in px. */
export async function stepHeights(page: Page): Promise<number[]> {
  return page
    .locator("[data-step-id]")
    .evaluateAll((steps) => steps.map((s) => Math.round(s.getBoundingClientRect().height)));
}

/**
 * The space between what two elements show (their text's extent, which can run past a box squeezed narrower than a
 * word): across when side by side, down when one is under the other; 0 or less when they touch or overlap.
 */
export async function gapBetween(first: Locator, second: Locator): Promise<number> {
  const inkOf = (element: Element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const { left, right, top, bottom } = range.getBoundingClientRect();
    return { left, right, top, bottom };
  };
  const [a, b] = [await first.evaluate(inkOf), await second.evaluate(inkOf)];
  const across = Math.max(b.left - a.right, a.left - b.right);
  const down = Math.max(b.top - a.bottom, a.top - b.bottom);
  return Math.max(across, down);
}
