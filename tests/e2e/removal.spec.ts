// A facilitator removes someone and changes the participant link: the old link lets nobody new in, the people seated
// stay, and the new link shown to the facilitator works.
import { expect, test } from "@playwright/test";
import { joinAsParticipant, openTableAsFacilitator, openTools } from "./helpers.ts";

test("removing someone and changing the link keeps them out, and the seated people in", async ({ page, browser }) => {
  const oldLink = await openTableAsFacilitator(page, {
    title: "Atelier fermé aux intrus",
    system: "La commune",
    present: "Une place pleine de voitures",
    future: "Une place pour tous",
    facilitatorName: "Awa",
  });
  const bastien = await joinAsParticipant(browser, oldLink, "Bastien", "habitant");
  const mallory = await joinAsParticipant(browser, oldLink, "Mallory", "intruse");

  await page.getByText("Gérer Mallory").click();
  await page.getByRole("button", { name: "Retirer Mallory de la table" }).click();
  await page.getByRole("button", { name: "Retirer et changer le lien" }).click();

  await expect(page.getByText("Nouveau lien des participant·es : l'ancien ne fonctionne plus.")).toBeVisible();
  const linkField = (await openTools(page)).getByRole("textbox", { name: "Lien pour les participant·es" });
  await expect(linkField).not.toHaveValue(oldLink);
  const newLink = await linkField.inputValue();
  expect(newLink).toMatch(/\/t\/.+#invitation=/);

  // Mallory's page is closed on her; in a new browser the old link no longer opens the table.
  await expect(mallory.getByText(/retiré·e de cette table/).first()).toBeVisible();
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(oldLink);
  await stranger.getByRole("textbox", { name: "Votre nom" }).fill("Mallory bis");
  await stranger.getByRole("radio", { name: "Société civile", exact: true }).check();
  await stranger.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("intruse");
  await stranger.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(
    stranger.getByText("L'animateur·rice a remplacé ce lien : demandez-lui le nouveau lien pour entrer."),
  ).toBeVisible();

  // Bastien's page holds the old link: a reload brings him back to his seat.
  await bastien.reload();
  await expect(bastien.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();

  // The new link lets a newcomer in.
  await joinAsParticipant(browser, newLink, "Chloé", "élue");
});
