// The kit's tools around the story (issue 11): in preparation the facilitator writes what is at stake — the stakes,
// objectives with their priority, quick wins, success indicators — with the kit's own words as hints, and the kit's
// advice sits by every field where a challenge is written; during play everyone reads the stakes at the path's start;
// at the debrief a participant writes her commitment; the facilitator's exports hold both in place.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { joinAsParticipant, openTableAsFacilitator } from "./helpers.ts";

const setupOf = (page: Page) => page.getByRole("region", { name: "Le cadre du récit" });
const phasesOf = (page: Page) => page.getByRole("region", { name: "Les phases du récit" });
const stakesOf = (page: Page) => setupOf(page).getByRole("group", { name: "Enjeux et objectifs" });
const ADVICE = "Le conseil du kit : « un défi doit être simple, donner envie, ouvert, crédible ».";

async function download(page: Page, button: string): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return readFile(await (await downloading).path(), "utf8");
}

/** Types into a field of the stakes and presses its "Enregistrer", as the facilitator does. */
async function saveStake(page: Page, label: string, text: string): Promise<void> {
  await stakesOf(page).getByRole("textbox", { name: label, exact: true }).fill(text);
  await stakesOf(page)
    .getByRole("button", { name: `Enregistrer « ${label} »` })
    .click();
  await expect(stakesOf(page).getByText("Modifié, pas encore enregistré.")).toHaveCount(0);
}

test("the facilitator writes the stakes in preparation, everyone reads them in play, a commitment is written at the debrief, and the exports hold both", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const facilitator = await (await browser.newContext()).newPage();

  // On the home page, a challenge written by hand comes with the kit's advice.
  await facilitator.goto("/");
  const home = facilitator.getByRole("form", { name: "Ouvrir une table" });
  await home.getByRole("radio", { name: "Écrire notre propre défi" }).check();
  await expect(home.getByRole("textbox", { name: "Votre défi" })).toHaveAccessibleDescription(ADVICE);

  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier de la vallée",
    system: "La vallée de la Drôme",
    present: "Des villages reliés par une seule route.",
    future: "Des villages reliés par des mobilités partagées.",
    facilitatorName: "Camille",
  });
  const bao = await joinAsParticipant(browser, link, "Bao", "habitante");

  // The framing challenge written in preparation, and its suggestion, come with the advice too.
  await expect(
    setupOf(facilitator).getByRole("textbox", { name: "Écrire notre propre défi" }),
  ).toHaveAccessibleDescription(new RegExp(ADVICE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await setupOf(bao).getByRole("combobox", { name: "Ma suggestion porte sur" }).selectOption({ label: "le défi" });
  await expect(setupOf(bao).getByRole("textbox", { name: "Ma suggestion" })).toHaveAccessibleDescription(ADVICE);

  // The stakes, in the kit's words: what happens if nothing is done, then two objectives, the more important written second.
  await expect(stakesOf(facilitator).getByRole("textbox", { name: "Les enjeux" })).toHaveAccessibleDescription(
    /« Formuler les enjeux, ce qui se passe si on ne fait rien »/,
  );
  await saveStake(facilitator, "Les enjeux", "Les jeunes quittent la vallée faute de transports.");
  await stakesOf(facilitator).getByRole("button", { name: "Ajouter un objectif" }).click();
  await stakesOf(facilitator)
    .getByRole("combobox", { name: "Priorité de l'objectif 1" })
    .selectOption({ label: "Priorité 2" });
  await saveStake(facilitator, "Nouvel objectif", "Un atelier de réparation dans chaque village");
  await stakesOf(facilitator).getByRole("button", { name: "Ajouter un objectif" }).click();
  await saveStake(facilitator, "Nouvel objectif", "Une navette à la demande");
  await expect(stakesOf(facilitator).getByRole("combobox", { name: "Priorité de l'objectif 2" })).toHaveValue("1");
  await expect(
    stakesOf(facilitator).getByRole("textbox", { name: "Objectif 2", exact: true }),
  ).toHaveAccessibleDescription(/« les hiérarchiser : ce qui est le plus important »/);
  await stakesOf(facilitator).getByRole("button", { name: "Ajouter une petite victoire" }).click();
  await saveStake(facilitator, "Nouvelle petite victoire", "Un covoiturage affiché à la mairie");
  await stakesOf(facilitator).getByRole("button", { name: "Ajouter un indicateur" }).click();
  await expect(stakesOf(facilitator).getByRole("textbox", { name: "Nouvel indicateur" })).toHaveAccessibleDescription(
    /nous aurons réussi si, dans xx années/,
  );
  await saveStake(facilitator, "Nouvel indicateur", "Dans 10 ans, la moitié des jeunes restent");

  // The participant reads them live, objectives by priority.
  const baoSetup = setupOf(bao);
  await expect(
    baoSetup.getByRole("definition").filter({ hasText: "Les jeunes quittent la vallée faute de transports." }),
  ).toBeVisible();
  await expect(baoSetup.getByRole("definition").filter({ hasText: "Priorité 1" }).getByRole("listitem")).toHaveText([
    "Priorité 1 : Une navette à la demande",
    "Priorité 2 : Un atelier de réparation dans chaque village",
  ]);

  // Play: at the path's start, read in full, the stakes frame the story.
  await phasesOf(facilitator).getByRole("button", { name: "Lancer la partie" }).click();
  const today = bao.getByRole("group", { name: "Aujourd'hui" });
  await today.getByRole("button", { name: "Tout lire : Aujourd'hui" }).click();
  const stakes = today.getByRole("group", { name: "Enjeux et objectifs" });
  for (const text of [
    "Les jeunes quittent la vallée",
    "Priorité 1 : Une navette à la demande",
    "Un covoiturage affiché à la mairie",
    "la moitié des jeunes restent",
  ]) {
    await expect(stakes).toContainText(text);
  }

  // A blank challenge or a card written at the table: the advice is there too.
  await bao.getByText("Écrire une carte").click();
  const writeCard = bao.getByRole("form", { name: "Écrire une carte" });
  await writeCard.getByRole("combobox", { name: "Pioche" }).selectOption({ label: "Défi" });
  await expect(writeCard.getByRole("textbox", { name: "Titre de la carte" })).toHaveAccessibleDescription(ADVICE);

  // Debrief: Bao writes where she stands and what she commits to; everyone reads it.
  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  await bao
    .getByRole("textbox", { name: "Où je me situe dans le futur souhaitable, et comment j'agis dans cette transition" })
    .fill("Je prends la navette chaque matin.");
  await bao
    .getByRole("textbox", { name: "Mon engagement : « Je m'engage à… »" })
    .fill("Je m'engage à animer l'atelier de réparation.");
  await bao.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  await expect(bao.getByRole("heading", { name: "Mon engagement" })).toBeVisible();
  await expect(facilitator.getByText("Engagement : Je m'engage à animer l'atelier de réparation.")).toBeVisible();

  await phasesOf(facilitator).getByRole("button", { name: "Passer à la phase « Récit terminé »" }).click();
  await phasesOf(facilitator).getByRole("button", { name: "Confirmer : passer à la phase « Récit terminé »" }).click();

  // The exports: the stakes in the frame, before the people; the commitment under Bao's name in the debrief.
  const markdown = await download(facilitator, "Télécharger le récit (Markdown)");
  expect(markdown).toContain(
    "**Les enjeux (ce qui se passe si on ne fait rien) :** Les jeunes quittent la vallée faute de transports.",
  );
  expect(markdown).toContain(
    "- Priorité 1 : Une navette à la demande\n- Priorité 2 : Un atelier de réparation dans chaque village",
  );
  expect(markdown).toContain("**Les petites victoires :**\n\n- Un covoiturage affiché à la mairie");
  expect(markdown).toContain("**Nous aurons réussi si… :**\n\n- Dans 10 ans, la moitié des jeunes restent");
  expect(markdown.indexOf("Les enjeux")).toBeLessThan(markdown.indexOf("## Les personnes"));
  const commitments = markdown.slice(markdown.indexOf("### Les engagements"));
  expect(commitments).toContain("Je m'engage à animer l'atelier de réparation.  \n*Bao (habitante)*");

  const html = await download(facilitator, "Télécharger le récit imprimable (HTML, à enregistrer en PDF)");
  const setup = html.slice(html.indexOf('<section class="setup"'), html.indexOf("</section>"));
  expect(setup).toContain('<li class="typed">Priorité 1 : Une navette à la demande</li>');
  expect(html.slice(html.indexOf('<div class="commitments">'))).toContain(
    "Je m&#39;engage à animer l&#39;atelier de réparation.",
  );

  const json = JSON.parse(
    await download(facilitator, "Télécharger le récit complet (JSON, pour continuer ailleurs)"),
  ) as {
    table: {
      setup: { stakes: { objectives: { text: string; priority: number }[] } };
      participants: { name: string; commitment?: string }[];
    };
  };
  expect(json.table.setup.stakes.objectives).toEqual([
    { text: "Un atelier de réparation dans chaque village", priority: 2 },
    { text: "Une navette à la demande", priority: 1 },
  ]);
  expect(json.table.participants.find((p) => p.name === "Bao")?.commitment).toBe(
    "Je m'engage à animer l'atelier de réparation.",
  );
});
