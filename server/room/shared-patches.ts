// One encoding of a patch for every connection when it touches nothing private. Hands are private (one StateView per
// seated connection, server/room/projection.ts), and as soon as a state has private fields Colyseus 0.18
// (SchemaSerializer.applyPatches) encodes every patch once per connection: the shared pass, then that connection's
// view pass over the same changes, then a copy of both into a new buffer. Most changes (a « oui, et… », a reaction, a
// narration) touch no object that holds a private field: each connection's view pass then adds nothing, and its bytes
// are the shared ones. For such a patch the serializer is told, for that call only, that the state has no filters: it
// encodes the changes once and sends the same bytes to everyone, as it does for a state without private fields.
//
// A patch takes the shortcut only when (checked on the encoder's own queue, not on what the room believes it changed):
// - no changed object is private or has a private field (a hand, its cards, a participant: their changes go the usual
//   way, so a hand still reaches its owner only);
// - no connection's view has anything pending (a seat just taken adds its participant and hand to its view);
// - no private-visibility re-derivation is pending.
// The bytes sent are the ones Colyseus would have sent each connection (tests/room/table-room.test.ts, « patches
// encoded once for all », and the property test tests/room/patches.test.ts). This holds because the state's only
// per-connection visibility is `.view()` fields (server/room/schema.ts): a schema filter callback or a stream, which
// @colyseus/schema also applies in the view pass, would have to be checked here too before being added.
import type { Client, Room } from "@colyseus/core";

/** Serializer and encoder internals this relies on (checked when a room starts, and by the tests above). */
interface ChangeTree {
  /** The object is private, or its class has a private field. */
  readonly hasFilteredFields: boolean;
}
interface SerializerInternals {
  hasFilters: boolean;
  encoder: { root: { changes: { next?: ChangeNode }; pendingFilterRefresh: unknown[] } };
  applyPatches(clients: Client[], state: unknown, timing?: unknown): boolean;
}
interface ChangeNode {
  changeTree: ChangeTree;
  next?: ChangeNode;
}

/** How many patches went out once for all, and how many the usual way (for tests/room/table-room.test.ts). */
export const sharedPatchCounts = { shared: 0, perConnection: 0 };

/** Makes the room's serializer encode a patch once for all its connections whenever that patch is public. */
export function sharePublicPatches(room: Room): void {
  const serializer = (room as unknown as { _serializer?: Partial<SerializerInternals> })._serializer;
  if (
    typeof serializer?.applyPatches !== "function" ||
    typeof serializer.hasFilters !== "boolean" ||
    !serializer.encoder?.root?.changes ||
    !Array.isArray(serializer.encoder.root.pendingFilterRefresh)
  ) {
    throw new Error("@colyseus/core changed: SchemaSerializer's applyPatches, hasFilters or encoder.root is gone");
  }
  const internals = serializer as SerializerInternals;
  const apply = internals.applyPatches;
  internals.applyPatches = function applyPatches(this: SerializerInternals, clients, state, timing) {
    if (!this.hasFilters) return apply.call(this, clients, state, timing);
    if (!isPublic(this, clients)) {
      sharedPatchCounts.perConnection += 1;
      return apply.call(this, clients, state, timing);
    }
    sharedPatchCounts.shared += 1;
    this.hasFilters = false;
    try {
      return apply.call(this, clients, state, timing);
    } finally {
      this.hasFilters = true;
    }
  };
}

function isPublic(serializer: SerializerInternals, clients: readonly Client[]): boolean {
  const { root } = serializer.encoder;
  if (root.pendingFilterRefresh.length > 0) return false;
  for (let node = root.changes.next; node; node = node.next) if (node.changeTree.hasFilteredFields) return false;
  for (const client of clients) if ((client.view?.changes.size ?? 0) > 0) return false;
  return true;
}
