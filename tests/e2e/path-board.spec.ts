// The path as a board, seen by a participant, on the shared screen and in the story presentation: a step opens in full
// in place and closes back to its tile; the « oui, et… » box opens on demand; the shared screen follows new steps;
// « Aller à la dernière étape posée »; the story replayed screen by screen at the presenter's pace; the « Aujourd'hui »
// tile's heading clear of its « Tout lire » on a laptop.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { drawCard, openStep, placeCard, stepOf } from "./helpers.ts";
import { gapBetween } from "./layout-probes.ts";

const baseUrl = `http://localhost:${process.env.E2E_PORT ?? 2590}`;
const tileOf = (page: Page, number: number) =>
  stepOf(page, number).getByRole("button", { name: new RegExp(`^Étape ${number} : `) });

let table: SeededTable | null = null;
test.afterEach(async () => {
  await table?.close();
  table = null;
});

/** A seeded person (people[index]) back at their seat in a browser of this size; the observer with index -1. */
async function open(
  browser: Browser,
  seeded: SeededTable,
  index: number,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  if (index >= 0) await context.addInitScript(seeded.seatScript(index));
  const page = await context.newPage();
  await page.goto(index < 0 ? seeded.observerLink : index === 0 ? seeded.facilitatorLink : seeded.participantLink);
  await expect(stepOf(page, 1)).toBeVisible();
  return page;
}

/** people[index] draws from the fullest pile and places the card after the last step; returns the new step's title. */
async function placeAtEnd(seeded: SeededTable, index: number): Promise<string> {
  const handOf = () =>
    Object.values(seeded.stateOf(index).participants).find((p) => p.id === seeded.people[index]?.participantId)?.hand ??
    [];
  let card = null;
  // A blank card (« Défi à écrire ») must be written before it is placed: this person puts it aside and draws again.
  for (let tries = 0; tries < 10 && !card; tries += 1) {
    const before = handOf().length;
    const piles = seeded.stateOf(index).piles;
    const deck = (["challenge", "lever", "pitfall"] as const).reduce((a, b) => (piles[b] > piles[a] ? b : a));
    await seeded.act(index, { type: "draw", deck });
    await expect.poll(() => handOf().length).toBe(before + 1);
    const drawn = handOf().at(-1);
    if (!drawn) throw new Error("nothing drawn");
    if (drawn.blank) await seeded.act(index, { type: "discard", cardId: drawn.id });
    else card = drawn;
  }
  if (!card) throw new Error("only blank cards drawn");
  await seeded.act(index, {
    type: "place",
    cardId: card.id,
    afterStepId: seeded.stateOf(index).path.at(-1)?.id ?? null,
  });
  return card.title;
}

test("a step opens in full in its place, one at a time, and closes back to its tile", async ({ browser }) => {
  table = await seedTable({ baseUrl, participants: 3, steps: 6, phase: "play" });
  const page = await open(browser, table, 1);

  // Given the board of tiles, when a tile is tapped, its step opens in full: card, narration, reactions.
  await expect(tileOf(page, 3)).toHaveAttribute("aria-expanded", "false");
  const step = await openStep(page, 3);
  await expect(step.getByRole("group", { name: "Réactions à l'étape 3" })).toBeVisible();
  await expect(page.locator(".board__item--open")).toHaveCount(1);

  // Opening another closes the first: one step in full at a time.
  await openStep(page, 4);
  await expect(tileOf(page, 3)).toHaveAttribute("aria-expanded", "false");

  // « Fermer » and Escape close it; the focus goes back to the tile, the place in the story is kept.
  await stepOf(page, 4).getByRole("button", { name: "Fermer l'étape 4" }).click();
  await expect(tileOf(page, 4)).toHaveAttribute("aria-expanded", "false");
  await expect(tileOf(page, 4)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(tileOf(page, 4)).toHaveAttribute("aria-expanded", "true");
  await stepOf(page, 4).getByRole("group", { name: "Réactions à l'étape 4" }).getByRole("button").first().focus();
  await page.keyboard.press("Escape");
  await expect(tileOf(page, 4)).toHaveAttribute("aria-expanded", "false");
  await expect(tileOf(page, 4)).toBeFocused();

  // The « Oui, et… » box is closed until asked for; once added, the tile counts it.
  const opened = await openStep(page, 2);
  await expect(opened.getByRole("textbox", { name: "Oui, et… (étape 2)" })).toHaveCount(0);
  await opened.getByRole("button", { name: "Oui, et… : prolonger l'étape 2" }).click();
  const box = opened.getByRole("textbox", { name: "Oui, et… (étape 2)" });
  await expect(box).toBeFocused();
  await box.fill("Et la cantine suit le mouvement.");
  await opened.getByRole("button", { name: "Ajouter" }).click();
  await expect(opened.getByRole("list", { name: "« Oui, et… » de l'étape 2" })).toContainText(
    "Et la cantine suit le mouvement.",
  );
  await expect(opened.getByRole("button", { name: "Oui, et… : prolonger l'étape 2" })).toBeFocused();
  const count = await stepOf(page, 2).locator(".yes-and__list li").count();
  await stepOf(page, 2).getByRole("button", { name: "Fermer l'étape 2" }).click();
  await expect(stepOf(page, 2)).toContainText(`${count} « oui, et… »`);

  // A card just placed opens its step, the narration's box ready to type in.
  const piles = table.stateOf(1).piles;
  const deck = (["challenge", "lever", "pitfall"] as const).reduce((a, b) => (piles[b] > piles[a] ? b : a));
  const title = await drawCard(
    page,
    ({ challenge: "un défi", lever: "un levier", pitfall: "un écueil" } as const)[deck],
  );
  await placeCard(page, title, "start");
  await expect(tileOf(page, 1)).toHaveAttribute("aria-expanded", "true");
  await expect(stepOf(page, 1).getByRole("textbox", { name: "Narration de l'étape 1" })).toBeFocused();
  await expect(tileOf(page, 3)).toHaveAttribute("aria-expanded", "false");
});

test("the shared screen follows each new step; « Aller à la dernière étape posée » reaches the newest on any screen", async ({
  browser,
}) => {
  table = await seedTable({ baseUrl, participants: 3, steps: 24, phase: "play" });
  const screen = await open(browser, table, -1, { width: 1920, height: 1080 });
  const participant = await open(browser, table, 2, { width: 390, height: 844 });

  // Following is on by default on the shared screen only.
  await expect(screen.getByRole("button", { name: "Suivre les nouvelles étapes" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(participant.getByRole("button", { name: "Suivre les nouvelles étapes" })).toHaveAttribute(
    "aria-pressed",
    "false",
  );

  // A new step arrives at the far end of the path: the shared screen brings it into view and lights it up.
  const title = await placeAtEnd(table, 1);
  const newest = screen.getByRole("article", { name: `Étape 25 : ${title}` });
  await expect(newest).toBeInViewport();
  await expect(newest).toHaveClass(/tile--highlight/);

  // On the phone nothing moved; « Aller à la dernière étape posée » takes the participant there, focus on its tile.
  await expect(participant.getByRole("article", { name: `Étape 25 : ${title}` })).not.toBeInViewport();
  await participant.getByRole("button", { name: "Aller à la dernière étape posée" }).click();
  await expect(tileOf(participant, 25)).toBeFocused();
  await expect(tileOf(participant, 25)).toBeInViewport();
});

test("the story presentation replays the story from Aujourd'hui to the horizon at the presenter's pace", async ({
  browser,
}) => {
  table = await seedTable({ baseUrl, participants: 3, steps: 3, phase: "play" });
  await table.act(0, { type: "setPhase", phase: "debrief" });
  const path = table.stateOf(0).path;
  const page = await open(browser, table, -1, { width: 1920, height: 1080 });
  const opener = page.getByRole("button", { name: "Présenter le récit" });
  await opener.click();
  const story = page.getByRole("dialog", { name: "Le récit, étape par étape" });
  await expect(story).toBeVisible();

  // Aujourd'hui, then each step (card, narration, who told it), then the horizon: five screens for three steps.
  await expect(story.getByText("1 / 5")).toBeVisible();
  await expect(story.getByRole("heading", { level: 2 })).toHaveText("Aujourd'hui");
  await page.keyboard.press("ArrowRight");
  await expect(story.getByText("2 / 5")).toBeVisible();
  await expect(story.getByRole("heading", { level: 2 })).toHaveText(path[0]?.card.title ?? "");
  await expect(story).toContainText(path[0]?.narration ?? "");
  await expect(story).toContainText("Racontée par");
  await expect(story.locator('[aria-live="polite"]')).toHaveText(
    `Écran 2 sur 5 — Étape 1 sur 3 : ${path[0]?.card.title}`,
  );
  await story.getByRole("button", { name: "Suivant" }).click();
  await expect(story.getByText("3 / 5")).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(story.getByText("2 / 5")).toBeVisible();
  await page.keyboard.press("End");
  await expect(story.getByRole("heading", { level: 2 })).toHaveText(/^Horizon \d{4}$/);
  await expect(story.getByRole("button", { name: "Suivant" })).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("Space");
  await expect(story.getByText("5 / 5")).toBeVisible();

  // Escape leaves it, back on the button that opened it, still on the shared screen; a second Escape leaves the shared
  // screen for the table in detail.
  await page.keyboard.press("Escape");
  await expect(story).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(page.getByRole("button", { name: "Voir la table en détail" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Voir la table en détail" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Présenter", exact: true })).toBeVisible();
});

test("on a phone a step's tile stays under 120 px and nothing overflows sideways, whatever the card's title", async ({
  browser,
}) => {
  table = await seedTable({ baseUrl, participants: 2, steps: 2, phase: "play" });
  const long = "Anticonstitutionnellement-interdépartementalisation-des-mobilités-décarbonées";
  await table.act(1, {
    type: "writeCard",
    deck: "lever",
    title: long,
    text: "Un titre sans espace, plus large qu'un téléphone.",
  });
  const card = Object.values(table.stateOf(1).participants)
    .find((p) => p.id === table?.people[1]?.participantId)
    ?.hand?.find((c) => c.title === long);
  await table.act(1, { type: "place", cardId: card?.id ?? "", afterStepId: null });
  await table.act(1, {
    type: "narrate",
    stepId: table.stateOf(1).path[0]?.id ?? "",
    text: "Une narration longue. ".repeat(30),
  });
  for (const width of [390, 360]) {
    const page = await open(browser, table, 1, { width, height: 800 });
    await expect(stepOf(page, 1)).toHaveAccessibleName(`Étape 1 : ${long}`);
    for (const number of [1, 2, 3])
      expect((await stepOf(page, number).boundingBox())?.height ?? 999).toBeLessThanOrEqual(120);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await openStep(page, 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await page.context().close();
  }
});

test("on the facilitator's board the « Aujourd'hui » tile's heading and « Tout lire » stay apart, at 1024 and 1440 px", async ({
  browser,
}) => {
  table = await seedTable({ baseUrl, participants: 3, steps: 40, phase: "play" });
  for (const width of [1024, 1440]) {
    const page = await open(browser, table, 0, { width, height: 900 });
    const today = page.getByRole("group", { name: "Aujourd'hui" });
    const heading = today.getByRole("heading", { name: "Aujourd'hui" });
    const more = today.getByRole("button", { name: "Tout lire : Aujourd'hui" });
    await expect(more).toBeVisible();
    expect(await gapBetween(heading, more), `at ${width} px`).toBeGreaterThanOrEqual(4);
    await page.context().close();
  }
});

test("a guest with the observer link on a phone reads the setup and the path with no sideways scrolling, down to 320 px", async ({
  browser,
}) => {
  table = await seedTable({ baseUrl, participants: 3, steps: 0, phase: "preparation" });
  for (const width of [360, 320]) {
    const context = await browser.newContext({ viewport: { width, height: 700 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(table.observerLink);
    const setup = page.getByRole("region", { name: "Le cadre du récit" });
    const system = setup.getByText(/^Le quartier des Lilas, 12 000 habitant/);
    await expect(system).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    // The system's words are read across the screen, not a word a line beside its label.
    const term = await setup.getByText("Le système", { exact: true }).boundingBox();
    const value = await system.boundingBox();
    expect(value?.y ?? 0).toBeGreaterThan(term?.y ?? 0);
    expect(value?.width ?? 0).toBeGreaterThan(width * 0.6);
    await context.close();
  }
});
