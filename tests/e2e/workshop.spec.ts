// A whole workshop in separate browsers: a workshop facilitator and two tables of two participants. People come in by
// the workshop link and by its code; a message and a timer from the overview reach both tables; both tables play to the
// debrief while the overview follows them live; the plenary shows both stories; the book holds each story once, in the
// workshop's order; a participant takes their own page home.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { CreatedWorkshop } from "#shared/workshop.ts";
import { drawCard, narrate, placeCard } from "./helpers.ts";

const TITLE = "Assises des transitions du Pays de Morlaix";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };
const DEBRIEF_BOX = "Où je me situe dans le futur souhaitable, et comment j'agis dans cette transition";
const NEXT_PHASE = "Passer toutes les tables à la phase suivante";

async function openWorkshop(page: Page): Promise<CreatedWorkshop> {
  const answer = await page.request.post("/api/workshops", {
    data: {
      title: TITLE,
      date: "2026-12-01",
      tableCount: 2,
      seatsPerTable: 10,
      setupMode: "shared",
      setup: {
        system: "Le Pays de Morlaix",
        presentState: "Des bourgs qui se vident, des trajets longs.",
        horizonYear: 2040,
        desirableFuture: "Des bourgs vivants où l'on vit et travaille sans voiture.",
        framingChallengeId: null,
        framingChallengeText: "Comment rapprocher les services des habitant·es ?",
      },
      tables: [],
      decks: ["challenge", "lever", "pitfall"],
      themes: [],
      facilitatorName: "Awa",
    },
  });
  expect(answer.status()).toBe(201);
  return (await answer.json()) as CreatedWorkshop;
}

async function person(browser: Browser, device: typeof PHONE | typeof LAPTOP): Promise<Page> {
  return (await browser.newContext(device)).newPage();
}

/** The join form of the table the lobby sent this page to; returns once seated. */
async function sitDown(page: Page, name: string, role: string): Promise<void> {
  await page.getByRole("textbox", { name: "Votre nom" }).fill(name);
  await page.getByRole("radio", { name: "Société civile", exact: true }).check();
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill(role);
  await page.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(page.getByText(`${name} (vous)`)).toBeVisible();
}

/** « Passer toutes les tables à la phase suivante », confirmed (the confirmation takes the focus, then gives it back). */
async function nextPhaseEverywhere(page: Page, moves?: string[]): Promise<void> {
  await page.getByRole("button", { name: NEXT_PHASE }).click();
  const question = page.getByRole("group", { name: /Passer chaque table à sa phase suivante/ });
  const confirm = question.getByRole("button", { name: NEXT_PHASE });
  await expect(confirm).toBeFocused();
  // Each table's step is said before it is taken (tables may be at different phases).
  if (moves)
    await expect(
      question.getByRole("list", { name: "Ce qui changera à chaque table" }).getByRole("listitem"),
    ).toHaveText(moves);
  await confirm.click();
  await expect(page.getByRole("status").filter({ hasText: "Fait à toutes les tables." })).toBeVisible();
  await expect(page.getByRole("button", { name: NEXT_PHASE })).toBeFocused();
}

/** The HTML pages escape the apostrophe: a text is looked for as the page writes it. */
const asHtml = (text: string) => text.replaceAll("'", "&#39;");

test("a workshop of two tables: one way in, messages and timers for all, live overview, plenary, book and take-home", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const created = await openWorkshop(page);
  await page.goto(created.facilitatorLink);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  // The page's address is the workshop's master key: the overview says to keep it and not to share it.
  await expect(
    page.getByText(/^Gardez l'adresse de cette page pour revenir : elle donne tous les droits sur toutes les tables/),
  ).toBeVisible();
  const card = (name: string) => page.getByRole("article", { name, exact: true });

  // Alex (phone) and Bea (laptop) open the workshop link and pick Table 1.
  const alex = await person(browser, PHONE);
  await alex.goto(created.participantLink);
  await expect(alex.getByRole("button", { name: "Rejoindre Table 1" })).toBeVisible();
  await alex.screenshot({ path: test.info().outputPath("lobby-phone.png"), fullPage: true });
  await alex.getByRole("button", { name: "Rejoindre Table 1" }).click();
  await sitDown(alex, "Alex", "habitante");
  const bea = await person(browser, LAPTOP);
  await bea.goto(created.participantLink);
  await bea.getByRole("button", { name: "Rejoindre Table 1" }).click();
  await sitDown(bea, "Bea", "élue");

  // Chloé and Dan type the workshop's code; « Placez-moi » puts them at the least full table, Table 2.
  const chloe = await person(browser, PHONE);
  const dan = await person(browser, LAPTOP);
  for (const [who, name, role] of [
    [chloe, "Chloé", "agricultrice"],
    [dan, "Dan", "technicien"],
  ] as const) {
    await who.goto("/");
    await who.getByRole("textbox", { name: "Code de la table ou de l'atelier" }).fill(created.joinCode);
    await who.getByRole("button", { name: "Valider le code" }).click();
    await who.getByRole("button", { name: "Placez-moi à une table" }).click();
    await sitDown(who, name, role);
  }

  // The overview follows who sits where, live.
  await expect(card("Table 1")).toContainText("2 en ligne sur 2");
  await expect(card("Table 2")).toContainText("2 en ligne sur 2");
  await expect(card("Table 2")).toContainText("Chloé");
  await expect(card("Table 2")).toContainText("Dan");

  // One click moves every table to play.
  await nextPhaseEverywhere(page, ["Table 1 : Préparation → Jeu", "Table 2 : Préparation → Jeu"]);
  for (const p of [alex, chloe]) await expect(p.getByText("Phase : Jeu")).toBeVisible();

  // A message and a timer for everyone, seen at both tables.
  await page
    .getByRole("textbox", { name: "Message affiché sur tous les écrans" })
    .fill("Pause café à 15 h 30, en salle B.");
  await page.getByRole("button", { name: "Afficher partout" }).click();
  await page.getByRole("spinbutton", { name: "Minutes" }).fill("20");
  await page.getByRole("textbox", { name: "Intitulé du minuteur" }).fill("Premier tour");
  await page.getByRole("button", { name: "Lancer le minuteur partout" }).click();
  for (const p of [alex, bea, chloe, dan]) {
    await expect(p.getByRole("region", { name: "Message de l'animation" })).toContainText(
      "Pause café à 15 h 30, en salle B.",
    );
    await expect(p.getByRole("region", { name: "Minuteur" }).getByText("Premier tour")).toBeVisible();
  }

  // Each table places a lever and narrates it; the overview shows the step as it lands.
  const alexCard = await drawCard(alex, "un levier");
  await placeCard(alex, alexCard, "start");
  await narrate(alex, 1, "Le bourg ouvre un tiers-lieu dans l'ancienne poste.");
  await expect(card("Table 1")).toContainText(alexCard);
  const chloeCard = await drawCard(chloe, "un levier");
  await placeCard(chloe, chloeCard, "start");
  await narrate(chloe, 1, "Les fermes livrent ensemble les cantines du canton.");
  await expect(card("Table 2")).toContainText(chloeCard);
  await page.screenshot({ path: test.info().outputPath("overview-1440.png"), fullPage: true });
  await alex.screenshot({ path: test.info().outputPath("table-phone-message.png") });

  // To the debrief: one person at each table writes theirs, and the overview counts them.
  await nextPhaseEverywhere(page);
  await alex
    .getByRole("textbox", { name: DEBRIEF_BOX })
    .fill("J'anime le tiers-lieu du bourg, deux soirs par semaine.");
  await alex.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  await chloe.getByRole("textbox", { name: DEBRIEF_BOX }).fill("Je fédère les fermes du canton pour les cantines.");
  await chloe.getByRole("button", { name: "Enregistrer mon débrief" }).click();
  await expect(card("Table 1")).toContainText("1 / 2");
  await expect(card("Table 2")).toContainText("1 / 2");

  // The stories close; the plenary shows one table after the other, then the tables compared.
  await nextPhaseEverywhere(page);
  await expect(alex.getByText("Phase : Récit terminé")).toBeVisible();
  await page.getByRole("tab", { name: "Plénière" }).click();
  const plenary = page.getByRole("tabpanel", { name: "Plénière" });
  await expect(plenary.getByRole("article")).toContainText("Le bourg ouvre un tiers-lieu dans l'ancienne poste.");
  await plenary.getByRole("button", { name: "Table suivante" }).click();
  await expect(plenary.getByRole("article")).toContainText("Les fermes livrent ensemble les cantines du canton.");
  await plenary.getByRole("button", { name: "Les tables comparées" }).click();
  const comparison = plenary.getByRole("table");
  await expect(comparison).toContainText(alexCard);
  await expect(comparison).toContainText(chloeCard);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: test.info().outputPath("comparison-1920.png") });

  // The book: both stories, once each, Table 1 first.
  await page.getByRole("tab", { name: "Livre de l'atelier" }).click();
  const bookDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Livre à imprimer (HTML)" }).click();
  const book = await readFile(await (await bookDownload).path(), "utf8");
  const first = asHtml("Le bourg ouvre un tiers-lieu dans l'ancienne poste.");
  const second = asHtml("Les fermes livrent ensemble les cantines du canton.");
  expect(book.split(first).length - 1).toBe(1);
  expect(book.split(second).length - 1).toBe(1);
  expect(book.indexOf(first)).toBeLessThan(book.indexOf(second));
  expect(book).toContain(TITLE);

  // Alex takes their own page home: their step and debrief, not Chloé's.
  const mineDownload = alex.waitForEvent("download");
  await alex.getByRole("button", { name: "Ma page (à imprimer)" }).click();
  const mine = await readFile(await (await mineDownload).path(), "utf8");
  expect(mine).toContain(first);
  expect(mine).toContain(asHtml("J'anime le tiers-lieu du bourg, deux soirs par semaine."));
  expect(mine).not.toContain(asHtml("Je fédère les fermes du canton"));

  for (const p of [alex, bea, chloe, dan]) await p.context().close();
});

test("the workshop facilitator moves someone to another table from the overview: the focus goes to what was done", async ({
  browser,
  page,
}) => {
  const created = await openWorkshop(page);
  await page.goto(created.facilitatorLink);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const card = (name: string) => page.getByRole("article", { name, exact: true });
  const eli = await person(browser, LAPTOP);
  await eli.goto(created.participantLink);
  await eli.getByRole("button", { name: "Rejoindre Table 1" }).click();
  await sitDown(eli, "Éli", "habitant");
  await expect(card("Table 1")).toContainText("Éli");

  await card("Table 1").getByRole("button", { name: "Changer de table : quelqu'un de Table 1" }).click();
  await expect(card("Table 1").getByRole("combobox", { name: "Personne" })).toHaveValue(/.+/);
  await card("Table 1").getByRole("button", { name: "Déplacer" }).click();
  // The form closes; what was done is said in its place, with the focus (not left on the page).
  const done = card("Table 1").getByRole("status").filter({ hasText: "Éli va rejoindre Table 2." });
  await expect(done).toBeFocused();
  await expect(card("Table 1").getByRole("button", { name: "Déplacer" })).toBeHidden();
  await expect(card("Table 2")).toContainText("Éli");
  await eli.context().close();
});
