// Link secrets: 192 bits from the system's cryptographic source; only their hashes are kept.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "#shared/join-code.ts";

export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** A short public id (tables): 96 random bits, not a secret. */
export function newId(): string {
  return randomBytes(12).toString("base64url");
}

/**
 * A table's join code (shared/join-code.ts): each character drawn uniformly from the alphabet by the system's
 * cryptographic source (randomInt rejects the biased draws). The store makes sure no two tables share one.
 */
export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function matchesHash(secret: string | undefined, hash: string): boolean {
  if (!secret) return false;
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
