// Facilitation of a workshop: a message shown on every screen of the table, and someone moved to another table of the
// workshop before play. Both may come from the workshop facilitator acting on every table at once (WORKSHOP_ACTOR_ID).
import { WORKSHOP_LIMITS } from "#shared/workshop.ts";
import { cleanName, cleanText } from "#shared/text.ts";
import { accept, refuse } from "../result.ts";
import { takeOffTable } from "./moderation.ts";
import { record, type MovesOf } from "./move.ts";

export const WORKSHOP_MOVES: MovesOf<"announce" | "moveAway"> = {
  // Cleaned here and not only on the wire: the workshop room passes its own actions to the table without the zod schemas.
  announce(state, _actor, { text }, ctx) {
    const message = cleanText(text).trim();
    if (message.length > WORKSHOP_LIMITS.messageLength)
      return refuse("announcementTooLong", { max: WORKSHOP_LIMITS.messageLength });
    // Clearing when there is nothing to clear is accepted: a workshop clears every table at once, whatever each shows.
    if (message) state.announcement = { text: message, at: ctx.now };
    else delete state.announcement;
    return accept(state);
  },

  // Removed in every rule's eyes (they no longer act nor count), but marked with the table they went to, so the table
  // shows them as gone there rather than as taken off. Facilitators stay: they hold this table's facilitation.
  moveAway(state, _actor, { participantId, toTableName }, ctx) {
    const person = state.participants.find((p) => p.id === participantId);
    if (!person) return refuse("participantNotFound");
    if (person.removed) return refuse("participantAlreadyRemoved", { name: person.name });
    if (person.facilitator) return refuse("cannotMoveFacilitator", { name: person.name });
    const table = cleanName(toTableName);
    if (!table || table.length > WORKSHOP_LIMITS.tableNameLength)
      return refuse("moveTableNameInvalid", { max: WORKSHOP_LIMITS.tableNameLength });
    record(state, ctx, "moveAway", participantId, person.name);
    takeOffTable(state, person);
    person.movedTo = table;
    return accept(state);
  },
};
