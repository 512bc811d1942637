// Placing a card on a 40-step path three ways — two or three taps on a phone, a drag with the mouse (the card follows
// the pointer), a handful of key presses — and drawing a card, which flies in from its pile unless motion is reduced.
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { drawCard, joinAsParticipant, openTableAsFacilitator } from "./helpers.ts";

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

const handOf = (page: Page) => page.getByRole("region", { name: /Ma main/ });
const stepOf = (page: Page, number: number) => page.getByRole("article", { name: new RegExp(`^Étape ${number} : `) });
const chooserFor = (page: Page, title: string) => page.getByRole("dialog", { name: `Où placer « ${title} » ?` });

let table: SeededTable;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  table = await seedTable({
    baseUrl: baseURL ?? "",
    participants: 3,
    steps: 40,
    phase: "play",
    title: "Atelier des placements",
  });
});

test.afterAll(async () => {
  await table?.close();
});

/** A newcomer takes a seat at the seeded table, in a browser of this shape. */
async function newcomer(browser: Browser, options: BrowserContextOptions, name: string): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(table.participantLink);
  await page.getByRole("textbox", { name: "Votre nom" }).fill(name);
  await page.getByRole("radio", { name: "Société civile", exact: true }).check();
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("habitant·e");
  await page.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(handOf(page)).toBeVisible();
  return page;
}

/** Writes a lever of one's own, which lands in the hand (the seeded piles may be nearly used up). */
async function writeLever(page: Page, title: string): Promise<void> {
  const form = page.getByRole("form", { name: "Écrire une carte" });
  if (!(await form.isVisible())) await page.getByText("Écrire une carte", { exact: true }).click();
  await form.getByRole("combobox", { name: "Pioche" }).selectOption({ label: "Levier" });
  await form.getByRole("textbox", { name: "Titre de la carte" }).fill(title);
  await form.getByRole("textbox", { name: "Texte de la carte" }).fill("Écrite pour être placée.");
  await form.getByRole("button", { name: "Écrire la carte" }).click();
  await expect(handOf(page).getByRole("button", { name: `Placer « ${title} »`, exact: true })).toBeVisible();
}

/** The step count of the path, as everyone reads it. */
async function stepCount(page: Page): Promise<number> {
  return page.getByRole("article", { name: /^Étape \d+ : / }).count();
}

test("on a phone, a card goes to the end of a 40-step path in two taps, and anywhere in three", async ({ browser }) => {
  const page = await newcomer(browser, PHONE, "Nina");
  const last = await stepCount(page);
  expect(last).toBeGreaterThanOrEqual(40);

  // Tap 1: « Placer » opens a sheet of spots, the latest last and in view, without scrolling by hand.
  await writeLever(page, "Le vélo-bus du matin");
  let taps = 0;
  await handOf(page).getByRole("button", { name: "Placer « Le vélo-bus du matin »", exact: true }).tap();
  taps += 1;
  const chooser = chooserFor(page, "Le vélo-bus du matin");
  await expect(chooser).toBeInViewport();
  const end = chooser.getByRole("button", { name: new RegExp(`^Après l'étape ${last} — `) });
  await expect(end).toBeInViewport();
  await expect(chooser.getByRole("button", { name: "Au début du chemin" })).toBeAttached();
  // Tap 2: the end of the path.
  await end.tap();
  taps += 1;
  await expect(stepOf(page, last + 1)).toHaveAccessibleName(`Étape ${last + 1} : Le vélo-bus du matin`);
  expect(taps).toBeLessThanOrEqual(3);

  // Anywhere else: tap « Placer », tap the step number and type it, tap « Placer ici ».
  await writeLever(page, "La rue aux écoles");
  taps = 0;
  await handOf(page).getByRole("button", { name: "Placer « La rue aux écoles »", exact: true }).tap();
  taps += 1;
  const second = chooserFor(page, "La rue aux écoles");
  const number = second.getByRole("spinbutton", { name: "Après l'étape n°" });
  await number.tap();
  taps += 1;
  await number.fill("12");
  await expect(second.getByText(/deviendra l'étape 13, après l'étape 12/)).toBeVisible();
  await second.getByRole("button", { name: "Placer ici" }).tap();
  taps += 1;
  await expect(stepOf(page, 13)).toHaveAccessibleName("Étape 13 : La rue aux écoles");
  expect(taps).toBeLessThanOrEqual(3);
  await page.context().close();
});

test("with the mouse, a dragged card stays in sight under the pointer and lands where it is dropped; or the spots show on the path", async ({
  browser,
}) => {
  const page = await newcomer(browser, LAPTOP, "Oscar");
  await writeLever(page, "Un atelier de réparation");
  const card = handOf(page).getByRole("article", { name: "Levier : Un atelier de réparation" });
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  if (!from) throw new Error("the card is not on screen");

  await page.mouse.move(from.x + from.width / 2, from.y + 40);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 - 30, from.y + 60, { steps: 5 }); // past the drag threshold
  // The drop zones open on the path: aim at one in sight, after some step N.
  await expect(page.locator("[data-spot]").first()).toBeAttached();
  const aim = await page.evaluate(() => {
    const inSight = [...document.querySelectorAll<HTMLElement>('[data-spot^="after-"]')].filter((zone) => {
      const box = zone.getBoundingClientRect();
      return box.top > 80 && box.bottom < innerHeight - 80 && box.left > 0 && box.right < innerWidth;
    });
    const zone = inSight[Math.floor(inSight.length / 2)];
    return zone ? Number(zone.dataset.spot?.replace("after-", "")) : null;
  });
  if (aim === null) throw new Error("no drop zone in sight");
  const slot = page.locator(`[data-spot="after-${aim}"]`);
  const target = await slot.boundingBox();
  if (!target) throw new Error(`no drop zone after step ${aim}`);
  const x = target.x + target.width / 2;
  const y = target.y + target.height / 2;
  await page.mouse.move(x, y, { steps: 12 });
  await expect(slot).toHaveClass(/slot--over/);
  await page.screenshot({ path: test.info().outputPath("dragging.png") });

  // The dragged card is drawn above everything, under the pointer (not clipped by the column of the hand).
  const overlay = page.locator("[data-drag-overlay]");
  await expect(overlay).toBeVisible();
  await expect(overlay.getByText("Un atelier de réparation")).toBeVisible();
  const held = await overlay.boundingBox();
  if (!held) throw new Error("no dragged card");
  expect(x).toBeGreaterThanOrEqual(held.x - 40);
  expect(x).toBeLessThanOrEqual(held.x + held.width + 40);
  expect(y).toBeGreaterThanOrEqual(held.y - 40);
  expect(y).toBeLessThanOrEqual(held.y + held.height + 40);
  const topmost = await page.evaluate(
    ([px, py]) => document.elementFromPoint(px ?? 0, py ?? 0)?.closest("[data-drag-overlay]") !== null,
    [held.x + held.width / 2, held.y + held.height / 2],
  );
  expect(topmost).toBe(true);

  await page.mouse.up();
  await expect(overlay).toHaveCount(0);
  await expect(stepOf(page, aim + 1)).toHaveAccessibleName(`Étape ${aim + 1} : Un atelier de réparation`);

  // Or a click on the path itself: from the chooser, the spots show on the path as buttons.
  await writeLever(page, "Une ressourcerie");
  await handOf(page).getByRole("button", { name: "Placer « Une ressourcerie »", exact: true }).click();
  await chooserFor(page, "Une ressourcerie")
    .getByRole("button", { name: "Montrer les emplacements sur le chemin" })
    .click();
  await expect(handOf(page).getByRole("status")).toContainText("Une ressourcerie");
  await page.getByRole("button", { name: "Placer « Une ressourcerie » ici : après l'étape 2", exact: true }).click();
  await expect(stepOf(page, 3)).toHaveAccessibleName("Étape 3 : Une ressourcerie");
  await expect(page.getByRole("button", { name: /^Placer « Une ressourcerie » ici/ })).toHaveCount(0);
  await page.context().close();
});

test("from the keyboard, a card goes anywhere on a 40-step path in at most six key presses; Escape gives the focus back", async ({
  browser,
}) => {
  const page = await newcomer(browser, LAPTOP, "Pia");
  await writeLever(page, "Une coopérative d'habitants");
  const place = handOf(page).getByRole("button", { name: "Placer « Une coopérative d'habitants »", exact: true });
  const chooser = chooserFor(page, "Une coopérative d'habitants");

  // Escape closes the chooser and puts the focus back on the card.
  await place.focus();
  await page.keyboard.press("Enter");
  await expect(chooser).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(chooser).toBeHidden();
  await expect(place).toBeFocused();

  // Enter opens the chooser on the step number (the last step, selected); digits and Enter place the card.
  let presses = 0;
  const press = async (key: string) => {
    await page.keyboard.press(key);
    presses += 1;
  };
  await press("Enter");
  const number = chooser.getByRole("spinbutton", { name: "Après l'étape n°" });
  await expect(number).toBeFocused();
  await expect(number).toHaveValue(String(await stepCount(page)));
  await press("2");
  await press("7");
  await press("Enter");
  await expect(chooser).toBeHidden();
  await expect(stepOf(page, 28)).toHaveAccessibleName("Étape 28 : Une coopérative d'habitants");
  expect(presses).toBeLessThanOrEqual(6);

  // The list of spots is one stop for Tab (the end of the path) and answers the arrow keys, Home and End.
  await writeLever(page, "Un marché du soir");
  await handOf(page).getByRole("button", { name: "Placer « Un marché du soir »", exact: true }).focus();
  presses = 0;
  await press("Enter");
  await press("Tab"); // « Placer ici »
  await press("Tab"); // the list, on its last spot
  await expect(
    chooserFor(page, "Un marché du soir").getByRole("button", {
      name: new RegExp(`^Après l'étape ${await stepCount(page)} — `),
    }),
  ).toBeFocused();
  await press("Home");
  await expect(chooserFor(page, "Un marché du soir").getByRole("button", { name: "Au début du chemin" })).toBeFocused();
  await press("Enter");
  await expect(stepOf(page, 1)).toHaveAccessibleName("Étape 1 : Un marché du soir");
  expect(presses).toBeLessThanOrEqual(6);
  await page.context().close();
});

test("on a phone, a card just drawn is brought into view above the bar of quick links, its « Placer » in reach", async ({
  browser,
}) => {
  const page = await newcomer(browser, PHONE, "Lou");
  const piles = page.getByRole("region", { name: "Les pioches" });
  // The seeded piles may be nearly used up: the first that still has cards.
  const pile = (await piles.getByRole("button", { name: "Piocher un défi" }).isEnabled())
    ? "Piocher un défi"
    : "Piocher un écueil";
  await piles.getByRole("button", { name: pile }).tap();
  const card = handOf(page).locator("[data-hand-card]").last();
  await expect(card).toBeVisible();
  const bar = page.getByRole("navigation", { name: "Accès rapide" }).getByRole("list");
  // The card's whole face is on screen, none of it under the bar fixed at the bottom.
  await expect
    .poll(async () => {
      const [face, dock] = await Promise.all([card.boundingBox(), bar.boundingBox()]);
      return face && dock ? Math.round(dock.y - (face.y + face.height)) : -1;
    })
    .toBeGreaterThanOrEqual(0);
  await expect(card).toBeInViewport({ ratio: 1 });
});

test("a drawn card flies from its pile into the hand, and nothing moves under reduced motion", async ({ browser }) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier de la pioche",
    system: "La vallée",
    present: "Des villages reliés par une seule route.",
    future: "Des villages reliés par des chemins partagés.",
    facilitatorName: "Camille",
  });
  const moving = await joinAsParticipant(browser, link, "Alex", "habitante");
  const still = await joinAsParticipant(browser, link, "Sam", "élu");
  await still.emulateMedia({ reducedMotion: "reduce" });
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();

  // Whether a flying card ever appeared on the page, seen by a watcher installed before the draw.
  const watch = (page: Page) =>
    page.evaluate(() => {
      const seen = { flight: false };
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        if (document.querySelector(".draw-flight")) seen.flight = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
  const flew = (page: Page) => page.evaluate(() => (window as unknown as { seen: { flight: boolean } }).seen.flight);

  await watch(moving);
  await drawCard(moving, "un défi");
  await expect.poll(() => flew(moving)).toBe(true);
  await expect(moving.locator(".draw-flight")).toHaveCount(0); // landed

  await watch(still);
  await drawCard(still, "un défi");
  await still.waitForTimeout(600);
  expect(await flew(still)).toBe(false);

  // From the keyboard, each card drawn takes the focus (its « Placer »), up to the last one that fills the hand and
  // closes the piles: the focus is never left on the page.
  const levers = handOf(still).getByRole("button", { name: /^Placer « / });
  for (let held = 2; held <= 5; held += 1) {
    await still.getByRole("button", { name: "Piocher un levier" }).focus();
    await still.keyboard.press("Enter");
    await expect(levers).toHaveCount(held);
    await expect(levers.last()).toBeFocused();
  }
  await expect(still.getByRole("button", { name: "Piocher un levier" })).toBeDisabled();

  // The piles are stacks of their deck's cards, with what is left in each.
  const piles = moving.getByRole("region", { name: "Les pioches" });
  await expect(piles.getByRole("button", { name: "Piocher un défi" })).toBeVisible();
  await expect(piles.getByText(/\d+ restantes?$/).first()).toBeVisible();
});
