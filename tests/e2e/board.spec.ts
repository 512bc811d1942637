// A whole workshop on every screen: 12 people, 40 steps, cards with the longest titles a table can write. The
// facilitator on a laptop (1440, 1280, 1024 px), participants on phones (390, 360 px) and the shared screen on a
// projector (1920×1080), in every phase: nothing sticks out sideways, the story is the first thing on the screen and
// holds as many steps as a workshop needs to see at a glance.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { sidewaysOverflow, stepHeights, stepsInFirstScreen } from "./layout-probes.ts";

const baseUrl = `http://localhost:${process.env.E2E_PORT ?? 2590}`;

const SCREENS = {
  laptop: { width: 1440, height: 900 },
  laptopSmall: { width: 1280, height: 800 },
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
  phoneSmall: { width: 360, height: 740 },
  projector: { width: 1920, height: 1080 },
} as const;
type Screen = keyof typeof SCREENS;

// The longest title a table can write (120 characters), with a word too long for any line.
const LONG_TITLE =
  "Mutualiser lamobilitépartagéeetlalogistiquedudernierkilomètreentrecommunesvoisines pour que chaque habitant·e se passe de voiture".slice(
    0,
    120,
  );

let table: SeededTable | null = null;
test.afterEach(async () => {
  await table?.close();
  table = null;
});

/** people[index] back at their seat on a screen of this size (the observer's link with index -1). */
async function open(browser: Browser, seeded: SeededTable, index: number, screen: Screen): Promise<Page> {
  const phone = screen.startsWith("phone");
  const context = await browser.newContext({ viewport: SCREENS[screen], isMobile: phone, hasTouch: phone });
  if (index >= 0) await context.addInitScript(seeded.seatScript(index));
  const page = await context.newPage();
  await page.goto(index < 0 ? seeded.observerLink : index === 0 ? seeded.facilitatorLink : seeded.participantLink);
  await expect(page.locator("[data-step-id]").first()).toBeVisible();
  return page;
}

async function expectNoOverflow(page: Page, what: string) {
  expect(await sidewaysOverflow(page), `${what}: nothing sticks out sideways`).toEqual([]);
}

test("a 40-step workshop fits every screen in every phase, the story first", async ({ browser }) => {
  test.setTimeout(240_000);
  table = await seedTable({ baseUrl, participants: 12, steps: 40, phase: "play" });
  // Someone writes the longest card a table allows and places it in the middle of the path.
  await table.act(3, {
    type: "writeCard",
    deck: "lever",
    title: LONG_TITLE,
    text: `${LONG_TITLE} : le texte de la carte.`,
  });
  const written = Object.values(table.stateOf(3).participants)
    .find((p) => p.id === table?.people[3]?.participantId)
    ?.hand?.at(-1);
  if (!written) throw new Error("the written card is not in the hand");
  await table.act(3, { type: "place", cardId: written.id, afterStepId: table.stepIds[19] ?? null });

  const facilitator = await open(browser, table, 0, "laptop");
  const participantPhone = await open(browser, table, 1, "phone");
  const participantSmallPhone = await open(browser, table, 2, "phoneSmall");
  const projector = await open(browser, table, -1, "projector");
  const others: [Page, string][] = [
    [await open(browser, table, 4, "laptopSmall"), "a participant at 1280 px"],
    [await open(browser, table, 5, "tablet"), "a participant at 1024 px"],
  ];

  // Jeu: the facilitator sees at least 12 steps on the first screen, the path being the first thing on it.
  expect(await stepsInFirstScreen(facilitator)).toBeGreaterThanOrEqual(12);
  const pathTop = await facilitator
    .getByRole("heading", { name: "Le chemin", exact: true })
    .evaluate((h) => h.getBoundingClientRect().top);
  expect(pathTop, "the path starts near the top of the facilitator's screen").toBeLessThan(250);
  // The shared screen sees at least 20 steps, in large type.
  await expect(projector.getByRole("complementary", { name: "Écran partagé" })).toBeVisible();
  expect(await stepsInFirstScreen(projector)).toBeGreaterThanOrEqual(20);
  // On a phone, each collapsed step is at most 120 px tall, the long title included.
  for (const height of await stepHeights(participantPhone)) expect(height).toBeLessThanOrEqual(120);
  await expect(
    participantPhone.getByRole("button", { name: new RegExp(`^Étape 21 : ${LONG_TITLE.slice(0, 20)}`) }),
  ).toBeVisible();

  const everyone: [Page, string][] = [
    [facilitator, "the facilitator at 1440 px"],
    [participantPhone, "a phone at 390 px"],
    [participantSmallPhone, "a phone at 360 px"],
    [projector, "the shared screen at 1920 px"],
    ...others,
  ];
  const phases: [string, () => Promise<void>][] = [
    ["Jeu", async () => {}],
    ["Débrief", () => table!.act(0, { type: "setPhase", phase: "debrief" })],
    ["Récit terminé", () => table!.act(0, { type: "closeStory" })],
  ];
  for (const [phase, enter] of phases) {
    await enter();
    for (const [page, who] of everyone) {
      await expect(page.getByText(`Phase : ${phase}`, { exact: true }).first()).toBeVisible();
      await expectNoOverflow(page, `${who} in ${phase}`);
    }
    // The facilitator's tools drawer, opened, does not overflow either.
    const tools = facilitator.getByRole("button", { name: "Outils d'animation" });
    if (await tools.isVisible()) {
      await tools.click();
      await expectNoOverflow(facilitator, `the facilitator's tools in ${phase}`);
      await facilitator.keyboard.press("Escape");
    }
  }

  // Débrief and Récit terminé ask for something else first: piles and hand are gone from the phone.
  await expect(participantPhone.getByRole("region", { name: /Ma main/ })).toHaveCount(0);
  // At Récit terminé the downloads are in plain sight on the facilitator's first screen.
  await facilitator.evaluate(() => window.scrollTo(0, 0));
  await expect(facilitator.getByRole("button", { name: /Télécharger/ }).first()).toBeInViewport();
});

test("in Préparation nothing overflows either, and the phone shows no empty piles or hand", async ({ browser }) => {
  table = await seedTable({ baseUrl, participants: 4, steps: 0, phase: "preparation", title: LONG_TITLE });
  for (const [index, screen] of [
    [0, "laptop"],
    [0, "tablet"],
    [1, "phone"],
    [2, "phoneSmall"],
  ] as const) {
    const phone = screen.startsWith("phone");
    const context = await browser.newContext({ viewport: SCREENS[screen], isMobile: phone, hasTouch: phone });
    await context.addInitScript(table.seatScript(index));
    const page = await context.newPage();
    await page.goto(index === 0 ? table.facilitatorLink : table.participantLink);
    await expect(page.getByText("Préparation", { exact: true }).first()).toBeVisible();
    await expectNoOverflow(page, `${screen} in Préparation`);
    await expect(page.getByRole("region", { name: /Ma main/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Piocher / })).toHaveCount(0);
    await context.close();
  }
});

/** What axe finds against WCAG 2.1 A and AA on the page as it is now, one line per violation. */
async function wcagViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
}

test("axe finds no WCAG 2.1 A/AA violation on the board, the hand, the spot chooser, the tools and the shared screen", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  table = await seedTable({ baseUrl, participants: 6, steps: 12, phase: "play" });
  const facilitator = await open(browser, table, 0, "laptop");
  const phone = await open(browser, table, 1, "phone");
  const projector = await open(browser, table, -1, "projector");

  expect(await wcagViolations(facilitator), "the facilitator's board").toEqual([]);
  expect(await wcagViolations(projector), "the shared screen").toEqual([]);
  expect(await wcagViolations(phone), "the board on a phone").toEqual([]);

  // A step opened in full, then the hand's spot chooser, on the phone.
  await phone.getByRole("button", { name: /^Étape 3 : / }).click();
  expect(await wcagViolations(phone), "a step opened in full").toEqual([]);
  // A card of their own in the hand (a drawn one may be a blank, which is written before it is placed).
  await table.act(1, {
    type: "writeCard",
    deck: "challenge",
    title: "Une cantine 100 % locale",
    text: "Les cantines du quartier s'approvisionnent à moins de 50 km.",
  });
  await phone.getByRole("button", { name: "Placer « Une cantine 100 % locale »" }).click();
  await expect(phone.getByRole("dialog")).toBeVisible();
  expect(await wcagViolations(phone), "the spot chooser").toEqual([]);
  await phone.keyboard.press("Escape");

  // The facilitator's tools, and the story closed with its downloads.
  await facilitator.getByRole("button", { name: "Outils d'animation" }).click();
  expect(await wcagViolations(facilitator), "the facilitator's tools").toEqual([]);
  await facilitator.keyboard.press("Escape");
  await table.act(0, { type: "closeStory" });
  await expect(facilitator.getByText("Phase : Récit terminé", { exact: true }).first()).toBeVisible();
  expect(await wcagViolations(facilitator), "the closed story").toEqual([]);
});
