// The short join code of a table: typed on the home page instead of opening the participant link, read aloud or off a
// shared screen. Eight characters from an alphabet without look-alikes: the digits 2–9 and the capital letters but
// I, L, O and U (no 0/O, 1/I/L, U/V to confuse). 30^8 ≈ 6.6 × 10^11 codes (39 bits). Server and browser share these
// helpers; the server makes the codes (server/secrets.ts, crypto randomness). No validation library: the browser
// imports this file.

export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const JOIN_CODE_LENGTH = 8;

/** What people type, made comparable: capitals, without spaces, dashes, dots or underscores (and full-width forms folded). */
export function normaliseJoinCode(input: string): string {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\p{Pd}._·]/gu, "");
}

/** Whether this (normalised) text has the form of a join code: the right length, only letters of the alphabet. */
export function isJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** A code as it is shown and read aloud: two groups of four, « K7PQ-2MXR ». */
export function formatJoinCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)}-${code.slice(half)}`;
}
