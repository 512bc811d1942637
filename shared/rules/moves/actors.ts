// Who is around the table (the kit's actor map) and changing hats: a person's zone on the map, and their role in their
// own words, which they may change during play; what they wrote before keeps the role they had then (newStep, contribute).
import { isActorZone } from "#shared/actor-map.ts";
import { LIMITS, type ActorZone } from "#shared/model.ts";
import { t } from "#shared/i18n/translate.ts";
import { cleanName } from "#shared/text.ts";
import { accept, refuse, type Outcome } from "../result.ts";
import { isAnonymousName } from "./anonymise.ts";
import type { MovesOf } from "./move.ts";

/** A role as typed, cleaned to one line (text.ts), or why not. */
export function checkRole(role: string): Outcome<string> {
  const clean = cleanName(role);
  if (!clean) return refuse("roleRequired");
  if (clean.length > LIMITS.roleLength) return refuse("roleTooLong", { max: LIMITS.roleLength });
  return accept(clean);
}

/** A zone someone gave (absent: none given), or why not: only the kit's four zones exist. */
export function checkZone(zone: unknown): Outcome<ActorZone | undefined> {
  if (zone === undefined) return accept(undefined);
  return isActorZone(zone) ? accept(zone) : refuse("zoneUnknown");
}

export const ACTOR_MOVES: MovesOf<"changeRole"> = {
  // Once anonymised, no hat but « participant·e »: another would name them again. That one stays accepted, like the
  // same role again: storage rewrites an anonymised person's hats to it (server/store), and their log must still replay.
  changeRole(state, actor, { role, zone }) {
    const checked = checkRole(role);
    if (!checked.ok) return checked;
    if (isAnonymousName(actor.name) && checked.state !== t("anonymise.role")) return refuse("hatAnonymised");
    const where = checkZone(zone);
    if (!where.ok) return where;
    actor.role = checked.state;
    if (where.state) actor.zone = where.state;
    return accept(state);
  },
};
