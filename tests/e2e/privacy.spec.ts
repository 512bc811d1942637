// The privacy page: reached from the footer of every page, and opened directly at its address (the server serves it).
// It says what is kept, for how long (the host's RETENTION_DAYS), and how to have it deleted, under headings.
import { expect, test } from "@playwright/test";

test("the footer leads to the privacy page, which says what is kept, for how long and how to have it deleted", async ({
  page,
}) => {
  // Nothing but the app's own server (and inline data: images) is ever asked for anything.
  const own = new URL(String(test.info().project.use.baseURL)).origin;
  const thirdParty: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== own) thirdParty.push(request.url());
  });
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Confidentialité" }).click();
  await expect(page).toHaveURL(/\/confidentialite$/);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Vos données" })).toBeVisible();
  for (const heading of [
    "Ce que l'application garde",
    "Ce qu'elle ne fait pas",
    "Dans votre navigateur",
    "Combien de temps",
    "Faire effacer vos données",
  ]) {
    await expect(main.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(main.getByText("Pas de cookie.")).toBeVisible();
  // The host's setting, read from the server (the default here).
  await expect(main.getByText(/pendant 90 jours est effacée/)).toBeVisible();
  await expect(page).toHaveTitle("Confidentialité — Jeu des transitions");
  expect(await page.context().cookies()).toEqual([]);
  expect(thirdParty).toEqual([]);

  // Opened directly (a link shared by the host), the server answers with the app.
  const response = await page.goto("/confidentialite");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Vos données" })).toBeVisible();
  await page.getByRole("link", { name: "Retour à l'accueil" }).click();
  await expect(page.getByRole("heading", { name: "Ouvrir une table" })).toBeVisible();
});
