// The join code's form: what people type is made comparable, look-alikes never appear, and the server's codes use the
// whole alphabet.
import { describe, expect, it } from "vitest";
import { newJoinCode } from "#server/secrets.ts";
import {
  formatJoinCode,
  isJoinCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  normaliseJoinCode,
} from "#shared/join-code.ts";

describe("the join code's alphabet", () => {
  it("has no character that looks like another: no 0/O, 1/I/L, U/V", () => {
    for (const lookAlike of ["0", "O", "1", "I", "L", "U"]) expect(JOIN_CODE_ALPHABET).not.toContain(lookAlike);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(JOIN_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });
});

describe("what people type", () => {
  it.each([
    ["k7pq-2mxr", "K7PQ2MXR"],
    [" K7PQ 2MXR ", "K7PQ2MXR"],
    ["K7PQ–2MXR", "K7PQ2MXR"],
    ["k.7.p.q_2mxr", "K7PQ2MXR"],
    ["Ｋ７ＰＱ２ＭＸＲ", "K7PQ2MXR"],
  ])("given « %s », then it reads as %s, a code", (typed, code) => {
    expect(normaliseJoinCode(typed)).toBe(code);
    expect(isJoinCode(normaliseJoinCode(typed))).toBe(true);
  });

  it.each([
    "",
    "K7PQ2MX",
    "K7PQ2MXRZ",
    "K7PQ2MX0",
    "K7PQ2MXO",
    "K7PQ2MXI",
    "K7PQ2MXL",
    "K7PQ2MXU",
    "K7PQ2MX!",
    "K7PQ2MXé",
  ])("given « %s », then it is not a code", (typed) => expect(isJoinCode(normaliseJoinCode(typed))).toBe(false));

  it("shows a code in two groups of four, to read aloud", () => {
    expect(formatJoinCode("K7PQ2MXR")).toBe("K7PQ-2MXR");
    expect(normaliseJoinCode(formatJoinCode("K7PQ2MXR"))).toBe("K7PQ2MXR");
  });
});

describe("the server's codes", () => {
  it("are well formed, and draw on every character of the alphabet", () => {
    const codes = Array.from({ length: 2000 }, newJoinCode);
    for (const code of codes) expect(isJoinCode(code)).toBe(true);
    expect(codes.every((code) => code.length === JOIN_CODE_LENGTH)).toBe(true);
    expect(new Set(codes.join("")).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
