// Unit tests of text spoofing: typed text arrives with one kind of line break and nothing invisible or
// direction-changing; names are unique as people see them; the exports never let a text open a heading or a list.
import { describe, expect, it } from "vitest";
import { parseDeckFile } from "#cards/load.ts";
import type { TableState } from "#shared/model.ts";
import { actionSchema, joinOptionsSchema } from "#shared/protocol.ts";
import { nameAvailable, join } from "#shared/rules/index.ts";
import { storyHtml } from "#shared/story/html.ts";
import { parseStoryJson, storyJson, tableFromStory } from "#shared/story/json.ts";
import { storyMarkdown } from "#shared/story/markdown.ts";
import { cleanText } from "#shared/text.ts";
import { act, BASTIEN, drawAndPlace, LEVER_OPEN, NOW, openTable, seat, tableInPlay } from "../fixtures.ts";

const META = {
  attribution: "Cartes du Kit AgirLocal (La Fing), CC BY 3.0 FR.",
  licenseUrl: "https://creativecommons.org/licenses/by/3.0/fr/",
  exportedAt: new Date(NOW),
};

/** What French speakers really type: accents, ’ and « » with no-break spaces, ligatures, emoji (joined ones too), a tab, line breaks. */
const FRENCH =
  "« L’été 2050 » : les enfants vont seuls à l’école\u00A0! 🚲🌳\n" +
  "Ça change tout — même pour la boulangère 👩‍🌾, l’œuvre des élu·es ❤️‍🔥 et 1️⃣ café naïf\u202F?\n" +
  "\tDernière ligne 👩🏽‍🌾 🏳️‍🌈.";

/** A person's narration, through the rules as they stand (no wire schema in between: an older log, another entry point). */
function narrated(text: string): TableState {
  const placed = drawAndPlace(tableInPlay(), BASTIEN, "lever", null);
  return act(placed.state, BASTIEN, { type: "narrate", stepId: placed.stepId, text });
}

/** The lines of a Markdown file as a CommonMark reader splits them: \r\n, \r and \n all end a line. */
function markdownLines(markdown: string): string[] {
  return markdown.split(/\r\n|\r|\n/);
}

/** A line a Markdown reader turns into a heading, a list item, a quote or a fence, rather than text of a paragraph. */
const BLOCK_START = /^ {0,3}(#{1,6}([ \t]|$)|[-+*][ \t]|\d{1,9}[.)][ \t]|>|```|~~~|(=+|-+)[ \t]*$)/;

/** The Facilitator "Anim" is seated; a table in preparation awaits the others. */
function tableWithAnim(): TableState {
  return seat(openTable(), "Anim", { role: "animation", facilitator: true });
}

/** Someone arrives as the server seats them: the name check of arrivals, then the rules' join. */
function joinAs(state: TableState, name: string) {
  const request = { name, role: "habitante", facilitator: false };
  const available = nameAvailable(state, request);
  if (!available.ok) return available;
  return join(state, request, { actorId: "p-nouvelle", now: NOW });
}

describe("line breaks in what people type", () => {
  it("given a narration with Windows, lone \\r and Unicode line breaks, when it arrives, then its lines end with \\n only", () => {
    const sent = actionSchema.parse({
      type: "narrate",
      stepId: "step-1",
      text: "Un\r\nDeux\rTrois\u2028Quatre\u2029Cinq",
    });
    expect(sent).toEqual({ type: "narrate", stepId: "step-1", text: "Un\nDeux\nTrois\nQuatre\nCinq" });
  });

  it("given a narration with a lone \\r before a heading, a list item, a quote or a fence, when exported to Markdown, then each line reads as text", () => {
    const markdown = storyMarkdown(
      narrated("Début\r# piégé titre\r- piégé élément\r1. piégé numéro\r> piégé citation\r```piégé"),
      META,
    );
    const injected = markdownLines(markdown).filter((line) => line.includes("piégé"));
    expect(injected).toHaveLength(5);
    expect(injected.filter((line) => BLOCK_START.test(line))).toEqual([]);
    expect(markdown).toContain("Début  \n\\# piégé titre  \n\\- piégé élément  \n1\\. piégé numéro");
  });

  it("given a narration with an indented line after a blank one, when exported to Markdown, then it is no code block", () => {
    const markdown = storyMarkdown(narrated("Début\n\n    piégé code"), META);
    const line = markdownLines(markdown).find((l) => l.includes("piégé"));
    expect(line).toBe("\u00A0\u00A0\u00A0\u00A0piégé code");
  });
});

describe("invisible and direction-changing characters", () => {
  it("given a narration with bidi overrides and zero-width characters, when it arrives, then only what is seen is kept", () => {
    const sent = actionSchema.parse({
      type: "narrate",
      stepId: "step-1",
      text: "Pay\u202Eérdnas\u202C 20\u200B€\u2066x\u2069\u00AD\u0007\uFEFF",
    });
    expect(sent).toMatchObject({ text: "Payérdnas 20€x" });
  });

  it("given a narration from an older table holding bidi controls, when exported, then neither the HTML nor the Markdown carries them", () => {
    const state = narrated("Le budget : \u202E0002\u202C euros\u200B.");
    for (const page of [storyHtml(state, META), storyMarkdown(state, META)]) {
      expect(page).toContain("Le budget : 0002 euros.");
      expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
    }
  });

  it("given a legit French text, when it arrives, is narrated and exported, then it comes through unchanged", () => {
    const sent = actionSchema.parse({ type: "narrate", stepId: "step-1", text: FRENCH });
    expect(sent).toMatchObject({ text: FRENCH });
    const state = narrated(FRENCH);
    expect(state.path[0]?.narration).toBe(FRENCH);
    expect(storyHtml(state, META)).toContain(`<p class="narration typed">${FRENCH}</p>`);
    expect(storyMarkdown(state, META)).toContain("« L’été 2050 » : les enfants vont seuls à l’école\u00A0\\! 🚲🌳  \n");
    expect(cleanText(FRENCH)).toBe(FRENCH);
  });
});

describe("names as the table sees them", () => {
  it("given a name with a bidi override, zero-width characters and no-break spaces, when the person joins, then the table shows it without them", () => {
    const outcome = joinAs(tableWithAnim(), "\u202ELéa\u200B\u00A0\u00A0Ｍartin\u2060 ");
    expect(outcome.ok && outcome.state.participants.at(-1)?.name).toBe("Léa Martin");
  });

  it.each([
    ["a zero-width space", "Anim\u200B"],
    ["a right-to-left mark", "\u200FAnim"],
    ["a soft hyphen", "An\u00ADim"],
    ["fullwidth capitals", "ＡＮＩＭ"],
    ["other case and spaces", "  anim  "],
    ["a no-break space inside", "Anim\u00A0"],
    ["a Cyrillic А", "\u0410nim"],
    ["Cyrillic small letters that look Latin", "An\u0456m"],
    ["Greek capitals", "\u0391\u039D\u0399\u039C"],
  ])(
    "given the facilitator Anim, when someone joins as Anim with %s, then they are refused: the name is taken",
    (_, name) => {
      const outcome = joinAs(tableWithAnim(), name);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.refusal.code).toBe("nameTaken");
      expect(outcome.refusal.message).toMatch(/« Anim » est déjà/);
    },
  );

  it("given the facilitator Anim, when the facilitator secret sits again as Anim (a new device), then it is seated", () => {
    const outcome = join(
      tableWithAnim(),
      { name: "Anim", role: "animation", facilitator: true },
      { actorId: "p-anim-2", now: NOW },
    );
    expect(outcome.ok && outcome.state.participants.map((p) => p.name)).toEqual(["Anim", "Anim"]);
  });

  it("given the wire, when a join option's name holds invisible characters and fullwidth letters, then it arrives folded", () => {
    const options = joinOptionsSchema.parse({
      protocolVersion: 1,
      seatKey: "k".repeat(32),
      name: "\u200BＬéa\tMartin\r\n",
      role: "habitante\u202E",
    });
    expect(options).toMatchObject({ name: "Léa Martin", role: "habitante" });
  });

  it("given a name made only of invisible characters, when the person joins, then they are refused as with an empty name", () => {
    const outcome = joinAs(tableWithAnim(), "\u200B\u2060\u3164\u202E\uFEFF");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusal.code).toBe("nameRequired");
  });

  it("given names in Cyrillic and Greek that people tell apart, when they join, then each is seated as written", () => {
    let state = seat(tableWithAnim(), "Наташа");
    state = seat(state, "Никита");
    state = seat(state, "Λάμπρος");
    state = seat(state, "Ηλίας");
    expect(state.participants.map((p) => p.name)).toEqual(["Anim", "Наташа", "Никита", "Λάμπρος", "Ηλίας"]);
  });

  it("given names that differ by what people see (an accent, an emoji), when both join, then both are seated, the emoji whole", () => {
    let state = seat(tableWithAnim(), "Élie");
    state = seat(state, "Elie");
    state = seat(state, "Anim 👩‍🌾");
    expect(state.participants.map((p) => p.name)).toEqual(["Anim", "Élie", "Elie", "Anim 👩‍🌾"]);
  });
});

describe("texts that come in from files", () => {
  it("given a story file with a lone \\r and a bidi override in a narration and a name, when imported, then the new table holds them clean", () => {
    const file = JSON.parse(JSON.stringify(storyJson(narrated("Un"), META)));
    file.table.path[0].narration = "Un\rDeux\u202E";
    file.table.participants[1].name = "Bast\u200Bien\u202E";
    const parsed = parseStoryJson(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const table = tableFromStory(parsed.story, { id: "t-suite", now: NOW });
    expect(table.path[0]?.narration).toBe("Un\nDeux");
    expect(table.participants[1]?.name).toBe("Bastien");
  });

  it("given a deck file whose card holds a lone \\r and zero-width characters, when imported, then the card reads clean", () => {
    const deck = parseDeckFile("mon-paquet.json", {
      deck: "lever",
      cards: [
        { ...LEVER_OPEN, id: "lever-neuf", title: "Neuf\u200B", text: "Un\rDeux\u2060", examples: ["Ex\u202Eemple"] },
      ],
    });
    expect(deck.cards[0]).toMatchObject({ title: "Neuf", text: "Un\nDeux", examples: ["Exemple"] });
  });
});
