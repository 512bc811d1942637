// Blank cards (« Écueil à écrire »): the facilitator writes one as she deals it onto the path, a participant writes the
// one dealt into her hand with the keyboard before placing it (the focus moves on to the written card); both are the
// table's own cards, on everyone's path and in the exports.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import {
  closeTools,
  dealPitfall,
  joinAsParticipant,
  narrate,
  openStep,
  openTableAsFacilitator,
  openTools,
  placeCard,
  stepOf,
} from "./helpers.ts";

const phasesOf = (page: Page) => page.getByRole("region", { name: "Les phases du récit" });

async function download(page: Page, button: string): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return readFile(await (await downloading).path(), "utf8");
}

/** Deals pitfalls onto the start of the path until the top of the pile is blank (the kit has 3 among 8): its title. */
async function dealUntilBlank(page: Page, write: boolean): Promise<string | null> {
  const blank = page.getByRole("group", { name: "L'écueil tiré est une carte vierge" });
  for (let deal = 0; deal < 8; deal += 1) {
    if (write) {
      const written = await dealPitfall(page, "Au début du chemin");
      if (written) return written;
      continue;
    }
    const steps = page.getByRole("article", { name: /^Étape \d+ : / });
    const before = await steps.count();
    await openTools(page);
    await page
      .getByRole("combobox", { name: "Où distribuer l'écueil ?" })
      .selectOption({ label: "Au début du chemin" });
    await page.getByRole("button", { name: "Distribuer l'écueil" }).click();
    await expect.poll(async () => (await blank.isVisible()) || (await steps.count()) > before).toBe(true);
    if (await blank.isVisible()) return null;
  }
  throw new Error("no blank pitfall came up");
}

test("a facilitator writes a blank pitfall as she deals it onto the path; a participant writes the one dealt into her hand, then places it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier des cartes vierges",
    system: "Le quartier de la gare",
    present: "Un quartier traversé, où l'on ne s'arrête pas.",
    future: "Un quartier où l'on vit et où l'on reste.",
    facilitatorName: "Camille",
  });
  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const everyone = [facilitator, alex];
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();

  // Onto the path: the blank on top of the pile asks for its title and text first; nothing lands before that.
  const byFacilitator = await dealUntilBlank(facilitator, true);
  if (!byFacilitator) throw new Error("unreachable");
  for (const page of everyone) {
    const step = stepOf(page, 1);
    await expect(step).toHaveAccessibleName(`Étape 1 : ${byFacilitator}`);
    await expect(step.getByText("Écueil distribué — en attente d'une réponse")).toBeVisible();
  }
  await expect((await openStep(alex, 1)).getByText("Écrit par l'animation en le distribuant.")).toBeVisible();
  await expect(facilitator.getByRole("article", { name: /^Étape \d+ : Écueil à écrire$/ })).toHaveCount(0);

  // The next blank comes up: the facilitator cancels, then deals it into Alex's hand instead.
  expect(await dealUntilBlank(facilitator, false)).toBeNull();
  const stepsBefore = await facilitator.getByRole("article", { name: /^Étape \d+ : / }).count();
  await facilitator
    .getByRole("dialog", { name: "Animation" })
    .getByRole("button", { name: "Annuler", exact: true })
    .click();
  await expect(facilitator.getByRole("group", { name: "L'écueil tiré est une carte vierge" })).toBeHidden();
  await facilitator
    .getByRole("combobox", { name: "Où distribuer l'écueil ?" })
    .selectOption({ label: "Dans la main d'Alex" });
  await facilitator.getByRole("button", { name: "Distribuer l'écueil" }).click();
  await closeTools(facilitator);

  // Alex holds it, blank and dealt: she writes it in her hand with the keyboard, then places it like any card.
  const hand = alex.getByRole("region", { name: /Ma main/ });
  const form = hand.getByRole("form", { name: "Écrire la carte « Écueil à écrire »" });
  await expect(form).toBeVisible();
  await expect(hand.getByText("distribué par l'animation : à jouer")).toBeVisible();
  await form.getByRole("textbox", { name: "Titre de la carte" }).focus();
  await alex.keyboard.type("La gare qui ferme le soir");
  await alex.keyboard.press("Tab");
  await expect(form.getByRole("textbox", { name: "Texte de la carte" })).toBeFocused();
  await alex.keyboard.type("Après 20 h, plus un train ne s'arrête : le quartier se vide.");
  await alex.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Écrire la carte" })).toBeFocused();
  await alex.keyboard.press("Enter");
  await expect(form).toBeHidden();
  // She goes on from the written card, not from the top of the page.
  await expect(hand.getByRole("button", { name: "Placer « La gare qui ferme le soir »", exact: true })).toBeFocused();
  await placeCard(alex, "La gare qui ferme le soir", stepsBefore);
  const placed = stepsBefore + 1;
  for (const page of everyone) {
    await expect(stepOf(page, placed)).toHaveAccessibleName(`Étape ${placed} : La gare qui ferme le soir`);
    const step = await openStep(page, placed);
    await expect(step.getByText("Après 20 h, plus un train ne s'arrête : le quartier se vide.")).toBeVisible();
    await expect(step.getByText("écrite à cette table par Alex")).toBeVisible();
  }

  // Débrief: Alex's step is not told yet. Closing the story says so first; she can still tell it now.
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Récit terminé »" }).click();
  const untold = "1 étape n'est pas encore racontée";
  await expect(
    phasesOf(facilitator).getByRole("button", { name: "Confirmer : passer à la phase « Récit terminé »" }),
  ).toHaveAccessibleDescription(new RegExp(`^${untold}`));
  await phasesOf(facilitator).getByRole("button", { name: "Annuler" }).click();
  await narrate(alex, placed, "La mairie affrète un bus du soir.");

  // The story closed, all of it is in its exports.
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Récit terminé »" }).click();
  await expect(phasesOf(facilitator).getByText(untold)).toHaveCount(0);
  await phasesOf(facilitator).getByRole("button", { name: "Confirmer : passer à la phase « Récit terminé »" }).click();
  const markdown = await download(facilitator, "Télécharger le récit (Markdown)");
  for (const text of [
    byFacilitator,
    "Écrit par l'animation en le distribuant.",
    "La gare qui ferme le soir",
    "Après 20 h, plus un train ne s'arrête",
    "La mairie affrète un bus du soir.",
  ]) {
    expect(markdown, text).toContain(text);
  }
  expect(markdown).not.toContain("Écueil à écrire");
  const json = JSON.parse(
    await download(facilitator, "Télécharger le récit complet (JSON, pour continuer ailleurs)"),
  ) as {
    table: { cards: Record<string, { title: string; writtenBy?: string; blank?: boolean }> };
  };
  const written = Object.values(json.table.cards).filter((card) => card.writtenBy);
  expect(written.map((card) => card.title).sort()).toEqual(["La gare qui ferme le soir", byFacilitator].sort());
});
