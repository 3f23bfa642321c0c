import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Accountability, AuthInvalidation } from '@atrium/auth';
import type { SchemaOverview } from '@atrium/schema';
import type { TenantContext } from '@atrium/tenancy';
import { PermissionsService } from './permissions.service';

/** A tenant whose database answers the grants statement from `grants()`, counting the loads. */
function fakeProject(grants: () => unknown[]) {
  const state = { loads: 0, release: null as (() => void) | null, hold: false };
  const pool = {
    query: async () => {
      state.loads++;
      if (state.hold) await new Promise<void>((resolve) => (state.release = resolve));
      return { rows: [{ roles: ['r1'], grants: grants() }] };
    },
  };
  const tenant = {
    key: 'acme',
    project: { key: 'acme', dbServer: 'main', dbName: 'acme', createdAt: new Date(0) },
    pool: async () => pool,
  } as unknown as TenantContext;
  return { tenant, state };
}

function bus() {
  const handlers: Array<(key: string) => void> = [];
  const invalidation = {
    onProjectChanged: (handler: (key: string) => void) => handlers.push(handler),
  } as unknown as AuthInvalidation;
  return { invalidation, changed: (key: string) => handlers.forEach((handler) => handler(key)) };
}

const overview = { version: 1, collections: {}, relations: [] } as unknown as SchemaOverview;
const caller = (ip: string | null = '127.0.0.1') =>
  ({ user: 'u1', role: 'r1', admin: false, ip }) as unknown as Accountability;
const policy = (rules: unknown[], ipAccess: string | null = null) => ({
  id: 'p1',
  admin_access: false,
  app_access: false,
  enforce_tfa: false,
  ip_access: ipAccess,
  rules,
});
const readArticles = { collection: 'articles', action: 'read', fields: '*', permissions: null, policy: 'p1' };

describe('PermissionsService', () => {
  it('loads a subject once, and again after its project changed', async () => {
    let rules: unknown[] = [readArticles];
    const { tenant, state } = fakeProject(() => [policy(rules)]);
    const { invalidation, changed } = bus();
    const service = new PermissionsService(invalidation);
    assert.ok((await service.forRequest(tenant, caller(), overview)).allows('articles', 'read'));
    await service.forRequest(tenant, caller(), overview);
    assert.equal(state.loads, 1);
    rules = [];
    changed('other-project');
    assert.ok((await service.forRequest(tenant, caller(), overview)).allows('articles', 'read'));
    changed('acme');
    assert.ok(!(await service.forRequest(tenant, caller(), overview)).allows('articles', 'read'));
    assert.equal(state.loads, 2);
  });

  it('does not keep a load that an invalidation overtook', async () => {
    let rules: unknown[] = [readArticles];
    const { tenant, state } = fakeProject(() => [policy(rules)]);
    const { invalidation, changed } = bus();
    const service = new PermissionsService(invalidation);
    state.hold = true;
    const stale = service.forRequest(tenant, caller(), overview);
    await new Promise((resolve) => setImmediate(resolve));
    changed('acme');
    rules = [];
    state.release?.();
    await stale;
    state.hold = false;
    assert.ok(!(await service.forRequest(tenant, caller(), overview)).allows('articles', 'read'));
  });

  it('applies ip_access per request, on the cached policies', async () => {
    const { tenant, state } = fakeProject(() => [policy([readArticles], '10.0.0.0/8')]);
    const service = new PermissionsService(bus().invalidation);
    assert.ok((await service.forRequest(tenant, caller('10.1.2.3'), overview)).allows('articles', 'read'));
    assert.ok(!(await service.forRequest(tenant, caller('127.0.0.1'), overview)).allows('articles', 'read'));
    assert.equal(state.loads, 1);
  });

  it('keys the cache by schema version', async () => {
    const { tenant, state } = fakeProject(() => [policy([readArticles])]);
    const service = new PermissionsService(bus().invalidation);
    await service.forRequest(tenant, caller(), overview);
    await service.forRequest(tenant, caller(), { ...overview, version: 2 } as SchemaOverview);
    assert.equal(state.loads, 2);
  });
});
