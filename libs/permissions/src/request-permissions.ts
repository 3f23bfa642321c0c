import type { Access, QueryContext } from '@atrium/query';
import type { SchemaOverview } from '@atrium/schema';
import { accessFor } from './collection-access';
import type { EffectivePermissions, PermissionAction, PermissionRule } from './permission-types';

/**
 * One request's permissions inside one project: the admin bypass, or the rules of the policies in force,
 * turned into the compiler's `Access` per action (memoised: a request usually asks for one or two).
 */
export class RequestPermissions {
  private readonly accesses = new Map<PermissionAction, Access>();

  constructor(
    readonly overview: SchemaOverview,
    readonly effective: EffectivePermissions,
    readonly subject: { user: string | null; role: string | null },
    /** `$CURRENT_USER.<path>` / `$CURRENT_ROLE.<path>` values this request's rules need, prefetched. */
    readonly variables: Readonly<Record<string, unknown>>,
    /**
     * The same object serves every request of its subject until the grants or the schema change (no
     * `ip_access`, no per-request values): what is derived from its `Access` may be kept beside it.
     */
    readonly shared = false,
  ) {}

  get admin(): boolean {
    return this.effective.admin;
  }

  access(action: PermissionAction): Access {
    if (this.admin) return 'admin';
    let access = this.accesses.get(action);
    if (!access) {
      access = accessFor(this.effective.rules, action, (collection) =>
        Object.keys(this.overview.collections[collection]?.fields ?? {}),
      );
      this.accesses.set(action, access);
    }
    return access;
  }

  /** The rules for one collection and action (empty: not allowed at all). Admins get no rules: check `admin`. */
  rules(collection: string, action: PermissionAction): PermissionRule[] {
    return this.effective.rules.filter((rule) => rule.collection === collection && rule.action === action);
  }

  allows(collection: string, action: PermissionAction): boolean {
    return this.admin || this.effective.rules.some((r) => r.collection === collection && r.action === action);
  }

  /** The values dynamic variables take in this request's filters. */
  queryContext(now: Date = new Date(), extra: Readonly<Record<string, unknown>> = {}): QueryContext {
    return {
      userId: this.subject.user,
      roleId: this.subject.role,
      now,
      roles: this.effective.roles,
      policies: this.effective.policies,
      variables: { ...this.variables, ...extra },
    };
  }
}
