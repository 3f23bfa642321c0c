/**
 * Who is making a request inside a project, as every service sees it (Directus's "accountability").
 * Built once per request by the `AccountabilityGuard`; anonymous requests get the public accountability.
 */
export interface Accountability {
  /** `directus_users.id`, or null for anonymous requests. */
  user: string | null;
  /** The user's direct role. */
  role: string | null;
  /** The user's role followed by its ancestors (the policy-flags guard fills it from the cached grants). */
  roles: string[];
  /** Some policy grants admin_access: full bypass of permissions inside this project. */
  admin: boolean;
  /** Some policy grants app_access. */
  app: boolean;
  /** Hash of the session behind a session-mode token (`directus_sessions.token`), else null. */
  session: string | null;
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
  /** The platform super-admin token was presented: it sees server details but grants nothing in the data. */
  superAdmin: boolean;
}

export function publicAccountability(request: {
  ip?: string;
  headers: Record<string, unknown>;
}): Accountability {
  return {
    user: null,
    role: null,
    roles: [],
    admin: false,
    app: false,
    session: null,
    ip: request.ip ?? null,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
    origin: typeof request.headers.origin === 'string' ? request.headers.origin : null,
    superAdmin: false,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    accountability?: Accountability;
  }
}
