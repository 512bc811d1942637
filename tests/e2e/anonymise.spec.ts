// Anonymisation in the browser: a participant anonymises themself with the keyboard, the facilitator's page shows
// « Participant·e 2 » at once, and the Markdown story downloaded afterwards holds no trace of the real name.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { drawCard, joinAsParticipant, narrate, openTableAsFacilitator, openTools, placeCard } from "./helpers.ts";

const TRACES = /Zéphyrine|Quintal|apicultrice/;

test("a participant anonymises themself: everyone sees « Participant·e 2 », what she wrote stays, and the story downloaded after names her no more", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier des toits",
    system: "Le quartier des Pentes, Lyon",
    present: "Des toits vides et brûlants l'été.",
    future: "Des toits vivants, partagés par les voisin·es.",
    facilitatorName: "Camille",
  });
  const zephyrine = await joinAsParticipant(browser, link, "Zéphyrine Quintal", "apicultrice");
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();
  const card = await drawCard(zephyrine, "un levier");
  await placeCard(zephyrine, card, "start");
  await narrate(zephyrine, 1, "Les ruches du quartier bourdonnent sur chaque toit.");
  const people = facilitator.getByRole("region", { name: /Autour de la table/ });
  await expect(people).toContainText("Zéphyrine Quintal");

  // With the keyboard only: open « M'anonymiser », read what changes, confirm.
  const open = zephyrine.getByText("M'anonymiser", { exact: true });
  await open.focus();
  await zephyrine.keyboard.press("Enter");
  const confirm = zephyrine.getByRole("button", { name: "Confirmer : m'anonymiser" });
  await expect(confirm).toHaveAccessibleDescription(
    /deviennent « Participant·e 2 » et « participant·e » pour tout le monde/,
  );
  await expect(confirm).toHaveAccessibleDescription(/Ce que vous avez écrit .* reste dans le récit/);
  await zephyrine.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await zephyrine.keyboard.press("Enter");
  await expect(zephyrine.getByRole("status").filter({ hasText: "Vous êtes anonymisé·e" })).toContainText(
    "« Participant·e 2 »",
  );

  await expect(people).toContainText("Participant·e 2");
  await expect(people).toContainText("participant·e");
  await expect(facilitator.locator("body")).not.toContainText(TRACES);
  await expect(facilitator.getByText("Les ruches du quartier bourdonnent sur chaque toit.")).toBeVisible();

  const downloading = facilitator.waitForEvent("download");
  await (await openTools(facilitator)).getByRole("button", { name: "Télécharger le récit (Markdown)" }).click();
  const markdown = await readFile(await (await downloading).path(), "utf8");
  expect(markdown).toContain("Raconté par Participant·e 2 (participant·e)");
  expect(markdown).toContain("Les ruches du quartier bourdonnent sur chaque toit.");
  expect(markdown).not.toMatch(TRACES);
});
