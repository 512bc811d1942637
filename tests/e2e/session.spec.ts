// A whole session in three browsers: a facilitator opens a table, two participants join, draw, place and narrate.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import {
  closeTools,
  dragCard,
  drawCard,
  joinAsParticipant,
  narrate,
  openTableAsFacilitator,
  openTools,
  placeCard,
  readPath,
} from "./helpers.ts";

test("a facilitator and two participants write one story that everyone sees and the facilitator downloads", async ({
  browser,
}) => {
  const facilitatorContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier du quartier de la gare",
    system: "Le quartier de la gare, Rennes",
    present: "Beaucoup de voitures, peu d'espaces verts.",
    future: "Un quartier apaisé où l'on se déplace à pied et à vélo.",
    facilitatorName: "Camille",
  });
  await expect(
    (await openTools(facilitator)).getByRole("img", { name: "QR code du lien pour les participant·es" }),
  ).toBeVisible();
  await closeTools(facilitator);

  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const sam = await joinAsParticipant(browser, link, "Sam", "élu");
  await expect(
    facilitator
      .getByRole("region", { name: /Autour de la table/ })
      .getByRole("list", { name: "Personnes assises" })
      .getByRole("listitem"),
  ).toHaveCount(3);

  // Before play starts, there is nothing to draw: the piles and the hand show with the game.
  await expect(alex.getByRole("button", { name: "Piocher un levier" })).toHaveCount(0);
  await expect(alex.getByRole("region", { name: /Ma main/ })).toHaveCount(0);
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();
  await expect(alex.getByText("Phase : Jeu")).toBeVisible();

  // Alex draws a lever and places it at the start of the path with the spot chooser.
  const alexCard = await drawCard(alex, "un levier");
  await placeCard(alex, alexCard, "start");
  await narrate(alex, 1, "Les habitant·es cartographient ensemble les rues calmes.");

  // Sam draws a pitfall and drags it with the mouse before Alex's step, at the very start of the path.
  const samCard = await drawCard(sam, "un écueil");
  const grip = sam.getByRole("region", { name: /Ma main/ }).getByRole("article", { name: `Écueil : ${samCard}` });
  await dragCard(sam, grip, "start");
  await narrate(sam, 1, "Le coût du projet inquiète : la mairie cherche d'autres financements.");

  // Alex edits their narration, now step 2 (narrate opens the step and « Modifier ma narration »).
  await narrate(
    alex,
    2,
    "Les habitant·es cartographient ensemble les rues calmes, et la carte devient un bien commun.",
  );

  const expected = [
    `Étape 1 : ${samCard} | Le coût du projet inquiète : la mairie cherche d'autres financements.`,
    `Étape 2 : ${alexCard} | Les habitant·es cartographient ensemble les rues calmes, et la carte devient un bien commun.`,
  ];
  for (const page of [facilitator, alex, sam]) {
    await expect.poll(() => readPath(page)).toEqual(expected);
  }

  // Nobody sees another person's hand: Alex and Sam played their only cards; the facilitator holds none.
  await expect(alex.getByText("0 / 5 cartes")).toBeVisible();

  const downloadPromise = facilitator.waitForEvent("download");
  await (await openTools(facilitator)).getByRole("button", { name: "Télécharger le récit (Markdown)" }).click();
  const download = await downloadPromise;
  const markdown = await readFile(await download.path(), "utf8");
  const samAt = markdown.indexOf("Le coût du projet inquiète");
  const alexAt = markdown.indexOf("la carte devient un bien commun");
  expect(samAt).toBeGreaterThan(0);
  expect(alexAt).toBeGreaterThan(samAt);
  expect(markdown.split("Le coût du projet inquiète").length - 1).toBe(1);
  expect(markdown.split("cartographient ensemble").length - 1).toBe(1);
  expect(markdown).toContain("Raconté par Sam (élu)");
  expect(markdown).toContain("Raconté par Alex (habitante)");
  expect(markdown.indexOf("Raconté par Sam")).toBeLessThan(markdown.indexOf("Raconté par Alex"));
  expect(markdown).toContain("CC BY 3.0 FR");
});
