// The name, role and actor-map zone this browser last sat down with: the join form of the next table starts from them, so a workshop
// facilitator opening table after table, or a participant moved to another table, types nothing twice.
import { isActorZone } from "#shared/actor-map.ts";
import type { Identity } from "../table/auto-join.ts";

const KEY = "jdt:identity";

export function lastIdentity(): Identity | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const { name, role, zone } = JSON.parse(raw) as Partial<Identity>;
    if (typeof name !== "string" || typeof role !== "string") return null;
    return isActorZone(zone) ? { name, role, zone } : { name, role };
  } catch {
    return null;
  }
}

/** Kept once a person is seated (or has said who they are); an empty name (a rejoin by seat key) changes nothing. */
export function rememberIdentity(identity: Identity): void {
  if (!identity.name.trim()) return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ name: identity.name, role: identity.role, zone: identity.zone }));
  } catch {
    // private mode: the next form starts empty
  }
}
