// Preparing a table with the group: the facilitator fills the setup live, participants suggest, the phases move
// forward and back with the right guidance for each person, an observer watches read-only, a locked table turns
// newcomers away; decks come in from a file and go out with the table's own cards.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fr } from "#shared/i18n/fr.ts";
import { closeTools, joinAsParticipant, openTableAsFacilitator, openTools } from "./helpers.ts";

const setupOf = (page: Page) => page.getByRole("region", { name: "Le cadre du récit" });
const phasesOf = (page: Page) => page.getByRole("region", { name: "Les phases du récit" });

/** Types into one field of the setup and presses its "Enregistrer", as the facilitator does. */
async function saveField(page: Page, label: string, text: string): Promise<void> {
  const setup = setupOf(page);
  await setup.getByRole("textbox", { name: label, exact: true }).fill(text);
  await setup.getByRole("button", { name: `Enregistrer « ${label} »` }).click();
  await expect(setup.getByText("Modifié, pas encore enregistré.")).toHaveCount(0);
}

/** The valley's table, opened by Camille (facilitating), with Bao (habitant) seated. */
async function valleyTable(browser: Browser): Promise<{ facilitator: Page; link: string; bao: Page }> {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier de la vallée",
    system: "La vallée de la Drôme",
    present: "Des villages reliés par une seule route.",
    future: "Des villages reliés par des mobilités partagées.",
    facilitatorName: "Camille",
  });
  return { facilitator, link, bao: await joinAsParticipant(browser, link, "Bao", "habitant") };
}

/** The phase marked as current and the guidance shown to this person. */
async function expectPhase(page: Page, phase: string, guide: string): Promise<void> {
  expect(guide, "the guidance text of this phase is written in shared/i18n").not.toBe("");
  const phases = phasesOf(page);
  await expect(phases.locator('[aria-current="step"]')).toHaveText(new RegExp(`^\\d?${phase}`));
  await expect(phases.getByText(guide, { exact: true })).toBeVisible();
}

test("the facilitator prepares the table with the group: live setup, suggestions, challenge, decks, phases, observer, lock", async ({
  browser,
}) => {
  const { facilitator, link, bao } = await valleyTable(browser);

  // Given the participant watches the setup, when the facilitator rewrites the present state and adds a future,
  // then the participant sees both live.
  await expect(setupOf(bao)).toContainText("Des villages reliés par une seule route.");
  await saveField(facilitator, "Son état présent", "Des villages reliés par une seule route, et un car le matin.");
  await expect(setupOf(facilitator).getByRole("textbox", { name: "Son état présent" })).toHaveValue(
    "Des villages reliés par une seule route, et un car le matin.",
  );
  await setupOf(facilitator).getByRole("button", { name: "Ajouter un futur souhaitable" }).click();
  await saveField(
    facilitator,
    "Nouveau futur souhaitable",
    "Une vallée où chaque village a son atelier de réparation.",
  );
  await expect(setupOf(facilitator).getByRole("textbox", { name: "Futur souhaitable 2", exact: true })).toHaveValue(
    "Une vallée où chaque village a son atelier de réparation.",
  );
  await expect(setupOf(bao)).toContainText("Des villages reliés par une seule route, et un car le matin.");
  await expect(setupOf(bao).getByRole("list", { name: "Les futurs souhaitables" }).getByRole("listitem")).toHaveText([
    "Des villages reliés par des mobilités partagées.",
    "Une vallée où chaque village a son atelier de réparation.",
  ]);

  // The participant suggests a time constraint; the facilitator accepts it: it is in the setup for both.
  const suggest = async (about: string, text: string) => {
    await setupOf(bao).getByRole("combobox", { name: "Ma suggestion porte sur" }).selectOption({ label: about });
    await setupOf(bao).getByRole("textbox", { name: "Ma suggestion" }).fill(text);
    await setupOf(bao).getByRole("button", { name: "Envoyer la suggestion" }).click();
    await expect(setupOf(bao).getByRole("textbox", { name: "Ma suggestion" })).toHaveValue("");
  };
  await suggest("la contrainte de temps", "Tout doit être prêt pour 2035.");
  await expect(setupOf(bao).getByText("Tout doit être prêt pour 2035.")).toBeVisible();
  await facilitator
    .getByRole("button", { name: "Accepter la suggestion de Bao : « Tout doit être prêt pour 2035. »" })
    .click();
  await expect(setupOf(facilitator).getByRole("textbox", { name: "Contrainte de temps" })).toHaveValue(
    "Tout doit être prêt pour 2035.",
  );
  await expect(
    setupOf(bao).getByRole("definition").filter({ hasText: "Tout doit être prêt pour 2035." }),
  ).toBeVisible();
  await expect(setupOf(bao).getByRole("heading", { name: "Mes suggestions en attente" })).toBeHidden();

  // Another suggestion, dismissed: it leaves both screens and the setup does not change.
  await suggest("le système", "Toute la Drôme.");
  await facilitator.getByRole("button", { name: "Écarter la suggestion de Bao : « Toute la Drôme. »" }).click();
  await expect(facilitator.getByText("Toute la Drôme.")).toBeHidden();
  await expect(bao.getByText("Toute la Drôme.")).toBeHidden();
  await expect(setupOf(facilitator).getByRole("textbox", { name: "Le système", exact: true })).toHaveValue(
    "La vallée de la Drôme",
  );

  // A challenge written by hand, then one drawn at random from the deck: each shows for everyone.
  await saveField(facilitator, "Écrire notre propre défi", "Garder les jeunes dans la vallée.");
  await expect(setupOf(bao)).toContainText("Garder les jeunes dans la vallée.");
  await setupOf(facilitator).getByRole("button", { name: "Tirer un défi au hasard" }).click();
  const drawn = setupOf(bao).getByRole("article", { name: /^Défi : / });
  await expect(drawn).toBeVisible();
  await expect(setupOf(bao)).not.toContainText("Garder les jeunes dans la vallée.");
  const drawnName = await drawn.getAttribute("aria-label");
  await expect(setupOf(facilitator).getByRole("article", { name: drawnName ?? "" })).toBeVisible();

  // No pitfalls at this table: the participant sees it in the setup, and cannot draw one in play.
  await setupOf(facilitator).getByRole("checkbox", { name: "Écueils" }).uncheck();
  await expect(setupOf(facilitator).getByRole("checkbox", { name: "Écueils" })).not.toBeChecked();
  await expect(
    setupOf(bao)
      .getByRole("definition")
      .filter({ hasText: /^Défis, Leviers$/ }),
  ).toBeVisible();

  await expectPhase(facilitator, "Préparation", fr.phaseGuide.preparation.facilitator);
  await expectPhase(bao, "Préparation", fr.phaseGuide.preparation.participant);
  await phasesOf(facilitator).getByRole("button", { name: "Lancer la partie" }).click();
  await expectPhase(facilitator, "Jeu", fr.phaseGuide.play.facilitator);
  await expectPhase(bao, "Jeu", fr.phaseGuide.play.participant);
  await expect(bao.getByRole("button", { name: "Piocher un levier" })).toBeEnabled();
  await expect(bao.getByRole("button", { name: "Piocher un écueil", disabled: false })).toHaveCount(0);
  // Outside preparation the setup is folded, read-only, and still there.
  await expect(setupOf(bao).getByRole("button", { name: "Envoyer la suggestion" })).toHaveCount(0);
  await setupOf(bao).getByText("Voir le cadre").click();
  await expect(setupOf(bao)).toContainText("Tout doit être prêt pour 2035.");

  await phasesOf(facilitator).getByRole("button", { name: "Revenir à la phase « Préparation »" }).click();
  await expectPhase(facilitator, "Préparation", fr.phaseGuide.preparation.facilitator);
  await expectPhase(bao, "Préparation", fr.phaseGuide.preparation.participant);

  // An observer opens the observer link: the shared screen (no way in for newcomers there: an observer's link never
  // carries the participant link), then the table in detail, read-only, with nothing to draw, write or send.
  const observerLink = await (
    await openTools(facilitator)
  )
    .getByRole("textbox", { name: "Lien d'observation (lecture seule) — pour un vidéoprojecteur ou un invité" })
    .inputValue();
  await closeTools(facilitator);
  expect(observerLink).toMatch(/\/t\/.+#observation=/);
  const observer = await (await browser.newContext()).newPage();
  await observer.goto(observerLink);
  await expect(observer.getByText("Phase : Préparation")).toBeVisible();
  await expect(observer.getByRole("region", { name: "Le chemin", exact: true })).toBeVisible();
  await expect(observer.getByRole("region", { name: "Rejoindre la table" })).toHaveCount(0);
  await observer.getByRole("button", { name: "Voir la table en détail" }).click();
  await expect(observer.getByText("Vous observez cette table (lecture seule)")).toBeVisible();
  await expect(observer.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  await expect(setupOf(observer)).toContainText("Des villages reliés par une seule route, et un car le matin.");
  await expectPhase(observer, "Préparation", fr.phaseGuide.preparation.observer);
  await expect(observer.getByRole("region", { name: /Autour de la table/ }).getByText("Bao")).toBeVisible();
  await expect(observer.getByRole("button", { name: /Piocher/ })).toHaveCount(0);
  await expect(observer.getByRole("textbox")).toHaveCount(0);
  await expect(observer.getByRole("combobox")).toHaveCount(0);
  await expect(observer.getByRole("region", { name: /Ma main/ })).toHaveCount(0);
  await expect(observer.getByRole("heading", { name: "Animation" })).toHaveCount(0);
  // It is not a seat: nobody new sits at the table.
  await expect(
    facilitator
      .getByRole("region", { name: /Autour de la table/ })
      .getByRole("list", { name: "Personnes assises" })
      .getByRole("listitem"),
  ).toHaveCount(2);

  // The facilitator locks the table: everyone sees it, and a newcomer with the participant link is turned away.
  await (await openTools(facilitator)).getByRole("button", { name: "Verrouiller la table" }).click();
  await expect(phasesOf(bao).getByText(/Table verrouillée/)).toBeVisible();
  await expect(facilitator.getByRole("button", { name: "Déverrouiller la table" })).toBeVisible();
  await closeTools(facilitator);
  const late = await (await browser.newContext()).newPage();
  await late.goto(link);
  await late.getByRole("textbox", { name: "Votre nom" }).fill("Dominique");
  await late.getByRole("radio", { name: "Société civile", exact: true }).check();
  await late.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("élue");
  await late.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(late.getByRole("alert")).toContainText(fr.refusal.tableLocked);
  await expect(late.getByRole("heading", { name: "Le chemin", exact: true })).toHaveCount(0);
  await expect(
    facilitator
      .getByRole("region", { name: /Autour de la table/ })
      .getByRole("list", { name: "Personnes assises" })
      .getByRole("listitem"),
  ).toHaveCount(2);
});

test("a participant's suggestion not yet sent comes back after a reload, with its field, and is gone once sent", async ({
  browser,
}) => {
  const { facilitator, bao } = await valleyTable(browser);
  const about = setupOf(bao).getByRole("combobox", { name: "Ma suggestion porte sur" });
  const text = setupOf(bao).getByRole("textbox", { name: "Ma suggestion" });

  // Given Bao has written a suggestion about the time constraint without sending it, when the page is reloaded,
  // then the form holds it again, about the same field.
  await about.selectOption({ label: "la contrainte de temps" });
  await text.fill("Tout doit être prêt pour 2035.");
  await bao.reload();
  await expect(bao.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  await expect(text).toHaveValue("Tout doit être prêt pour 2035.");
  await expect(about.getByRole("option", { name: "la contrainte de temps", selected: true })).toBeAttached();

  // Sent, the suggestion reaches the facilitator; after another reload the form is empty, the suggestion waits.
  await setupOf(bao).getByRole("button", { name: "Envoyer la suggestion" }).click();
  await expect(text).toHaveValue("");
  await expect(
    facilitator.getByRole("button", { name: "Accepter la suggestion de Bao : « Tout doit être prêt pour 2035. »" }),
  ).toBeVisible();
  await bao.reload();
  await expect(bao.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  await expect(setupOf(bao).getByRole("heading", { name: "Mes suggestions en attente" })).toBeVisible();
  await expect(text).toHaveValue("");
  await expect(about.getByRole("option", { name: "le système", selected: true })).toBeAttached();
});

test("a setup field the facilitator has not saved yet comes back after a reload, unsaved, and is saved from there", async ({
  browser,
}) => {
  const { facilitator, bao } = await valleyTable(browser);
  const setup = setupOf(facilitator);
  const present = setup.getByRole("textbox", { name: "Son état présent" });
  const unsaved = setup.getByText("Modifié, pas encore enregistré.");

  // Given the facilitator rewrites the present state and reloads before leaving the field, the draft is the field's
  // content again, said unsaved, and the table still holds the old text.
  await present.fill("Des villages reliés par une seule route, et un car le matin.");
  await facilitator.reload();
  await expect(present).toHaveValue("Des villages reliés par une seule route, et un car le matin.");
  await expect(unsaved).toBeVisible();
  await expect(setupOf(bao)).toContainText("Des villages reliés par une seule route.");
  await expect(setupOf(bao)).not.toContainText("et un car le matin");

  // Saved with its button, it reaches the group; another reload shows the table's text, nothing left unsaved.
  await setup.getByRole("button", { name: "Enregistrer « Son état présent »" }).click();
  await expect(setupOf(bao)).toContainText("Des villages reliés par une seule route, et un car le matin.");
  await expect(unsaved).toHaveCount(0);
  await facilitator.reload();
  await expect(present).toHaveValue("Des villages reliés par une seule route, et un car le matin.");
  await expect(setup.getByRole("textbox", { name: "Titre de la table" })).toHaveValue("Atelier de la vallée");
  await expect(unsaved).toHaveCount(0);

  // A new future being written is open again after a reload, with its text, and saved when the field is left.
  await setup.getByRole("button", { name: "Ajouter un futur souhaitable" }).click();
  await setup
    .getByRole("textbox", { name: "Nouveau futur souhaitable" })
    .fill("Une vallée où chaque village a son atelier de réparation.");
  await facilitator.reload();
  const newFuture = setup.getByRole("textbox", { name: "Nouveau futur souhaitable" });
  await expect(newFuture).toHaveValue("Une vallée où chaque village a son atelier de réparation.");
  await expect(unsaved).toBeVisible();
  await newFuture.focus();
  await newFuture.blur();
  await expect(setupOf(bao).getByRole("list", { name: "Les futurs souhaitables" }).getByRole("listitem")).toHaveText([
    "Des villages reliés par des mobilités partagées.",
    "Une vallée où chaque village a son atelier de réparation.",
  ]);
  await expect(unsaved).toHaveCount(0);
});

test("the facilitator imports a deck file into the table, a faulty one is refused with its reason, and downloads the table's cards", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier des leviers",
    system: "Une communauté de communes",
    present: "Peu de services partagés.",
    future: "Des services mutualisés entre communes.",
    facilitatorName: "Camille",
  });
  const bao = await joinAsParticipant(browser, link, "Bao", "élu");
  // A new table's lever pile holds every lever of the kit.
  const kitLevers = (
    JSON.parse(await readFile(new URL("../../cards/levers.json", import.meta.url), "utf8")) as { cards: unknown[] }
  ).cards.length;
  // (The piles show once play starts: the lever pile is checked then, at the end.)
  const leverPile = bao.getByRole("button", { name: "Piocher un levier" });

  const lever = {
    id: "lever-frugal",
    deck: "lever",
    title: "Frugal",
    text: "Faire mieux avec moins : sobriété des usages et des équipements.",
    keywords: ["Sobriété", "Réemploi"],
    examples: ["Une flotte de vélos partagés entretenue par un atelier d'insertion."],
    source: "Atelier des leviers",
  };
  const importFile = async (name: string, content: string) => {
    const setup = setupOf(facilitator);
    await setup
      .getByLabel("Fichier du paquet (JSON)")
      .setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
    await setup.getByRole("button", { name: "Importer le paquet" }).click();
  };

  // A lever without keywords: refused, and the reason names the card and what is missing, next to the control.
  const { keywords: _missing, ...withoutKeywords } = lever;
  await importFile("leviers-incomplets.json", JSON.stringify({ deck: "lever", cards: [withoutKeywords] }));
  const importForm = setupOf(facilitator).getByRole("form", { name: "Importer un paquet de cartes" });
  await expect(importForm.getByRole("alert")).toContainText("mots-clés");
  // Not JSON at all: said so before anything is sent.
  await importFile("notes.json", "ceci n'est pas du JSON");
  await expect(importForm.getByRole("alert")).toContainText("Ce fichier n'est pas du JSON lisible");

  // A good file: its lever joins the pile everyone draws from.
  await importFile("leviers-frugaux.json", JSON.stringify({ deck: "lever", cards: [lever] }));
  await expect(importForm.getByRole("status")).toContainText("leviers-frugaux.json");
  // The same file again: nothing new, nothing added twice.
  await importFile("leviers-frugaux.json", JSON.stringify({ deck: "lever", cards: [lever] }));
  await expect(importForm.getByRole("alert")).toContainText("sont déjà à cette table");
  // Another card under a taken id is refused, naming it.
  await importFile("autre.json", JSON.stringify({ deck: "lever", cards: [{ ...lever, title: "Un autre levier" }] }));
  await expect(importForm.getByRole("alert")).toContainText("lever-frugal");

  // The table's cards, its imported lever included, download as cartes-<table>.json.
  const downloading = facilitator.waitForEvent("download");
  await (
    await openTools(facilitator)
  )
    .getByRole("button", { name: "Télécharger les cartes de la table (JSON)" })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cartes-.+\.json$/);
  const exported = await readFile(await download.path(), "utf8");
  expect(exported).toContain('"id": "lever-frugal"');

  // In play, the lever pile everyone draws from holds the imported lever, once.
  await closeTools(facilitator);
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();
  await expect(leverPile).toHaveAccessibleDescription(new RegExp(`^${kitLevers + 1} restante`));
});
