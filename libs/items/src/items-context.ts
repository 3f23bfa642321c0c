import type { Accountability } from '@atrium/auth';
import type { RequestPermissions } from '@atrium/permissions';
import type { QueryContext } from '@atrium/query';
import type { TenantContext } from '@atrium/tenancy';

/** Everything an items operation needs to know about its request. */
export interface ItemsContext {
  tenant: TenantContext;
  accountability: Accountability;
  /** Filled on first use: the caller's permissions for this request's schema version. */
  permissions?: RequestPermissions;
  /** Filled on the first compiled read: the dynamic values its filters resolved against. */
  queryContext?: QueryContext;
}

/** The raw query of a request: Fastify's flat object (bracket keys) or a SEARCH body's nested query. */
export type RawQuery = Readonly<Record<string, unknown>>;
