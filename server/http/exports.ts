// HTTP downloads for a table's facilitator: the story (Markdown, printable HTML, versioned JSON), the table's decks and its written challenges.
import { cardThemes } from "#cards/reading.ts";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { Decks } from "#cards/load.ts";
import { DECK_NAMES, type Card, type DeckFile, type DeckName, type Theme } from "#cards/schema.ts";
import { t } from "#shared/i18n/translate.ts";
import type { TableCard, TableState } from "#shared/model.ts";
import { storyHtml } from "#shared/story/html.ts";
import { storyJson } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import type { StoryFormat } from "#shared/protocol-constants.ts";
import { bearer } from "./bearer.ts";
import { isFacilitatorKey } from "./join.ts";
import { refuse } from "./refuse.ts";
import type { TableSecrets } from "../store/table-store.ts";

export interface ExportServices {
  /** The table's link secrets, read without its log; undefined when there is no such table. */
  secrets(tableId: string): Promise<TableSecrets | undefined>;
  /** The table as it stands, from its live room: asked only once the facilitator secret is checked. */
  current(tableId: string): Promise<TableState | undefined>;
  decks: Decks;
  /** Runs before anything else (the per-address limit on downloads). */
  rateLimit?: RequestHandler;
}

// The page may show its own inline styles and nothing else: no script, no request, even if some text escaped escaping.
// It replaces the app's policy (server/http/security-headers.ts) for this page, and forbids framing as that one does.
export const HTML_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A file name that cannot break out of the header's quotes, whatever the id. */
export function fileName(tableId: string, extension: string): string {
  return `recit-${tableId.replace(/[^A-Za-z0-9_-]/g, "_")}.${extension}`;
}

/** The story's three downloads. */
export const STORY_FORMATS: readonly StoryFormat[] = ["md", "html", "json"];

type Render = (state: TableState, res: Response) => void;

export function exportRouter(services: ExportServices): Router {
  const { decks } = services;
  const router = express.Router();
  if (services.rateLimit) {
    router.get(
      [
        "/api/tables/:tableId/deck.json",
        "/api/tables/:tableId/written-challenges.json",
        "/api/tables/:tableId/story.:format",
      ],
      services.rateLimit,
    );
  }

  /**
   * Checks the facilitator secret first (one small read, no log), then renders the table from its live room: a request
   * without the secret costs nothing, and no request rebuilds a table on the event loop.
   */
  const forFacilitator = (render: Render) => async (req: Request<{ tableId: string }>, res: Response) => {
    const secrets = await services.secrets(req.params.tableId);
    if (!secrets) return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    if (!isFacilitatorKey(bearer(req), secrets)) {
      return refuse(res, 401, { code: "facilitatorKeyRequired", message: t("http.facilitatorKeyRequired") });
    }
    const state = await services.current(req.params.tableId);
    if (!state) return refuse(res, 404, { code: "tableNotFound", message: t("http.tableNotFound") });
    // Private to whoever holds the facilitator link: no shared cache keeps a copy.
    res.set("Cache-Control", "no-store").set("X-Content-Type-Options", "nosniff");
    render(state, res);
  };

  router.get(
    "/api/tables/:tableId/deck.json",
    forFacilitator((state, res) => {
      res
        .type("application/json; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${fileName(state.id, "deck.json")}"`)
        .send(`${JSON.stringify(tableDecks(state, decks), null, 2)}\n`);
    }),
  );

  // The challenges written here, alone, as a deck for other tables (the kit: share your challenges).
  router.get(
    "/api/tables/:tableId/written-challenges.json",
    forFacilitator((state, res) => {
      const file = writtenChallenges(state, decks);
      if (!file) return refuse(res, 404, { code: "noWrittenChallenges", message: t("kitPublish.noWrittenChallenges") });
      res
        .type("application/json; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="${fileName(state.id, "defis-ecrits.json")}"`)
        .send(`${JSON.stringify(file, null, 2)}\n`);
    }),
  );

  for (const format of STORY_FORMATS) {
    router.get(
      `/api/tables/:tableId/story.${format}`,
      forFacilitator((state, res) => sendStory(state, format, decks, res)),
    );
  }

  return router;
}

/**
 * Sends the story in one of its formats, as a file (the HTML inline, under its strict policy). Also what a participant
 * takes home once the story is closed (server/http/take-home.ts): the very same file.
 */
export function sendStory(state: TableState, format: StoryFormat, decks: Decks, res: Response): void {
  const meta = {
    attribution: decks.attribution.text,
    licenseUrl: decks.attribution.licenseUrl,
    exportedAt: new Date(),
  };
  if (format === "md") {
    res
      .type("text/markdown; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${fileName(state.id, "md")}"`)
      .send(storyMarkdown(state, meta));
  } else if (format === "html") {
    res
      .type("text/html; charset=utf-8")
      .set("Content-Security-Policy", HTML_POLICY)
      .set("Content-Disposition", `inline; filename="${fileName(state.id, "html")}"`)
      .send(storyHtml(state, meta));
  } else {
    res
      .type("application/json; charset=utf-8")
      .set("Content-Disposition", `attachment; filename="${fileName(state.id, "json")}"`)
      .send(`${JSON.stringify(storyJson(state, meta), null, 2)}\n`);
  }
}

/** Challenges written at a table carry no theme; in a deck file every challenge needs one, so they get this one. */
export const WRITTEN_THEME_ID = "ecrits-a-la-table";

/**
 * The table's cards as deck files of cards/ (kit, imported and written cards), one per deck that has any: ready to
 * import at another table. Cards written here keep their `source`, which says where they were written.
 */
export function tableDecks(state: TableState, decks: Decks): Partial<Record<DeckName, DeckFile>> {
  const byDeck: Record<DeckName, Card[]> = { challenge: [], lever: [], pitfall: [] };
  for (const card of Object.values(state.cards)) byDeck[card.deck].push(asDeckCard(card));
  const files: Partial<Record<DeckName, DeckFile>> = {};
  for (const deck of DECK_NAMES) {
    const cards = byDeck[deck];
    if (cards.length === 0) continue;
    files[deck] = deck === "challenge" ? { deck, themes: themesOf(cards, decks), cards } : { deck, cards };
  }
  return files;
}

/**
 * The challenges written at this table (cards written in play, blank challenges once written), as one challenge deck
 * file for other tables. Each gets an id of its own (a table's `written-N` would meet the other table's own), and names
 * the table as its source rather than the person who wrote it: the file leaves the table. Undefined when none was written.
 */
export function writtenChallenges(state: TableState, decks: Decks): DeckFile | undefined {
  const source = t("kitPublish.writtenSource", { title: state.setup.title });
  const cards = Object.values(state.cards)
    .filter((card) => card.deck === "challenge" && card.writtenBy !== undefined && !card.blank)
    .map((card) => ({ ...asDeckCard(card), id: writtenCardId(state.id, card.id), source }));
  return cards.length > 0 ? { deck: "challenge", themes: themesOf(cards, decks), cards } : undefined;
}

/** « ecrit-k7pqx…-written-3 »: the table's id (lower case, letters and digits only) keeps it apart from other tables' cards. */
function writtenCardId(tableId: string, cardId: string): string {
  return `ecrit-${tableId.toLowerCase().replace(/[^a-z0-9]/g, "")}-${cardId}`;
}

/**
 * A card as the strict cards/ schema wants it: no table-only field. A card written at the table has only a title and a
 * text, where the schema asks a kit card for more; those fields are filled from what its writer wrote (a challenge
 * gets the theme of written cards, a lever its title as keyword, a lever or a pitfall its text as example).
 */
function asDeckCard({ writtenBy, ...card }: TableCard): Card {
  if (writtenBy === undefined || card.blank) return card;
  if (card.deck === "challenge") return cardThemes(card).length > 0 ? card : { ...card, theme: WRITTEN_THEME_ID };
  const examples = card.examples ?? [card.text];
  return card.deck === "lever"
    ? { ...card, keywords: card.keywords ?? [card.title ?? card.text], examples }
    : { ...card, examples };
}

/** Every theme the challenges use, with the kit's label when it is a kit theme (an imported deck's labels are not kept). */
function themesOf(cards: readonly Card[], decks: Decks): Theme[] {
  const kit = new Map((decks.challenge.themes ?? []).map((theme) => [theme.id, theme.label]));
  kit.set(WRITTEN_THEME_ID, t("http.writtenTheme"));
  const used = [...new Set(cards.flatMap((card) => cardThemes(card)))];
  return used.map((id) => ({ id, label: kit.get(id) ?? id }));
}
