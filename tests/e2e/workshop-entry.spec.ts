// The way into a workshop: a facilitator opens a workshop of two tables from the home page and lands on its overview;
// a participant on a phone opens the workshop link, sees both tables, picks one and sits; the workshop link brings
// them back to the same table and seat later. Another types the workshop's code and « Placez-moi » seats them at the
// least full table. Once the facilitator closes arrivals, the lobby says so; a remembered table the workshop no longer
// has leads to the lobby. The facilitator, opening a table, finds their name already in its join form.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { LINK_KEYS, tableLink } from "#shared/protocol-constants.ts";
import type { CreatedWorkshop } from "#shared/workshop.ts";

const TITLE = "Assises de la mobilité douce";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** The facilitator fills « Animer un atelier de plusieurs tables » and lands on the overview; returns what the server answered. */
async function openWorkshop(page: Page): Promise<CreatedWorkshop> {
  await page.goto("/");
  await page.getByRole("button", { name: "Préparer un atelier" }).click();
  const form = page.getByRole("form", { name: "Animer un atelier de plusieurs tables" });
  await form.getByRole("textbox", { name: "Titre de l'atelier" }).fill(TITLE);
  await form.getByRole("spinbutton", { name: "Nombre de tables" }).fill("2");
  await form.getByRole("textbox", { name: "Le système", exact: true }).fill("La ville de Caen");
  await form.getByRole("textbox", { name: "Son état présent" }).fill("Des voitures partout");
  await form.getByRole("textbox", { name: "Un futur souhaitable" }).fill("Des rues aux enfants");
  await form.getByRole("button", { name: "Tirer un défi au hasard" }).click();
  // A setup per table: the second table has a name and a system of its own, the first keeps the shared ones.
  await form.getByRole("radio", { name: "Un cadre par table" }).check();
  await expect(form.getByRole("textbox", { name: "Nom de la table 1" })).toHaveValue("Table 1");
  await form.getByRole("textbox", { name: "Nom de la table 2" }).fill("Les Tanneurs");
  await form.getByRole("textbox", { name: "Système de la table 2" }).fill("Le quartier des Tanneurs");
  await form.getByRole("textbox", { name: "Votre nom (animateur·rice de l'atelier)" }).fill("Awa");
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/workshops") && r.request().method() === "POST");
  await form.getByRole("button", { name: "Ouvrir l'atelier" }).click();
  const created = (await (await answer).json()) as CreatedWorkshop;
  await expect(page).toHaveURL(new RegExp(`/a/${created.workshopId}#${LINK_KEYS.facilitator}=`));
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  return created;
}

async function phone(browser: Browser): Promise<Page> {
  return (await browser.newContext(PHONE)).newPage();
}

/** The lobby's card of a table. */
function tableCard(page: Page, name: string) {
  return page.getByRole("article", { name, exact: true });
}

/** Fills the table's join form (which names the table) and sits; returns the table's path. */
async function sitDown(page: Page, tableName: string, name: string, role: string): Promise<string> {
  await expect(page.getByRole("heading", { level: 1, name: `Rejoindre « ${tableName} · ${TITLE} »` })).toBeVisible();
  await page.getByRole("textbox", { name: "Votre nom" }).fill(name);
  await page.getByRole("radio", { name: "Société civile", exact: true }).check();
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill(role);
  await page.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(page.getByText(`${name} (vous)`)).toBeVisible();
  return new URL(page.url()).pathname;
}

test("participants come in by the workshop link or its code, pick a table or are placed, and come back to their seat", async ({
  browser,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const created = await openWorkshop(page);

  // Bastien, on a phone, opens the workshop link: both tables, who sits there, seats left.
  const bastien = await phone(browser);
  await bastien.goto(created.participantLink);
  await expect(bastien.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(tableCard(bastien, "Table 1")).toContainText("10 places libres");
  await expect(tableCard(bastien, "Les Tanneurs")).toContainText("Personne n'est encore assis·e.");
  expect(await bastien.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await bastien.getByRole("button", { name: "Rejoindre Table 1" }).click();
  const bastienTable = await sitDown(bastien, "Table 1", "Bastien", "habitant");

  // The workshop link again, later: straight back to the same table and seat, no form.
  await bastien.goto("about:blank");
  await bastien.goto(created.participantLink);
  await expect(bastien.getByText("Bastien (vous)")).toBeVisible();
  expect(new URL(bastien.url()).pathname).toBe(bastienTable);
  await expect(bastien.getByRole("textbox", { name: "Votre nom" })).toHaveCount(0);

  // Chloé types the workshop's code: its lobby; « Placez-moi » seats her at the least full table, the other one.
  const chloe = await phone(browser);
  await chloe.goto("/");
  await chloe.getByRole("textbox", { name: "Code de la table ou de l'atelier" }).fill(created.joinCode.toLowerCase());
  await chloe.getByRole("button", { name: "Valider le code" }).click();
  await expect(chloe.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(tableCard(chloe, "Table 1").getByRole("list", { name: "Assis·es à Table 1" })).toContainText("Bastien");
  await expect(tableCard(chloe, "Table 1")).toContainText("9 places libres");
  await chloe.getByRole("button", { name: "Placez-moi à une table" }).click();
  const chloeTable = await sitDown(chloe, "Les Tanneurs", "Chloé", "élue");
  expect(chloeTable).not.toBe(bastienTable);

  // The facilitator closes arrivals from the overview: a newcomer's lobby says so, and seats nobody.
  await page.getByRole("button", { name: "Fermer les arrivées" }).click();
  const late = await phone(browser);
  // This browser remembers a table the workshop no longer has (deleted since): the lobby shows instead.
  await late.goto("/");
  await late.evaluate(
    (id) => localStorage.setItem(`jdt:workshop-table:${id}`, "/t/effacee#invitation=x"),
    created.workshopId,
  );
  await late.goto(created.participantLink);
  await expect(late.getByRole("status").filter({ hasText: "Les arrivées sont closes" })).toBeVisible();
  await expect(late.getByRole("button", { name: "Rejoindre Table 1" })).toBeDisabled();
  // A closed table offers no place: no « places libres » beside its reason.
  await expect(tableCard(late, "Table 1")).not.toContainText("places libres");
  await expect(late.getByRole("button", { name: "Placez-moi à une table" })).toHaveCount(0);
  // Someone already seated still comes back to their table.
  await chloe.goto("about:blank");
  await chloe.goto(created.participantLink);
  await expect(chloe.getByText("Chloé (vous)")).toBeVisible();

  // The facilitator opens Bastien's table with the workshop's key: the join form already has their name.
  const workshopKey = new URL(created.facilitatorLink).hash.split("=")[1] ?? "";
  const tableId = decodeURIComponent(bastienTable.replace(/^\/t\//, ""));
  const atTable = await page.context().newPage();
  await atTable.goto(tableLink(tableId, "facilitator", workshopKey));
  await expect(atTable.getByRole("textbox", { name: "Votre nom" })).toHaveValue("Awa");

  for (const p of [bastien, chloe, late]) await p.context().close();
});
