import assert from 'node:assert/strict';
import {
  assertNoContent,
  createNotes,
  describeSdk,
  PASSWORD,
  rejectsWith,
  unique,
  UUID,
  type SdkCase,
  type SdkContext,
} from './sdk-harness';

/**
 * Users, roles, policies and permissions through the official SDK (the v11 access model: a role or a user
 * gets policies through `directus_access` rows; the SDK has no command for `/access`, so set-up uses the API
 * directly for those rows), plus the "what may I do" reads: readMe, readRolesMe, readPolicyGlobals,
 * readUserPermissions and readItemPermissions, as the admin and as a user limited by one policy.
 */

const MASK = '**********';

async function seed(ctx: SdkContext): Promise<void> {
  await createNotes(ctx, [
    { field: 'status', type: 'string', schema: {} },
    { field: 'views', type: 'integer', schema: {} },
  ]);
  await ctx.ok('POST', '/items/notes', [
    { title: 'open', status: 'public', views: 1 },
    { title: 'hidden', status: 'private', views: 2 },
  ]);
}

async function createRole(ctx: SdkContext, name = unique('role')): Promise<string> {
  return (await ctx.ok('POST', '/roles', { name })).body.data.id;
}

async function createPolicy(ctx: SdkContext, extra: Record<string, unknown> = {}): Promise<string> {
  return (await ctx.ok('POST', '/policies', { name: unique('policy'), ...extra })).body.data.id;
}

async function createUser(
  ctx: SdkContext,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; email: string }> {
  const email = `${unique('user')}@${ctx.key}.test`;
  const created = await ctx.ok('POST', '/users', { email, password: PASSWORD, ...extra });
  return { id: created.body.data.id, email };
}

/**
 * A reader: a role whose policy may read `notes` (`id`, `title` of public rows) and update the public ones,
 * and a user of that role with a static token.
 */
async function reader(
  ctx: SdkContext,
): Promise<{ role: string; policy: string; user: string; token: string }> {
  const role = await createRole(ctx);
  const policy = await createPolicy(ctx, { app_access: false, admin_access: false });
  await ctx.ok('POST', '/access', { role, policy });
  await ctx.ok('POST', '/permissions', {
    policy,
    collection: 'notes',
    action: 'read',
    fields: ['id', 'title'],
    permissions: { status: { _eq: 'public' } },
  });
  await ctx.ok('POST', '/permissions', {
    policy,
    collection: 'notes',
    action: 'update',
    fields: ['title'],
    permissions: { status: { _eq: 'public' } },
  });
  const token = unique('reader-token');
  const { id: user } = await createUser(ctx, { role, token });
  return { role, policy, user, token };
}

const sortedIds = (rows: Array<{ id?: unknown }>) => rows.map((row) => String(row.id)).sort();

const cases: SdkCase[] = [
  // ------------------------------------------------------------------------------------------------ users
  {
    name: 'readMe: the caller, with fields; secrets masked',
    async run({ client, sdk, adminEmail, adminId }) {
      const me = await client.request(
        sdk.readMe({ fields: ['id', 'email', 'password', 'token', 'status', 'role'] }),
      );
      assert.equal(me.id, adminId);
      assert.equal(me.email, adminEmail);
      assert.equal(me.password, MASK);
      assert.equal(me.token, MASK);
      assert.equal(me.status, 'active');
      assert.match(String(me.role), UUID);
    },
  },
  {
    name: 'readMe without a token: 401 INVALID_CREDENTIALS',
    async run(ctx) {
      const anonymous = ctx.anonymous();
      await rejectsWith(anonymous.request(ctx.sdk.readMe()), 401, 'INVALID_CREDENTIALS');
    },
  },
  {
    name: 'updateMe: own profile fields',
    async run({ client, sdk, adminId }) {
      const updated = await client.request(
        sdk.updateMe(
          { first_name: 'Ada', last_name: 'Lovelace' },
          { fields: ['id', 'first_name', 'last_name'] },
        ),
      );
      assert.deepEqual(updated, { id: adminId, first_name: 'Ada', last_name: 'Lovelace' });
    },
  },
  {
    name: 'updateMe with a token: an admin sets its own static token',
    async run(ctx) {
      // A second administrator, so the admin token every other case uses stays as it is.
      const adminRole = (await ctx.ok('GET', '/users/me?fields=role')).body.data.role as string;
      const oldToken = unique('second-admin-token');
      const { id, email } = await createUser(ctx, { role: adminRole, token: oldToken });
      const token = unique('my-new-static-token');
      const updated = await ctx
        .clientFor(oldToken)
        .request(ctx.sdk.updateMe({ token }, { fields: ['id', 'token'] }));
      assert.deepEqual(updated, { id, token: MASK });
      const me = await ctx.clientFor(token).request(ctx.sdk.readMe({ fields: ['email'] }));
      assert.equal(me.email, email);
      await rejectsWith(ctx.clientFor(oldToken).request(ctx.sdk.readMe()), 401, 'INVALID_CREDENTIALS');
    },
  },
  {
    name: 'createUser: password stored (masked on read), role set; the user can sign in',
    async run(ctx) {
      const role = await createRole(ctx);
      const email = `${unique('created')}@${ctx.key}.test`;
      const created = await ctx.client.request(
        ctx.sdk.createUser(
          { email, password: PASSWORD, role, first_name: 'Grace' },
          { fields: ['id', 'email', 'password', 'role', 'first_name', 'status'] },
        ),
      );
      assert.match(String(created.id), UUID);
      assert.deepEqual(
        { ...created, id: 'x' },
        { id: 'x', email, password: MASK, role, first_name: 'Grace', status: 'active' },
      );
      const login = await ctx.raw('POST', '/auth/login', { email, password: PASSWORD });
      assert.equal(login.status, 200, login.text);
    },
  },
  {
    name: 'createUsers: several users in one request',
    async run(ctx) {
      const emails = [`${unique('many')}@${ctx.key}.test`, `${unique('many')}@${ctx.key}.test`];
      const created = await ctx.client.request(
        ctx.sdk.createUsers(
          emails.map((email) => ({ email, password: PASSWORD })),
          { fields: ['id', 'email'] },
        ),
      );
      assert.deepEqual(created.map((user) => user.email).sort(), [...emails].sort());
    },
  },
  {
    name: 'readUsers (filter, sort, fields with a relational role.name) / readUser',
    async run(ctx) {
      const role = await createRole(ctx, unique('listed'));
      const a = await createUser(ctx, { role, first_name: 'A' });
      const b = await createUser(ctx, { role, first_name: 'B' });
      const listed = await ctx.loose.request(
        ctx.sdk.readUsers({
          fields: ['id', 'first_name', 'role.id'],
          filter: { role: { _eq: role } },
          sort: ['-first_name'],
        }),
      );
      assert.deepEqual(listed, [
        { id: b.id, first_name: 'B', role: { id: role } },
        { id: a.id, first_name: 'A', role: { id: role } },
      ]);
      const one = await ctx.client.request(ctx.sdk.readUser(a.id, { fields: ['email', 'first_name'] }));
      assert.deepEqual(one, { email: a.email, first_name: 'A' });
    },
  },
  {
    name: 'updateUser / updateUsers (keys) / updateUsersBatch',
    async run(ctx) {
      const a = await createUser(ctx);
      const b = await createUser(ctx);
      const one = await ctx.client.request(
        ctx.sdk.updateUser(a.id, { title: 'Engineer' }, { fields: ['id', 'title'] }),
      );
      assert.deepEqual(one, { id: a.id, title: 'Engineer' });
      const many = await ctx.client.request(
        ctx.sdk.updateUsers([a.id, b.id], { status: 'suspended' }, { fields: ['id', 'status'] }),
      );
      assert.deepEqual(sortedIds(many), [a.id, b.id].sort());
      assert.ok(many.every((user) => user.status === 'suspended'));
      const batch = await ctx.client.request(
        ctx.sdk.updateUsersBatch(
          [
            { id: a.id, location: 'Paris' },
            { id: b.id, location: 'Rome' },
          ],
          { fields: ['id', 'location'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((user) => [user.id, user.location])), {
        [a.id]: 'Paris',
        [b.id]: 'Rome',
      });
    },
  },
  {
    name: 'deleteUser / deleteUsers (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const a = await createUser(ctx);
      const b = await createUser(ctx);
      const c = await createUser(ctx);
      assertNoContent(await ctx.client.request(ctx.sdk.deleteUser(a.id)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deleteUsers([b.id, c.id]));
      for (const id of [a.id, b.id, c.id]) assert.equal((await ctx.raw('GET', `/users/${id}`)).status, 403);
    },
  },
  // ------------------------------------------------------------------------------------------------ roles
  {
    name: 'createRole / createRoles / readRoles / readRole',
    async run(ctx) {
      const name = unique('editors');
      const created = await ctx.client.request(
        ctx.sdk.createRole(
          { name, icon: 'edit', description: 'They edit' },
          { fields: ['id', 'name', 'icon'] },
        ),
      );
      assert.match(String(created.id), UUID);
      assert.equal(created.name, name);
      assert.equal(created.icon, 'edit');
      const names = [unique('r1'), unique('r2')];
      const many = await ctx.client.request(
        ctx.sdk.createRoles(
          names.map((n) => ({ name: n })),
          { fields: ['name'] },
        ),
      );
      assert.deepEqual(many.map((role) => role.name).sort(), [...names].sort());
      const listed = await ctx.client.request(
        ctx.sdk.readRoles({ fields: ['name'], filter: { name: { _in: [name, ...names] } }, sort: ['name'] }),
      );
      assert.deepEqual(
        listed.map((role) => role.name),
        [name, ...names].sort(),
      );
      const one = await ctx.client.request(ctx.sdk.readRole(String(created.id), { fields: ['description'] }));
      assert.deepEqual(one, { description: 'They edit' });
    },
  },
  {
    name: 'updateRole / updateRoles / updateRolesBatch (a parent role too)',
    async run(ctx) {
      const parent = await createRole(ctx);
      const a = await createRole(ctx);
      const b = await createRole(ctx);
      const one = await ctx.client.request(ctx.sdk.updateRole(a, { parent }, { fields: ['id', 'parent'] }));
      assert.deepEqual(one, { id: a, parent });
      const many = await ctx.client.request(
        ctx.sdk.updateRoles([a, b], { icon: 'star' }, { fields: ['id', 'icon'] }),
      );
      assert.deepEqual(sortedIds(many), [a, b].sort());
      assert.ok(many.every((role) => role.icon === 'star'));
      const batch = await ctx.client.request(
        ctx.sdk.updateRolesBatch(
          [
            { id: a, description: 'A' },
            { id: b, description: 'B' },
          ],
          { fields: ['id', 'description'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((role) => [role.id, role.description])), {
        [a]: 'A',
        [b]: 'B',
      });
      const children = await ctx.loose.request(ctx.sdk.readRole(parent, { fields: ['children.id'] }));
      assert.deepEqual(children, { children: [{ id: a }] });
    },
  },
  {
    name: 'deleteRole / deleteRoles (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const a = await createRole(ctx);
      const b = await createRole(ctx);
      const c = await createRole(ctx);
      assertNoContent(await ctx.client.request(ctx.sdk.deleteRole(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deleteRoles([b, c]));
      for (const id of [a, b, c]) assert.equal((await ctx.raw('GET', `/roles/${id}`)).status, 403);
    },
  },
  {
    name: 'readRolesMe: the roles of the caller',
    async run(ctx) {
      const { role, token } = await reader(ctx);
      const mine = await ctx.clientFor(token).request(ctx.sdk.readRolesMe({ fields: ['id'] }));
      assert.deepEqual(mine, [{ id: role }]);
      const admins = await ctx.client.request(ctx.sdk.readRolesMe({ fields: ['name'] }));
      assert.deepEqual(admins, [{ name: 'Administrator' }]);
    },
  },
  {
    name: 'withToken: a per-request token overrides the client’s own',
    async run(ctx) {
      const { user, token } = await reader(ctx);
      const me = await ctx.client.request(ctx.sdk.withToken(token, ctx.sdk.readMe({ fields: ['id'] })));
      assert.deepEqual(me, { id: user });
    },
  },
  // --------------------------------------------------------------------------------------------- policies
  {
    name: 'createPolicy / createPolicies / readPolicies / readPolicy',
    async run(ctx) {
      const name = unique('editing');
      const created = await ctx.client.request(
        ctx.sdk.createPolicy(
          { name, app_access: true, admin_access: false, enforce_tfa: false, ip_access: ['10.0.0.0/8'] },
          { fields: ['id', 'name', 'app_access', 'admin_access', 'ip_access'] },
        ),
      );
      assert.match(String(created.id), UUID);
      assert.deepEqual(
        { ...created, id: 'x' },
        { id: 'x', name, app_access: true, admin_access: false, ip_access: ['10.0.0.0/8'] },
      );
      const names = [unique('p1'), unique('p2')];
      const many = await ctx.client.request(
        ctx.sdk.createPolicies(
          names.map((n) => ({ name: n })),
          { fields: ['name'] },
        ),
      );
      assert.deepEqual(many.map((policy) => policy.name).sort(), [...names].sort());
      const listed = await ctx.client.request(
        ctx.sdk.readPolicies({
          fields: ['name'],
          filter: { name: { _in: [name, ...names] } },
          sort: ['name'],
        }),
      );
      assert.deepEqual(
        listed.map((policy) => policy.name),
        [name, ...names].sort(),
      );
      const one = await ctx.client.request(
        ctx.sdk.readPolicy(String(created.id), { fields: ['name', 'enforce_tfa'] }),
      );
      assert.deepEqual(one, { name, enforce_tfa: false });
    },
  },
  {
    name: 'updatePolicy / updatePolicies / updatePoliciesBatch',
    async run(ctx) {
      const a = await createPolicy(ctx);
      const b = await createPolicy(ctx);
      const one = await ctx.client.request(
        ctx.sdk.updatePolicy(a, { app_access: true }, { fields: ['id', 'app_access'] }),
      );
      assert.deepEqual(one, { id: a, app_access: true });
      const many = await ctx.client.request(
        ctx.sdk.updatePolicies([a, b], { description: 'both' }, { fields: ['id', 'description'] }),
      );
      assert.deepEqual(sortedIds(many), [a, b].sort());
      assert.ok(many.every((policy) => policy.description === 'both'));
      const batch = await ctx.client.request(
        ctx.sdk.updatePoliciesBatch(
          [
            { id: a, icon: 'one' },
            { id: b, icon: 'two' },
          ],
          { fields: ['id', 'icon'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((policy) => [policy.id, policy.icon])), {
        [a]: 'one',
        [b]: 'two',
      });
    },
  },
  {
    name: 'deletePolicy / deletePolicies (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const a = await createPolicy(ctx);
      const b = await createPolicy(ctx);
      const c = await createPolicy(ctx);
      assertNoContent(await ctx.client.request(ctx.sdk.deletePolicy(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deletePolicies([b, c]));
      for (const id of [a, b, c]) assert.equal((await ctx.raw('GET', `/policies/${id}`)).status, 403);
    },
  },
  {
    name: 'readPolicyGlobals: the caller’s access flags',
    async run(ctx) {
      const admin = await ctx.client.request(ctx.sdk.readPolicyGlobals());
      assert.deepEqual(admin, { app_access: true, admin_access: true, enforce_tfa: false });
      const { token } = await reader(ctx);
      const limited = await ctx.clientFor(token).request(ctx.sdk.readPolicyGlobals());
      assert.deepEqual(limited, { app_access: false, admin_access: false, enforce_tfa: false });
    },
  },
  // ------------------------------------------------------------------------------------------ permissions
  {
    name: 'createPermission / createPermissions / readPermissions / readPermission',
    async run(ctx) {
      const policy = await createPolicy(ctx);
      const created = await ctx.client.request(
        ctx.sdk.createPermission(
          {
            policy,
            collection: 'notes',
            action: 'read',
            fields: ['id', 'title'],
            permissions: { status: { _eq: 'public' } },
          },
          { fields: ['id', 'policy', 'collection', 'action', 'fields', 'permissions'] },
        ),
      );
      assert.equal(typeof created.id, 'number');
      assert.deepEqual(
        { ...created, id: 0 },
        {
          id: 0,
          policy,
          collection: 'notes',
          action: 'read',
          fields: ['id', 'title'],
          permissions: { status: { _eq: 'public' } },
        },
      );
      const many = await ctx.client.request(
        ctx.sdk.createPermissions(
          [
            {
              policy,
              collection: 'notes',
              action: 'create',
              fields: ['title'],
              presets: { status: 'public' },
            },
            { policy, collection: 'notes', action: 'delete', fields: ['*'] },
          ],
          { fields: ['action'] },
        ),
      );
      assert.deepEqual(many.map((permission) => permission.action).sort(), ['create', 'delete']);
      const listed = await ctx.client.request(
        ctx.sdk.readPermissions({
          fields: ['action', 'presets'],
          filter: { policy: { _eq: policy } },
          sort: ['action'],
        }),
      );
      assert.deepEqual(listed, [
        { action: 'create', presets: { status: 'public' } },
        { action: 'delete', presets: null },
        { action: 'read', presets: null },
      ]);
      const one = await ctx.client.request(ctx.sdk.readPermission(created.id, { fields: ['fields'] }));
      assert.deepEqual(one, { fields: ['id', 'title'] });
    },
  },
  {
    name: 'updatePermission / updatePermissions / updatePermissionsBatch',
    async run(ctx) {
      const policy = await createPolicy(ctx);
      const make = async (action: string) =>
        (await ctx.ok('POST', '/permissions', { policy, collection: 'notes', action, fields: ['id'] })).body
          .data.id as number;
      const read = await make('read');
      const update = await make('update');
      const one = await ctx.client.request(
        ctx.sdk.updatePermission(read, { fields: ['id', 'title', 'views'] }, { fields: ['id', 'fields'] }),
      );
      assert.deepEqual(one, { id: read, fields: ['id', 'title', 'views'] });
      const many = await ctx.client.request(
        ctx.sdk.updatePermissions(
          [read, update],
          { validation: { views: { _gte: 0 } } },
          {
            fields: ['id', 'validation'],
          },
        ),
      );
      assert.deepEqual(
        many.map((permission) => permission.validation),
        [{ views: { _gte: 0 } }, { views: { _gte: 0 } }],
      );
      const batch = await ctx.client.request(
        ctx.sdk.updatePermissionsBatch(
          [
            { id: read, permissions: { views: { _lt: 10 } } },
            { id: update, fields: ['*'] },
          ],
          { fields: ['id', 'fields', 'permissions'] },
        ),
      );
      const byId = Object.fromEntries(batch.map((permission) => [permission.id, permission]));
      assert.deepEqual(byId[read].permissions, { views: { _lt: 10 } });
      assert.deepEqual(byId[update].fields, ['*']);
    },
  },
  {
    name: 'deletePermission / deletePermissions (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const policy = await createPolicy(ctx);
      const make = async (action: string) =>
        (await ctx.ok('POST', '/permissions', { policy, collection: 'notes', action, fields: ['*'] })).body
          .data.id as number;
      const [a, b, c] = [await make('read'), await make('create'), await make('delete')];
      assertNoContent(await ctx.client.request(ctx.sdk.deletePermission(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deletePermissions([b, c]));
      const left = await ctx.ok('GET', `/permissions?filter[policy][_eq]=${policy}`);
      assert.deepEqual(left.body.data, []);
    },
  },
  {
    name: 'a policy’s permissions apply to its role’s user: fields and row filter on readItems',
    async run(ctx) {
      const { token } = await reader(ctx);
      const limited = ctx.clientFor(token);
      const rows = await limited.request(ctx.sdk.readItems('notes', { fields: ['id', 'title'] }));
      assert.deepEqual(rows, [{ id: 1, title: 'open' }]);
      await rejectsWith(
        limited.request(ctx.sdk.readItems('notes', { fields: ['status'] })),
        403,
        'FORBIDDEN',
      );
      await rejectsWith(limited.request(ctx.sdk.readItem('notes', 2)), 403, 'FORBIDDEN');
    },
  },
  {
    name: 'readUserPermissions: per collection and action, for a limited user and for the admin',
    async run(ctx) {
      const { token } = await reader(ctx);
      const limited = await ctx.clientFor(token).request(ctx.sdk.readUserPermissions());
      assert.deepEqual(limited.notes.read.access, 'partial');
      assert.deepEqual(limited.notes.read.fields, ['id', 'title']);
      assert.deepEqual(limited.notes.update.access, 'partial');
      assert.deepEqual(limited.notes.create.access, 'none');
      assert.deepEqual(limited.notes.delete.access, 'none');
      const admin = await ctx.client.request(ctx.sdk.readUserPermissions());
      assert.equal(admin.notes.delete.access, 'full');
      assert.deepEqual(admin.notes.read.fields, ['*']);
      assert.equal(admin.directus_users.update.access, 'full');
    },
  },
  {
    name: 'readItemPermissions: what the caller may do with one item',
    async run(ctx) {
      const { token } = await reader(ctx);
      const limited = ctx.clientFor(token);
      const open = await limited.request(ctx.sdk.readItemPermissions('notes', 1));
      assert.equal(open.update.access, true);
      assert.equal(open.delete.access, false);
      assert.equal(open.share.access, false);
      const hidden = await limited.request(ctx.sdk.readItemPermissions('notes', 2));
      assert.equal(hidden.update.access, false);
      const admin = await ctx.client.request(ctx.sdk.readItemPermissions('notes', 2));
      assert.deepEqual([admin.update.access, admin.delete.access, admin.share.access], [true, true, true]);
    },
  },
];

/**
 * Nested writes of the access model, as the Directus Studio sends them: a role created with its policies
 * (`policies: [{policy}]`, i.e. `directus_access` rows, here one existing policy and one created on the way) and
 * a policy updated with its permissions (`{create, update, delete}`), each in one request; read back through
 * the SDK.
 */
const nestedAccessCases: SdkCase[] = [
  {
    name: 'createRole with nested policies: the role, a new policy and both access rows',
    async run(ctx) {
      const existingName = unique('existing');
      const existing = await createPolicy(ctx, { name: existingName, app_access: true });
      const name = unique('nested');
      const newName = unique('created');
      const created = await ctx.loose.request(
        ctx.sdk.createRole(
          {
            name,
            policies: [
              { policy: existing },
              { policy: { name: newName, app_access: false, admin_access: false } },
            ],
          },
          { fields: ['id', 'name', 'policies.policy.name'] },
        ),
      );
      assert.match(String(created.id), UUID);
      assert.equal(created.name, name);
      const byName = (a: { policy: { name: string } }, b: { policy: { name: string } }) =>
        a.policy.name.localeCompare(b.policy.name);
      assert.deepEqual(
        [...created.policies].sort(byName),
        [{ policy: { name: existingName } }, { policy: { name: newName } }].sort(byName),
      );

      const role = await ctx.loose.request(
        ctx.sdk.readRole(String(created.id), {
          fields: ['policies.role', 'policies.user', 'policies.policy.name', 'policies.policy.app_access'],
        }),
      );
      assert.deepEqual(
        [...role.policies].sort(byName),
        [
          { role: created.id, user: null, policy: { name: existingName, app_access: true } },
          { role: created.id, user: null, policy: { name: newName, app_access: false } },
        ].sort(byName),
      );
      const policies = await ctx.client.request(
        ctx.sdk.readPolicies({ fields: ['name', 'admin_access'], filter: { name: { _eq: newName } } }),
      );
      assert.deepEqual(policies, [{ name: newName, admin_access: false }]);
    },
  },
  {
    name: 'updatePolicy with nested permissions: create, update and delete in one request',
    async run(ctx) {
      const policy = await createPolicy(ctx);
      const rule = async (action: string, fields: string[]) =>
        (await ctx.ok('POST', '/permissions', { policy, collection: 'notes', action, fields })).body.data
          .id as number;
      const kept = await rule('read', ['id']);
      const dropped = await rule('delete', ['*']);
      // The SDK types an o2m as a list of keys or items; Directus takes `{create, update, delete}` there too.
      const permissions = {
        create: [{ collection: 'notes', action: 'create', fields: ['title'] }],
        update: [{ id: kept, fields: ['id', 'title'] }],
        delete: [dropped],
      } as unknown as number[];
      const updated = await ctx.loose.request(
        ctx.sdk.updatePolicy(
          policy,
          { permissions },
          { fields: ['id', 'permissions.action', 'permissions.fields'] },
        ),
      );
      assert.deepEqual(updated, {
        id: policy,
        permissions: [
          { action: 'read', fields: ['id', 'title'] },
          { action: 'create', fields: ['title'] },
        ],
      });
      const rules = await ctx.client.request(
        ctx.sdk.readPermissions({
          fields: ['id', 'collection', 'action', 'fields'],
          filter: { policy: { _eq: policy } },
          sort: ['id'],
        }),
      );
      assert.deepEqual(
        rules.map(({ collection, action, fields }) => ({ collection, action, fields })),
        [
          { collection: 'notes', action: 'read', fields: ['id', 'title'] },
          { collection: 'notes', action: 'create', fields: ['title'] },
        ],
      );
      assert.equal(rules[0].id, kept);
      await rejectsWith(ctx.client.request(ctx.sdk.readPermission(dropped)), 403, 'FORBIDDEN');
    },
  },
];

describeSdk('SDK users, roles, policies, permissions', 'access', cases, seed);
describeSdk('SDK nested role policies / policy permissions', 'nested', nestedAccessCases, seed);
