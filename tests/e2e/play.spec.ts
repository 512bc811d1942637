// Play and debrief in three browsers: turns, the timer, a pitfall dealt and answered, "oui, et…" and reactions,
// a card written at the table, the facilitator's moderation, then every participant's debrief and the winning table.
import { expect, test, type Page } from "@playwright/test";
import {
  closeTools,
  dealPitfall,
  drawCard,
  joinAsParticipant,
  narrate,
  openStep,
  openTableAsFacilitator,
  openTools,
  placeCard,
  writeBlankIfAny,
} from "./helpers.ts";

const stepOf = (page: Page, number: number) => page.getByRole("article", { name: new RegExp(`^Étape ${number} : `) });
const turnsOf = (page: Page) => page.getByRole("region", { name: "Tours de jeu" });
const timerOf = (page: Page) => page.getByRole("region", { name: "Minuteur" });

/** The facilitator starts a timer from their tools (its clock and controls then sit in everyone's header). */
async function startTimer(page: Page, minutes: number, label?: string): Promise<void> {
  const form = (await openTools(page)).getByRole("region", { name: "Lancer un minuteur" });
  if (label) await form.getByRole("textbox", { name: "Intitulé" }).fill(label);
  await form.getByRole("spinbutton", { name: "Durée (minutes)" }).fill(String(minutes));
  await form.getByRole("button", { name: "Lancer le minuteur" }).click();
  await expect(form).toBeHidden();
  await closeTools(page);
}

test("a facilitator runs play and debrief with two participants, and all three see the table win", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier du bourg",
    system: "Le bourg de Saint-Aubin",
    present: "Un bourg où tout se fait en voiture.",
    future: "Un bourg où l'on vit à pied.",
    facilitatorName: "Camille",
  });
  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const sam = await joinAsParticipant(browser, link, "Sam", "élu");
  const everyone = [facilitator, alex, sam];
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();
  await expect(sam.getByRole("button", { name: "Piocher un levier" })).toBeEnabled();

  // Given turns mode, only the person whose turn it is may draw, and everyone sees whose turn it is.
  await facilitator.getByRole("button", { name: "Tour par tour" }).click();
  await expect(facilitator.getByRole("button", { name: "Tour par tour" })).toHaveAttribute("aria-pressed", "true");
  await expect(turnsOf(alex).getByText("C'est à vous !")).toBeVisible();
  await expect(turnsOf(sam).getByText("C'est au tour d'Alex.")).toBeVisible();
  await expect(turnsOf(sam).getByRole("list", { name: "Ordre de passage" }).getByRole("listitem")).toHaveText([
    /^Alex/,
    /^Sam/,
  ]);
  await expect(turnsOf(sam).locator('[aria-current="true"]')).toHaveText(/^Alex/);
  await expect(sam.getByRole("button", { name: "Piocher un levier" })).toBeDisabled();
  await expect(sam.getByText("Ce n'est pas votre tour : c'est à Alex.").first()).toBeVisible();

  const lever = await drawCard(alex, "un levier");
  // The focus goes on to the card drawn, its « Placer »: where a keyboard user goes on.
  await expect(
    alex.getByRole("region", { name: /Ma main/ }).getByRole("button", { name: `Placer « ${lever} »`, exact: true }),
  ).toBeFocused();
  await placeCard(alex, lever, "start");
  await narrate(alex, 1, "Le conseil municipal ouvre ses données de circulation.");
  // Saved, the narration replaces its form: the focus is on its « Modifier », not lost to the page.
  await expect(stepOf(alex, 1).getByRole("button", { name: "Modifier ma narration" })).toBeFocused();

  // Alex passes: it is Sam's turn. The facilitator skips Sam: back to Alex.
  await alex.getByRole("button", { name: "Passer mon tour" }).click();
  await expect(turnsOf(sam).getByText("C'est à vous !")).toBeVisible();
  await expect(sam.getByRole("button", { name: "Piocher un levier" })).toBeEnabled();
  await expect(alex.getByRole("button", { name: "Piocher un levier" })).toBeDisabled();
  await expect(alex.getByRole("button", { name: "Passer mon tour" })).toHaveCount(0);
  await facilitator.getByRole("button", { name: "Passer au joueur suivant" }).click();
  await expect(turnsOf(alex).getByText("C'est à vous !")).toBeVisible();
  await expect(sam.getByRole("button", { name: "Piocher un levier" })).toBeDisabled();

  // The facilitator puts Sam first in the order; then back to free play, where anyone draws.
  await facilitator.getByRole("button", { name: "Faire passer Sam plus tôt" }).click();
  await expect(turnsOf(alex).getByRole("list", { name: "Ordre de passage" }).getByRole("listitem")).toHaveText([
    /^Sam/,
    /^Alex/,
  ]);
  await facilitator.getByRole("button", { name: "Jeu libre" }).click();
  await expect(turnsOf(sam).getByText(/Jeu libre/)).toBeVisible();
  await expect(sam.getByRole("button", { name: "Piocher un levier" })).toBeEnabled();

  // The facilitator starts a two-minute timer: a participant sees it count down, then stop when paused.
  await startTimer(facilitator, 2, "Tour de parole");
  await expect(timerOf(alex).getByText("Tour de parole")).toBeVisible();
  const clock = timerOf(alex).getByRole("timer");
  await expect(clock).toHaveText(/^0[12]:\d\d$/);
  await expect(clock).toHaveText(/^01:5[0-7]$/, { timeout: 10_000 });
  await facilitator.getByRole("button", { name: "Mettre en pause" }).click();
  await expect(clock).toContainText("(en pause)");
  const paused = await clock.textContent();
  await alex.waitForTimeout(1500);
  await expect(clock).toHaveText(paused ?? "");
  await facilitator.getByRole("button", { name: "+1 min (ajouter une minute)" }).click();
  await expect(clock).toHaveText(/^02:5\d/);

  // The facilitator deals a pitfall onto the path after step 1: open for all, until Sam tells how the story meets it.
  // (A blank « Écueil à écrire » on top of the pile is written by the facilitator as she deals it.)
  await dealPitfall(facilitator, `Après l'étape 1 : ${lever}`);
  for (const page of everyone)
    await expect(stepOf(page, 2).getByText("Écueil distribué — en attente d'une réponse")).toBeVisible();
  // The tile says the pitfall waits; opened in full, it offers to answer. Cancelled, the form gives the focus back to
  // the button that opened it.
  const answer = (await openStep(sam, 2)).getByRole("button", { name: /^Raconter comment l'histoire y répond/ });
  await answer.click();
  await stepOf(sam, 2).getByRole("button", { name: "Annuler", exact: true }).click();
  await expect(answer).toBeFocused();
  await answer.click();
  await stepOf(sam, 2)
    .getByRole("textbox", { name: "Comment l'histoire répond à l'écueil (étape 2)" })
    .fill("Des ateliers ouverts à tous expliquent les données, quartier par quartier.");
  await stepOf(sam, 2).getByRole("button", { name: "Enregistrer la réponse" }).click();
  // The form and its button are gone with the open pitfall: Sam goes on from the answer he gave.
  await expect(
    stepOf(sam, 2).locator(".contribution--answer", {
      hasText: "Des ateliers ouverts à tous expliquent les données, quartier par quartier.",
    }),
  ).toBeFocused();
  for (const page of everyone) {
    await openStep(page, 2);
    await expect(stepOf(page, 2).getByText("Écueil distribué — l'histoire y a répondu")).toBeVisible();
    await expect(
      stepOf(page, 2).getByText("Des ateliers ouverts à tous expliquent les données, quartier par quartier."),
    ).toBeVisible();
    await expect(stepOf(page, 2).getByText("Réponse de Sam")).toBeVisible();
  }

  // "Oui, et…" under step 1 and reactions: everyone sees them, with their authors and counts.
  // The « Oui, et… » box opens on demand.
  await (await openStep(sam, 1)).getByRole("button", { name: "Oui, et… : prolonger l'étape 1" }).click();
  await stepOf(sam, 1)
    .getByRole("textbox", { name: "Oui, et… (étape 1)" })
    .fill("Et les écoles s'en servent pour les pédibus.");
  await stepOf(sam, 1).getByRole("button", { name: "Ajouter" }).click();
  await expect(stepOf(sam, 1).getByRole("button", { name: "Oui, et… : prolonger l'étape 1" })).toBeFocused();
  // Closed, the tile counts it.
  await expect(stepOf(alex, 1).getByText("1 « oui, et… »")).toBeAttached();
  for (const page of everyone) {
    await openStep(page, 1);
    await expect(stepOf(page, 1).getByRole("list", { name: "« Oui, et… » de l'étape 1" })).toContainText(
      "Et les écoles s'en servent pour les pédibus.",
    );
    await expect(stepOf(page, 1).getByText("— Sam")).toBeVisible();
  }
  await (await openStep(alex, 1)).getByRole("button", { name: "Plausible, étape 1 (0)" }).click();
  await (await openStep(sam, 1)).getByRole("button", { name: "Plausible, étape 1 (1)" }).click();
  await (await openStep(sam, 2)).getByRole("button", { name: "Souhaitable, étape 2 (0)" }).click();
  await expect((await openStep(facilitator, 1)).getByRole("button", { name: "Plausible, étape 1 (2)" })).toBeVisible();
  await expect((await openStep(alex, 1)).getByRole("button", { name: "Plausible, étape 1 (2)" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect((await openStep(alex, 2)).getByRole("button", { name: "Souhaitable, étape 2 (1)" })).toHaveAttribute(
    "aria-pressed",
    "false",
  );

  // Sam writes a challenge of their own and places it at the end of the path: it is marked as written at this table.
  await sam.getByText("Écrire une carte").click();
  const writeForm = sam.getByRole("form", { name: "Écrire une carte" });
  await writeForm.getByRole("combobox", { name: "Pioche" }).selectOption({ label: "Défi" });
  await writeForm.getByRole("textbox", { name: "Titre de la carte" }).fill("Des rues aux enfants");
  await writeForm
    .getByRole("textbox", { name: "Texte de la carte" })
    .fill("Fermer une rue par quartier aux voitures le mercredi.");
  await writeForm.getByRole("button", { name: "Écrire la carte" }).click();
  await placeCard(sam, "Des rues aux enfants", 2);
  await narrate(sam, 3, "Le mercredi, la rue de l'école devient une cour.");
  for (const page of everyone)
    await expect((await openStep(page, 3)).getByText("écrite à cette table par Sam")).toBeVisible();

  // The facilitator rewrites the narration of step 1 and removes Sam's "oui, et…": everyone sees the change.
  await (await openStep(facilitator, 1)).getByRole("button", { name: "Modifier la narration de l'étape 1" }).click();
  await stepOf(facilitator, 1)
    .getByRole("textbox", { name: "Narration de l'étape 1 (modération)" })
    .fill("Le conseil municipal ouvre ses données de circulation, rue par rue.");
  await stepOf(facilitator, 1).getByRole("button", { name: "Enregistrer la narration" }).click();
  await expect(
    stepOf(alex, 1).getByText("Le conseil municipal ouvre ses données de circulation, rue par rue."),
  ).toBeVisible();
  await expect(
    stepOf(facilitator, 1).getByRole("button", { name: "Modifier la narration de l'étape 1" }),
  ).toBeFocused();
  // Back from rewriting Sam's "oui, et…", or from a removal she does not confirm, the focus is on the button she used.
  const editYesAnd = stepOf(facilitator, 1).getByRole("button", { name: "Modifier la contribution de Sam (étape 1)" });
  await editYesAnd.click();
  await stepOf(facilitator, 1)
    .getByRole("textbox", { name: "Contribution de Sam (étape 1)" })
    .fill("Et les écoles s'en servent pour les pédibus du matin.");
  await stepOf(facilitator, 1).getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(editYesAnd).toBeFocused();
  const removeYesAnd = stepOf(facilitator, 1).getByRole("button", { name: "Retirer la contribution de Sam (étape 1)" });
  await removeYesAnd.click();
  await stepOf(facilitator, 1).getByRole("button", { name: "Annuler", exact: true }).click();
  await expect(removeYesAnd).toBeFocused();
  await removeYesAnd.click();
  // The question takes the focus from « Retirer », and the focus goes on to « Oui, et… » once the contribution is gone.
  const confirmRemoval = stepOf(facilitator, 1).getByRole("button", {
    name: "Confirmer le retrait de la contribution de Sam",
  });
  await expect(confirmRemoval).toBeFocused();
  await facilitator.keyboard.press("Enter");
  await expect(stepOf(facilitator, 1).getByRole("button", { name: "Oui, et… : prolonger l'étape 1" })).toBeFocused();
  for (const page of everyone)
    await expect(page.getByText("Et les écoles s'en servent pour les pédibus du matin.")).toHaveCount(0);

  // The facilitator moves Sam's card up one place: it is step 2 for everyone, the answered pitfall step 3.
  await (await openStep(facilitator, 3)).getByRole("button", { name: "Monter l'étape 3" }).click();
  for (const page of everyone) {
    await expect(stepOf(page, 2)).toHaveAccessibleName("Étape 2 : Des rues aux enfants");
    await expect((await openStep(page, 3)).getByText("Réponse de Sam")).toBeVisible();
  }

  // Debrief: each participant writes theirs; everyone sees who has, and when both have, the table has won.
  await facilitator.getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  const debriefBox = "Où je me situe dans le futur souhaitable, et comment j'agis dans cette transition";
  await alex.getByRole("textbox", { name: debriefBox }).fill("J'anime l'atelier des données du quartier nord.");
  await alex.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  // Saved, the debrief replaces its form: the focus is on its heading, « Modifier mon débrief » just after.
  await expect(alex.getByRole("heading", { name: "Mon débrief" })).toBeFocused();
  await expect(sam.getByText("1 débrief sur 2")).toBeVisible();
  await expect(
    sam
      .getByRole("region", { name: /Autour de la table/ })
      .getByRole("list", { name: "Personnes assises" })
      .getByRole("listitem")
      .filter({ hasText: "Alex" }),
  ).toContainText("débrief écrit ✓");
  await expect(
    sam
      .getByRole("region", { name: /Autour de la table/ })
      .getByRole("list", { name: "Personnes assises" })
      .getByRole("listitem")
      .filter({ hasText: "Sam" }),
  ).toContainText("débrief à écrire");
  await expect(facilitator.getByRole("heading", { name: "La table a gagné !" })).toHaveCount(0);
  await sam.getByRole("textbox", { name: debriefBox }).fill("Je porte le budget des rues aux enfants au conseil.");
  await sam.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  for (const page of everyone) {
    await expect(page.getByRole("heading", { name: "La table a gagné !" })).toBeVisible();
    await expect(page.getByText("2 débriefs sur 2")).toBeVisible();
    const debriefs = page.getByRole("list", { name: "Les débriefs" });
    await expect(debriefs.getByRole("listitem").filter({ hasText: "Alex" })).toContainText(
      "J'anime l'atelier des données du quartier nord.",
    );
    await expect(debriefs.getByRole("listitem").filter({ hasText: "Sam" })).toContainText(
      "Je porte le budget des rues aux enfants au conseil.",
    );
  }
});

test("a pitfall dealt into a participant's hand is marked to be played, and once placed waits for the story's answer", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier de l'entreprise",
    system: "Une PME de logistique",
    present: "Des camions qui roulent à moitié vides.",
    future: "Des tournées partagées avec les voisins.",
    facilitatorName: "Camille",
  });
  const alex = await joinAsParticipant(browser, link, "Alex", "salariée");
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();

  await dealPitfall(facilitator, "Dans la main d'Alex");
  const hand = alex.getByRole("region", { name: /Ma main/ });
  await expect(hand.getByText("distribué par l'animation : à jouer")).toBeVisible();
  await expect(hand.getByRole("button", { name: /^Défausser/ })).toHaveCount(0);

  const placeButton = hand.getByRole("button", { name: /^Placer « / });
  // A blank « Écueil à écrire » is written by Alex before she places it.
  const title = await writeBlankIfAny(alex, (await placeButton.textContent())?.match(/^Placer « (.+) »$/)?.[1] ?? "");
  await placeCard(alex, title, "start");
  await expect(stepOf(facilitator, 1).getByText("Écueil distribué — en attente d'une réponse")).toBeVisible();
  await narrate(alex, 1, "Les voisins refusent d'abord : chacun garde ses clients.");
  await expect((await openStep(facilitator, 1)).getByText("Écueil distribué — l'histoire y a répondu")).toBeVisible();
});

test("the facilitator shares the role, takes it back, removes a participant and hands the table over", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier de la communauté de communes",
    system: "La communauté de communes du Val",
    present: "Des déchets verts brûlés au fond des jardins.",
    future: "Un compost partagé dans chaque hameau.",
    facilitatorName: "Camille",
  });
  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const sam = await joinAsParticipant(browser, link, "Sam", "agent");
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();
  const lever = await drawCard(alex, "un levier");
  await placeCard(alex, lever, "start");
  await narrate(alex, 1, "Un composteur par hameau, tenu par des volontaires.");

  const people = (page: Page) => page.getByRole("region", { name: /Autour de la table/ });
  /** Opens the facilitator's actions on one person (a disclosure), unless already open. */
  const manage = async (name: string) => {
    const details = people(facilitator)
      .locator("details")
      .filter({ hasText: `Gérer ${name}` });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
      await details.getByText(`Gérer ${name}`).click();
  };

  // Sam co-facilitates: the facilitator's tools appear on Sam's screen, and go when the role is taken back.
  const toolsOf = (page: Page) => page.getByRole("button", { name: "Outils d'animation", exact: true });
  await expect(toolsOf(sam)).toHaveCount(0);
  await manage("Sam");
  await people(facilitator).getByRole("button", { name: "Faire co-animer Sam" }).click();
  await expect(toolsOf(sam)).toBeVisible();
  await expect(
    (await openStep(sam, 1)).getByRole("button", { name: "Modifier la narration de l'étape 1" }),
  ).toBeVisible();
  await people(facilitator).getByRole("button", { name: "Retirer l'animation à Sam" }).click();
  await expect(toolsOf(sam)).toHaveCount(0);

  // Alex is removed after a confirmation: their step stays, their name marked as removed.
  await manage("Alex");
  await people(facilitator).getByRole("button", { name: "Retirer Alex de la table" }).click();
  await people(facilitator).getByRole("button", { name: "Confirmer : retirer Alex de la table" }).click();
  await expect(stepOf(sam, 1).getByText("Posée par Alex (retiré·e)")).toBeVisible();
  await expect(people(sam)).toContainText("Retiré·es de la table : Alex");
  await expect(people(sam).getByRole("listitem")).toHaveCount(2);

  // Camille hands the table over to Sam after a confirmation: Sam now facilitates, Camille plays.
  await manage("Sam");
  await people(facilitator).getByRole("button", { name: "Confier l'animation à Sam" }).click();
  await people(facilitator).getByRole("button", { name: "Confirmer : confier l'animation à Sam" }).click();
  await expect(toolsOf(sam)).toBeVisible();
  await expect(toolsOf(facilitator)).toHaveCount(0);
  await expect(facilitator.getByRole("button", { name: "Piocher un levier" })).toBeEnabled();
});

test("when the timer runs out, everyone gets a calm notice and no penalty, and the facilitator can give more time", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier du lycée",
    system: "Le lycée Jean-Moulin",
    present: "Une cantine qui jette beaucoup.",
    future: "Une cantine sans gaspillage.",
    facilitatorName: "Camille",
  });
  // Alex's browser runs on a clock the test can move forward.
  const alex = await (await browser.newContext()).newPage();
  await alex.clock.install();
  await alex.goto(link);
  await alex.getByRole("textbox", { name: "Votre nom" }).fill("Alex");
  await alex.getByRole("radio", { name: "Société civile", exact: true }).check();
  await alex.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("élève");
  await alex.getByRole("button", { name: "Rejoindre la table" }).click();
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();

  await startTimer(facilitator, 1);
  const clock = timerOf(alex).getByRole("timer");
  await expect(clock).toHaveText(/^0[01]:\d\d$/);
  await expect(timerOf(alex).getByText("Le temps est écoulé")).toHaveCount(0);
  await alex.clock.fastForward("01:05");
  await expect(clock).toHaveText("00:00");
  await expect(timerOf(alex).getByRole("status")).toContainText("Le temps est écoulé");
  // No penalty: Alex still plays.
  await expect(alex.getByRole("button", { name: "Piocher un levier" })).toBeEnabled();

  await facilitator.getByRole("button", { name: "+5 min (ajouter cinq minutes)" }).click();
  await expect(clock).toHaveText(/^0[45]:\d\d$/);
  await expect(timerOf(alex).getByText("Le temps est écoulé")).toHaveCount(0);
});
