// A table inside a workshop, in the browser: the workshop facilitator's message shows on every screen of the table as
// a banner, and someone moved to another table before play finds themself seated there, told so, without a form, with
// the suggestion they had not sent yet.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Client, type Room } from "@colyseus/sdk";
import { PROTOCOL_VERSION } from "#shared/protocol-constants.ts";
import {
  WORKSHOP_API,
  WORKSHOP_OVERVIEW_MESSAGE,
  WORKSHOP_OVERVIEW_REQUEST,
  WORKSHOP_REQUEST,
  WORKSHOP_TABLE_MESSAGE,
  type CreatedWorkshop,
  type SeatAnswer,
  type WorkshopCommand,
  type WorkshopCommandReply,
  type WorkshopLobby,
  type WorkshopOverview,
} from "#shared/workshop.ts";
import { joinAsParticipant } from "./helpers.ts";
import { lilasWorkshop, secretIn } from "#tests/workshop-body.ts";

const WORKSHOP = lilasWorkshop();

/** What the workshop facilitator's dashboard does: joins the overview room and sends commands to every table. */
async function overviewOf(request: APIRequestContext, baseURL: string, workshop: CreatedWorkshop): Promise<Room> {
  const facilitatorKey = secretIn(workshop.facilitatorLink, "facilitator");
  const answer = await request.post(WORKSHOP_API.join(workshop.workshopId), {
    data: { protocolVersion: PROTOCOL_VERSION, facilitatorKey },
  });
  expect(answer.status()).toBe(200);
  const room = await new Client(baseURL).consumeSeatReservation(await answer.json());
  // The dashboard follows these live; this test asks for the overview when it needs it.
  for (const type of [WORKSHOP_OVERVIEW_MESSAGE, WORKSHOP_TABLE_MESSAGE]) room.onMessage(type, () => undefined);
  return room;
}

async function command(overview: Room, sent: WorkshopCommand): Promise<WorkshopCommandReply> {
  return (await overview.request(WORKSHOP_REQUEST, sent)) as WorkshopCommandReply;
}

/** A new workshop of two tables, and the participant link of the first (what the lobby's « choisir cette table » gives). */
async function openWorkshop(request: APIRequestContext) {
  const created = await request.post(WORKSHOP_API.create, { data: WORKSHOP });
  expect(created.status()).toBe(201);
  const workshop = (await created.json()) as CreatedWorkshop;
  const invite = secretIn(workshop.participantLink, "invite");
  const lobby = (await (
    await request.post(WORKSHOP_API.lobby(workshop.workshopId), { data: { invite } })
  ).json()) as WorkshopLobby;
  const [first, second] = lobby.tables;
  if (!first || !second) throw new Error("the workshop has no two tables");
  const seat = (await (
    await request.post(WORKSHOP_API.seat(workshop.workshopId), { data: { invite, tableId: first.tableId } })
  ).json()) as SeatAnswer;
  return { workshop, first, second, firstPath: seat.path };
}

/** The workshop facilitator moves the person of this name from one table to the other, once the overview knows them. */
async function move(overview: Room, name: string, fromTableId: string, toTableId: string): Promise<void> {
  let participantId = "";
  await expect(async () => {
    const known = (await overview.request(WORKSHOP_OVERVIEW_REQUEST)) as WorkshopOverview;
    participantId =
      known.tables.find((table) => table.tableId === fromTableId)?.people.find((p) => p.name === name)?.id ?? "";
    expect(participantId).not.toBe("");
  }).toPass();
  const moved = await command(overview, { type: "move", fromTableId, participantId, toTableId });
  expect(moved.ok, JSON.stringify(moved)).toBe(true);
}

test("the workshop's message shows at the table, and someone moved before play is seated at the new table, told so", async ({
  browser,
  request,
  baseURL,
}) => {
  const { workshop, first, second, firstPath } = await openWorkshop(request);
  const bastien = await joinAsParticipant(browser, firstPath, "Bastien", "habitant");
  const chloe = await joinAsParticipant(browser, firstPath, "Chloé", "élue");
  // Bastien's browser remembers the workshop's table, as the lobby does.
  const remembered = `jdt:workshop-table:${workshop.workshopId}`;
  await bastien.evaluate(([key, path]) => localStorage.setItem(key, path), [remembered, firstPath] as const);

  const overview = await overviewOf(request, baseURL ?? "", workshop);
  try {
    // A message for every table: a banner on every screen of Table 1.
    expect(
      (await command(overview, { type: "message", text: "Pause dans cinq minutes : finissez votre tour." })).ok,
    ).toBe(true);
    for (const page of [bastien, chloe]) {
      const banner = page.getByRole("region", { name: "Message de l'animation" });
      await expect(banner).toContainText("Pause dans cinq minutes : finissez votre tour.");
    }

    // Bastien goes to Table 2: his page follows, he is seated there under his name, without a form, and told so.
    await move(overview, "Bastien", first.tableId, second.tableId);

    await expect(bastien).toHaveURL(new RegExp(`/t/${second.tableId}#invitation=`));
    await expect(
      bastien.getByRole("status").filter({ hasText: `Vous avez été déplacé·e vers ${second.name}.` }),
    ).toBeVisible();
    await expect(bastien.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
    await expect(bastien.getByRole("textbox", { name: "Votre nom" })).toBeHidden();
    await expect(bastien.getByText("Bastien (vous)")).toBeVisible();
    expect(await bastien.evaluate((key) => localStorage.getItem(key), remembered)).toMatch(
      new RegExp(`^/t/${second.tableId}#`),
    );

    // Table 1 shows him gone to Table 2, not removed.
    await expect(chloe.getByText(`Bastien, parti·e vers ${second.name}`)).toBeVisible();
    await expect(chloe.getByText("Retiré·es de la table")).toBeHidden();

    // The message cleared from the overview leaves every screen.
    expect((await command(overview, { type: "message", text: "" })).ok).toBe(true);
    await expect(chloe.getByRole("region", { name: "Message de l'animation" })).toBeHidden();
  } finally {
    await overview.leave();
  }
});

test("someone moved to another table while writing a suggestion finds it, unsent, in the new table's form", async ({
  browser,
  request,
  baseURL,
}) => {
  const { workshop, first, second, firstPath } = await openWorkshop(request);
  const bastien = await joinAsParticipant(browser, firstPath, "Bastien", "habitant");
  const setup = bastien.getByRole("region", { name: "Le cadre du récit" });
  const about = setup.getByRole("combobox", { name: "Ma suggestion porte sur" });
  const text = setup.getByRole("textbox", { name: "Ma suggestion" });

  // Given Bastien is writing a suggestion about the actors at Table 1, not sent yet…
  await about.selectOption({ label: "la contrainte d'acteurs" });
  await text.fill("Les commerçants du marché doivent en être.");

  const overview = await overviewOf(request, baseURL ?? "", workshop);
  try {
    // …when the workshop facilitator moves him to Table 2, his page follows, and the form there holds his suggestion.
    await move(overview, "Bastien", first.tableId, second.tableId);
    await expect(bastien).toHaveURL(new RegExp(`/t/${second.tableId}#invitation=`));
    await expect(bastien.getByText("Bastien (vous)")).toBeVisible();
    await expect(text).toHaveValue("Les commerçants du marché doivent en être.");
    await expect(about.getByRole("option", { name: "la contrainte d'acteurs", selected: true })).toBeAttached();

    // Sent from there, it is a suggestion of Table 2.
    await setup.getByRole("button", { name: "Envoyer la suggestion" }).click();
    await expect(text).toHaveValue("");
    await expect(setup.getByRole("heading", { name: "Mes suggestions en attente" })).toBeVisible();
    await expect(setup.getByText("Les commerçants du marché doivent en être.")).toBeVisible();
  } finally {
    await overview.leave();
  }
});
