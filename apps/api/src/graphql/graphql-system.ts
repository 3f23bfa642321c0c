import { Injectable } from '@nestjs/common';
import { invalidPayload } from '@atrium/core';
import type { AuthModeArg, AuthTokensView, GraphqlHttp, GraphqlSystem, ItemsQuery } from '@atrium/graphql';
import type { RequestContext } from '@atrium/permissions';
import { ProjectInfoService } from '@atrium/server';
import { MeService } from '@atrium/system-data';
import type { TenantContext } from '@atrium/tenancy';
import { AuthSessions } from '../auth/auth-sessions';

function tenantOf(http: GraphqlHttp): TenantContext {
  const tenant = http.request.tenant;
  if (!tenant) throw new Error('GraphQL served outside /:project');
  return tenant;
}

/** As `/auth/refresh` reads its body: json mode when a token is given, else cookie mode. */
function sessionMode(args: { refresh_token?: string; mode?: AuthModeArg }): AuthModeArg {
  return args.mode ?? (args.refresh_token ? 'json' : 'cookie');
}

/** `/graphql/system`'s sign-in, user and server fields, answered by the services of the REST routes. */
@Injectable()
export class ApiGraphqlSystem implements GraphqlSystem {
  constructor(
    private readonly sessions: AuthSessions,
    private readonly users: MeService,
    private readonly info: ProjectInfoService,
  ) {}

  login(
    args: { email: string; password: string; mode?: AuthModeArg; otp?: string },
    http: GraphqlHttp,
  ): Promise<AuthTokensView> {
    if (args.email.length === 0 || args.password.length === 0) {
      throw invalidPayload('"email" and "password" are required.');
    }
    const { mode = 'json', ...credentials } = args;
    return this.sessions.login(tenantOf(http), credentials, mode, http.request, http.reply);
  }

  refresh(args: { refresh_token?: string; mode?: AuthModeArg }, http: GraphqlHttp): Promise<AuthTokensView> {
    const mode = sessionMode(args);
    return this.sessions.refresh(tenantOf(http), mode, args.refresh_token ?? null, http.request, http.reply);
  }

  logout(args: { refresh_token?: string; mode?: AuthModeArg }, http: GraphqlHttp): Promise<void> {
    const mode = sessionMode(args);
    return this.sessions.logout(tenantOf(http), mode, args.refresh_token ?? null, http.request, http.reply);
  }

  me(context: RequestContext, query: ItemsQuery): Promise<string> {
    return this.users.readUser(context, query);
  }

  /** As `GET /server/info` answers the same caller. */
  async serverInfo(http: GraphqlHttp): Promise<Record<string, unknown>> {
    const tenant = tenantOf(http);
    const accountability = http.request.accountability;
    if (accountability?.superAdmin) return this.info.superAdminInfo(tenant);
    if (accountability?.user) return this.info.userInfo(tenant);
    return { project: await this.info.publicInfo(tenant) };
  }
}
