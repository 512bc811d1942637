// Joining by code: the facilitator reads the table's short code in their share section; a participant on a phone types
// it on the home page, lands on the join form that names the table, and sits. Once the table is locked, the same code
// is refused with the reason. The tab names the table on the join page and at the table. Whoever sits from a form (the
// join form, or the home form that opens the table), scrolled down to its button on a small phone, starts the table at
// its top.
import { expect, test, type Page } from "@playwright/test";
import { seedTable } from "../seed-table.ts";

const TITLE = "Les Tanneurs en 2050";
const TAB = `${TITLE} — Jeu des transitions`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The facilitator fills the home form and lands at the table (seated from the form). */
async function openTable(page: Page): Promise<void> {
  await page.goto("/");
  const form = page.getByRole("form", { name: "Ouvrir une table" });
  await form.getByRole("textbox", { name: "Titre de la table" }).fill(TITLE);
  await form.getByRole("textbox", { name: "Le système", exact: true }).fill("Le quartier des Tanneurs");
  await form.getByRole("textbox", { name: "Son état présent" }).fill("Des voitures partout");
  await form.getByRole("textbox", { name: "Un futur souhaitable" }).fill("Une rue aux enfants");
  await form.getByRole("button", { name: "Tirer un défi au hasard" }).click();
  await form.getByRole("textbox", { name: "Votre nom (animateur·rice)" }).fill("Awa");
  await form.getByRole("button", { name: "Ouvrir la table" }).click();
  await expect(atTheTable(page)).toBeVisible();
}

/** The table screen's heading: the table's title (the join form's says « Rejoindre « … » »). */
function atTheTable(page: Page) {
  return page.getByRole("heading", { level: 1, name: TITLE, exact: true });
}

/** The facilitator's tools, opened if they are not: the share section and the lock live there. */
async function openTools(page: Page): Promise<void> {
  const share = page.getByRole("heading", { name: "Inviter les participant·es" });
  if (!(await share.isVisible())) await page.getByRole("button", { name: "Outils d'animation" }).click();
  await expect(share).toBeVisible();
}

/** The code as the share section shows it, « K7PQ-2MXR ». */
async function readJoinCode(page: Page): Promise<string> {
  await openTools(page);
  const line = page.getByText(/tapez le code/);
  await expect(line).toContainText(/[2-9A-Z]{4}-[2-9A-Z]{4}/);
  const code = (await line.textContent())?.match(/[2-9A-Z]{4}-[2-9A-Z]{4}/)?.[0];
  if (!code) throw new Error("no join code in the share section");
  return code;
}

/** The home page's « Rejoindre avec un code ». */
function codeSection(page: Page) {
  return page.getByRole("region", { name: "Rejoindre avec un code" });
}

/** Types a code on the home page, as a person on a phone does. */
async function typeCode(page: Page, typed: string): Promise<void> {
  const section = codeSection(page);
  await section.getByRole("textbox", { name: "Code de la table ou de l'atelier" }).fill(typed);
  await section.getByRole("button", { name: "Valider le code" }).click();
}

test("a participant on a phone joins by the table's code, sees the table named, and is refused the code once the table is locked", async ({
  browser,
  page,
}) => {
  await openTable(page);
  await expect(page).toHaveTitle(TAB);
  const code = await readJoinCode(page);

  const phone = await browser.newContext(PHONE);
  const bastien = await phone.newPage();
  await bastien.goto("/");
  // On a phone the code comes first, in a field made for it: capitals, no correction, no horizontal scrolling.
  const field = bastien.getByRole("textbox", { name: "Code de la table ou de l'atelier" });
  await expect(field).toBeInViewport();
  await expect(field).toHaveAttribute("autocapitalize", "characters");
  await expect(field).toHaveAttribute("autocorrect", "off");
  expect((await field.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  expect(await bastien.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // A slip first: the code is checked before anything is asked of the server.
  await typeCode(bastien, "K7PQ");
  await expect(codeSection(bastien).getByRole("alert")).toHaveText(/Un code a 8 caractères/);

  // Typed as people type it: lower case, a space instead of the dash.
  await typeCode(bastien, code.toLowerCase().replace("-", " "));
  await expect(bastien.getByRole("heading", { level: 1, name: `Rejoindre « ${TITLE} »` })).toBeVisible();
  await expect(bastien).toHaveURL(/\/t\/[^#]+#invitation=/);
  await expect(bastien).toHaveTitle(TAB);
  await bastien.getByRole("textbox", { name: "Votre nom" }).fill("Bastien");
  await bastien.getByRole("radio", { name: "Société civile", exact: true }).check();
  await bastien.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("habitant");
  await bastien.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(atTheTable(bastien)).toBeVisible();
  await expect(bastien).toHaveTitle(TAB);
  await expect(page.getByText("Bastien").first()).toBeVisible();

  // The facilitator locks the table: the code now says why it leads nowhere.
  await openTools(page);
  await page.getByRole("button", { name: "Verrouiller la table" }).click();
  await expect(page.getByRole("button", { name: "Déverrouiller la table" })).toBeVisible();

  const late = await (await browser.newContext(PHONE)).newPage();
  await late.goto("/");
  await typeCode(late, code);
  await expect(codeSection(late).getByRole("alert")).toHaveText("L'animation a fermé la table aux nouvelles arrivées.");
  await expect(late).toHaveURL(/\/$/);
  await expect(late.getByRole("textbox", { name: "Code de la table ou de l'atelier" })).toBeFocused();

  // A code of no table says so too.
  await typeCode(late, "2222-2222");
  await expect(codeSection(late).getByRole("alert")).toHaveText(/^Aucune table ni aucun atelier n'a ce code/);

  await phone.close();
  await late.context().close();
});

test("on a small phone, who scrolled down the join form to sit starts the table at its top, on its title", async ({
  browser,
  baseURL,
}) => {
  const table = await seedTable({
    baseUrl: baseURL ?? "",
    participants: 1,
    steps: 0,
    phase: "preparation",
    title: TITLE,
  });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(table.participantLink);
  await page.getByRole("textbox", { name: "Votre nom" }).fill("Inès");
  await page.getByRole("radio", { name: "Société civile", exact: true }).check();
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("commerçante");
  const join = page.getByRole("button", { name: "Rejoindre la table" });
  await join.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY), "the form is longer than the screen").toBeGreaterThan(200);
  await join.tap();

  // The table's title, its phase and what to do now are on screen; the keyboard and screen readers start there.
  const title = atTheTable(page);
  await expect(title).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(title).toBeInViewport();
  await expect(title).toBeFocused();
  await expect(page.getByText("Phase : Préparation")).toBeInViewport();
  await expect(page.getByText(/^L'animation prépare la table avec vous/)).toBeInViewport();

  // Back at the seat after a reload: nothing takes the focus to the title (it was not the form that seated them).
  await page.reload();
  await expect(title).toBeVisible();
  await expect(title).not.toBeFocused();
  await context.close();
  await table.close();
});

test("on a small phone, the facilitator who opens a table from the home form starts it at its top, on its title", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/");
  const open = page.getByRole("form", { name: "Ouvrir une table" }).getByRole("button", { name: "Ouvrir la table" });
  await open.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY), "the home form is longer than the screen").toBeGreaterThan(200);
  await openTable(page);

  const title = atTheTable(page);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(title).toBeFocused();
  await expect(page.getByText("Phase : Préparation")).toBeInViewport();

  // A reload finds the seat again: the focus is left where the browser puts it.
  await page.reload();
  await expect(title).toBeVisible();
  await expect(title).not.toBeFocused();
  await context.close();
});
