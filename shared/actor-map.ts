// The Kit AgirLocal's actor map (« Identifier : Quels acteurs ? »): whether a value is one of its four zones, and how a
// table stands on it (« Construisez votre table » : une table à l'équilibre comprend des acteurs variés). Pure.
import { ACTOR_ZONES, type ActorZone } from "./model.ts";

export function isActorZone(zone: unknown): zone is ActorZone {
  return (ACTOR_ZONES as readonly unknown[]).includes(zone);
}

/** What the balance reads of a person: enough for a participant of the rules, a synced seat or an export. */
export interface Placed {
  name: string;
  zone?: ActorZone | "";
  facilitator: boolean;
  removed: boolean;
}

export interface TableBalance<P extends Placed> {
  /** Every zone of the map in the kit's order, with who stands there (in order of arrival). */
  zones: { zone: ActorZone; people: P[] }[];
  /** Zones nobody at the table represents. */
  missing: ActorZone[];
  /** Participants who said nowhere (arrived before the map, or seated by a script); a facilitator may skip it. */
  unplaced: P[];
}

/** Who stands in each zone among the people seated now (someone taken off the table no longer counts). */
export function tableBalance<P extends Placed>(people: readonly P[]): TableBalance<P> {
  const seated = people.filter((p) => !p.removed);
  const zones = ACTOR_ZONES.map((zone) => ({ zone, people: seated.filter((p) => p.zone === zone) }));
  return {
    zones,
    missing: zones.filter((z) => z.people.length === 0).map((z) => z.zone),
    unplaced: seated.filter((p) => !p.facilitator && !isActorZone(p.zone)),
  };
}
