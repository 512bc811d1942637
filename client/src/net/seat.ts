// This browser's seat at each table: a 256-bit key made here and kept here, which brings the same person back to the same seat.
const key = (tableId: string) => `jdt:seat:${tableId}`;

export interface SavedSeat {
  seatKey: string;
  /** True once the server has seated this key: from then on the page rejoins without asking again. */
  seated: boolean;
}

/** `byteCount` random bytes in base64url (a seat key, a join's claim). */
export function randomToken(byteCount: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteCount));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function loadSeat(tableId: string): SavedSeat | null {
  try {
    const raw = localStorage.getItem(key(tableId));
    return raw ? (JSON.parse(raw) as SavedSeat) : null;
  } catch {
    return null;
  }
}

/** The seat key to join with: the saved one, or a new one saved before it is ever sent. */
export function seatFor(tableId: string): SavedSeat {
  const saved = loadSeat(tableId);
  if (saved) return saved;
  const seat = { seatKey: randomToken(32), seated: false };
  saveSeat(tableId, seat);
  return seat;
}

export function saveSeat(tableId: string, seat: SavedSeat): void {
  try {
    localStorage.setItem(key(tableId), JSON.stringify(seat));
  } catch {
    // private mode: the seat lasts as long as the page
  }
}

/**
 * Forgets what this browser keeps of a deleted table: unsent actions, drafts. The seat key stays: it holds nothing of
 * the table, and with it the old link says at once that the table is gone instead of asking for a name.
 */
export function forgetTable(tableId: string): void {
  try {
    const ofTable = (name: string) => name.endsWith(`:${tableId}`) || name.includes(`:${tableId}:`);
    const mine = (name: string) => name.startsWith("jdt:") && name !== key(tableId) && ofTable(name);
    const names = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? "");
    for (const name of names.filter(mine)) localStorage.removeItem(name);
  } catch {
    // storage unavailable: there is nothing to forget
  }
}
