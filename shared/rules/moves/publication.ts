// Publishing the closed story (the kit: work in the open, share what the table found): the facilitator puts it at a
// public read-only address and takes it back; each person says whether their name may appear there. What the public
// page shows of the table is shared/story/published.ts.
import { isPublicStoryId } from "#shared/protocol-constants.ts";
import { accept, refuse } from "../result.ts";
import type { MovesOf } from "./move.ts";

export const PUBLICATION_MOVES: MovesOf<"publish" | "unpublish" | "nameInPublication"> = {
  // The id comes from the server (server/room/drawn.ts), a new one for every publication: an address taken back stays dead.
  publish(state, _actor, { publicId }, ctx) {
    if (state.publication) return refuse("alreadyPublished");
    if (!isPublicStoryId(publicId)) return refuse("publicationIdInvalid");
    state.publication = { id: publicId, at: ctx.now };
    return accept(state);
  },

  unpublish(state) {
    if (!state.publication) return refuse("notPublished");
    delete state.publication;
    return accept(state);
  },

  // Saying it again is accepted: two tabs of the same person may both send it.
  nameInPublication(state, actor, { named }) {
    actor.namedInPublication = named;
    return accept(state);
  },
};
