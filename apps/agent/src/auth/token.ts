import { createHash, timingSafeEqual } from "node:crypto";

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * Compares a presented token with the stored one in constant time. Both are hashed first so the
 * comparison has equal lengths and reveals nothing about the stored token's length.
 */
export function tokenMatches(presented: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(stored));
}
