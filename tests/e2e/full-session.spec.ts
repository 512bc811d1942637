// A whole session, as a facilitator runs it with three participants: preparation with the group, play with a pitfall
// dealt and answered and a card written at the table, everyone's debrief and the winning table, the closed story,
// and its exports holding all of it.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import {
  dealPitfall,
  drawCard,
  joinAsParticipant,
  narrate,
  openStep,
  openTableAsFacilitator,
  placeCard,
  writeBlankIfAny,
} from "./helpers.ts";

const stepOf = (page: Page, number: number) => page.getByRole("article", { name: new RegExp(`^Étape ${number} : `) });
const setupOf = (page: Page) => page.getByRole("region", { name: "Le cadre du récit" });
const phasesOf = (page: Page) => page.getByRole("region", { name: "Les phases du récit" });

async function download(page: Page, button: string): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return readFile(await (await downloading).path(), "utf8");
}

test("a facilitator runs a whole session with three participants, from preparation to the closed story and its exports", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier de la vallée",
    system: "La vallée de la Drôme",
    present: "Des villages reliés par une seule route.",
    future: "Des villages reliés par des mobilités partagées.",
    facilitatorName: "Camille",
  });
  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const sam = await joinAsParticipant(browser, link, "Sam", "élu");
  const nour = await joinAsParticipant(browser, link, "Nour", "agricultrice");
  const players = [alex, sam, nour];
  const everyone = [facilitator, ...players];

  // Préparation: Nour suggests a second future, the facilitator accepts it; everyone sees the setup fill in.
  await expect(phasesOf(nour).locator('[aria-current="step"]')).toHaveText(/Préparation/);
  await setupOf(nour)
    .getByRole("combobox", { name: "Ma suggestion porte sur" })
    .selectOption({ label: "un futur souhaitable" });
  await setupOf(nour).getByRole("textbox", { name: "Ma suggestion" }).fill("Des fermes qui nourrissent la vallée.");
  await setupOf(nour).getByRole("button", { name: "Envoyer la suggestion" }).click();
  await facilitator
    .getByRole("button", { name: "Accepter la suggestion de Nour : « Des fermes qui nourrissent la vallée. »" })
    .click();
  for (const page of everyone) await expect(setupOf(page)).toContainText("Des fermes qui nourrissent la vallée.");

  // Jeu.
  await phasesOf(facilitator).getByRole("button", { name: "Lancer la partie" }).click();
  for (const page of everyone) await expect(phasesOf(page).locator('[aria-current="step"]')).toHaveText(/Jeu/);

  const alexCard = await drawCard(alex, "un levier");
  // On an empty path, the chooser's one spot is its start (not also called its end).
  await alex.getByRole("button", { name: `Placer « ${alexCard} »`, exact: true }).click();
  const chooser = alex.getByRole("dialog", { name: `Où placer « ${alexCard} » ?` });
  await expect(chooser.getByRole("listitem")).toHaveCount(1);
  await expect(chooser.getByRole("listitem")).toHaveText("Au début du chemin");
  await chooser.getByRole("button", { name: "Fermer", exact: true }).click();
  await expect(chooser).toBeHidden();
  await placeCard(alex, alexCard, "start");
  await narrate(alex, 1, "Les villages partagent leurs données de covoiturage.");

  const samCard = await drawCard(sam, "un défi");
  await placeCard(sam, samCard, 1);
  await narrate(sam, 2, "Le conseil communautaire finance une navette à la demande.");

  // A pitfall dealt into Nour's hand: she plays it, and Alex tells how the story meets it.
  await dealPitfall(facilitator, "Dans la main de Nour");
  const nourHand = nour.getByRole("region", { name: /Ma main/ });
  await expect(nourHand.getByText("distribué par l'animation : à jouer")).toBeVisible();
  // A blank « Écueil à écrire » is written by Nour before she places it.
  const pitfall = await writeBlankIfAny(
    nour,
    (await nourHand.getByRole("button", { name: /^Placer « / }).textContent())?.match(/^Placer « (.+) »$/)?.[1] ?? "",
  );
  await placeCard(nour, pitfall, 2);
  for (const page of everyone)
    await expect(stepOf(page, 3).getByText("Écueil distribué — en attente d'une réponse")).toBeVisible();
  await (await openStep(alex, 3)).getByRole("button", { name: /^Raconter comment l'histoire y répond/ }).click();
  await stepOf(alex, 3)
    .getByRole("textbox", { name: "Comment l'histoire répond à l'écueil (étape 3)" })
    .fill("Une régie publique garde les données en commun.");
  await stepOf(alex, 3).getByRole("button", { name: "Enregistrer la réponse" }).click();
  for (const page of everyone)
    await expect((await openStep(page, 3)).getByText("Écueil distribué — l'histoire y a répondu")).toBeVisible();

  // Nour writes a lever of her own and places it at the end; Sam builds on step 1 with a "oui, et…".
  await nour.getByText("Écrire une carte").click();
  const writeForm = nour.getByRole("form", { name: "Écrire une carte" });
  await writeForm.getByRole("combobox", { name: "Pioche" }).selectOption({ label: "Levier" });
  await writeForm.getByRole("textbox", { name: "Titre de la carte" }).fill("Circuits courts");
  await writeForm.getByRole("textbox", { name: "Texte de la carte" }).fill("Vendre au plus près de la ferme.");
  await writeForm.getByRole("button", { name: "Écrire la carte" }).click();
  await placeCard(nour, "Circuits courts", 3);
  await narrate(nour, 4, "Un marché de producteurs s'installe à chaque arrêt de la navette.");
  for (const page of everyone)
    await expect((await openStep(page, 4)).getByText("écrite à cette table par Nour")).toBeVisible();
  await (await openStep(sam, 1)).getByRole("button", { name: "Oui, et… : prolonger l'étape 1" }).click();
  await stepOf(sam, 1)
    .getByRole("textbox", { name: "Oui, et… (étape 1)" })
    .fill("Et les horaires s'affichent à la mairie.");
  await stepOf(sam, 1).getByRole("button", { name: "Ajouter" }).click();
  for (const page of everyone)
    await expect(await openStep(page, 1)).toContainText("Et les horaires s'affichent à la mairie.");

  // Débrief: all three write theirs; the table wins, for everyone.
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  const debriefBox = "Où je me situe dans le futur souhaitable, et comment j'agis dans cette transition";
  const debriefs = [
    [alex, "Je tiens la régie des données avec mes voisines."],
    [sam, "Je porte la navette au conseil communautaire."],
    [nour, "Je vends mes légumes au marché de la navette."],
  ] as const;
  for (const [page, text] of debriefs) {
    await expect(page.getByRole("heading", { name: "La table a gagné !" })).toHaveCount(0);
    await page.getByRole("textbox", { name: debriefBox }).fill(text);
    await page.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  }
  for (const page of everyone) {
    await expect(page.getByRole("heading", { name: "La table a gagné !" })).toBeVisible();
    await expect(page.getByText("3 débriefs sur 3")).toBeVisible();
  }

  // Récit terminé: the facilitator closes the story (with a confirmation); nobody can play any more.
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Récit terminé »" }).click();
  await phasesOf(facilitator).getByRole("button", { name: "Confirmer : passer à la phase « Récit terminé »" }).click();
  for (const page of everyone)
    await expect(phasesOf(page).locator('[aria-current="step"]')).toHaveText(/Récit terminé/);
  await expect(alex.getByRole("button", { name: "Piocher un levier" })).toHaveCount(0);

  // Each download is offered once: the facilitator's own (story, cards) and their page to take home; a participant
  // takes the story and their page home.
  await expect(facilitator.getByRole("heading", { name: "Emporter ma page" })).toBeVisible();
  await expect(facilitator.getByRole("button", { name: "Ma page (à imprimer)" })).toBeVisible();
  await expect(alex.getByRole("heading", { name: "Emporter le récit" })).toBeVisible();
  await expect(facilitator.getByRole("button", { name: /^(Télécharger le récit|Le récit) \(Markdown\)$/ })).toHaveCount(
    1,
  );
  await expect(alex.getByRole("button", { name: "Le récit (Markdown)" })).toBeVisible();
  await expect(alex.getByRole("button", { name: "Ma page (Markdown)" })).toBeVisible();

  // The exports hold all of it.
  const markdown = await download(facilitator, "Télécharger le récit (Markdown)");
  for (const text of [
    "Des fermes qui nourrissent la vallée.",
    "Les villages partagent leurs données de covoiturage.",
    "Et les horaires s'affichent à la mairie.",
    "Le conseil communautaire finance une navette à la demande.",
    "Une régie publique garde les données en commun.",
    "Circuits courts",
    "Un marché de producteurs s'installe à chaque arrêt de la navette.",
    ...debriefs.map(([, text]) => text),
  ]) {
    expect(markdown.split(text).length - 1, text).toBe(1);
  }
  const order = [
    "partagent leurs données",
    "finance une navette",
    "Une régie publique",
    "Un marché de producteurs",
  ].map((t) => markdown.indexOf(t));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(markdown).toContain("la table a gagné");
  expect(markdown).toMatch(/[ée]crite à cette table par Nour/i);

  const jsonText = await download(facilitator, "Télécharger le récit complet (JSON, pour continuer ailleurs)");
  const json = JSON.parse(jsonText) as {
    version: number;
    table: {
      phase: string;
      path: { narration: string; contributions: { text: string }[] }[];
      participants: { name: string; debrief: string }[];
    };
  };
  expect(json.version).toBe(2);
  expect(json.table.phase).toBe("closed");
  expect(json.table.path).toHaveLength(4);
  expect(json.table.path[0]?.contributions.map((c) => c.text)).toEqual(["Et les horaires s'affichent à la mairie."]);
  expect(
    json.table.participants
      .filter((p) => p.debrief)
      .map((p) => p.name)
      .sort(),
  ).toEqual(["Alex", "Nour", "Sam"]);

  // Continuing the story elsewhere: the JSON file opens a new table, with the same path, in preparation.
  const next = await (await browser.newContext()).newPage();
  await next.goto("/");
  const importForm = next.getByRole("form", { name: "Continuer un récit" });
  await importForm
    .getByLabel("Fichier du récit (JSON)")
    .setInputFiles({ name: "recit.json", mimeType: "application/json", buffer: Buffer.from(jsonText) });
  await importForm.getByRole("textbox", { name: "Votre nom (animateur·rice)" }).fill("Inès");
  await importForm.getByRole("button", { name: "Ouvrir une table à partir de ce récit" }).click();
  await expect(phasesOf(next).locator('[aria-current="step"]')).toHaveText(/Préparation/);
  await expect(next.getByRole("article", { name: /^Étape \d+ : / })).toHaveCount(4);
  await expect(stepOf(next, 4)).toContainText("Un marché de producteurs s'installe à chaque arrêt de la navette.");
});
