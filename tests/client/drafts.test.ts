// What this browser keeps of a text not yet accepted by the server (client/src/features/table/drafts.ts): a participant's
// suggestion with the field it is about, a facilitator's setup fields, each under its table, and a suggestion that goes
// along when its author is moved to another table of the workshop (client/src/features/workshop-table/follow-move.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  carrySuggestionDraft,
  dropSetupDraft,
  dropSuggestionDraft,
  readDraft,
  readSetupDraft,
  readSuggestionDraft,
  writeDraft,
  writeSetupDraft,
  writeSuggestionDraft,
} from "#client/features/table/drafts.ts";
import { followMove } from "#client/features/workshop-table/follow-move.ts";
import { MemoryStorage } from "./browser.ts";

const LILAS = "T-lilas";
const GARE = "T-gare";
const SUGGESTION = { field: "constraintTime", text: "Tout doit être prêt pour 2035." };

let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal("localStorage", storage);
  vi.stubGlobal("sessionStorage", new MemoryStorage());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a suggestion not yet sent", () => {
  it("comes back with its text and its field, at its own table only", () => {
    writeSuggestionDraft(LILAS, SUGGESTION);

    expect(readSuggestionDraft(LILAS)).toEqual(SUGGESTION);
    expect(readSuggestionDraft(GARE)).toBeNull();
  });

  it("is gone once dropped (the server accepted it), and leaves the narrations' drafts alone", () => {
    writeDraft(LILAS, "step-1", "Le car du matin devient une navette partagée.");
    writeSuggestionDraft(LILAS, SUGGESTION);

    dropSuggestionDraft(LILAS);

    expect(readSuggestionDraft(LILAS)).toBeNull();
    expect(readDraft(LILAS, "step-1")).toBe("Le car du matin devient une navette partagée.");
  });

  it("reads as none when what is kept is not a suggestion", () => {
    storage.setItem(`jdt:draft:${LILAS}:suggestion`, "pas du JSON");
    expect(readSuggestionDraft(LILAS)).toBeNull();
    storage.setItem(`jdt:draft:${LILAS}:suggestion`, JSON.stringify({ text: 3 }));
    expect(readSuggestionDraft(LILAS)).toBeNull();
  });

  it("goes along to the table its author is moved to, and leaves the old one", () => {
    writeSuggestionDraft(LILAS, SUGGESTION);

    carrySuggestionDraft(LILAS, GARE);

    expect(readSuggestionDraft(GARE)).toEqual(SUGGESTION);
    expect(readSuggestionDraft(LILAS)).toBeNull();
  });

  it("does not replace one already waiting at the new table: both texts stay in this browser", () => {
    const waiting = { field: "system", text: "Le quartier de la gare." };
    writeSuggestionDraft(LILAS, SUGGESTION);
    writeSuggestionDraft(GARE, waiting);

    carrySuggestionDraft(LILAS, GARE);

    expect(readSuggestionDraft(GARE)).toEqual(waiting);
    expect(readSuggestionDraft(LILAS)).toEqual(SUGGESTION);
  });

  it("is in the new table's storage once the page follows a move of the workshop facilitator", () => {
    writeSuggestionDraft(LILAS, SUGGESTION);

    followMove(LILAS, { path: `/t/${GARE}#invitation=abc`, table: "Table 2", name: "Bastien", role: "habitant" });

    expect(readSuggestionDraft(GARE)).toEqual(SUGGESTION);
    expect(readSuggestionDraft(LILAS)).toBeNull();
  });
});

describe("a setup field not yet saved", () => {
  const draft = { text: "Des villages reliés par des navettes.", base: "Des villages reliés par une seule route." };

  it("comes back with the table's value it was written over, per table and per field", () => {
    writeSetupDraft(LILAS, "presentState", draft);

    expect(readSetupDraft(LILAS, "presentState")).toEqual(draft);
    expect(readSetupDraft(LILAS, "system")).toBeNull();
    expect(readSetupDraft(GARE, "presentState")).toBeNull();
  });

  it("is gone once dropped (saved, or the table holds the same text), the other fields' drafts kept", () => {
    writeSetupDraft(LILAS, "presentState", draft);
    writeSetupDraft(LILAS, "otherFutures.0", { text: "Une vallée qui répare.", base: "" });

    dropSetupDraft(LILAS, "presentState");

    expect(readSetupDraft(LILAS, "presentState")).toBeNull();
    expect(readSetupDraft(LILAS, "otherFutures.0")).toEqual({ text: "Une vallée qui répare.", base: "" });
  });

  it("is not mistaken for a narration's draft, nor a suggestion for a setup field", () => {
    writeSetupDraft(LILAS, "system", draft);
    writeSuggestionDraft(LILAS, SUGGESTION);

    expect(readDraft(LILAS, "system")).toBeNull();
    expect(readSetupDraft(LILAS, "suggestion")).toBeNull();
  });
});
