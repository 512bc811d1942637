// The join's WebSocket opens alongside the join (server/http/seat-claims.ts, client/src/net/seat-socket.ts): a person
// who joins is seated over that one socket, and keeps playing over it; where the network cuts that early socket (a
// proxy that does not pass it on), the page takes the seat with a socket of its own, as before.
import { createServer, type AddressInfo, type Server } from "node:net";
import { expect, test, type Page, type WebSocket } from "@playwright/test";
import { seedTable, type SeededTable } from "../seed-table.ts";
import { fillJoinForm, openStep } from "./helpers.ts";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let table: SeededTable;

test.afterEach(async () => {
  await table?.close();
});

async function join(page: Page, link: string, name: string): Promise<void> {
  await fillJoinForm(page, link, name, "Riverain·e");
  // A join whose early socket fails takes its seat a few seconds later (net/seat-socket.ts, SILENCE_MS).
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible({ timeout: 10_000 });
}

/** Adds a « oui, et… » to the first step, as a person does, and waits until the step shows it. */
async function contribute(page: Page, text: string): Promise<void> {
  const step = await openStep(page, 1);
  await step.getByRole("button", { name: "Oui, et… : prolonger l'étape 1" }).click();
  await step.getByRole("textbox", { name: "Oui, et… (étape 1)" }).fill(text);
  await step.getByRole("button", { name: "Ajouter" }).click();
  await expect(step.getByRole("list", { name: "« Oui, et… » de l'étape 1" })).toContainText(text);
}

test("a person is seated over the one socket opened with the join, and plays over it", async ({ browser, baseURL }) => {
  table = await seedTable({ baseUrl: baseURL ?? "", participants: 2, steps: 2, phase: "play" });
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const sockets: WebSocket[] = [];
  const firstBytes: number[] = [];
  page.on("websocket", (socket) => {
    sockets.push(socket);
    socket.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string") firstBytes.push(payload[0] ?? -1);
    });
  });

  await join(page, table.participantLink, "Inès");
  expect(sockets.map((socket) => new URL(socket.url()).pathname)).toEqual(["/api/seat"]);
  // The page asked for the table's first frames compressed, and shows what they carry: the seeded path.
  expect(new URL(sockets[0]?.url() ?? "").searchParams.get("deflate")).toBe("1");
  expect(firstBytes).toContain(0);
  for (const [index, step] of table.stateOf(0).path.slice(0, 2).entries()) {
    const name = `Étape ${index + 1} : ${step.card.title}`;
    await expect(page.getByRole("article", { name, exact: true })).toBeVisible();
  }
  await contribute(page, "Et les enfants y jouent le dimanche.");
  // The others see it: it went through the server, over that socket.
  await expect.poll(() => JSON.stringify(table.stateOf(1).path[0])).toContain("Et les enfants y jouent le dimanche.");
  expect(sockets).toHaveLength(1);
  await context.close();
});

/**
 * The page's early socket goes to `to` instead (its own WebSocket, wrapped before the app loads): a port where nothing
 * listens (the connection is refused at once), or a server that accepts and never answers the handshake.
 */
const redirectSeatSocket = (to: string) => `(() => {
  const Native = window.WebSocket;
  window.WebSocket = new Proxy(Native, {
    construct(target, args, newTarget) {
      if (String(args[0]).includes("/api/seat")) args = [${JSON.stringify(to)}, ...args.slice(1)];
      return Reflect.construct(target, args, newTarget);
    },
  });
})();`;

let silent: Server;
test.beforeAll(async () => {
  // Accepts connections and never answers them.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});
test.afterAll(() => void silent.close());

for (const what of ["refuses", "never answers"] as const) {
  test(`where the network ${what} the socket opened with the join, the person is seated all the same`, async ({
    browser,
    baseURL,
  }) => {
    table = await seedTable({ baseUrl: baseURL ?? "", participants: 2, steps: 2, phase: "play" });
    const context = await browser.newContext(PHONE);
    const port = what === "refuses" ? 9 : (silent.address() as AddressInfo).port;
    await context.addInitScript(redirectSeatSocket(`ws://127.0.0.1:${port}/api/seat`));
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(new URL(socket.url()).pathname));

    await join(page, table.participantLink, "Jules");
    // The seat's own address (/<process>/<room>) took over.
    expect(sockets.filter((path) => path !== "/api/seat")).toHaveLength(1);
    await contribute(page, "Et la rue devient un jardin.");
    await expect.poll(() => JSON.stringify(table.stateOf(1).path[0])).toContain("Et la rue devient un jardin.");
    await context.close();
  });
}
