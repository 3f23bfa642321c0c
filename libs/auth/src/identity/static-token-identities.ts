import { Injectable } from '@nestjs/common';
import { invalidCredentials, LoadingCache } from '@atrium/core';
import { ProjectInstanceCache, type TenantContext } from '@atrium/tenancy';
import type { FastifyRequest } from 'fastify';
import type { Accountability } from '../accountability';
import { AuthInvalidation } from '../auth-invalidation';
import { resolvePolicyGlobals } from '../policy-globals';
import { userAccountability } from './identity';

interface Identity {
  id: string;
  role: string | null;
  roles: string[];
  admin: boolean;
  app: boolean;
}

const TTL_MS = 10_000;
const MAX_TOKENS_PER_PROJECT = 1_000;

/** A lookup's answer, boxed so that an unknown token is cached too. */
interface Lookup {
  identity: Identity | null;
}

/** One project's tokens (by hash). */
type ProjectTokens = LoadingCache<string, Lookup, TenantContext>;

/**
 * Static tokens (`directus_users.token`, stored hashed) → the user behind them, with their policy flags.
 * Cached briefly per provisioning of a project (its instance id), so a token of a deleted project never
 * authenticates on one re-created under its key; any change to users, roles, policies or access, and the
 * project's deletion, drop the project's cache on every instance.
 */
@Injectable()
export class StaticTokenIdentities {
  private readonly cache = new ProjectInstanceCache<ProjectTokens>();

  constructor(invalidation: AuthInvalidation) {
    invalidation.onProjectChanged((key) => this.cache.delete(key));
  }

  /** The accountability behind a static token, given as its `hashToken()` (the guard hashes it once). */
  async resolveHashed(tenant: TenantContext, hash: string, request: FastifyRequest): Promise<Accountability> {
    const identity = await this.lookup(tenant, hash);
    if (!identity) throw invalidCredentials();
    return userAccountability(request, identity);
  }

  private async lookup(tenant: TenantContext, hash: string): Promise<Identity | null> {
    const tokens = this.cache.getOrCreate(
      tenant.project,
      () =>
        new LoadingCache<string, Lookup, TenantContext>({
          max: MAX_TOKENS_PER_PROJECT,
          ttlMs: TTL_MS,
          load: async (key, context) => ({ identity: await this.load(context, key) }),
        }),
    );
    return (await tokens.get(hash, tenant)).identity;
  }

  private async load(tenant: TenantContext, hash: string): Promise<Identity | null> {
    const pool = await tenant.pool();
    const { rows } = await pool.query<{ id: string; role: string | null }>(
      `SELECT id, role FROM directus_users WHERE token = $1 AND status = 'active'`,
      [hash],
    );
    if (!rows[0]) return null;
    // Cached per token, so no address here: the policy-flags guard recomputes the flags per request.
    const globals = await resolvePolicyGlobals(pool, rows[0], null);
    return { ...rows[0], roles: globals.roles, admin: globals.admin_access, app: globals.app_access };
  }
}
