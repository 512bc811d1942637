// What a person does in the browser, step by step, for the end-to-end scenarios.
import { expect, type Browser, type Page } from "@playwright/test";

export interface TableSetupInput {
  title: string;
  system: string;
  present: string;
  future: string;
  facilitatorName: string;
}

/** The facilitator fills the home form and lands at the table; returns the participant link shown there. */
export async function openTableAsFacilitator(page: Page, input: TableSetupInput): Promise<string> {
  await page.goto("/");
  const form = page.getByRole("form", { name: "Ouvrir une table" });
  await form.getByRole("textbox", { name: "Titre de la table" }).fill(input.title);
  await form.getByRole("textbox", { name: "Le système", exact: true }).fill(input.system);
  await form.getByRole("textbox", { name: "Son état présent" }).fill(input.present);
  await form.getByRole("textbox", { name: "Un futur souhaitable" }).fill(input.future);
  await form.getByRole("button", { name: "Tirer un défi au hasard" }).click();
  await form.getByRole("textbox", { name: "Votre nom (animateur·rice)" }).fill(input.facilitatorName);
  await form.getByRole("button", { name: "Ouvrir la table" }).click();
  const link = page.getByRole("textbox", { name: "Lien pour les participant·es" });
  await expect(link).toHaveValue(/\/t\/.+#invitation=/);
  return link.inputValue();
}

/** A participant opens the link in their own browser context and takes a seat. */
export async function joinAsParticipant(browser: Browser, link: string, name: string, role: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("textbox", { name: "Votre nom" }).fill(name);
  await page.getByRole("textbox", { name: "Qui êtes-vous dans le système ?" }).fill(role);
  await page.getByRole("button", { name: "Rejoindre la table" }).click();
  await expect(page.getByRole("heading", { name: "Le chemin", exact: true })).toBeVisible();
  return page;
}

/** Draws from a pile and returns the title of the card that arrived in the hand. */
export async function drawCard(page: Page, pile: "un défi" | "un levier" | "un écueil"): Promise<string> {
  const hand = page.getByRole("region", { name: /Ma main/ });
  const before = await hand.getByRole("button", { name: /^Placer « / }).count();
  await page.getByRole("button", { name: `Piocher ${pile}` }).click();
  await expect(hand.getByRole("button", { name: /^Placer « / })).toHaveCount(before + 1);
  const label = await hand.getByRole("button", { name: /^Placer « / }).last().textContent();
  const match = label?.match(/^Placer « (.+) »$/);
  if (!match?.[1]) throw new Error(`no card title in "${label}"`);
  return match[1];
}

/** Writes and saves the narration of the step at this number. */
export async function narrate(page: Page, stepNumber: number, text: string): Promise<void> {
  const step = page.getByRole("article", { name: new RegExp(`^Étape ${stepNumber} : `) });
  const box = step.getByRole("textbox", { name: `Narration de l'étape ${stepNumber}` });
  await box.fill(text);
  await step.getByRole("button", { name: "Enregistrer la narration" }).click();
  await expect(box).toBeHidden();
}

/** The path as a person reads it: each step's card title and narration, in order. */
export async function readPath(page: Page): Promise<string[]> {
  const steps = page.getByRole("article", { name: /^Étape \d+ : / });
  return steps.evaluateAll((nodes) =>
    nodes.map((n) => `${n.getAttribute("aria-label")} | ${n.querySelector("blockquote p, .narration p")?.textContent ?? ""}`),
  );
}
