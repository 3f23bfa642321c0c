import type { Accountability } from '@atrium/auth';
import type { RequestPermissions } from '@atrium/permissions';
import type { TenantContext } from '@atrium/tenancy';

/** Everything a system-data operation needs to know about its request. */
export interface SystemContext {
  tenant: TenantContext;
  accountability: Accountability;
  /**
   * A `me` route acting for the caller: writes skip the admin check (the route decided which row and
   * fields), reads see the caller's own rows of the collection (see `SystemReader`'s access). Never set it
   * from client input.
   */
  self?: boolean;
  /** Filled on first use: the caller's permissions for this request's schema version. */
  permissions?: RequestPermissions;
}
