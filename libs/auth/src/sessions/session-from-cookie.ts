import * as jwt from 'jsonwebtoken';
import { TOKEN_ALGORITHM, TOKEN_ISSUER } from '../tokens/access-token';

/**
 * The session hash inside a session-mode cookie (an access token we signed for this project), or null when
 * the cookie is not one of ours.
 */
export function sessionFromCookie(cookie: string, secret: string, projectKey: string): string | null {
  try {
    const payload = jwt.verify(cookie, secret, { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER }) as {
      session?: unknown;
      project?: unknown;
    };
    return payload.project === projectKey && typeof payload.session === 'string' ? payload.session : null;
  } catch {
    return null;
  }
}
