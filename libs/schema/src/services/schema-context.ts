import type { Accountability } from '@atrium/auth';
import type { TenantContext } from '@atrium/tenancy';
import type { ClientBase } from 'pg';

/** Who changes or reads which project's schema (STYLE #2: explicit context). */
export interface SchemaContext {
  tenant: TenantContext;
  accountability: Accountability | undefined;
}

/**
 * An open schema-change transaction owned by a caller (`/schema/apply`, provisioning): service methods given
 * one run inside it and leave the version bump, commit and cache invalidation to that caller.
 */
export interface SchemaTx {
  client: ClientBase;
}
