import { Injectable } from '@nestjs/common';
import { AuthInvalidation, policyFlags, type Accountability } from '@atrium/auth';
import { collectDynamicVariables, loadDynamicVariables } from '@atrium/query';
import type { SchemaOverview } from '@atrium/schema';
import { LoadingCache } from '@atrium/core';
import { ProjectInstanceCache, type TenantContext } from '@atrium/tenancy';
import { effectivePermissions } from './effective-permissions';
import { loadPolicyGrants, type LoadedGrants } from './load-policy-grants';
import type { EffectivePermissions } from './permission-types';
import { RequestPermissions } from './request-permissions';

/** Subjects cached per project before the least recently used one is dropped. */
const MAX_SUBJECTS_PER_PROJECT = 1000;

interface GrantsRequest {
  tenant: TenantContext;
  subject: { user: string | null; role: string | null };
}

/** One project's loaded grants by (schema version, user, role). */
type ProjectGrants = LoadingCache<string, LoadedGrants, GrantsRequest>;

const ADMIN: EffectivePermissions = { admin: true, app: true, policies: [], roles: [], rules: [] };

/**
 * Who may do what in a project (Directus v11 access model). The policies and permission rows of a user or
 * role are loaded once and cached per (project, schema version, user, role); any change to users, roles,
 * policies, access or permission rows drops the project's entries on every instance (the auth bus), and a
 * schema change gives a new version. `ip_access` is applied per request, on the cached policies.
 */
@Injectable()
export class PermissionsService {
  /**
   * Per provisioning of a project, so a project deleted and created again under its key inherits nothing.
   * An invalidation drops the project's whole cache: a load it overtook answers the requests already
   * waiting for it and nobody else.
   */
  private readonly projects = new ProjectInstanceCache<ProjectGrants>();
  /**
   * Permissions that depend on nothing but the cached grants (no `ip_access`, no `$CURRENT_USER.<path>`)
   * are built once and shared by every request of that subject: the memoised `Access` comes with them.
   */
  private readonly shared = new WeakMap<LoadedGrants, RequestPermissions>();

  constructor(invalidation: AuthInvalidation) {
    invalidation.onProjectChanged((projectKey) => this.forget(projectKey));
  }

  async forRequest(
    tenant: TenantContext,
    accountability: Accountability,
    overview: SchemaOverview,
  ): Promise<RequestPermissions> {
    const subject = { user: accountability.user, role: accountability.role };
    if (accountability.admin) return new RequestPermissions(overview, ADMIN, subject, {});
    const loaded = await this.grants(tenant, overview.version, subject);
    const reusable = this.shared.get(loaded);
    if (reusable?.overview === overview) return reusable;
    const effective = effectivePermissions(loaded.grants, loaded.roles, accountability.ip);
    if (effective.admin) return new RequestPermissions(overview, effective, subject, {});
    const names = collectDynamicVariables(
      effective.rules.flatMap((rule) => [rule.permissions, rule.validation, rule.presets]),
    );
    if (names.length === 0) {
      const shareable = loaded.grants.every((grant) => !grant.ip_access);
      const permissions = new RequestPermissions(overview, effective, subject, {}, shareable);
      if (shareable) this.shared.set(loaded, permissions);
      return permissions;
    }
    // Dynamic values are read per request: the user's row may change without any permission changing.
    const variables = await loadDynamicVariables(
      await tenant.pool(),
      overview,
      { userId: subject.user, roleId: subject.role },
      names,
    );
    return new RequestPermissions(overview, effective, subject, variables);
  }

  /** The access flags and role chain the caller's policies give for a request from `accountability.ip`. */
  async flags(
    tenant: TenantContext,
    accountability: Accountability,
    version: number,
  ): Promise<{ admin: boolean; app: boolean; enforceTfa: boolean; roles: string[] }> {
    const loaded = await this.grants(tenant, version, {
      user: accountability.user,
      role: accountability.role,
    });
    const flags = policyFlags(loaded.grants, accountability.ip);
    return {
      admin: flags.admin_access,
      app: flags.app_access,
      enforceTfa: flags.enforce_tfa,
      roles: loaded.roles,
    };
  }

  /** Drops a project's cached grants (after a change to its users, roles, policies or permissions). */
  forget(projectKey: string): void {
    this.projects.delete(projectKey);
  }

  private grants(
    tenant: TenantContext,
    version: number,
    subject: { user: string | null; role: string | null },
  ): Promise<LoadedGrants> {
    const grants = this.projects.getOrCreate(
      tenant.project,
      () =>
        new LoadingCache<string, LoadedGrants, GrantsRequest>({
          max: MAX_SUBJECTS_PER_PROJECT,
          load: async (_key, request) => loadPolicyGrants(await request.tenant.pool(), request.subject),
        }),
    );
    return grants.get(`${version}:${subject.user ?? ''}:${subject.role ?? ''}`, { tenant, subject });
  }
}
