// Never lose a word: a participant who drops off the network keeps writing, and what they wrote arrives once;
// a reload brings them back to their own seat; another browser with the same link is someone new.
import { expect, test, type Dialog } from "@playwright/test";
import { drawCard, joinAsParticipant, openTableAsFacilitator, placeCard, readPath } from "./helpers.ts";

test("a narration written offline reaches everyone once when the network is back, and a reload keeps the seat", async ({
  browser,
}) => {
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier à la gare",
    system: "Le quartier",
    present: "Aujourd'hui",
    future: "Demain",
    facilitatorName: "Camille",
  });
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();

  // A name that would run as code if anything rendered it as HTML.
  const hostileName = `<img src=x onerror="alert('pris')">Alex`;
  const dialogs: string[] = [];
  const record = (d: Dialog) => {
    dialogs.push(d.message());
    void d.dismiss();
  };
  facilitator.on("dialog", record);
  const alex = await joinAsParticipant(browser, link, hostileName, "habitante");
  alex.on("dialog", record);
  const card = await drawCard(alex, "un levier");
  await placeCard(alex, card, "start");
  const editor = alex.getByRole("textbox", { name: "Narration de l'étape 1" });
  await expect(editor).toBeFocused();

  // The network goes: the screen says so, and writing goes on.
  await alex.context().setOffline(true);
  await expect(alex.getByRole("status").filter({ hasText: /Hors ligne|reconnexion/ })).toBeVisible();
  const text = "Hors ligne, j'écris quand même : la rue devient un jardin partagé.";
  await editor.fill(text);
  await alex.getByRole("button", { name: "Enregistrer la narration" }).click();
  await expect(alex.getByRole("button", { name: /En attente du réseau/ })).toBeVisible();
  await alex.waitForTimeout(5_000);
  await expect(facilitator.getByText(text)).toHaveCount(0);

  await alex.context().setOffline(false);
  await expect(alex.getByRole("status").filter({ hasText: "Connecté·e" })).toBeVisible({ timeout: 20_000 });
  const expected = [`Étape 1 : ${card} | ${text}`];
  await expect.poll(() => readPath(facilitator), { timeout: 15_000 }).toEqual(expected);
  await expect.poll(() => readPath(alex)).toEqual(expected);
  await expect(facilitator.getByText(text)).toHaveCount(1);

  // A reload brings Alex back to the same seat: same person, same hand, nobody new at the table.
  const second = await drawCard(alex, "un défi");
  await alex.reload();
  await expect(alex.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  await expect(alex.getByText(`${hostileName} (vous)`)).toBeVisible();
  await expect(alex.getByRole("button", { name: `Placer « ${second} »` })).toBeVisible();
  const people = facilitator
    .getByRole("region", { name: /Autour de la table/ })
    .getByRole("list", { name: "Personnes assises" })
    .getByRole("listitem");
  await expect(people).toHaveCount(2);

  // The same link in another browser is someone new, never Alex's seat.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole("button", { name: "Rejoindre la table" })).toBeVisible();
  await expect(stranger.getByText(hostileName)).toHaveCount(0);

  // The hostile name is shown as text everywhere and ran nowhere.
  await expect(
    facilitator
      .getByRole("region", { name: /Autour de la table/ })
      .getByText(hostileName, { exact: true })
      .first(),
  ).toBeVisible();
  expect(dialogs).toEqual([]);
  expect(await facilitator.locator("img[src='x']").count()).toBe(0);
});

test("after two minutes without network, longer than the server keeps a dropped connection, a card placed offline lands once", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const facilitator = await (await browser.newContext()).newPage();
  const link = await openTableAsFacilitator(facilitator, {
    title: "Atelier en zone blanche",
    system: "Le village",
    present: "Aujourd'hui",
    future: "Demain",
    facilitatorName: "Camille",
  });
  await facilitator.getByRole("button", { name: "Lancer la partie" }).click();
  const bao = await joinAsParticipant(browser, link, "Bao", "agriculteur");
  const card = await drawCard(bao, "un écueil");

  await bao.context().setOffline(true);
  await expect(bao.getByRole("status").filter({ hasText: /Hors ligne|reconnexion/ })).toBeVisible();
  await placeCard(bao, card, "start");
  await expect(bao.getByRole("status").filter({ hasText: "1 action en attente d'envoi" })).toBeVisible();
  await bao.waitForTimeout(130_000);
  await bao.context().setOffline(false);

  await expect(bao.getByRole("status").filter({ hasText: "Connecté·e" })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => readPath(facilitator), { timeout: 15_000 }).toEqual([`Étape 1 : ${card} | `]);
  await expect(bao.getByText("Bao (vous)")).toBeVisible();
  await expect(
    facilitator
      .getByRole("region", { name: /Autour de la table/ })
      .getByRole("list", { name: "Personnes assises" })
      .getByRole("listitem"),
  ).toHaveCount(2);
  await expect(facilitator.getByRole("region", { name: /Autour de la table/ }).getByText("en ligne")).toHaveCount(2);
});
