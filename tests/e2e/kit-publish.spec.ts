// Publishing a closed story in the browser (the kit: work in the open): the facilitator publishes it, one participant
// agrees to be named and another does not, a stranger's browser opens the public address and reads the story without
// the second name; taken back, the address leads nowhere.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";

const baseUrl = `http://localhost:${process.env.E2E_PORT ?? 2590}`;
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const MY_NAME = "Mon nom dans le récit publié";

let table: SeededTable | null = null;
test.afterEach(async () => {
  await table?.close();
  table = null;
});

/** people[index] back at their seat, in their own browser. */
async function open(
  browser: Browser,
  seeded: SeededTable,
  index: number,
  viewport: { width: number; height: number },
): Promise<Page> {
  const phone = viewport.width < 500;
  const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
  await context.addInitScript(seeded.seatScript(index));
  const page = await context.newPage();
  await page.goto(index === 0 ? seeded.facilitatorLink : seeded.participantLink);
  await expect(page.getByRole("heading", { name: "Le récit est terminé", exact: true })).toBeVisible();
  return page;
}

test("the facilitator publishes the closed story; Karim agrees to be named, Sophie does not; a stranger reads it without Sophie's name; taken back, it is gone", async ({
  browser,
}) => {
  // Four browsers and a seeded table: on a busy machine, more than the default minute.
  test.setTimeout(120_000);
  table = await seedTable({ baseUrl, participants: 3, steps: 4, phase: "closed", title: "Les Lilas en 2040" });
  const [camille, karim, sophie] = table.people;
  if (!camille || !karim || !sophie) throw new Error("the table has not three people");
  const facilitator = await open(browser, table, 0, LAPTOP);
  const karimPage = await open(browser, table, 1, PHONE);
  const sophiePage = await open(browser, table, 2, LAPTOP);

  // Nobody is named unless they say so: Karim ticks it, Sophie leaves it as it is.
  const karimChoice = karimPage.getByRole("checkbox", { name: MY_NAME });
  await expect(karimChoice).not.toBeChecked();
  // Each is told which « Participant·e N » they would be (N: their place in the order of arrival, which the seeding
  // does not fix).
  await expect(karimChoice).toHaveAccessibleDescription(/« Participant·e \d+ »/);
  await karimChoice.check();
  const sophieChoice = sophiePage.getByRole("checkbox", { name: MY_NAME });
  await expect(sophieChoice).not.toBeChecked();
  await expect(sophieChoice).toHaveAccessibleDescription(/« Participant·e \d+ »/);
  const sophieAs = /« (Participant·e \d+) »/.exec(
    await sophieChoice.evaluate((box) => {
      const ids = box.getAttribute("aria-describedby")?.split(" ") ?? [];
      return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    }),
  )?.[1];
  if (!sophieAs) throw new Error("Sophie is not told how she would appear");

  const publishing = facilitator.getByRole("region", { name: "Publier le récit" });
  await expect(publishing).toContainText("Le récit n'est pas publié.");
  await expect(publishing).toContainText("1 personne sur 3 accepte d'être nommée.");
  await publishing.getByRole("button", { name: "Publier le récit" }).click();
  const address = publishing.getByRole("textbox", { name: "Adresse publique du récit" });
  await expect(address).toHaveValue(/\/recit\/[A-Za-z0-9_-]{32}$/);
  await expect(publishing.getByRole("button", { name: "Copier l'adresse" })).toBeVisible();
  const link = await address.inputValue();
  // Everyone at the table is told where it is published.
  await expect(sophiePage.getByRole("link", { name: link })).toBeVisible();
  await publishing.screenshot({ path: test.info().outputPath("facilitator-1440.png") });
  await karimPage
    .getByRole("region", { name: "Le récit publié" })
    .screenshot({ path: test.info().outputPath("participant-390.png") });

  // A stranger: no link of the table, no seat, only the public address.
  const stranger = await (await browser.newContext()).newPage();
  const response = await stranger.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Les Lilas en 2040");
  await expect(stranger.getByRole("heading", { name: "Le chemin" })).toBeVisible();
  const page = stranger.locator("body");
  await expect(page).toContainText(karim.name);
  await expect(page).toContainText(sophieAs);
  await expect(page).not.toContainText(sophie.name);
  await expect(page).not.toContainText(sophie.role);
  await expect(page).not.toContainText(camille.name);
  await stranger.screenshot({ path: test.info().outputPath("public-page.png") });

  // Taken back: the address answers « Ce récit n'est plus publié » at once.
  await publishing.getByRole("button", { name: "Retirer la publication" }).click();
  await expect(publishing).toContainText("Le récit n'est pas publié.");
  await expect(sophiePage.getByRole("link", { name: link })).toBeHidden();
  const gone = await stranger.reload();
  expect(gone?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Ce récit n'est plus publié.");
  await expect(stranger.locator("body")).not.toContainText(karim.name);
});
