// Zod schemas and types for the card decks (challenges, levers, pitfalls) and their attribution.
import { z } from "zod";
import { cleanText } from "../shared/text.ts";
import { DECK_NAMES } from "./deck-names.ts";

// The names live in a module without zod, for the browser.
export { DECK_NAMES };

// Messages are French because they reach whoever edits the JSON files (see load.ts).
// A deck can be imported by a facilitator: its texts come in as clean as typed ones (shared/text.ts).
const text = (max: number) =>
  z
    .string()
    .overwrite(cleanText)
    .trim()
    .min(1, "ne doit pas être vide")
    .max(max, `trop long (${max} caractères au plus)`);

const kebabId = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, `${what} en minuscules ascii séparées par des tirets (ex. « lever-agile »)`);

export const deckNameSchema = z.enum(DECK_NAMES);

export const themeSchema = z.strictObject({
  id: kebabId("identifiant de thème"),
  label: text(60),
});

export const cardSchema = z
  .strictObject({
    id: kebabId("identifiant"),
    deck: deckNameSchema,
    title: text(120),
    text: text(2000),
    keywords: z.array(text(120)).min(1, "liste vide").optional(),
    examples: z.array(text(2000)).min(1, "liste vide").optional(),
    theme: kebabId("identifiant de thème").optional(),
    blank: z.literal(true).optional(),
    source: text(300),
  })
  .superRefine((card, ctx) => {
    if (card.blank) return;
    if (card.deck === "lever") {
      if (!card.keywords) ctx.addIssue({ code: "custom", path: ["keywords"], message: "un levier a des mots-clés" });
      if (!card.examples) ctx.addIssue({ code: "custom", path: ["examples"], message: "un levier a un exemple" });
    }
    if (card.deck === "pitfall" && !card.examples) {
      ctx.addIssue({ code: "custom", path: ["examples"], message: "un écueil a au moins un exemple" });
    }
    if (card.deck === "challenge" && card.theme === undefined) {
      ctx.addIssue({ code: "custom", path: ["theme"], message: "un défi a un thème" });
    }
    if (card.deck !== "challenge" && card.theme !== undefined) {
      ctx.addIssue({ code: "custom", path: ["theme"], message: "seuls les défis ont un thème" });
    }
  });

export const deckFileSchema = z
  .strictObject({
    deck: deckNameSchema,
    themes: z.array(themeSchema).optional(),
    cards: z.array(cardSchema).min(1, "le paquet est vide"),
  })
  .superRefine((file, ctx) => {
    if (file.deck === "challenge" && !file.themes) {
      ctx.addIssue({ code: "custom", path: ["themes"], message: "le paquet des défis liste ses thèmes" });
    }
    if (file.deck !== "challenge" && file.themes) {
      ctx.addIssue({ code: "custom", path: ["themes"], message: "seul le paquet des défis a des thèmes" });
    }
    const themeIds = new Set<string>();
    file.themes?.forEach((theme, i) => {
      if (themeIds.has(theme.id)) {
        ctx.addIssue({ code: "custom", path: ["themes", i, "id"], message: `thème « ${theme.id} » en double` });
      }
      themeIds.add(theme.id);
    });
    const seen = new Set<string>();
    file.cards.forEach((card, i) => {
      if (card.deck !== file.deck) {
        ctx.addIssue({
          code: "custom",
          path: ["cards", i, "deck"],
          message: `« ${card.deck} » alors que le fichier est le paquet « ${file.deck} »`,
        });
      }
      if (card.theme !== undefined && file.themes && !themeIds.has(card.theme)) {
        ctx.addIssue({
          code: "custom",
          path: ["cards", i, "theme"],
          message: `thème « ${card.theme} » inconnu (thèmes : ${[...themeIds].join(", ")})`,
        });
      }
      if (seen.has(card.id)) {
        ctx.addIssue({ code: "custom", path: ["cards", i, "id"], message: `identifiant « ${card.id} » en double` });
      }
      seen.add(card.id);
    });
  });

export const attributionSchema = z.strictObject({
  title: text(300),
  author: text(200),
  version: text(60),
  license: text(60),
  licenseUrl: z.url("URL invalide"),
  text: text(600),
});

export type DeckName = z.infer<typeof deckNameSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type Card = z.infer<typeof cardSchema>;
export type DeckFile = z.infer<typeof deckFileSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
