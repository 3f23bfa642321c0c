import type { Accountability } from '@atrium/auth';
import type { TenantContext } from '@atrium/tenancy';

/** Everything a system-data operation needs to know about its request. */
export interface SystemContext {
  tenant: TenantContext;
  accountability: Accountability;
  /**
   * The `me` routes decided access themselves (a user acting on their own row): skip the admin check.
   * Never set it from client input.
   */
  self?: boolean;
}
