import type { Accountability } from '@atrium/auth';
import type { TenantContext } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import type { SchemaVisibility } from './schema-visibility';

/** Who changes or reads which project's schema (STYLE #2: explicit context). */
export interface SchemaContext {
  tenant: TenantContext;
  accountability: Accountability | undefined;
  /** For reads by non-admins: what their permissions let them see (absent: admins only). */
  visibility?: SchemaVisibility;
}

/**
 * An open schema-change transaction owned by a caller (`/schema/apply`, provisioning): service methods given
 * one run inside it and leave the version bump, commit and cache invalidation to that caller.
 */
export interface SchemaTx {
  client: ClientBase;
}
