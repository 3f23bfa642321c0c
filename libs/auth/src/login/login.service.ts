import { Inject, Injectable, Logger } from '@nestjs/common';
import { writeActivity } from '@atrium/activity';
import { APP_CONFIG, AppConfig, AtriumException, invalidCredentials, verifyPassword } from '@atrium/core';
import { projectInstanceId, type TenantContext } from '@atrium/tenancy';
import { setTimeout as sleep } from 'node:timers/promises';
import { invalidOtp } from '../identity/auth-errors';
import { resolvePolicyGlobals } from '../policy-globals';
import { ProjectSecrets } from '../project-secrets';
import { SessionMeta, SessionService, IssuedSession } from '../sessions/session.service';
import { verifyTotp } from '../tfa/totp';
import { TotpReplayStore } from '../tfa/totp-replay.store';
import { AttemptCounters } from '../throttle/attempt-counters';
import { signAccessToken } from '../tokens/access-token';
import { DUMMY_PASSWORD_HASH } from './dummy-password-hash';

export type AuthMode = 'json' | 'cookie' | 'session';

export interface LoginInput {
  email: string;
  password: string;
  otp?: string;
  mode: AuthMode;
}

export interface IssuedTokens {
  accessToken: string;
  /** Lifetime of the access token in milliseconds, as Directus and its SDK expect. */
  expires: number;
  session: IssuedSession;
}

interface UserRow {
  id: string;
  role: string | null;
  password: string | null;
  status: string;
  provider: string;
  tfa_secret: string | null;
}

/** Failed logins per user are counted over this window before the account is suspended. */
const FAILED_LOGIN_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Password login (DESIGN §5): per-IP throttling, a constant-time failure path (no user enumeration by body
 * or timing), suspension after `settings.auth_login_attempts` failures, TOTP when enabled, a session, and
 * an activity row for every attempt.
 */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly secrets: ProjectSecrets,
    private readonly counters: AttemptCounters,
    private readonly totpReplays: TotpReplayStore,
  ) {}

  async login(tenant: TenantContext, input: LoginInput, meta: SessionMeta): Promise<IssuedTokens> {
    await this.throttle(tenant, meta);
    const started = Date.now();
    const pool = await tenant.pool();
    const { rows } = await pool.query<UserRow>(
      `SELECT id, role, password, status, provider, tfa_secret FROM directus_users WHERE lower(email) = lower($1) LIMIT 1`,
      [input.email],
    );
    const user = rows[0];
    // Hash something even for unknown users, so both paths cost the same.
    const passwordOk = await verifyPassword(user?.password ?? DUMMY_PASSWORD_HASH, input.password);
    const usable =
      user !== undefined && passwordOk && user.status === 'active' && user.provider === 'default';

    if (!usable) {
      if (user && user.status === 'active' && !passwordOk) await this.countFailure(tenant, user);
      await this.recordAttempt(tenant, 'login_failed', user?.id ?? null, meta);
      await this.stall(started);
      throw invalidCredentials();
    }
    if (user.tfa_secret) {
      const match = input.otp ? await verifyTotp(user.tfa_secret, input.otp) : null;
      // A code seen once (this step or a later one) is spent: a shoulder-surfed code cannot log in again.
      if (!match || !(await this.totpReplays.claim(tenant.project, user.id, match.timeStep))) {
        await this.countFailure(tenant, user);
        await this.recordAttempt(tenant, 'login_failed', user.id, meta);
        await this.stall(started);
        throw invalidOtp();
      }
    }
    await this.counters.reset(this.userKey(tenant, user.id));
    const session = await this.sessions.create(tenant, user.id, meta);
    const tokens = await this.issue(tenant, user, session, input.mode, meta.ip);
    await pool.query('UPDATE directus_users SET last_access = now() WHERE id = $1', [user.id]);
    await this.recordAttempt(tenant, 'login', user.id, meta);
    return tokens;
  }

  /** Signs the access token for a session: session-mode tokens carry the session and live as long as its cookie. */
  async issue(
    tenant: TenantContext,
    user: { id: string; role: string | null },
    session: IssuedSession,
    mode: AuthMode,
    ip: string | null,
  ): Promise<IssuedTokens> {
    // The claims are informative (each request recomputes the flags for its own address).
    const globals = await resolvePolicyGlobals(await tenant.pool(), user, ip);
    const ttl = mode === 'session' ? this.config.auth.sessionCookieTtlMs : this.config.auth.accessTokenTtlMs;
    const accessToken = signAccessToken(
      {
        id: user.id,
        role: user.role,
        app_access: globals.app_access,
        admin_access: globals.admin_access,
        project: tenant.key,
        ...(mode === 'session' ? { session: session.hash } : {}),
      },
      this.secrets.jwtSecret(tenant.project),
      ttl,
    );
    return { accessToken, expires: ttl, session };
  }

  private async throttle(tenant: TenantContext, meta: SessionMeta): Promise<void> {
    const { loginRateLimitPoints, loginRateLimitWindowMs } = this.config.auth;
    const hit = await this.counters.hit(
      `login-ip:${projectInstanceId(tenant.project)}:${meta.ip ?? 'unknown'}`,
      loginRateLimitWindowMs,
    );
    if (hit.count > loginRateLimitPoints) {
      this.logger.warn({ project: tenant.key, ip: meta.ip }, 'login rate limit exceeded');
      throw new AtriumException(
        'REQUESTS_EXCEEDED',
        'Too many requests, retry later.',
        { limit: loginRateLimitPoints, reset: new Date(Date.now() + hit.resetMs).toISOString() },
        { 'Retry-After': String(Math.ceil(hit.resetMs / 1000)) },
      );
    }
  }

  /** Counts a failed password for an existing user; past `auth_login_attempts` the account is suspended. */
  private async countFailure(tenant: TenantContext, user: UserRow): Promise<void> {
    const pool = await tenant.pool();
    const settings = await pool.query<{ auth_login_attempts: number | null }>(
      'SELECT auth_login_attempts FROM directus_settings ORDER BY id LIMIT 1',
    );
    const allowed = settings.rows.length === 0 ? 25 : settings.rows[0].auth_login_attempts;
    if (allowed === null) return; // unlimited
    const hit = await this.counters.hit(this.userKey(tenant, user.id), FAILED_LOGIN_WINDOW_MS);
    if (hit.count >= allowed) {
      await pool.query(`UPDATE directus_users SET status = 'suspended' WHERE id = $1 AND status = 'active'`, [
        user.id,
      ]);
      await this.counters.reset(this.userKey(tenant, user.id));
      this.logger.warn({ project: tenant.key, user: user.id }, 'user suspended after too many failed logins');
    }
  }

  private userKey(tenant: TenantContext, userId: string): string {
    return `login-user:${projectInstanceId(tenant.project)}:${userId}`;
  }

  private async recordAttempt(
    tenant: TenantContext,
    action: 'login' | 'login_failed',
    user: string | null,
    meta: SessionMeta,
  ): Promise<void> {
    await writeActivity(await tenant.pool(), {
      action,
      user,
      ip: meta.ip,
      userAgent: meta.userAgent,
      origin: meta.origin,
      collection: 'directus_users',
      // Unknown users leave no trace of the email they tried.
      item: user ?? '',
    });
  }

  private async stall(started: number): Promise<void> {
    const remaining = this.config.auth.loginStallMs - (Date.now() - started);
    if (remaining > 0) await sleep(remaining);
  }
}
