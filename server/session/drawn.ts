// What the server adds to an action before the rules see it: what must be random and secret is drawn here, by the
// system's cryptographic source, and logged with the action, so that replay gives the same table.
import type { Action } from "#shared/model.ts";
import type { WireAction } from "#shared/protocol.ts";
import { newSecret } from "../secrets.ts";

/** A publication's public address: a new 192-bit id each time, never one a browser chose. */
export function withDrawnParts(action: WireAction): Action {
  return action.type === "publish" ? { ...action, publicId: newSecret() } : action;
}
