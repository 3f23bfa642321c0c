import type { Accountability } from '@atrium/auth';
import type { SchemaOverview } from '@atrium/schema';
import type { TenantContext } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import type { RequestPermissions } from '../request-permissions';

/**
 * Everything a data operation needs to know about its request, built once before the route runs and passed
 * explicitly down (as Directus passes accountability, schema and knex). Nothing writes into it afterwards:
 * a nested operation that must see an open transaction gets a copy with `db` set (`withTransaction`).
 */
export interface RequestContext {
  readonly tenant: TenantContext;
  readonly accountability: Accountability;
  /** The project's schema snapshot, pinned for the whole request (an immutable, versioned overview). */
  readonly schema: SchemaOverview;
  /** The caller's permissions over that snapshot. */
  readonly permissions: RequestPermissions;
  /** When the request started: `$NOW` in every filter of the request means this instant. */
  readonly now: Date;
  /** The open transaction, when the operation runs inside one. */
  readonly db?: ClientBase;
}

/** The same request inside an open transaction: nested reads and writes see its changes. */
export function withTransaction(context: RequestContext, db: ClientBase): RequestContext {
  return { ...context, db };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the request pipeline for every route under `/:project`. */
    requestContext?: RequestContext;
  }
}
