import { invalidPayload } from '@atrium/core';

export type TokenSource = 'header' | 'query' | 'cookie';

export interface ExtractedToken {
  token: string;
  source: TokenSource;
}

interface RequestLike {
  headers: Record<string, unknown>;
  query?: unknown;
  cookies?: Record<string, string | undefined>;
}

/**
 * The credential a request carries: `Authorization: Bearer`, `?access_token=` or the session cookie.
 * Header and query together are ambiguous (RFC 6750) → 400; the session cookie counts only when no other
 * method is used. Returns null for an anonymous request.
 */
export function extractToken(request: RequestLike, sessionCookieName: string): ExtractedToken | null {
  const header = request.headers.authorization;
  let fromHeader: string | null = null;
  if (typeof header === 'string' && header.trim() !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
    if (!match) throw invalidPayload('The Authorization header must be "Bearer <token>".');
    fromHeader = match[1];
  }
  const query = (request.query ?? {}) as Record<string, unknown>;
  const rawQuery = query.access_token;
  if (rawQuery !== undefined && typeof rawQuery !== 'string')
    throw invalidPayload('"access_token" must be a string.');
  const fromQuery = rawQuery === undefined || rawQuery === '' ? null : rawQuery;

  if (fromHeader && fromQuery) {
    throw invalidPayload('The token may be sent in the Authorization header or the query, not both.');
  }
  if (fromHeader) return { token: fromHeader, source: 'header' };
  if (fromQuery) return { token: fromQuery, source: 'query' };
  const fromCookie = request.cookies?.[sessionCookieName];
  return fromCookie ? { token: fromCookie, source: 'cookie' } : null;
}
