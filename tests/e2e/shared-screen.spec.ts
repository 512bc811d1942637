// The shared screen and the facilitator's screen at workshop size: the observer's link on a projector shows the
// presentation (phase, timer, the whole path); the facilitator's « Présenter » adds a large QR code and the join code
// while the table is open, and drops them once it is locked; notices are polite and fade, refusals stay until closed,
// none outlives its phase; and nothing sticks out sideways of the facilitator's screen, whatever the titles.
import { expect, test, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { closeTools, dealPitfall, joinAsParticipant, openTableAsFacilitator, openTools } from "./helpers.ts";
import { sidewaysOverflow } from "./layout-probes.ts";

const PROJECTOR = { width: 1920, height: 1080 };
const JOIN_CODE = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

const notices = (page: Page) => ({
  polite: page.getByRole("status").filter({ has: page.locator(".notice") }),
  alert: page.getByRole("alert").filter({ has: page.locator(".notice") }),
});

test("the observer's link on a projector shows the shared screen: the phase, a timer readable across the room, the whole path", async ({
  browser,
  baseURL,
}) => {
  const table = await seedTable({ baseUrl: baseURL ?? "", participants: 4, steps: 8, phase: "play" });
  await table.act(0, { type: "startTimer", minutes: 5, label: "Tour de parole" });
  const projector = await (await browser.newContext({ viewport: PROJECTOR })).newPage();
  await projector.goto(table.observerLink);

  await expect(projector.getByRole("heading", { level: 1, name: table.title })).toBeVisible();
  await expect(projector.getByText("Phase : Jeu")).toBeVisible();
  const timer = projector.getByRole("region", { name: "Minuteur" });
  await expect(timer.getByText("Tour de parole")).toBeVisible();
  const clock = timer.getByRole("timer");
  await expect(clock).toHaveText(/^0[45]:\d\d$/);
  // Readable from the back of the room: several times the page's type.
  expect(await clock.evaluate((c) => parseFloat(getComputedStyle(c).fontSize))).toBeGreaterThanOrEqual(56);
  // The whole path, read-only; an observer's link never carries the way in (no participant link, no code).
  const path = projector.getByRole("region", { name: /^Le chemin/ });
  await expect(path.getByRole("article", { name: /^Étape \d+ : / })).toHaveCount(8);
  await expect(projector.getByRole("region", { name: "Rejoindre la table" })).toHaveCount(0);
  await expect(projector.getByRole("button", { name: /^Piocher/ })).toHaveCount(0);
  expect(await sidewaysOverflow(projector)).toEqual([]);

  // The table in detail is one button away, and back; the address keeps the link's secret.
  await projector.getByRole("button", { name: "Voir la table en détail" }).click();
  await expect(projector.getByText("Vous observez cette table (lecture seule)")).toBeVisible();
  await expect(projector).toHaveURL(/\?presentation=0#observation=/);
  await projector.getByRole("button", { name: "Présenter" }).click();
  await expect(projector.getByRole("button", { name: "Voir la table en détail" })).toBeVisible();

  // Once the story is closed, the timer stops and leaves the screen.
  await table.act(0, { type: "setPhase", phase: "debrief" });
  await table.act(0, { type: "setPhase", phase: "closed" });
  await expect(projector.getByText("Phase : Récit terminé")).toBeVisible();
  await expect(projector.getByRole("timer")).toHaveCount(0);
  await table.close();
});

test("the facilitator's shared screen shows a large QR code and the join code while the table is open, not once it is locked", async ({
  page,
}) => {
  await page.setViewportSize(PROJECTOR);
  const link = await openTableAsFacilitator(page, {
    title: "Atelier du projecteur",
    system: "La médiathèque",
    present: "Des rayonnages et peu de monde.",
    future: "Un lieu où l'on fabrique ensemble.",
    facilitatorName: "Camille",
  });

  await page.getByRole("button", { name: "Présenter" }).click();
  await expect(page).toHaveURL(/\?presentation=1#animation=/);
  const join = page.getByRole("region", { name: "Rejoindre la table" });
  await expect(join.getByRole("img", { name: "QR code pour rejoindre la table" })).toBeVisible();
  const code = join.locator(".present-join__code [aria-hidden]");
  await expect(code).toHaveText(JOIN_CODE);
  await expect(join).toContainText(new URL(link).host);
  // Large: a QR code a phone reads from across the room, a code read aloud.
  const qr = await join.getByRole("img", { name: "QR code pour rejoindre la table" }).boundingBox();
  expect(qr?.width ?? 0).toBeGreaterThanOrEqual(250);
  expect(await code.evaluate((c) => parseFloat(getComputedStyle(c).fontSize))).toBeGreaterThanOrEqual(40);
  await expect(page.getByText("Phase : Préparation")).toBeVisible();
  expect(await sidewaysOverflow(page)).toEqual([]);

  // Locked: no more way in on the screen. The facilitator leaves the shared screen with Escape (as a slide show),
  // locks from the table, then presents again.
  await expect(page.getByRole("button", { name: "Quitter la présentation" })).toHaveAttribute(
    "aria-keyshortcuts",
    "Escape",
  );
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Présenter", exact: true })).toBeVisible();
  await expect(join).toHaveCount(0);
  await (await openTools(page)).getByRole("button", { name: "Verrouiller la table" }).click();
  await expect(page.getByRole("button", { name: "Déverrouiller la table" })).toBeVisible();
  await closeTools(page);
  await page.getByRole("button", { name: "Présenter" }).click();
  await expect(page.getByText("Phase : Préparation")).toBeVisible();
  await expect(join).toHaveCount(0);
  await expect(page.getByText(JOIN_CODE)).toHaveCount(0);
});

test("notices: an information fades by itself, a refusal stays until closed, and none outlives its phase", async ({
  page,
}) => {
  await openTableAsFacilitator(page, {
    title: "Atelier des messages",
    system: "Le centre social",
    present: "Des activités qui ne se parlent pas.",
    future: "Une maison commune.",
    facilitatorName: "Camille",
  });
  const { polite, alert } = notices(page);

  // A refusal (nothing to undo yet) is said at once and stays, until closed.
  const tools = await openTools(page);
  await tools.getByRole("button", { name: "Annuler la dernière action" }).click();
  await expect(alert).toContainText("Il n'y a plus rien à annuler.");
  await page.waitForTimeout(7500);
  await expect(alert).toContainText("Il n'y a plus rien à annuler.");
  await alert.getByRole("button", { name: "Fermer le message" }).click();
  await expect(alert).toHaveCount(0);

  // Another refusal: gone as soon as the phase changes.
  await tools.getByRole("button", { name: "Annuler la dernière action" }).click();
  await expect(alert).toContainText("Il n'y a plus rien à annuler.");
  await closeTools(page);
  await page.getByRole("button", { name: "Lancer la partie" }).click();
  await expect(page.getByText("Phase : Jeu")).toBeVisible();
  await expect(alert).toHaveCount(0);

  // « Écueil distribué. » is an information: polite, never an alert, and it fades by itself.
  await dealPitfall(page, "Au début du chemin");
  await expect(polite).toContainText("Écueil distribué.");
  await expect(page.getByRole("alert").filter({ hasText: "Écueil distribué." })).toHaveCount(0);
  await expect(polite).toHaveCount(0, { timeout: 10_000 });

  // Dealt again, then the table moves on to the debrief: the information goes with its phase.
  await dealPitfall(page, "Au début du chemin");
  await expect(polite).toContainText("Écueil distribué.");
  await page.getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  await expect(page.getByText("Phase : Débrief")).toBeVisible();
  await expect(polite).toHaveCount(0, { timeout: 1000 });
  // The phase change brings the person to what the debrief asks.
  await expect(page.getByRole("heading", { name: "Le débrief" })).toBeFocused();
});

const LONG_TITLE =
  `${"Intercommunalisation-".repeat(4)}des transports à la demande dans les hameaux les plus éloignés`.slice(0, 120);

/** Writes a card with a very long title in this person's hand and places it at the end of the path. */
async function placeLongCard(table: SeededTable, person: number): Promise<void> {
  const me = table.people[person];
  if (!me) throw new Error("no such person");
  await table.act(person, {
    type: "writeCard",
    deck: "lever",
    title: LONG_TITLE,
    text: "Une carte au titre sans fin.",
  });
  const hand = table.stateOf(person).participants[me.participantId]?.hand ?? [];
  const card = hand.find((c) => c.title === LONG_TITLE);
  if (!card) throw new Error("the written card is not in the hand");
  await table.act(person, {
    type: "place",
    cardId: card.id,
    afterStepId: table.stateOf(person).path.at(-1)?.id ?? null,
  });
}

test("the facilitator's screen never sticks out sideways at 1024, 1280 or 1440 px, in any phase, whatever the titles", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const table = await seedTable({
    baseUrl: baseURL ?? "",
    participants: 6,
    steps: 12,
    phase: "preparation",
    title: "Atelier de la communauté de communes du Val-de-Drôme-et-des-Trois-Rivières — séance de restitution",
  });
  const context = await browser.newContext();
  await context.addInitScript(table.seatScript(0));
  const page = await context.newPage();
  await page.goto(table.facilitatorLink);

  for (const phase of ["preparation", "play", "debrief", "closed"] as const) {
    if (table.stateOf(0).phase !== phase) await table.act(0, { type: "setPhase", phase });
    if (phase === "play") {
      await placeLongCard(table, 1);
      await placeLongCard(table, 2);
    }
    await expect(
      page.getByText(
        `Phase : ${{ preparation: "Préparation", play: "Jeu", debrief: "Débrief", closed: "Récit terminé" }[phase]}`,
      ),
    ).toBeVisible();
    for (const width of [1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await sidewaysOverflow(page), `${phase} at ${width} px`).toEqual([]);
      // The drawer open: as wide as it is, never wider (a long title in the pitfall's select included).
      const tools = await openTools(page);
      await tools.evaluate((d) => Promise.all(d.getAnimations().map((a) => a.finished)));
      expect(
        await tools.evaluate((d) => d.scrollWidth - d.clientWidth),
        `the drawer in ${phase} at ${width} px`,
      ).toBeLessThanOrEqual(1);
      expect(
        await tools.evaluate((d) => d.getBoundingClientRect().right),
        `the drawer in ${phase} at ${width} px`,
      ).toBeLessThanOrEqual(width + 1);
      await closeTools(page);
    }
  }
  await table.close();
});

test("skip links lead to the path, my hand and the piles, only when they are on the screen, and keep the link's secret", async ({
  page,
  browser,
}) => {
  const link = await openTableAsFacilitator(page, {
    title: "Atelier du clavier",
    system: "La mairie annexe",
    present: "Des guichets fermés le samedi.",
    future: "Un accueil ouvert à toutes et tous.",
    facilitatorName: "Camille",
  });
  const alex = await joinAsParticipant(browser, link, "Alex", "habitante");
  const skipLinks = alex.getByRole("navigation", { name: "Accès rapide" }).getByRole("link");
  const expectLinks = async (names: string[]) => {
    await expect(skipLinks).toHaveCount(names.length);
    for (const [index, name] of names.entries()) await expect(skipLinks.nth(index)).toHaveAccessibleName(name);
  };

  // Préparation: no hand, no piles yet; only the path.
  await expectLinks(["Aller au chemin"]);

  // Jeu: the three, in that order; each moves the focus to its section without touching the address.
  await page.getByRole("button", { name: "Lancer la partie" }).click();
  await expectLinks(["Aller au chemin", "Aller à ma main", "Aller aux pioches"]);
  const address = alex.url();
  await skipLinks.nth(1).focus();
  await alex.keyboard.press("Enter");
  await expect(alex.getByRole("heading", { name: /^Ma main/ })).toBeFocused();
  await skipLinks.nth(2).focus();
  await alex.keyboard.press("Enter");
  await expect(alex.getByRole("heading", { name: "Les pioches" })).toBeFocused();
  await skipLinks.nth(0).focus();
  await alex.keyboard.press("Enter");
  await expect(alex.getByRole("heading", { name: "Le chemin", exact: true })).toBeFocused();
  expect(alex.url()).toBe(address);

  // Débrief: the hand and piles are gone, and so are their links.
  await page.getByRole("button", { name: "Passer à la phase « Débrief »" }).click();
  await expectLinks(["Aller au chemin"]);
});
