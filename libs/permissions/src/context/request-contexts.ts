import { Injectable } from '@nestjs/common';
import type { Accountability } from '@atrium/auth';
import { SchemaCache } from '@atrium/schema';
import type { TenantContext } from '@atrium/tenancy';
import { PermissionsService } from '../permissions.service';
import type { RequestContext } from './request-context';

/**
 * Builds a request's context: the schema snapshot fetched once, a signed-in caller's `admin` and `app`
 * flags and role chain taken from the policies in force for THIS request (their `ip_access` checked against
 * its address) rather than from the token's claims — a policy limited to an office network must not follow
 * its token elsewhere, and a revoked admin loses the bypass at once (Directus v11 recomputes them per
 * request too) — and the permissions those flags give.
 */
@Injectable()
export class RequestContexts {
  constructor(
    private readonly schema: SchemaCache,
    private readonly permissions: PermissionsService,
  ) {}

  async build(tenant: TenantContext, caller: Accountability, now = new Date()): Promise<RequestContext> {
    const schema = await this.schema.get(tenant);
    const accountability = caller.user ? await this.withPolicyFlags(tenant, caller, schema.version) : caller;
    const permissions = await this.permissions.forRequest(tenant, accountability, schema);
    return { tenant, accountability, schema, permissions, now };
  }

  private async withPolicyFlags(
    tenant: TenantContext,
    accountability: Accountability,
    version: number,
  ): Promise<Accountability> {
    const { admin, app, roles } = await this.permissions.flags(tenant, accountability, version);
    return { ...accountability, admin, app, roles };
  }
}
