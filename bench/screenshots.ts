// The README's screenshots, taken from the real app: a server on the built client, a 40-step, 12-person table seeded
// through the public API (tests/seed-table.ts), and Chromium at the facilitator's laptop, a participant's phone and a
// projector. `npm run screenshots` (after `npm run build`) rewrites docs/board.png, docs/phone.png, docs/shared-screen.png
// and docs/spot-chooser.png.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { seedTable, type SeededTable } from "#tests/seed-table.ts";

const port = Number(process.env.SCREENSHOT_PORT ?? 2697);
const baseUrl = `http://localhost:${port}`;
const docs = path.join(import.meta.dirname, "..", "docs");

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer on ${baseUrl}`);
}

async function open(
  browser: Browser,
  table: SeededTable,
  index: number,
  viewport: { width: number; height: number },
  mobile = false,
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: mobile ? 2 : 1,
    reducedMotion: "reduce",
  });
  if (index >= 0) await context.addInitScript(table.seatScript(index));
  const page = await context.newPage();
  await page.goto(index < 0 ? table.observerLink : index === 0 ? table.facilitatorLink : table.participantLink);
  await page.locator("[data-step-id]").first().waitFor();
  await page.waitForTimeout(500);
  return page;
}

const dataDir = mkdtempSync(path.join(tmpdir(), "jdt-screenshots-"));
const server = spawn(process.execPath, ["server/main.ts"], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
  stdio: "inherit",
});
try {
  await waitForServer();
  const table = await seedTable({ baseUrl, participants: 12, steps: 40, phase: "play" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  try {
    const facilitator = await open(browser, table, 0, { width: 1440, height: 900 });
    await facilitator.screenshot({ path: path.join(docs, "board.png") });
    const phone = await open(browser, table, 1, { width: 390, height: 844 }, true);
    await phone.getByRole("button", { name: /^Étape 38 : / }).click();
    await phone.waitForTimeout(300);
    await phone.screenshot({ path: path.join(docs, "phone.png") });
    await table.act(1, {
      type: "writeCard",
      deck: "lever",
      title: "Une cantine 100 % locale",
      text: "Les cantines du quartier s'approvisionnent à moins de 50 km.",
    });
    await phone.getByRole("button", { name: "Placer « Une cantine 100 % locale »" }).click();
    await phone.getByRole("dialog").waitFor();
    await phone.waitForTimeout(300);
    await phone.screenshot({ path: path.join(docs, "spot-chooser.png") });
    const projector = await open(browser, table, 0, { width: 1920, height: 1080 });
    await projector.getByRole("button", { name: "Présenter", exact: true }).click();
    await projector.waitForTimeout(500);
    await projector.screenshot({ path: path.join(docs, "shared-screen.png") });
    console.log(`Wrote board.png, phone.png, spot-chooser.png and shared-screen.png in ${docs}`);
  } finally {
    await browser.close();
    await table.close();
  }
} finally {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
