// Zod schemas and types for the card decks (challenges, levers, pitfalls) and their attribution.
import { z } from "zod";
import { cleanText } from "#shared/text.ts";
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

/** Where a card's words are in the kit: its part, its chapter (or annex sheet), the line of the text version (seeds/001). */
export const kitPlaceSchema = z.strictObject({
  part: text(200),
  chapter: text(300),
  line: z.number().int().positive(),
  /** The licence the words come under; the loader fills it in from attribution.json when the deck file leaves it out. */
  license: text(60).optional(),
});

const themeId = kebabId("identifiant de thème");

/** The card's fields, without the checks between them (a written card reuses them, see shared/story/json.ts). */
export const cardShape = {
  id: kebabId("identifiant"),
  deck: deckNameSchema,
  /** The kit's name of a lever or a pitfall, a written card's title, a blank's « Défi à écrire ». A kit challenge has
   * none: its face is its question (`text`). Tables and deck files made before had one on every card: it is read as
   * the challenge's `label`. */
  title: text(120).optional(),
  /** A short label we added to a challenge: never its face, always shown as ours (« intitulé ajouté »). */
  label: text(120).optional(),
  /** What the card says: the kit's words (`kitText`), or with a change named in cards/CHANGES.md. */
  text: text(2000),
  /** The kit's own words for this card, verbatim (tests/unit/card-fidelity.test.ts holds them against the kit). */
  kitText: text(2000).optional(),
  kit: kitPlaceSchema.optional(),
  keywords: z.array(text(120)).min(1, "liste vide").optional(),
  examples: z.array(text(2000)).min(1, "liste vide").optional(),
  /** A lever: the kit's line applying it to the environment (part B, « Des leviers numériques des transitions »). */
  environment: z.strictObject({ text: text(600), line: z.number().int().positive() }).optional(),
  /** A challenge's themes; one may belong to several (the kit: « il arrivera qu'ils décloisonnent plusieurs thématiques »). */
  themes: z.array(themeId).min(1, "liste vide").optional(),
  /** The single theme of deck files and tables made before `themes`: still read, as a list of one. */
  theme: themeId.optional(),
  /** The kit gives this challenge no theme (its annex cards): the themes are the game's choice, and shown so. */
  themeByApp: z.literal(true).optional(),
  blank: z.literal(true).optional(),
  source: text(300),
};

export const cardSchema = z.strictObject(cardShape).superRefine((card, ctx) => {
  if (card.deck !== "challenge" && card.title === undefined) {
    ctx.addIssue({ code: "custom", path: ["title"], message: "champ manquant" });
  }
  if (card.deck !== "challenge" && card.label !== undefined) {
    ctx.addIssue({ code: "custom", path: ["label"], message: "seuls les défis ont un intitulé ajouté" });
  }
  if (card.blank) return;
  if (card.deck === "lever") {
    if (!card.keywords) ctx.addIssue({ code: "custom", path: ["keywords"], message: "un levier a des mots-clés" });
    if (!card.examples) ctx.addIssue({ code: "custom", path: ["examples"], message: "un levier a un exemple" });
  }
  if (card.deck === "pitfall" && !card.examples) {
    ctx.addIssue({ code: "custom", path: ["examples"], message: "un écueil a au moins un exemple" });
  }
  if (card.deck === "challenge" && card.theme === undefined && card.themes === undefined) {
    ctx.addIssue({ code: "custom", path: ["themes"], message: "un défi a au moins un thème" });
  }
  if (card.deck !== "challenge" && (card.theme !== undefined || card.themes !== undefined)) {
    ctx.addIssue({ code: "custom", path: [card.themes ? "themes" : "theme"], message: "seuls les défis ont un thème" });
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
      const cardThemeIds = card.themes ?? (card.theme === undefined ? [] : [card.theme]);
      cardThemeIds.forEach((theme, j) => {
        if (!file.themes || themeIds.has(theme)) return;
        ctx.addIssue({
          code: "custom",
          path: card.themes ? ["cards", i, "themes", j] : ["cards", i, "theme"],
          message: `thème « ${theme} » inconnu (thèmes : ${[...themeIds].join(", ")})`,
        });
      });
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
export type KitPlace = z.infer<typeof kitPlaceSchema>;
export type Card = z.infer<typeof cardSchema>;
export type DeckFile = z.infer<typeof deckFileSchema>;
export type Attribution = z.infer<typeof attributionSchema>;
