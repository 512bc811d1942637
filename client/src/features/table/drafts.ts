// Narration drafts live in this browser until the server has accepted them: a reload or a refusal never loses a word.
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
