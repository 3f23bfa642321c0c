import * as jwt from 'jsonwebtoken';

/** Directus's issuer: clients and tools recognise its tokens by it. */
export const TOKEN_ISSUER = 'directus';
export const TOKEN_ALGORITHM = 'HS256';

/** The claims of an Atrium access token (Directus's, plus the project it was issued for). */
export interface AccessTokenClaims {
  id: string;
  role: string | null;
  app_access: boolean;
  admin_access: boolean;
  /** Session-mode tokens: the hash of the session they belong to (they die with it). */
  session?: string;
  project: string;
}

/** Signs an access token with the project's own secret: a token of project A is invalid on project B. */
export function signAccessToken(claims: AccessTokenClaims, secret: string, ttlMs: number): string {
  return jwt.sign(claims, secret, {
    algorithm: TOKEN_ALGORITHM,
    issuer: TOKEN_ISSUER,
    expiresIn: Math.max(1, Math.floor(ttlMs / 1000)),
  });
}

/** True when the token claims to be one of ours (`iss: directus`); such a token never falls back to a static-token lookup. */
export function claimsToBeAccessToken(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { iss?: unknown };
    return payload.iss === TOKEN_ISSUER;
  } catch {
    return false;
  }
}

/** The shape check Directus makes after the signature: a token missing these is invalid. */
export function hasAccessTokenShape(payload: unknown): payload is AccessTokenClaims {
  if (typeof payload !== 'object' || payload === null) return false;
  const claims = payload as Record<string, unknown>;
  return (
    typeof claims.id === 'string' &&
    (claims.role === null || typeof claims.role === 'string') &&
    typeof claims.app_access === 'boolean' &&
    typeof claims.admin_access === 'boolean' &&
    typeof claims.project === 'string' &&
    (claims.session === undefined || typeof claims.session === 'string')
  );
}
