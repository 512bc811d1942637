// Text as people type it, made safe to store and show: one kind of line break, and none of the invisible characters
// that reorder, hide or disguise what the others read (bidi overrides, zero-width spaces…). Names and roles are also
// folded and kept on one line; nameKey says whether two names would look alike to the people at the table.

/** Every way of ending a line (Windows \r\n, a lone \r, NEL, Unicode's line and paragraph separators) becomes \n. */
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;

/**
 * The invisible characters an emoji needs to draw as one picture, kept with it: a joiner between two pictographs
 * (👩‍🌾, 👩🏽‍🌾, ❤️‍🔥), a presentation selector right after an emoji (❤️, 1️⃣), the tags of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 * Anywhere else they draw nothing, so they go.
 */
const EMOJI_GLUE = [
  String.raw`\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?\u200D(?=\p{Extended_Pictographic})`,
  String.raw`\p{Emoji}[\uFE0E\uFE0F]`,
  String.raw`\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]+\u{E007F}`,
].join("|");

/**
 * What draws nothing or changes how the rest is drawn: controls but \n and \t (C0, C1), format characters (bidi
 * embeddings, overrides, isolates and marks, zero-width spaces and joiners, word joiner, BOM, soft hyphen…), the other
 * default-ignorable characters (variation selectors, Hangul fillers…), lone surrogates.
 */
const INVISIBLE = String.raw`(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]`;

// Glue first: at an emoji, the sequence is taken whole before its joiner could be read as a lone invisible character.
// Lookahead only (no lookbehind), so that older browsers still parse the client bundle.
const UNSAFE = new RegExp(`(${EMOJI_GLUE})|${INVISIBLE}`, "gu");

/** Spaces of every width (no-break ones included), line breaks, tabs, and the blank braille pattern some use as a space. */
const SPACES = /[\s\u2800]+/g;

/**
 * Joiners, presentation selectors and tags: they change an emoji's drawing, never who a name is. Alternatives rather
 * than one [class], where a selector would read as joined to the character before it.
 */
const EMOJI_GLUE_CHARS = /\u200D|\uFE0E|\uFE0F|[\u{E0020}-\u{E007F}]/gu;

/**
 * Any free text (narration, contribution, setup, card, debrief): line breaks become \n, invisible and direction-changing
 * characters are removed. Everything a reader sees is kept as typed: accents, ’ and « », no-break spaces, emoji.
 */
export function cleanText(text: string): string {
  return text.replace(LINE_BREAKS, "\n").replace(UNSAFE, (_match, glue: string | undefined) => glue ?? "");
}

/**
 * A name or role: a clean text in its compatibility form (NFKC: "ＡＮＩＭ" → "ANIM", "ﬁ" → "fi"), on one line, with
 * every run of spaces as one space, trimmed. It is shown in lists and headings, where a line break only gets in the way.
 */
export function cleanName(name: string): string {
  return cleanText(name).normalize("NFKC").replace(SPACES, " ").trim();
}

/**
 * Cyrillic and Greek letters drawn like a Latin one in the fonts the table uses ("Аnim" with a Cyrillic А looks like
 * "Anim"), each by the Latin letter it passes for, in its own case (Greek Η passes for H, its small η for none). Letters
 * that merely resemble one (Cyrillic и, Greek λ) are told apart, as people see them.
 */
const LOOKALIKES = new Map(
  (
    [
      ["АВЕКМНОРСТХУІЈЅԚԜӀ", "ABEKMHOPCTXYIJSQWI"], // Cyrillic capitals
      ["аеорсухіјѕһԁԛԝӏ", "aeopcyxijshdqwl"], // Cyrillic small letters
      ["ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"], // Greek capitals
      ["αονρυ", "aovpu"], // Greek small letters
    ] as const satisfies readonly (readonly [string, string])[]
  ).flatMap(([lookalikes, latin]) => [...lookalikes].map((letter, i) => [letter, [...latin][i] ?? letter] as const)),
);
const LOOKALIKE = new RegExp(`[${[...LOOKALIKES.keys()].join("")}]`, "gu");

/**
 * What two names are compared by: the clean name without emoji glue, case-folded, each Cyrillic or Greek lookalike
 * read as the Latin letter it passes for. "Anim", "Anim\u200B", "ＡＮＩＭ", " anim " and "Аnim" (Cyrillic А) share a
 * key; accents are kept ("Élie" and "Elie" are told apart: an accent is seen, so it spoofs no one).
 */
export function nameKey(name: string): string {
  // Upper then lower case folds what lower case alone leaves apart ("ß" and "ss").
  const seen = cleanName(name)
    .replace(EMOJI_GLUE_CHARS, "")
    .replace(LOOKALIKE, (letter) => LOOKALIKES.get(letter) ?? letter);
  return seen.toUpperCase().toLowerCase().normalize("NFKC");
}
