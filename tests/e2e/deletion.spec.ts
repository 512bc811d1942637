// A facilitator deletes the table from the panel, after a confirmation that says what will be gone: they land on the
// home page with a notice, a participant's open page says the table was deleted, and the old links say so too.
import { expect, test } from "@playwright/test";
import { joinAsParticipant, openTableAsFacilitator, openTools } from "./helpers.ts";

test("deleting the table closes it for everyone, and its links then say it is gone", async ({ page, browser }) => {
  const participantLink = await openTableAsFacilitator(page, {
    title: "Atelier à effacer",
    system: "La commune",
    present: "Une place pleine de voitures",
    future: "Une place pour tous",
    facilitatorName: "Awa",
  });
  const facilitatorLink = page.url();
  const bastien = await joinAsParticipant(browser, participantLink, "Bastien", "habitant");

  // The facilitator sees until when the server keeps the table if nobody touches it.
  await openTools(page);
  const panel = page.getByRole("region", { name: "Animation" });
  await expect(
    panel.getByText(/^Ce récit sera effacé le \d{1,2} \S+ \d{4} si personne n'y touche : toute action/),
  ).toBeVisible();

  await panel.getByRole("button", { name: "Effacer la table" }).click();
  const confirmation = panel.getByRole("group", { name: "Effacer cette table pour de bon ?" });
  await expect(confirmation.getByRole("listitem")).toHaveText([/chemin/, /narration/, /personnes.*mains/, /liens/]);
  await expect(confirmation.getByText(/Téléchargez d'abord le récit/)).toBeVisible();
  // Cancelling changes nothing.
  await confirmation.getByRole("button", { name: "Annuler" }).click();
  await expect(confirmation).toBeHidden();
  await panel.getByRole("button", { name: "Effacer la table" }).click();
  await panel.getByRole("button", { name: "Effacer définitivement" }).click();

  // The facilitator lands on the home page with a notice.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Ouvrir une table" })).toBeVisible();
  await expect(page.getByText("La table « Atelier à effacer » a été effacée.")).toBeVisible();

  // Bastien's open page is told, and does not try to come back.
  await expect(bastien.getByText("Cette table a été effacée.")).toBeVisible();
  await expect(bastien.getByRole("heading", { name: "Le chemin", exact: true })).toBeHidden();

  // The old links lead nowhere: Bastien's (reloaded), the facilitator's, and the participant link in a new browser.
  await bastien.reload();
  await expect(bastien.getByText("Cette table n'existe pas ou a été effacée.")).toBeVisible();
  await page.goto(facilitatorLink);
  await expect(page.getByText("Cette table n'existe pas ou a été effacée.")).toBeVisible();
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(participantLink);
  await newcomer.getByRole("textbox", { name: "Votre nom" }).fill("Chloé");
  await newcomer.getByRole("radio", { name: "Société civile", exact: true }).check();
  await newcomer.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("élue");
  await newcomer.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(newcomer.getByText("Cette table n'existe pas ou a été effacée.")).toBeVisible();
});
