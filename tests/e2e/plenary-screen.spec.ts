// The workshop's plenary on a projector: four tables with real stories (tests/plenary-book.ts), put on the screen by the
// workshop facilitator (« Présenter la plénière ») or opened by the observer link (which the overview's share panel
// gives, for the projector's own computer: no facilitator tools there). What the room notices: type large
// enough to read from the back at 1920×1080, each story across the width with its narrations whole, which table it is
// and where in the round, the arrow keys turning the pages; nothing runs off the side at 1920, 1280 or on a phone.
import { expect, test, type Locator, type Page } from "@playwright/test";
import type { CreatedWorkshop } from "#shared/workshop.ts";
import { PLENARY_TABLES, PLENARY_WORKSHOP_TITLE, plenaryBookFile, plenaryNarration } from "../plenary-book.ts";

const PROJECTOR = { width: 1920, height: 1080 };
const SIZES = [PROJECTOR, { width: 1280, height: 720 }, { width: 390, height: 844 }];

async function importWorkshop(page: Page): Promise<CreatedWorkshop> {
  const answer = await page.request.post("/api/workshops/import", { data: plenaryBookFile() });
  expect(answer.status()).toBe(201);
  return (await answer.json()) as CreatedWorkshop;
}

/** « Table 1 — Le centre-bourg de Plougasnou… »: the story of the table at this position (from 1). */
function storyOf(scope: Locator | Page, number: number): Locator {
  const plan = PLENARY_TABLES[number - 1];
  return scope.getByRole("article", { name: `${plan?.name} — ${plan?.title}` });
}

/** The computed font size, in CSS pixels, of what this locator finds. */
async function fontSize(element: Locator): Promise<number> {
  return element.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
}

/** Whether anything runs off the side: the page, and the dialog the projection scrolls in (when there is one). */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth) found.push(`the page: ${root.scrollWidth} px in ${innerWidth}`);
    const dialog = document.querySelector("dialog[open]");
    if (dialog && dialog.scrollWidth > dialog.clientWidth)
      found.push(`the projection: ${dialog.scrollWidth} px in ${dialog.clientWidth}`);
    return found;
  });
}

/** What axe finds against WCAG 2.1 A and AA on the page as it is now, one line per violation (as board.spec.ts). */
async function wcagViolations(page: Page): Promise<string[]> {
  // A story coming in fades in: axe would measure its colours halfway.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

/** What the back of the room reads at 1920×1080: the story of table `number`, in `scope` (the page or the projection). */
async function expectReadableAcrossTheRoom(scope: Locator | Page, number: number): Promise<void> {
  const story = storyOf(scope, number);
  await expect(story).toBeVisible();
  // A narration: at least 24 px, and whole (there is nowhere else on this screen to read the rest of it).
  const narration = story.getByText(plenaryNarration(number, 0), { exact: true });
  expect(await fontSize(narration)).toBeGreaterThanOrEqual(24);
  expect(await narration.evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(1);
  // Titles larger than the text; a long card title wraps inside its tile.
  expect(await fontSize(story.getByRole("heading", { level: 2 }))).toBeGreaterThan(await fontSize(narration));
  // The path across the width, not a column.
  const path = (await story.getByRole("list").first().boundingBox())?.width ?? 0;
  expect(path).toBeGreaterThan(1400);
  // Which table, where in the round, and the way to the others: large too.
  await expect(scope.getByRole("navigation", { name: `Table ${number} sur 4` })).toBeVisible();
  for (const name of ["Table précédente", "Table suivante"])
    expect(await fontSize(scope.getByRole("button", { name }))).toBeGreaterThanOrEqual(24);
}

/** The arrow keys turn the pages, to the end and back. */
async function expectArrowsTurnPages(page: Page, scope: Locator | Page): Promise<void> {
  await expect(storyOf(scope, 1)).toBeVisible();
  for (const number of [2, 3, 4]) {
    await page.keyboard.press("ArrowRight");
    await expect(storyOf(scope, number)).toBeVisible();
    await expect(scope.getByText(`Table ${number} sur 4`, { exact: true })).toBeVisible();
  }
  // The last table: one more turn stays there, « Table suivante » says it goes no further.
  await page.keyboard.press("ArrowRight");
  await expect(storyOf(scope, 4)).toBeVisible();
  await expect(scope.getByRole("button", { name: "Table suivante" })).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(storyOf(scope, 3)).toBeVisible();
}

test("the workshop facilitator puts the plenary on the projector: large type across the width, whole narrations, the arrows turn the tables", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PROJECTOR);
  const created = await importWorkshop(page);
  await page.goto(created.facilitatorLink);
  await page.getByRole("tab", { name: "Plénière" }).click();
  const tab = page.getByRole("tabpanel", { name: "Plénière" });
  await expect(storyOf(tab, 1)).toBeVisible();

  const present = tab.getByRole("button", { name: "Présenter la plénière" });
  await expect(present).toBeVisible();
  await present.click();
  const projection = page.getByRole("dialog", { name: PLENARY_WORKSHOP_TITLE });
  await expect(projection).toBeVisible();
  await expect(projection.getByRole("heading", { level: 1, name: PLENARY_WORKSHOP_TITLE })).toBeFocused();
  await expectReadableAcrossTheRoom(projection, 1);
  expect(await wcagViolations(page), "the plenary on the projector").toEqual([]);

  await expectArrowsTurnPages(page, projection);
  // « Plein écran » fills the projector's screen, the projection still on top of the page.
  await projection.getByRole("button", { name: "Plein écran" }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName)).toBe("HTML");
  await expect(storyOf(projection, 3)).toBeVisible();
  await projection.getByRole("button", { name: "Quitter le plein écran" }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await sidewaysOverflow(page), `at ${size.width}×${size.height}`).toEqual([]);
  }

  // Escape brings the dashboard back, at the same table, the focus on the button that opened the projection.
  await page.setViewportSize(PROJECTOR);
  await page.keyboard.press("Escape");
  await expect(projection).toBeHidden();
  await expect(storyOf(tab, 3)).toBeVisible();
  await expect(present).toBeFocused();
});

test("the observer link's plenary reads across a room at 1920×1080, one column on a phone; a page turned starts at its top", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(PROJECTOR);
  const created = await importWorkshop(page);
  await page.goto(created.observerLink);
  await expect(page.getByRole("heading", { level: 1, name: PLENARY_WORKSHOP_TITLE })).toBeVisible();
  await expectReadableAcrossTheRoom(page, 1);
  expect(await wcagViolations(page), "the plenary screen").toEqual([]);
  await expectArrowsTurnPages(page, page);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await sidewaysOverflow(page), `the stories at ${size.width}×${size.height}`).toEqual([]);
    await page.getByRole("button", { name: "Les tables comparées" }).click();
    await expect(page.getByRole("table")).toBeVisible();
    expect(await sidewaysOverflow(page), `the comparison at ${size.width}×${size.height}`).toEqual([]);
    await page.getByRole("button", { name: "Les récits, table après table" }).click();
  }

  // On a phone, the path is one column: each step under the one before.
  const steps = storyOf(page, 3).getByRole("listitem");
  const first = await steps.nth(1).boundingBox();
  const second = await steps.nth(2).boundingBox();
  expect(second?.x).toBe(first?.x);
  expect(second?.y ?? 0).toBeGreaterThan((first?.y ?? 0) + (first?.height ?? 0));
  expect(await wcagViolations(page), "the plenary screen on a phone").toEqual([]);

  // A page turned from the bottom of a story: the next one is read from its start, and comes in with a short movement,
  // unless the person's system asks for none.
  await page.setViewportSize(PROJECTOR);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.keyboard.press("ArrowRight");
  await expect(storyOf(page, 4).getByRole("heading", { level: 2 })).toBeInViewport();
  expect(await storyOf(page, 4).evaluate((e) => getComputedStyle(e).animationName)).toBe("plenary-turn");
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.keyboard.press("ArrowLeft");
  expect(await storyOf(page, 3).evaluate((e) => getComputedStyle(e).animationName)).toBe("none");
});

test("the overview's share panel gives the observer link, which opens the plenary screen on the projector without the facilitator's tools", async ({
  browser,
  page,
}) => {
  const created = await importWorkshop(page);
  await page.goto(created.facilitatorLink);
  await page.getByRole("button", { name: "Afficher le code, le QR code et les liens" }).click();
  const share = page.getByRole("region", { name: "Faire venir la salle" });
  const observerLink = share.getByRole("textbox", {
    name: "Lien d'observation (projecteur, invité·es) : lecture seule",
  });
  await expect(observerLink).toHaveValue(/#observation=/);
  await expect(share.getByRole("button", { name: "Copier le lien d'observation" })).toBeVisible();
  const link = await observerLink.inputValue();
  expect(new URL(link).hash).toBe(new URL(created.observerLink).hash);

  // The projector's computer, which has never held the facilitator's link: the plenary screen, and nothing to command.
  const projector = await (await browser.newContext({ viewport: PROJECTOR })).newPage();
  await projector.goto(link);
  await expect(projector.getByRole("heading", { level: 1, name: PLENARY_WORKSHOP_TITLE })).toBeVisible();
  await expect(projector.getByRole("navigation", { name: "Table 1 sur 4" })).toBeVisible();
  await expect(storyOf(projector, 1)).toBeVisible();
  await expect(projector.getByRole("tab")).toHaveCount(0);
  for (const name of ["Présenter la plénière", "Fermer les arrivées", "Afficher le code, le QR code et les liens"])
    await expect(projector.getByRole("button", { name })).toHaveCount(0);
  await projector.context().close();
});
