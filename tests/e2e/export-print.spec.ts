// The printable story in a real browser: hostile text stays text, nothing runs, and "save as PDF" gives the whole story.
// The page is built in the test with storyHtml (no server route needed), then printed to A4 by Chromium.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storyHtml } from "#shared/story/html.ts";
import {
  ANSWER,
  AWA,
  COMMITMENT_MALLORY,
  DEBRIEF_AWA,
  DEBRIEF_CHLOE,
  DEBRIEF_MALLORY,
  EXPORT_META,
  hostileStory,
  IMG,
  JS_LINK,
  MALLORY,
  MALLORY_ROLE,
  SCRIPT,
  YES_AND_AWA,
  YES_AND_CHLOE,
  YES_AND_ZOE,
} from "../story-fixtures.ts";

const { state } = hostileStory();
const html = storyHtml(state, EXPORT_META);

test("the hostile session opens as inert text and prints to a clean A4 PDF with every narration, contribution and debrief", async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const requests: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("data:")) requests.push(request.url());
  });

  await page.setContent(html, { waitUntil: "load" });

  await expect(page).toHaveTitle(/^<script>alert\(1\)<\/script> Les Tanneurs/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /^<script>alert\(1\)<\/script> Les Tanneurs & « l'avenir » "2050" 🌱$/,
  );
  await expect(page.getByText("<script>alert(1)</script> Les rues se referment", { exact: false })).toBeVisible();
  await expect(page.getByText(`Raconté par ${MALLORY} (${MALLORY_ROLE})`)).toBeVisible();
  await expect(page.getByText(`Raconté par ${AWA} (animatrice & <b>hôte</b>)`)).toBeVisible();
  await expect(page.getByText(`${JS_LINK} "guillemets" et 'apostrophes' 🌻`)).toBeVisible();
  await expect(page.getByText(`Une coopérative de vélos-cargos ouvre ${IMG}`)).toBeVisible();
  await expect(page.getByText("pas encore racontée.")).toHaveCount(2);
  await expect(page.getByText(`— ${AWA} (animatrice & <b>hôte</b>)`)).toBeVisible();
  await expect(page.getByText("Réactions : plausible : 3 · souhaitable : 2")).toBeVisible();
  await expect(page.getByText(/^Écueil distribué par l'animation — encore ouvert/)).toBeVisible();
  await expect(page.getByText(/^Carte écrite à cette table par /)).toBeVisible();
  await expect(page.getByText("retiré·e de la table")).toBeVisible();
  const debrief = page.getByRole("region", { name: "Débrief" });
  // One heading per person's debrief, then « Les engagements » (each commitment under its author's name).
  await expect(debrief.getByRole("heading", { level: 3 })).toHaveCount(4);
  await expect(debrief.getByRole("heading", { level: 3, name: "Les engagements" })).toBeVisible();
  await expect(debrief.getByText(COMMITMENT_MALLORY)).toBeVisible();
  await expect(
    debrief.getByText("Tous les joueurs se sont placés dans un futur souhaitable : la table a gagné."),
  ).toBeVisible();

  // What the browser built from the page: no script, no image, no link but the licence.
  expect(await page.locator("script").count()).toBe(0);
  expect(await page.locator("img").count()).toBe(0);
  expect(await page.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([
    EXPORT_META.licenseUrl,
  ]);
  expect(await page.locator("[onerror], [onclick], [onload]").count()).toBe(0);
  // The long unbroken line wraps instead of widening the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  const dir = mkdtempSync(path.join(tmpdir(), "jdt-print-"));
  const pdfFile = path.join(dir, "recit.pdf");
  writeFileSync(pdfFile, await page.pdf({ format: "A4" }));

  const info = execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  expect(pages).toBeGreaterThan(0);
  expect(info).toMatch(/^Page size:.*\(A4\)$/m);

  // pdftotext joins the lines the page wrapped (dropping the hyphen where a word was cut at one), and emoji only come
  // out as text where the machine has an emoji font: compare without whitespace, hyphens and emoji.
  const squeeze = (text: string) => text.replace(/[\s\-\p{Extended_Pictographic}\uFE0F]+/gu, "");
  const text = squeeze(execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" }));
  for (const narration of state.path.map((s) => s.narration).filter(Boolean)) {
    expect(text, narration).toContain(squeeze(narration));
  }
  for (const typed of [YES_AND_CHLOE, YES_AND_ZOE, YES_AND_AWA, ANSWER, DEBRIEF_AWA, DEBRIEF_MALLORY, DEBRIEF_CHLOE]) {
    expect(text, typed).toContain(squeeze(typed));
  }
  expect(text).toContain(squeeze("Tous les joueurs se sont placés dans un futur souhaitable : la table a gagné."));
  expect(text).toContain(squeeze(SCRIPT));
  expect(text).toContain(squeeze(EXPORT_META.attribution));
  expect(text).toContain(squeeze("Exporté le 14 mars 2025"));

  // A picture of the first page, for a person to look at (not asserted).
  mkdirSync(test.info().outputDir, { recursive: true });
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    "60",
    "-f",
    "1",
    "-l",
    "1",
    pdfFile,
    path.join(test.info().outputDir, "recit-page"),
  ]);
  execFileSync("pdftoppm", ["-png", "-r", "60", pdfFile, path.join(dir, "page")]);
  console.log(`PDF: ${pdfFile} (${pages} pages); first page: ${test.info().outputDir}/recit-page-1.png`);

  expect(dialogs).toEqual([]);
  expect(requests).toEqual([]);
});
