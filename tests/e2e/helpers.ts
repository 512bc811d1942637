// What a person does in the browser, step by step, for the end-to-end scenarios.
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

export interface TableSetupInput {
  title: string;
  system: string;
  present: string;
  future: string;
  facilitatorName: string;
}

/** The facilitator fills the home form and lands at the table; returns the participant link shown there. */
export async function openTableAsFacilitator(page: Page, input: TableSetupInput): Promise<string> {
  await page.goto("/");
  const form = page.getByRole("form", { name: "Ouvrir une table" });
  await form.getByRole("textbox", { name: "Titre de la table" }).fill(input.title);
  await form.getByRole("textbox", { name: "Le système", exact: true }).fill(input.system);
  await form.getByRole("textbox", { name: "Son état présent" }).fill(input.present);
  await form.getByRole("textbox", { name: "Un futur souhaitable" }).fill(input.future);
  await form.getByRole("button", { name: "Tirer un défi au hasard" }).click();
  await form.getByRole("textbox", { name: "Votre nom (animateur·rice)" }).fill(input.facilitatorName);
  await form.getByRole("button", { name: "Ouvrir la table" }).click();
  const tools = await openTools(page);
  const link = tools.getByRole("textbox", { name: "Lien pour les participant·es" });
  await expect(link).toHaveValue(/\/t\/.+#invitation=/);
  const value = await link.inputValue();
  await closeTools(page);
  return value;
}

/** The facilitator opens their tools (the drawer: links, lock, undo, timer, pitfalls, downloads, deletion); returns it. */
export async function openTools(page: Page): Promise<Locator> {
  const toggle = page.getByRole("button", { name: "Outils d'animation", exact: true });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  const tools = page.getByRole("dialog", { name: "Animation" });
  await expect(tools).toBeVisible();
  return tools;
}

/** The facilitator closes their tools, if open (on a wide screen the drawer covers the column of the hand and people). */
export async function closeTools(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: "Outils d'animation", exact: true });
  // The drawer covers the toggle on a wide screen: it is closed from inside, as a person does.
  if ((await toggle.getAttribute("aria-expanded")) === "true")
    await page.getByRole("button", { name: "Fermer les outils d'animation" }).click();
  await expect(page.getByRole("dialog", { name: "Animation" })).toBeHidden();
}

/** A participant opens the link in their own browser context and takes a seat (in a zone of the kit's actor map). */
export async function joinAsParticipant(
  browser: Browser,
  link: string,
  name: string,
  role: string,
  zone = "Société civile",
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fillJoinForm(page, link, name, role, zone);
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  return page;
}

/** Opens the link, fills the join form (name, zone of the actor map, role) and presses « Rejoindre la table ». */
export async function fillJoinForm(
  page: Page,
  link: string,
  name: string,
  role: string,
  zone = "Société civile",
): Promise<void> {
  await page.goto(link);
  await page.getByRole("textbox", { name: "Votre nom" }).fill(name);
  await page.getByRole("radio", { name: zone, exact: true }).check();
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill(role);
  await page.getByRole("button", { name: "Rejoindre la table" }).click();
}

/** Draws from a pile and returns the title of the card that arrived in the hand. */
export async function drawCard(page: Page, pile: "un défi" | "un levier" | "un écueil"): Promise<string> {
  const hand = page.getByRole("region", { name: /Ma main/ });
  const before = await hand.getByRole("button", { name: /^Placer « / }).count();
  await page.getByRole("button", { name: `Piocher ${pile}` }).click();
  await expect(hand.getByRole("button", { name: /^Placer « / })).toHaveCount(before + 1);
  const label = await hand
    .getByRole("button", { name: /^Placer « / })
    .last()
    .textContent();
  const match = label?.match(/^Placer « (.+) »$/);
  if (!match?.[1]) throw new Error(`no card title in "${label}"`);
  return writeBlankIfAny(page, match[1]);
}

let blanksWritten = 0;

/**
 * A blank card of my hand (« Défi à écrire », « Écueil à écrire ») is written before it is placed: when the card of this
 * title is one, fills its form in the hand and returns the title it now has; any other card's title comes back as it is.
 */
export async function writeBlankIfAny(page: Page, title: string): Promise<string> {
  const hand = page.getByRole("region", { name: /Ma main/ });
  const form = hand.getByRole("form", { name: `Écrire la carte « ${title} »` });
  if ((await form.count()) === 0) return title;
  blanksWritten += 1;
  const written = `Notre carte n° ${blanksWritten} (${title.replace(/ à écrire$/, "").toLowerCase()})`;
  await form.last().getByRole("textbox", { name: "Titre de la carte" }).fill(written);
  await form
    .last()
    .getByRole("textbox", { name: "Texte de la carte" })
    .fill("Écrite à la table, sur une carte vierge.");
  await form.last().getByRole("button", { name: "Écrire la carte" }).click();
  await expect(hand.getByRole("button", { name: `Placer « ${written} »`, exact: true })).toBeVisible();
  return written;
}

/**
 * The facilitator deals a pitfall where this option of « Où distribuer l'écueil ? » says. When the top of the pile is a
 * blank (« Écueil à écrire ») dealt onto the path, the deal form asks for its title and text: they are filled, then sent.
 * Returns the title written, or null when the pitfall was not blank (or went to a hand, whose holder writes a blank).
 */
export async function dealPitfall(page: Page, option: string): Promise<string | null> {
  const steps = page.getByRole("article", { name: /^Étape \d+ : / });
  const before = await steps.count();
  // Dealing is among the facilitator's tools: opened for the deal, closed after it.
  await openTools(page);
  await page.getByRole("combobox", { name: "Où distribuer l'écueil ?" }).selectOption({ label: option });
  await page.getByRole("button", { name: "Distribuer l'écueil" }).click();
  if (option.startsWith("Dans la main")) {
    await closeTools(page);
    return null;
  }
  const blank = page.getByRole("group", { name: "L'écueil tiré est une carte vierge" });
  await expect.poll(async () => (await blank.isVisible()) || (await steps.count()) > before).toBe(true);
  if (!(await blank.isVisible())) {
    await closeTools(page);
    return null;
  }
  blanksWritten += 1;
  const written = `Notre écueil n° ${blanksWritten}`;
  await blank.getByRole("textbox", { name: "Titre de la carte" }).fill(written);
  await blank.getByRole("textbox", { name: "Texte de la carte" }).fill("Écrit par l'animation en le distribuant.");
  await page.getByRole("button", { name: "Poser l'écueil écrit" }).click();
  await expect(steps).toHaveCount(before + 1);
  await closeTools(page);
  return written;
}

/** Where a card goes: at the start of the path, or after the step of this number. */
export type Spot = "start" | number;

/**
 * Places a card of my hand the way a person taps it: « Placer » on the card, then the spot in the chooser that opens
 * (two taps). The chooser closes once the card is on its way.
 */
export async function placeCard(page: Page, title: string, spot: Spot): Promise<void> {
  await page
    .getByRole("region", { name: /Ma main/ })
    .getByRole("button", { name: `Placer « ${title} »`, exact: true })
    .click();
  const chooser = page.getByRole("dialog", { name: `Où placer « ${title} » ?` });
  const name = spot === "start" ? "Au début du chemin" : new RegExp(`^Après l'étape ${spot} — `);
  await chooser.getByRole("button", { name }).click();
  await expect(chooser).toBeHidden();
}

/** The step at this number on the board (its tile, and its detail when open). */
/**
 * Drags a card of my hand with the mouse onto a drop zone of the path (`[data-spot="start"]`, `after-N`). The card is
 * pressed only once it has stopped moving and is the thing under the pointer: a card just drawn flies in, and a notice
 * or a written blank card can shift the hand for a moment.
 */
export async function dragCard(page: Page, card: Locator, spot: string): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  await expect(page.locator(".draw-flight")).toHaveCount(0);
  let centre = { x: 0, y: 0 };
  await expect
    .poll(async () => {
      const before = await card.boundingBox();
      await page.waitForTimeout(100);
      const after = await card.boundingBox();
      if (!before || !after || before.x !== after.x || before.y !== after.y) return "moving";
      centre = { x: after.x + after.width / 2, y: after.y + after.height / 2 };
      const underPointer = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest(".hand-card__grip") !== null,
        centre,
      );
      return underPointer ? "still, under the pointer" : "covered";
    })
    .toBe("still, under the pointer");
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await page.mouse.move(centre.x - 30, centre.y + 40, { steps: 5 }); // past the drag threshold: the drop zones open
  const zone = page.locator(`[data-spot="${spot}"]`);
  await expect(zone).toBeAttached();
  await zone.scrollIntoViewIfNeeded();
  const box = await zone.boundingBox();
  if (!box) throw new Error(`no drop zone ${spot}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 10 });
  await expect(zone).toHaveClass(/slot--over/);
  await page.mouse.up();
}

export function stepOf(page: Page, stepNumber: number): Locator {
  return page.getByRole("article", { name: new RegExp(`^Étape ${stepNumber} : `) });
}

/**
 * Opens the step at this number in full (a tap on its tile), unless it is open already; returns the step. A step just
 * placed opens by itself a moment later: a tap that crossed it closed the step again, so the tap is tried again.
 */
export async function openStep(page: Page, stepNumber: number): Promise<Locator> {
  const step = stepOf(page, stepNumber);
  const tile = step.getByRole("button", { name: new RegExp(`^Étape ${stepNumber} : `) });
  await expect(async () => {
    if ((await tile.getAttribute("aria-expanded")) !== "true") await tile.click();
    await expect(tile).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass();
  return step;
}

/**
 * Writes and saves the narration of the step at this number. The step I just placed is open with its editor; any
 * other is opened first, and a narration already written is edited (« Modifier ma narration »).
 */
export async function narrate(page: Page, stepNumber: number, text: string): Promise<void> {
  const step = await openStep(page, stepNumber);
  const box = step.getByRole("textbox", { name: `Narration de l'étape ${stepNumber}` });
  const edit = step.getByRole("button", { name: "Modifier ma narration" });
  await expect(box.or(edit)).toBeVisible();
  if (await edit.isVisible()) await edit.click();
  await box.fill(text);
  await step.getByRole("button", { name: "Enregistrer la narration" }).click();
  await expect(box).toBeHidden();
}

/** The path as a person reads it: each step's card title and narration, in order. */
export async function readPath(page: Page): Promise<string[]> {
  const steps = page.getByRole("article", { name: /^Étape \d+ : / });
  return steps.evaluateAll((nodes) =>
    // The tile holds the whole narration (shown cut to a few lines); a step not yet narrated has none.
    nodes.map((n) => `${n.getAttribute("aria-label")} | ${n.querySelector("[data-narration]")?.textContent ?? ""}`),
  );
}
