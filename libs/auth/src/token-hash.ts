import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque tokens (refresh, session, static, reset) are stored as their SHA-256: a database dump alone never
 * holds a usable token. Tokens are random and long, so a fast hash is enough.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new opaque token: 64 URL-safe characters (384 bits). */
export function generateToken(): string {
  return randomBytes(48).toString('base64url');
}
