// The workshop facilitator acting on every table at once from the overview: an actor with no seat at any table, known
// to the rules by its id alone (WORKSHOP_ACTOR_ID), allowed what the permission table marks `workshop`.
import { t } from "../i18n/translate.ts";
import type { Participant } from "../model.ts";
import { WORKSHOP_ACTOR_ID } from "../workshop.ts";

export function isWorkshopActor(actorId: string): boolean {
  return actorId === WORKSHOP_ACTOR_ID;
}

/** The actor as a move receives it: a facilitator seated nowhere, who holds no card and takes no turn. */
export function workshopActor(): Participant {
  return {
    id: WORKSHOP_ACTOR_ID,
    name: t("workshopRules.actor"),
    role: "",
    facilitator: true,
    hand: [],
    joinedAt: 0,
    removed: false,
    debrief: "",
    debriefAt: null,
  };
}
