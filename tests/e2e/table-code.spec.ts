// The table's code comes after the join form's (client/src/lazy-part.tsx): on a slow phone it may still be on its way
// when the person is seated. The page then says the table is opening, and shows it the moment its code is here; if
// the code cannot be fetched at all, the page says so and offers to reload, which brings the person back to their seat.
import { expect, test, type Browser, type BrowserContext, type Page, type Route } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { fillJoinForm } from "./helpers.ts";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The table screen's own chunk (vite.config.ts names it « table »). */
const TABLE_CODE = /\/assets\/table-[^/]+\.js$/;

let table: SeededTable;

test.afterEach(async () => {
  await table?.close();
});

/** A table in play, and a phone about to open its participant link. */
async function phoneBeforeTable(
  browser: Browser,
  baseURL: string | undefined,
): Promise<{ context: BrowserContext; page: Page }> {
  table = await seedTable({ baseUrl: baseURL ?? "", participants: 2, steps: 3, phase: "play" });
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

const join = (page: Page) => fillJoinForm(page, table.participantLink, "Inès", "Riveraine");

test("seated before the table's code has arrived, a person sees the table opening, then the table as soon as its code is here", async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await phoneBeforeTable(browser, baseURL);
  const held: Route[] = [];
  await page.route(TABLE_CODE, (route) => void held.push(route));

  await join(page);
  await expect(page.getByRole("status").filter({ hasText: "Ouverture de la table…" })).toBeVisible();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeHidden();

  for (const route of held) await route.continue();
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  await expect(page.getByText("Ouverture de la table…")).toBeHidden();
  await context.close();
});

test("when the table's code cannot be fetched, the page says so, and reloading brings the person back to their seat", async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await phoneBeforeTable(browser, baseURL);
  await page.route(TABLE_CODE, (route) => route.abort("internetdisconnected"));

  await join(page);
  await expect(page.getByRole("alert").filter({ hasText: "n'a pas pu se charger" })).toBeVisible();

  await page.unroute(TABLE_CODE);
  await page.getByRole("button", { name: "Recharger la page" }).click();
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  // The same person, not a new one: the form is not asked again and the people list holds one Inès.
  await expect(page.getByRole("textbox", { name: "Votre nom" })).toBeHidden();
  const people = page.getByRole("list", { name: "Personnes assises" }).getByRole("listitem");
  await expect(people.filter({ hasText: "Inès (vous)" })).toHaveCount(1);
  await expect(people.filter({ hasText: "Inès" })).toHaveCount(1);
  await context.close();
});
