import { Injectable } from '@nestjs/common';
import { invalidCredentials } from '@atrium/core';
import type { TenantContext } from '@atrium/tenancy';
import { AuthMode, IssuedTokens, LoginService } from '../login/login.service';
import { SessionMeta, SessionService, userSuspended } from './session.service';

/** `POST /auth/refresh` and `/auth/logout` once the presented session is known (by its hash). */
@Injectable()
export class RefreshService {
  constructor(
    private readonly sessions: SessionService,
    private readonly login: LoginService,
  ) {}

  async refresh(
    tenant: TenantContext,
    presented: string,
    mode: AuthMode,
    meta: SessionMeta,
  ): Promise<IssuedTokens> {
    const session = await this.sessions.rotate(tenant, presented, meta);
    const pool = await tenant.pool();
    const { rows } = await pool.query<{ id: string; role: string | null; status: string }>(
      'SELECT id, role, status FROM directus_users WHERE id = $1',
      [session.user],
    );
    const user = rows[0];
    if (!user || user.status !== 'active') {
      await this.sessions.revoke(tenant, session.hash);
      throw user?.status === 'suspended' ? userSuspended() : invalidCredentials();
    }
    return this.login.issue(tenant, user, session, mode, meta.ip);
  }

  logout(tenant: TenantContext, presented: string): Promise<void> {
    return this.sessions.revoke(tenant, presented);
  }
}
