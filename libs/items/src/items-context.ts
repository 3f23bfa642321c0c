import type { Accountability } from '@atrium/auth';
import type { TenantContext } from '@atrium/tenancy';

/** Everything an items operation needs to know about its request. */
export interface ItemsContext {
  tenant: TenantContext;
  accountability: Accountability;
}

/** The raw query of a request: Fastify's flat object (bracket keys) or a SEARCH body's nested query. */
export type RawQuery = Readonly<Record<string, unknown>>;
