// The workshop facilitator between the overview and the tables: a table opened from the overview leads back to it (and
// a participant's or a helper's table page holds no way to it, nor its secret); the move form shows each destination's
// whole name at laptop widths; the buttons that send to every table keep the focus while the tables answer, and adding the
// last tables leaves it on the line saying the workshop is full.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { WORKSHOP_API, type CreatedWorkshop, type SeatAnswer, type WorkshopLobby } from "#shared/workshop.ts";
import { lilasWorkshop, secretIn } from "#tests/workshop-body.ts";
import { joinAsParticipant } from "./helpers.ts";

const TITLE = "Atelier des Lilas";
const BACK = "Retour à la vue d'ensemble de l'atelier";

/** Opens a workshop; `names` gives its tables their own names (one table each). */
async function openWorkshop(request: APIRequestContext, names?: string[]): Promise<CreatedWorkshop> {
  const body = names
    ? lilasWorkshop({
        tableCount: names.length,
        setupMode: "perTable",
        tables: names.map((name) => ({ name, system: "", framingChallengeId: null, framingChallengeText: "" })),
      })
    : lilasWorkshop();
  const answer = await request.post(WORKSHOP_API.create, { data: body });
  expect(answer.status()).toBe(201);
  return (await answer.json()) as CreatedWorkshop;
}

/** The participant link of the workshop's first table, as the lobby gives it to someone who picks that table. */
async function firstTableSeat(request: APIRequestContext, workshop: CreatedWorkshop): Promise<SeatAnswer> {
  const invite = secretIn(workshop.participantLink, "invite");
  const lobby = (await (
    await request.post(WORKSHOP_API.lobby(workshop.workshopId), { data: { invite } })
  ).json()) as WorkshopLobby;
  const answer = await request.post(WORKSHOP_API.seat(workshop.workshopId), {
    data: { invite, tableId: lobby.tables[0]?.tableId },
  });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as SeatAnswer;
}

/** A facilitator's join form at a table (name and who they are), then the table. */
async function sitAsFacilitator(page: Page, name: string): Promise<void> {
  await page.getByRole("textbox", { name: "Votre nom" }).fill(name);
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill("animation");
  await page.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
}

test("a table opened from the overview leads back to it; a participant's and a helper's table hold no way there", async ({
  browser,
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const workshop = await openWorkshop(request);
  const workshopKey = secretIn(workshop.facilitatorLink, "facilitator");
  await page.goto(workshop.facilitatorLink);
  const card = page.getByRole("article", { name: "Table 1", exact: true });

  // « Ouvrir la table » opens Table 1 in a new tab, with the workshop's rights.
  const opening = page.context().waitForEvent("page");
  await card.getByRole("link", { name: /^Ouvrir la table : Table 1/ }).click();
  const atTable = await opening;
  await sitAsFacilitator(atTable, "Camille");

  // From there, a plain link back to the overview: the secret already in this tab's address, and never on the screen.
  const back = atTable.getByRole("link", { name: BACK });
  await expect(back).toBeVisible();
  expect(await back.getAttribute("href")).toBe(`/a/${workshop.workshopId}#animation=${workshopKey}`);
  expect(new URL(atTable.url()).hash).toBe(`#animation=${workshopKey}`);
  await expect(atTable.locator("body")).not.toContainText(workshopKey);
  await atTable.screenshot({
    path: test.info().outputPath("table-top-1280.png"),
    clip: { x: 0, y: 0, width: 1280, height: 300 },
  });
  await back.click();
  await expect(atTable).toHaveURL(new RegExp(`/a/${workshop.workshopId}#animation=`));
  await expect(atTable.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(atTable.getByRole("article", { name: "Table 1", exact: true })).toContainText("Camille");
  await expect(atTable.getByRole("status").filter({ hasText: "Connecté" }).first()).toBeVisible();

  // A participant, sent to Table 1 by the lobby: no link to the workshop's overview, no facilitator secret in the page.
  const seat = await firstTableSeat(request, workshop);
  const participant = await joinAsParticipant(browser, seat.path, "Bastien", "habitant");
  await expect(participant.getByText("Camille")).toBeVisible();
  await expect(participant.getByRole("link", { name: BACK })).toHaveCount(0);
  await expect(participant.locator('a[href*="animation="], a[href^="/a/"]')).toHaveCount(0);
  expect(await participant.content()).not.toContain(workshopKey);

  // A helper given Table 1 alone (« Confier cette table »): that table's rights, no way to the workshop.
  await card.getByRole("button", { name: "Confier cette table : Table 1" }).click();
  const handed = card.getByRole("textbox", { name: "Lien d'animation de Table 1" });
  await expect(handed).toHaveValue(/#animation=/);
  const helper = await (await browser.newContext()).newPage();
  await helper.goto(await handed.inputValue());
  await sitAsFacilitator(helper, "Dominique");
  await expect(helper.getByRole("button", { name: "Outils d'animation", exact: true })).toBeVisible();
  await expect(helper.getByRole("link", { name: BACK })).toHaveCount(0);
  await expect(helper.locator('a[href^="/a/"]')).toHaveCount(0);
  expect(await helper.content()).not.toContain(workshopKey);

  for (const p of [participant, helper]) await p.context().close();
  await atTable.close();
});

const LONG_NAMES = [
  "Les Tanneurs",
  "Quartier de la gare et des faubourgs du nord-est",
  "Centre-ville historique, ses halles et ses ruelles",
  "Zones d'activités et hameaux de la périphérie sud",
];

test("the move form shows each destination table's whole name at 1440, 1280 and 1024 px, nothing overflowing sideways", async ({
  browser,
  page,
  request,
}) => {
  const workshop = await openWorkshop(request, LONG_NAMES);
  const participant = await joinAsParticipant(browser, (await firstTableSeat(request, workshop)).path, "Bea", "élue");
  await page.goto(workshop.facilitatorLink);
  const card = page.getByRole("article", { name: "Les Tanneurs", exact: true });
  await expect(card).toContainText("Bea");
  await card.getByRole("button", { name: "Changer de table : quelqu'un de Les Tanneurs" }).click();
  const destinations = card.getByRole("group", { name: "Vers" });

  for (const width of [1440, 1280, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: test.info().outputPath(`move-form-${width}.png`) });
    for (const name of LONG_NAMES.slice(1)) {
      const choice = destinations.getByRole("radio", { name, exact: true });
      await expect(choice).toBeVisible();
      // The name itself, on screen in full: not cut inside its box, its box inside the card.
      const label = destinations.getByText(name, { exact: true });
      await expect(label).toBeVisible();
      expect(await clipped(label), `${name} at ${width} px`).toBe(false);
      expect(await insideOf(label, card), `${name} at ${width} px`).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }

  // Choosing one by its name moves Bea there.
  await destinations.getByRole("radio", { name: LONG_NAMES[2] }).check();
  await card.getByRole("button", { name: "Déplacer" }).click();
  await expect(card.getByRole("status").filter({ hasText: `Bea va rejoindre ${LONG_NAMES[2]}.` })).toBeFocused();
  await expect(page.getByRole("article", { name: LONG_NAMES[2], exact: true })).toContainText("Bea");
  await participant.context().close();
});

/** Whether an element's text is cut: wider or taller than the box that shows it. */
function clipped(element: Locator): Promise<boolean> {
  return element.evaluate((node) => node.scrollWidth > node.clientWidth || node.scrollHeight > node.clientHeight);
}

/** Whether an element's box lies inside another's, sideways. */
async function insideOf(element: Locator, container: Locator): Promise<boolean> {
  const [inner, outer] = [await element.boundingBox(), await container.boundingBox()];
  if (!inner || !outer) return false;
  return inner.x >= outer.x && inner.x + inner.width <= outer.x + outer.width;
}

test("the overview's sending buttons keep the keyboard focus while every table answers, and say they are sending", async ({
  browser,
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const workshop = await openWorkshop(request);
  const participant = await joinAsParticipant(
    browser,
    (await firstTableSeat(request, workshop)).path,
    "Eli",
    "habitant",
  );
  // Every message the workshop room sends this page comes 600 ms late: long enough for a button disabled meanwhile to
  // drop the focus (the SDK reads its socket through onmessage).
  await page.addInitScript((delay) => {
    const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, "onmessage");
    Object.defineProperty(WebSocket.prototype, "onmessage", {
      configurable: true,
      get() {
        return onmessage?.get?.call(this);
      },
      set(handler: ((event: MessageEvent) => void) | null) {
        const late = handler && ((event: MessageEvent) => void setTimeout(() => handler.call(this, event), delay));
        onmessage?.set?.call(this, late);
      },
    });
  }, 600);
  await page.goto(workshop.facilitatorLink);
  await expect(page.getByRole("article", { name: "Table 1", exact: true })).toContainText("Eli");

  /** Presses the button from the keyboard: while the tables answer, it says it is busy and keeps the focus. */
  async function press(button: Locator, key: "Enter" | " ", command: string): Promise<void> {
    await button.focus();
    await page.keyboard.press(key);
    await expect(page.getByRole("status").filter({ hasText: `Envoi aux tables en cours : ${command}…` })).toBeVisible();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute("aria-disabled", "true");
    await expect(
      page.getByRole("status").filter({ hasText: `Résultat : ${command} — Fait à toutes les tables.` }),
    ).toBeVisible();
  }

  await page
    .getByRole("textbox", { name: "Message affiché sur tous les écrans" })
    .fill("On reprend dans deux minutes.");
  const show = page.getByRole("button", { name: "Afficher partout" });
  await press(show, "Enter", "message");
  // Answered: the button has the focus still, and is ready again.
  await expect(show).toBeFocused();
  await expect(show).not.toHaveAttribute("aria-disabled");
  await expect(participant.getByRole("region", { name: "Message de l'animation" })).toContainText("On reprend");

  const timer = page.getByRole("button", { name: "Lancer le minuteur partout" });
  await press(timer, " ", "minuteur");
  await expect(timer).toBeFocused();

  await press(page.getByRole("button", { name: "Fermer les arrivées" }), "Enter", "arrivées");
  // The same button, now the other way round.
  await expect(page.getByRole("button", { name: "Rouvrir les arrivées" })).toBeFocused();

  // « Retirer le message » goes with the message: its focus goes to the message's field, not to the page.
  await press(page.getByRole("button", { name: "Retirer le message" }), "Enter", "message");
  await expect(page.getByRole("textbox", { name: "Message affiché sur tous les écrans" })).toBeFocused();

  // The move: « Déplacer » keeps the focus while it goes, then the form gives it to what was done.
  const card = page.getByRole("article", { name: "Table 1", exact: true });
  await card.getByRole("button", { name: "Changer de table : quelqu'un de Table 1" }).click();
  const move = card.getByRole("button", { name: "Déplacer" });
  await move.focus();
  await page.keyboard.press("Enter");
  await expect(card.getByRole("status").filter({ hasText: "Changement de table en cours…" })).toBeVisible();
  await expect(move).toBeFocused();
  await expect(card.getByRole("status").filter({ hasText: "Eli va rejoindre Table 2." })).toBeFocused();

  // The other sections' requests, answered as late: the book's download, the plenary's « Actualiser ».
  for (const path of ["**/book.html", "**/stories"])
    await page.route(path, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
  await page.getByRole("tab", { name: "Livre de l'atelier" }).click();
  const book = page.getByRole("button", { name: "Livre à imprimer (HTML)" });
  await book.focus();
  const download = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Préparation du livre…" })).toBeVisible();
  await expect(book).toBeFocused();
  await expect(book).toHaveAttribute("aria-disabled", "true");
  await download;
  await expect(book).not.toHaveAttribute("aria-disabled");
  await expect(book).toBeFocused();

  await page.getByRole("tab", { name: "Plénière" }).click();
  const refresh = page.getByRole("tabpanel", { name: "Plénière" }).getByRole("button", { name: /^Actualis/ });
  await expect(refresh).toHaveText("Actualiser");
  await refresh.focus();
  await page.keyboard.press("Enter");
  await expect(refresh).toHaveText("Actualisation…");
  await expect(refresh).toBeFocused();
  await expect(refresh).toHaveText("Actualiser");
  await expect(refresh).toBeFocused();
  await participant.context().close();
});

test("adding the last tables a workshop may hold leaves the focus on the line saying it is full, not on the page", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const answer = await request.post(WORKSHOP_API.create, { data: lilasWorkshop({ tableCount: 18 }) });
  expect(answer.status()).toBe(201);
  const workshop = (await answer.json()) as CreatedWorkshop;
  await page.goto(workshop.facilitatorLink);
  await expect(page.getByRole("article", { name: "Table 18", exact: true })).toBeVisible();

  await page.getByRole("spinbutton", { name: "Tables à ajouter" }).fill("2");
  await page.getByRole("button", { name: "Ajouter", exact: true }).focus();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("article", { name: "Table 20", exact: true })).toBeVisible();
  const full = page.getByText("L'atelier compte 20 tables, le maximum : aucune table ne peut plus être ajoutée.");
  await expect(full).toBeFocused();
  await expect(page.getByRole("button", { name: "Ajouter", exact: true })).toHaveCount(0);
});
