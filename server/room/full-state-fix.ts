// Works around a bug of @colyseus/core 0.18 (SchemaSerializer.getFullState): when a table's full state outgrows the
// encoder's buffer, encodeAll() returns its bytes in a new, larger buffer, but the serializer keeps the old one and
// writes each person's private view (their hand) after the shared part *in that old buffer*; on overflow the encoder
// grows it by copying what it holds, which is not the shared part. Anyone arriving at a big table then decoded a
// corrupted state ("refId not found", empty steps). Here the grown buffer is kept before any view is encoded.
import { SchemaSerializer } from "@colyseus/core";

interface SerializerInternals {
  fullEncodeBuffer: Uint8Array;
  fullEncodeCache: Uint8Array | undefined;
}

const original = SchemaSerializer.prototype.getFullState;
let installed = false;

export function keepGrownFullStateBuffer(): void {
  if (installed) return;
  installed = true;
  SchemaSerializer.prototype.getFullState = function getFullState(
    this: SchemaSerializer<never>,
    ...args: Parameters<typeof original>
  ) {
    const self = this as unknown as SerializerInternals;
    const before = self.fullEncodeCache;
    const result = original.apply(this, args);
    const cache = self.fullEncodeCache;
    if (cache !== before && cache && cache.buffer !== self.fullEncodeBuffer.buffer) {
      // The shared part was re-encoded into a grown buffer: keep it, and encode this person's view again into it.
      self.fullEncodeBuffer = new Uint8Array(
        cache.buffer as ArrayBuffer,
        cache.byteOffset,
        (cache.buffer as ArrayBuffer).byteLength - cache.byteOffset,
      );
      return original.apply(this, args);
    }
    return result;
  };
}
