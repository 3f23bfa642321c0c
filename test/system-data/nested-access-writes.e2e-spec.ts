import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectCaller, refusal, sortedIds, userWithRules, UUID, type ProjectCaller } from './caller-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

interface AccessRow {
  id: string;
  role: string | null;
  user: string | null;
  policy: string;
  sort: number | null;
}

const ROLE_ICON = 'supervised_user_circle';
const byPolicy = (a: { policy: string }, b: { policy: string }) => a.policy.localeCompare(b.policy);

/**
 * Nested writes through the access model's relations, as the Directus Studio sends them: a role's `policies`
 * (o2m onto `directus_access`, each row an m2o to `directus_policies`) and a policy's `permissions` (o2m onto
 * `directus_permissions`). Both relations delete the rows a write deselects (`one_deselect_action: delete`).
 * Everything a request writes commits together or not at all, and each nested item is audited on its own.
 */
describe('nested access writes on roles and policies', () => {
  let t: TestApp;
  let admin: ProjectCaller;

  const newPolicy = async (name: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (await admin.ok('POST', '/policies', { name, ...extra })).body.data.id;
  const accessOf = async (role: string): Promise<AccessRow[]> =>
    (await admin.ok('GET', `/access?filter[role][_eq]=${role}&fields=id,role,user,policy,sort&limit=-1`)).body
      .data;
  const lastActivity = async (): Promise<number> =>
    (await admin.ok('GET', '/activity?sort=-id&limit=1&fields=id')).body.data[0]?.id ?? 0;
  const counts = async () =>
    (
      await tenantRows(
        t,
        'nest',
        `SELECT (SELECT count(*)::int FROM directus_roles) AS roles,
                (SELECT count(*)::int FROM directus_policies) AS policies,
                (SELECT count(*)::int FROM directus_access) AS access,
                (SELECT count(*)::int FROM directus_permissions) AS permissions`,
      )
    )[0];
  /** A role read back, its `policies` sorted (two access rows without a sort value have no order). */
  const roleRead = async (id: string) => {
    const body = (await admin.ok('GET', `/roles/${id}`)).body;
    return { ...body, data: { ...body.data, policies: [...body.data.policies].sort() } };
  };

  before(async () => {
    t = await TestApp.start();
    admin = projectCaller(t, 'nest', await projectWithAdmin(t, 'nest'));
  });
  after(async () => {
    await t?.close();
  });

  describe('roles with nested policies', () => {
    it('POST /roles creates the role, a new policy and two access rows in one request', async () => {
      const existing = await newPolicy('Readers');
      const since = await lastActivity();
      const res = await admin.call('POST', '/roles', {
        name: 'Editors',
        policies: [
          { policy: { name: 'Editing', admin_access: false, app_access: true } },
          { policy: existing },
        ],
      });
      assert.equal(res.status, 200, res.text);
      const role = res.body.data.id as string;
      assert.match(role, UUID);

      const rows = await accessOf(role);
      assert.equal(rows.length, 2, JSON.stringify(rows));
      const created = rows.find((row) => row.policy !== existing)?.policy as string;
      assert.match(created, UUID);
      assert.deepEqual(
        rows.map((row) => ({ ...row, id: typeof row.id })).sort(byPolicy),
        [
          { id: 'string', role, user: null, policy: existing, sort: null },
          { id: 'string', role, user: null, policy: created, sort: null },
        ].sort(byPolicy),
      );
      const expected = {
        data: {
          id: role,
          name: 'Editors',
          icon: ROLE_ICON,
          description: null,
          parent: null,
          users: [],
          policies: sortedIds(rows),
          children: [],
        },
      };
      assert.deepEqual(
        { ...res.body, data: { ...res.body.data, policies: sortedIds(res.body.data.policies) } },
        expected,
      );
      assert.deepEqual(await roleRead(role), expected);

      const createdAccess = rows.find((row) => row.policy === created)!.id;
      assert.deepEqual((await admin.ok('GET', `/policies/${created}`)).body, {
        data: {
          id: created,
          name: 'Editing',
          icon: 'badge',
          description: null,
          ip_access: null,
          enforce_tfa: false,
          admin_access: false,
          app_access: true,
          permissions: [],
          roles: [createdAccess],
          users: [createdAccess],
        },
      });
      const nested = (await admin.ok('GET', `/roles/${role}?fields=*,policies.policy.*`)).body;
      const policyRead = async (id: string) => (await admin.ok('GET', `/policies/${id}`)).body.data;
      assert.deepEqual(
        {
          ...nested,
          data: {
            ...nested.data,
            policies: [...nested.data.policies].sort((a, b) => a.policy.name.localeCompare(b.policy.name)),
          },
        },
        {
          data: {
            ...expected.data,
            policies: [{ policy: await policyRead(created) }, { policy: await policyRead(existing) }],
          },
        },
      );

      // Every item the request wrote has its own `create` in the activity trail.
      const trail = await admin.ok(
        'GET',
        `/activity?filter[id][_gt]=${since}&fields=action,collection,item&sort=id&limit=-1`,
      );
      assert.deepEqual(
        trail.body.data
          .map((row: Record<string, string>) => `${row.action} ${row.collection} ${row.item}`)
          .sort(),
        [
          `create directus_access ${rows[0].id}`,
          `create directus_access ${rows[1].id}`,
          `create directus_policies ${created}`,
          `create directus_roles ${role}`,
        ].sort(),
      );
    });

    it('a bad nested item refuses the whole request: no role, no policy, no access row', async () => {
      const existing = await newPolicy('Kept apart');
      const before = await counts();
      const res = await admin.call('POST', '/roles', {
        name: 'Half made',
        policies: [{ policy: existing }, { policy: { app_access: true } }],
      });
      assert.deepEqual(refusal(res), { status: 400, code: 'FAILED_VALIDATION' }, res.text);
      const { field, type } = res.body.errors[0].extensions;
      assert.deepEqual({ field, type }, { field: 'name', type: 'required' });
      assert.deepEqual(await counts(), before);
      assert.deepEqual((await admin.ok('GET', '/roles?filter[name][_eq]=Half made')).body, { data: [] });
      assert.deepEqual((await admin.ok('GET', `/access?filter[policy][_eq]=${existing}`)).body, { data: [] });

      // The same on update: the role's own change is rolled back with the nested failure.
      const role = (await admin.ok('POST', '/roles', { name: 'Steady' })).body.data.id;
      const settled = await counts();
      const update = await admin.call('PATCH', `/roles/${role}`, {
        name: 'Moved',
        policies: { create: [{ policy: existing }, { policy: { icon: 'nameless' } }] },
      });
      assert.deepEqual(refusal(update), { status: 400, code: 'FAILED_VALIDATION' }, update.text);
      assert.deepEqual(await counts(), settled);
      assert.equal((await roleRead(role)).data.name, 'Steady');
    });

    it('PATCH /roles/:id {policies: {create, update, delete}} applies all three in one request', async () => {
      const first = await newPolicy('First');
      const second = await newPolicy('Second');
      const role = (await admin.ok('POST', '/roles', { name: 'Support' })).body.data.id;
      const kept = (await admin.ok('POST', '/access', { role, policy: first })).body.data.id;
      const dropped = (await admin.ok('POST', '/access', { role, policy: second })).body.data.id;

      const res = await admin.call('PATCH', `/roles/${role}`, {
        policies: {
          create: [{ policy: { name: 'Third' } }],
          update: [{ id: kept, policy: { id: first, name: 'First, renamed' } }],
          delete: [dropped],
        },
      });
      assert.equal(res.status, 200, res.text);
      const rows = await accessOf(role);
      assert.equal(rows.length, 2, JSON.stringify(rows));
      const added = rows.find((row) => row.id !== kept)!;
      assert.deepEqual(rows.find((row) => row.id === kept)?.policy, first);
      assert.deepEqual(
        { ...res.body, data: { ...res.body.data, policies: sortedIds(res.body.data.policies) } },
        {
          data: {
            id: role,
            name: 'Support',
            icon: ROLE_ICON,
            description: null,
            parent: null,
            users: [],
            policies: sortedIds([kept, added.id]),
            children: [],
          },
        },
      );
      const nested = (await admin.ok('GET', `/roles/${role}?fields=policies.id,policies.policy.name`)).body
        .data;
      assert.deepEqual(
        [...nested.policies].sort((a, b) => a.policy.name.localeCompare(b.policy.name)),
        [
          { id: kept, policy: { name: 'First, renamed' } },
          { id: added.id, policy: { name: 'Third' } },
        ],
      );
      // The deselected access row is deleted; the policy it pointed at stays.
      assert.equal((await admin.call('GET', `/access/${dropped}`)).status, 403);
      assert.deepEqual((await admin.ok('GET', `/policies/${second}?fields=name,roles`)).body, {
        data: { name: 'Second', roles: [] },
      });
    });

    it('PATCH /roles/:id with a policies array replaces the set: rows not listed are deleted', async () => {
      const [a, b, c] = [await newPolicy('Set a'), await newPolicy('Set b'), await newPolicy('Set c')];
      const role = (await admin.ok('POST', '/roles', { name: 'Replaced' })).body.data.id;
      const keep = (await admin.ok('POST', '/access', { role, policy: a })).body.data.id;
      const gone = (await admin.ok('POST', '/access', { role, policy: b })).body.data.id;
      const res = await admin.call('PATCH', `/roles/${role}?fields=id,policies.policy`, {
        policies: [keep, { policy: c }],
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data.id, role);
      assert.deepEqual(
        res.body.data.policies.map((row: { policy: string }) => row.policy).sort(),
        [a, c].sort(),
      );
      const rows = await accessOf(role);
      assert.deepEqual(rows.map((row) => row.policy).sort(), [a, c].sort());
      assert.ok(
        rows.some((row) => row.id === keep),
        'the listed row is the same row',
      );
      assert.equal((await admin.call('GET', `/access/${gone}`)).status, 403);
      assert.equal((await admin.call('GET', `/policies/${b}`)).status, 200);
    });
  });

  describe('policies with nested permissions', () => {
    const rulesOf = async (policy: string) =>
      (await admin.ok('GET', `/permissions?filter[policy][_eq]=${policy}&sort=id&limit=-1`)).body.data;
    const rule = async (policy: string, body: Record<string, unknown>): Promise<number> =>
      (await admin.ok('POST', '/permissions', { policy, ...body })).body.data.id;

    it('PATCH /policies/:id {permissions: {create, update, delete}} applies all three in one request', async () => {
      const policy = await newPolicy('Folder keepers');
      const readRule = await rule(policy, { collection: 'directus_folders', action: 'read', fields: ['id'] });
      const createRule = await rule(policy, {
        collection: 'directus_folders',
        action: 'create',
        fields: ['name'],
      });
      const token = 'keeper-static-token-0123456789';
      const member = (await admin.ok('POST', '/users', { email: 'keeper@nest.test', token })).body.data.id;
      await admin.ok('POST', '/access', { user: member, policy });
      const asMember = projectCaller(t, 'nest', token);
      assert.equal((await asMember.call('GET', '/users?fields=id')).status, 403);
      const before = (await admin.ok('GET', `/policies/${policy}`)).body.data;

      const res = await admin.call('PATCH', `/policies/${policy}`, {
        permissions: {
          create: [{ collection: 'directus_users', action: 'read', fields: ['*'] }],
          update: [{ id: readRule, fields: ['id', 'name'] }],
          delete: [createRule],
        },
      });
      assert.equal(res.status, 200, res.text);
      const rules = await rulesOf(policy);
      assert.equal(rules.length, 2, JSON.stringify(rules));
      const added = rules[1].id as number;
      assert.ok(added > createRule);
      assert.deepEqual(res.body, { data: { ...before, permissions: [readRule, added] } });
      assert.deepEqual(rules, [
        {
          id: readRule,
          collection: 'directus_folders',
          action: 'read',
          permissions: null,
          validation: null,
          presets: null,
          fields: ['id', 'name'],
          policy,
        },
        {
          id: added,
          collection: 'directus_users',
          action: 'read',
          permissions: null,
          validation: null,
          presets: null,
          fields: ['*'],
          policy,
        },
      ]);
      assert.deepEqual((await admin.ok('GET', `/policies/${policy}?fields=*,permissions.*`)).body, {
        data: { ...before, permissions: rules },
      });
      assert.equal((await admin.call('GET', `/permissions/${createRule}`)).status, 403);
      // The new rule applies to the policy's user at once.
      const users = await asMember.call('GET', `/users?fields=id&filter[id][_eq]=${member}`);
      assert.equal(users.status, 200, users.text);
      assert.deepEqual(users.body, { data: [{ id: member }] });
    });

    it('PATCH /policies/:id with a permissions array: listed rows kept or updated, new ones created, the rest deleted', async () => {
      const policy = await newPolicy('Replaced rules');
      const kept = await rule(policy, { collection: 'directus_folders', action: 'read', fields: ['id'] });
      const widened = await rule(policy, {
        collection: 'directus_folders',
        action: 'create',
        fields: ['name'],
      });
      const gone = await rule(policy, { collection: 'directus_folders', action: 'delete', fields: ['*'] });
      const res = await admin.call('PATCH', `/policies/${policy}?fields=id,permissions`, {
        permissions: [
          kept,
          { id: widened, fields: ['*'] },
          { collection: 'directus_presets', action: 'read', fields: ['id'] },
        ],
      });
      assert.equal(res.status, 200, res.text);
      const rules = await rulesOf(policy);
      assert.deepEqual(
        rules.map(({ id, collection, action, fields }: Record<string, unknown>) => ({
          id,
          collection,
          action,
          fields,
        })),
        [
          { id: kept, collection: 'directus_folders', action: 'read', fields: ['id'] },
          { id: widened, collection: 'directus_folders', action: 'create', fields: ['*'] },
          { id: rules[2]?.id, collection: 'directus_presets', action: 'read', fields: ['id'] },
        ],
      );
      assert.deepEqual(res.body, {
        data: { id: policy, permissions: rules.map((row: { id: number }) => row.id) },
      });
      assert.equal((await admin.call('GET', `/permissions/${gone}`)).status, 403);
    });

    it('a caller who may update policies but not permissions is refused (403), nothing written', async () => {
      const target = await newPolicy('Guarded');
      const existing = await rule(target, { collection: 'directus_folders', action: 'read', fields: ['id'] });
      const editor = await userWithRules(t, 'nest', admin, 'editor@nest.test', [
        { collection: 'directus_policies', action: 'read', fields: ['*'] },
        { collection: 'directus_policies', action: 'update', fields: ['*'] },
      ]);
      // Their update rule works for the policy's own fields.
      const allowed = await editor.caller.call('PATCH', `/policies/${target}?fields=id,description`, {
        description: 'Checked',
      });
      assert.equal(allowed.status, 200, allowed.text);
      assert.deepEqual(allowed.body, { data: { id: target, description: 'Checked' } });
      const before = await counts();

      for (const permissions of [
        { create: [{ collection: 'directus_users', action: 'read', fields: ['*'] }] },
        { update: [{ id: existing, fields: ['*'] }] },
        { delete: [existing] },
        [],
        [{ collection: 'directus_users', action: 'read', fields: ['*'] }],
      ]) {
        const res = await editor.caller.call('PATCH', `/policies/${target}`, {
          name: 'Escalated',
          permissions,
        });
        assert.deepEqual(
          refusal(res),
          { status: 403, code: 'FORBIDDEN' },
          `${JSON.stringify(permissions)}: ${res.text}`,
        );
      }
      assert.deepEqual(await counts(), before);
      assert.deepEqual(
        (await admin.ok('GET', `/policies/${target}?fields=name,description,permissions.*`)).body,
        {
          data: {
            name: 'Guarded',
            description: 'Checked',
            permissions: [
              {
                id: existing,
                collection: 'directus_folders',
                action: 'read',
                permissions: null,
                validation: null,
                presets: null,
                fields: ['id'],
                policy: target,
              },
            ],
          },
        },
      );
    });
  });
});
