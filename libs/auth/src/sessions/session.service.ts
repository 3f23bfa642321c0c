import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AtriumException, invalidCredentials } from '@atrium/core';
import { inTransaction, type TenantContext } from '@atrium/tenancy';
import { createHmac } from 'node:crypto';
import type { ClientBase } from 'pg';
import { ProjectSecrets } from '../project-secrets';
import { generateToken, hashToken } from '../token-hash';

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
}

export interface IssuedSession {
  /** The opaque refresh token the client keeps (never stored). */
  token: string;
  /** What `directus_sessions.token` stores, and what session-mode access tokens carry. */
  hash: string;
  user: string;
  expires: Date;
}

interface SessionRow {
  token: string;
  user: string | null;
  expires: Date;
  next_token: string | null;
}

/**
 * Refresh sessions in `directus_sessions`, stored by hash. Rotation: refreshing replaces the session with
 * a new one and leaves the old row alive for a short grace period, so parallel refreshes succeed. The next
 * token is derived from the presented one with the project's secret, so every parallel refresh gets the
 * same one; presenting a rotated token after the grace period is replay, and revokes the whole chain.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: ProjectSecrets,
  ) {}

  async create(tenant: TenantContext, user: string, meta: SessionMeta): Promise<IssuedSession> {
    const token = generateToken();
    const pool = await tenant.pool();
    const expires = new Date(Date.now() + this.config.auth.refreshTokenTtlMs);
    await pool.query(
      `INSERT INTO directus_sessions (token, "user", expires, ip, user_agent, origin) VALUES ($1, $2, $3, $4, $5, $6)`,
      [hashToken(token), user, expires, meta.ip, meta.userAgent, meta.origin],
    );
    return { token, hash: hashToken(token), user, expires };
  }

  /** Rotates the session whose hash is `presented`; INVALID_CREDENTIALS when it is unknown, expired or replayed. */
  async rotate(tenant: TenantContext, presented: string, meta: SessionMeta): Promise<IssuedSession> {
    // Parallel refreshes of one session queue on the row lock: the first rotates, the others see its result.
    // A replay's revocation must commit, so the error is thrown after the transaction.
    const result = await inTransaction(await tenant.pool(), async (client) => {
      const { rows } = await client.query<SessionRow>(
        'SELECT token, "user", expires, next_token FROM directus_sessions WHERE token = $1 FOR UPDATE',
        [presented],
      );
      return rows[0] ? this.rotateRow(client, tenant, rows[0], meta) : null;
    });
    if (!result) throw invalidCredentials();
    return result;
  }

  private async rotateRow(
    client: ClientBase,
    tenant: TenantContext,
    row: SessionRow,
    meta: SessionMeta,
  ): Promise<IssuedSession | null> {
    const now = Date.now();
    const next = this.nextToken(tenant, row.token);
    const nextHash = hashToken(next);
    if (row.next_token !== null) {
      if (row.expires.getTime() > now && row.next_token === nextHash && row.user) {
        const current = await client.query<{ expires: Date }>(
          'SELECT expires FROM directus_sessions WHERE token = $1',
          [nextHash],
        );
        if (current.rows[0])
          return { token: next, hash: nextHash, user: row.user, expires: current.rows[0].expires };
      }
      // A rotated token after its grace period: someone replays it. Revoke the chain it belongs to.
      await this.deleteChain(client, row.token);
      return null;
    }
    if (row.expires.getTime() <= now || !row.user) {
      await client.query('DELETE FROM directus_sessions WHERE token = $1', [row.token]);
      return null;
    }
    const expires = new Date(now + this.config.auth.refreshTokenTtlMs);
    await client.query(
      `INSERT INTO directus_sessions (token, "user", expires, ip, user_agent, origin) VALUES ($1, $2, $3, $4, $5, $6)`,
      [nextHash, row.user, expires, meta.ip, meta.userAgent, meta.origin],
    );
    await client.query('UPDATE directus_sessions SET next_token = $2, expires = $3 WHERE token = $1', [
      row.token,
      nextHash,
      new Date(now + this.config.auth.refreshGracePeriodMs),
    ]);
    return { token: next, hash: nextHash, user: row.user, expires };
  }

  /** Ends a session (logout): the row and everything it was rotated into. */
  async revoke(tenant: TenantContext, hash: string): Promise<void> {
    const pool = await tenant.pool();
    const client = await pool.connect();
    try {
      await this.deleteChain(client, hash);
    } finally {
      client.release();
    }
  }

  /** Whether a session-mode token's session still exists (logout really logs out). */
  async isActive(tenant: TenantContext, hash: string, user: string): Promise<boolean> {
    const pool = await tenant.pool();
    const { rowCount } = await pool.query(
      'SELECT 1 FROM directus_sessions WHERE token = $1 AND "user" = $2 AND expires > now()',
      [hash, user],
    );
    return (rowCount ?? 0) > 0;
  }

  private async deleteChain(client: ClientBase, hash: string): Promise<void> {
    await client.query(
      `WITH RECURSIVE chain(token, depth) AS (
         SELECT token, 0 FROM directus_sessions WHERE token = $1
         UNION ALL
         SELECT s.next_token, c.depth + 1 FROM directus_sessions s JOIN chain c ON s.token = c.token
         WHERE s.next_token IS NOT NULL AND c.depth < 1000
       )
       DELETE FROM directus_sessions WHERE token IN (SELECT token FROM chain)`,
      [hash],
    );
  }

  private nextToken(tenant: TenantContext, presentedHash: string): string {
    return createHmac('sha256', this.secrets.jwtSecret(tenant.project))
      .update(`refresh:${presentedHash}`)
      .digest('base64url');
  }
}

/** The error Directus gives a refresh by a suspended user. */
export const userSuspended = (): AtriumException => new AtriumException('USER_SUSPENDED', 'User suspended.');
