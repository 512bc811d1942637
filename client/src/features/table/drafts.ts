// Drafts live in this browser until the server has accepted them: a reload or a refusal never loses a word. Narrations,
// contributions and debriefs are plain text under a name; a suggestion keeps its field too, a setup field the table's
// value it was written over.
const key = (tableId: string, stepId: string) => `jdt:draft:${tableId}:${stepId}`;

export function readDraft(tableId: string, stepId: string): string | null {
  try {
    return localStorage.getItem(key(tableId, stepId));
  } catch {
    return null;
  }
}

export function writeDraft(tableId: string, stepId: string, text: string): void {
  try {
    localStorage.setItem(key(tableId, stepId), text);
  } catch {
    // Storage full or disabled: the text stays in the editor.
  }
}

export function dropDraft(tableId: string, stepId: string): void {
  try {
    localStorage.removeItem(key(tableId, stepId));
  } catch {
    // nothing to drop
  }
}

/** A draft kept as JSON: null when there is none, or when what is stored is not of the expected shape. */
function readRecord<T>(tableId: string, name: string, isValid: (value: Record<string, unknown>) => boolean): T | null {
  const raw = readDraft(tableId, name);
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && isValid(value as Record<string, unknown>)
      ? (value as T)
      : null;
  } catch {
    return null;
  }
}

/** The participant's suggestion not yet accepted: what it is about (a setup field's name) and its text. */
export interface SuggestionDraft {
  field: string;
  text: string;
}

const SUGGESTION = "suggestion";

export function readSuggestionDraft(tableId: string): SuggestionDraft | null {
  return readRecord(tableId, SUGGESTION, (v) => typeof v.field === "string" && typeof v.text === "string");
}

export function writeSuggestionDraft(tableId: string, draft: SuggestionDraft): void {
  writeDraft(tableId, SUGGESTION, JSON.stringify({ field: draft.field, text: draft.text }));
}

export function dropSuggestionDraft(tableId: string): void {
  dropDraft(tableId, SUGGESTION);
}

/**
 * Moved to another table of the workshop: the suggestion not yet sent goes along, to be found in the new table's form.
 * One already waiting there is kept, and then this one stays where it was written.
 */
export function carrySuggestionDraft(fromTableId: string, toTableId: string): void {
  const draft = readSuggestionDraft(fromTableId);
  if (!draft || fromTableId === toTableId || readSuggestionDraft(toTableId)) return;
  writeSuggestionDraft(toTableId, draft);
  if (readSuggestionDraft(toTableId)) dropSuggestionDraft(fromTableId);
}

/** A setup field's text not yet saved, and the table's value when it was written (to tell it changed since). */
export interface SetupDraft {
  text: string;
  base: string;
}

const setupName = (field: string) => `setup:${field}`;

export function readSetupDraft(tableId: string, field: string): SetupDraft | null {
  return readRecord(tableId, setupName(field), (v) => typeof v.text === "string" && typeof v.base === "string");
}

export function writeSetupDraft(tableId: string, field: string, draft: SetupDraft): void {
  writeDraft(tableId, setupName(field), JSON.stringify({ text: draft.text, base: draft.base }));
}

export function dropSetupDraft(tableId: string, field: string): void {
  dropDraft(tableId, setupName(field));
}
