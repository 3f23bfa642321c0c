import * as jwt from 'jsonwebtoken';
import { createHash } from 'node:crypto';
import { invalidToken, tokenExpired } from '../identity/auth-errors';
import { TOKEN_ALGORITHM, TOKEN_ISSUER } from '../tokens/access-token';

/** What a mailed token lets its holder do. Access tokens carry no scope, so neither kind passes for the other. */
export type AccountTokenScope = 'password-reset' | 'invite';

export interface AccountTokenClaims {
  scope: AccountTokenScope;
  /** The project it was issued for (its secret signs it too: the claim is a second, explicit check). */
  project: string;
  /** `directus_users.id`. */
  id: string;
  email: string;
  /** Password reset: fingerprint of the credentials when issued, so the token dies once they change. */
  fp?: string;
}

/** Signs a reset or invite token with the project's own secret, HS256, expiring after `ttlMs`. */
export function signAccountToken(claims: AccountTokenClaims, secret: string, ttlMs: number): string {
  return jwt.sign({ ...claims }, secret, {
    algorithm: TOKEN_ALGORITHM,
    issuer: TOKEN_ISSUER,
    expiresIn: Math.max(1, Math.ceil(ttlMs / 1000)),
  });
}

/**
 * Verifies a reset or invite token: signature (algorithm pinned), issuer, expiry, scope and project.
 * Expired → 401 TOKEN_EXPIRED; anything else wrong → 403 INVALID_TOKEN. The signature is checked before the
 * expiry, so another project's token is INVALID_TOKEN whatever its age — the same answer as any forged one.
 */
export function verifyAccountToken(
  token: string,
  secret: string,
  expected: { scope: AccountTokenScope; project: string },
): AccountTokenClaims {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secret, { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw tokenExpired();
    throw invalidToken();
  }
  if (typeof payload !== 'object' || payload === null) throw invalidToken();
  const claims = payload as Record<string, unknown>;
  if (
    claims.scope !== expected.scope ||
    claims.project !== expected.project ||
    typeof claims.id !== 'string' ||
    typeof claims.email !== 'string' ||
    typeof claims.exp !== 'number' ||
    (expected.scope === 'password-reset' && typeof claims.fp !== 'string')
  ) {
    throw invalidToken();
  }
  return {
    scope: expected.scope,
    project: expected.project,
    id: claims.id,
    email: claims.email,
    ...(typeof claims.fp === 'string' ? { fp: claims.fp } : {}),
  };
}

/**
 * A digest of the user's email and password hash. A reset token carries the one current when it was issued;
 * once the password is reset (or changed, or the email changes) the digest differs and the token is spent.
 * The password hash is salted, so the digest says nothing usable about the password.
 */
export function credentialFingerprint(user: { email: string | null; password: string | null }): string {
  return createHash('sha256')
    .update(`${(user.email ?? '').toLowerCase()}\n${user.password ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
}
