// Who is around the table and changing hats (issue 11): a participant joins saying where she stands on the kit's actor
// map; in preparation the facilitator sees the table's balance with the kit's advice « Construisez votre table »; during
// play she changes hat (« citoyen·ne » in one tap) and places a step; at the debrief she writes her commitment; the
// facilitator's exports sign each step with the role its author had when writing it, list her role and zone now, and
// hold her commitment under her name.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { drawCard, joinAsParticipant, narrate, openTableAsFacilitator, placeCard } from "./helpers.ts";

const phasesOf = (page: Page) => page.getByRole("region", { name: "Les phases du récit" });
const balanceOf = (page: Page) => page.getByRole("region", { name: "Qui est autour de la table ?" });

async function download(page: Page, button: string): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return readFile(await (await downloading).path(), "utf8");
}

test("a participant joins in a zone of the actor map, the facilitator sees the balance, she changes hat in play, and the exports keep each step's role", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier du bassin",
    system: "Le bassin de vie de Die",
    present: "Une vallée où tout se fait en voiture.",
    future: "Des villages reliés par des mobilités partagées.",
    facilitatorName: "Camille",
  });

  // The join form asks where one stands on the map, in the kit's words; Inès chooses the territory's decision-makers.
  const ines = await (await browser.newContext()).newPage();
  await ines.goto(link);
  const zones = ines.getByRole("group", { name: "Où vous situez-vous sur la carte des acteurs ?" });
  await expect(zones.getByRole("radio")).toHaveCount(4);
  await expect(zones.getByRole("radio", { name: "Décideurs du territoire" })).toHaveAccessibleDescription(
    /exécutifs locaux \(élus et directions générales\)/,
  );
  await ines.getByRole("textbox", { name: "Votre nom" }).fill("Inès");
  await ines.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("élue aux mobilités");
  // Without a zone the form does not go: a participant is asked where she stands.
  await ines.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(ines.getByRole("heading", { name: "Le chemin", exact: true })).toHaveCount(0);
  await zones.getByRole("radio", { name: "Décideurs du territoire" }).check();
  await ines.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(ines.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  await joinAsParticipant(browser, link, "Tom", "animateur de l'atelier vélo", "Société civile");

  // Preparation: the facilitator sees how many stand in each zone and who, the zones nobody represents, the kit's advice.
  const balance = balanceOf(facilitator);
  await expect(balance.getByRole("listitem").filter({ hasText: "Décideurs du territoire" })).toContainText(
    "1 personneInès",
  );
  await expect(balance.getByRole("listitem").filter({ hasText: "Société civile" })).toContainText("Tom");
  // A zone nobody stands in says so once (not « 0 personne » and then « personne pour l'instant »).
  await expect(balance.getByRole("listitem").filter({ hasText: /^Numérique/ })).toHaveText(
    "Numérique personne pour l'instant",
  );
  await expect(balance).toContainText(
    "Personne ne représente encore : « Numérique », « Développement durable et environnement ».",
  );
  await expect(balance).toContainText(
    "Le kit conseille d'intégrer la diversité (numérique et environnement) dès le premier cercle.",
  );
  await expect(balance.getByRole("figure", { name: "Construisez votre table — les conseils du kit" })).toContainText(
    "Invitez, à certains moments, les participants à se projeter en tant que citoyens plutôt qu'avec leurs casquettes professionnelles",
  );

  // Play: Inès places a first step as the elected official she came as.
  await phasesOf(facilitator).getByRole("button", { name: "Lancer la partie" }).click();
  const first = await drawCard(ines, "un levier");
  await placeCard(ines, first, "start");
  await narrate(ines, 1, "La communauté de communes ouvre une ligne de navettes.");

  // She changes hat: « citoyen·ne » in one tap, then she stands in civil society.
  await ines.getByRole("button", { name: "Changer de casquette" }).click();
  await ines.getByRole("button", { name: "En tant que citoyen·ne" }).click();
  await expect(ines.getByRole("textbox", { name: "Votre rôle maintenant" })).toHaveValue("citoyen·ne");
  await ines
    .getByRole("group", { name: "Où vous situez-vous sur la carte des acteurs ?" })
    .getByRole("radio", { name: "Société civile" })
    .check();
  await ines.getByRole("button", { name: "Changer de casquette" }).click();
  await expect(
    ines.getByRole("status").filter({ hasText: "Vous parlez maintenant en tant que : citoyen·ne." }),
  ).toBeAttached();

  // The people list shows her role now; her first step keeps the role she wrote it in.
  const people = facilitator.getByRole("region", { name: /Autour de la table/ });
  // (the first list of the panel is the people; the balance follows it)
  await expect(people.getByRole("list").first().getByRole("listitem").filter({ hasText: "Inès" })).toContainText(
    "citoyen·neSociété civile",
  );
  const second = await drawCard(ines, "un levier");
  await placeCard(ines, second, 1);
  await narrate(ines, 2, "Je prends la navette avec mes voisins.");
  await expect(facilitator.getByRole("article", { name: /^Étape 1 : / })).toContainText("Inès (élue aux mobilités)");
  await expect(facilitator.getByRole("article", { name: /^Étape 2 : / })).toContainText("Inès (citoyen·ne)");

  // The balance stays in the facilitator's people panel during play: Inès has moved to civil society.
  await expect(
    people
      .getByRole("region", { name: "Qui est autour de la table ?" })
      .getByRole("listitem")
      .filter({ hasText: "Société civile" }),
  ).toContainText("2 personnes");

  // At the debrief she writes where she stands and what she commits to.
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  await ines
    .getByRole("textbox", { name: "Où je me situe dans le futur souhaitable, et comment j'agis dans cette transition" })
    .fill("Je prends la navette chaque matin.");
  await ines
    .getByRole("textbox", { name: "Mon engagement : « Je m'engage à… »" })
    .fill("Je m'engage à proposer un covoiturage du marché.");
  await ines.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  await expect(ines.getByRole("heading", { name: "Mon engagement" })).toBeVisible();
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Récit terminé »" }).click();
  await phasesOf(facilitator).getByRole("button", { name: "Confirmer : passer à la phase « Récit terminé »" }).click();

  // The exports: each step signed with the role of its time, in path order; the people list with her role and zone now.
  const markdown = await download(facilitator, "Télécharger le récit (Markdown)");
  expect(markdown).toMatch(
    /La communauté de communes ouvre une ligne de navettes\.\n\n\*Raconté par Inès \(élue aux mobilités\)\*/,
  );
  expect(markdown).toMatch(/Je prends la navette avec mes voisins\.\n\n\*Raconté par Inès \(citoyen·ne\)\*/);
  expect(markdown).toContain("- Inès (citoyen·ne · Société civile)");
  expect(markdown.slice(markdown.indexOf("### Les engagements"))).toContain(
    "Je m'engage à proposer un covoiturage du marché.  \n*Inès (citoyen·ne)*",
  );

  const html = await download(facilitator, "Télécharger le récit imprimable (HTML, à enregistrer en PDF)");
  const steps = html.slice(html.indexOf('<ol class="steps">'));
  expect(steps.indexOf("Inès (élue aux mobilités)")).toBeGreaterThan(-1);
  expect(steps.indexOf("Inès (élue aux mobilités)")).toBeLessThan(steps.indexOf("Inès (citoyen·ne)"));

  const json = JSON.parse(
    await download(facilitator, "Télécharger le récit complet (JSON, pour continuer ailleurs)"),
  ) as {
    table: {
      path: { authorRole?: string }[];
      participants: { name: string; role: string; zone?: string; commitment?: string }[];
    };
  };
  expect(json.table.path.map((s) => s.authorRole)).toEqual(["élue aux mobilités", "citoyen·ne"]);
  expect(json.table.participants.find((p) => p.name === "Inès")).toMatchObject({
    role: "citoyen·ne",
    zone: "civilSociety",
    commitment: "Je m'engage à proposer un covoiturage du marché.",
  });
});
