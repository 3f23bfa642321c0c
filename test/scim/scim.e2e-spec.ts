import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SCIMMY from 'scimmy';
import {
  giveStaticToken,
  projectCaller,
  projectWithAdmin,
  tenantRows,
} from '../system-data/system-data-fixture';
import { TestApp, type TestResponse } from '../support/test-app';

const PROJECT = 'scim1';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/**
 * SCIM 2.0 as an identity provider drives it: provision, update, deactivate and deprovision a user and a
 * group. Request bodies are checked and answers parsed with SCIMMY (the SCIM 2.0 library on npm): each
 * resource must coerce to its RFC 7643 schema, each PATCH body is a valid PatchOp message.
 */
describe('/:project/scim/v2', () => {
  let t: TestApp;
  let admin: string;
  /** `token` null: no token at all. */
  const scim = (method: string, path: string, body?: unknown, token: string | null = admin) =>
    t.request(method, `/${PROJECT}/scim/v2${path}`, {
      token: token ?? undefined,
      ...(body === undefined ? {} : { body }),
      headers: { 'content-type': 'application/scim+json' },
    });
  const user = (res: TestResponse) =>
    SCIMMY.Schemas.User.definition.coerce(res.body, 'out') as Record<string, unknown>;
  const group = (res: TestResponse) =>
    SCIMMY.Schemas.Group.definition.coerce(res.body, 'out') as Record<string, unknown>;
  const patch = (
    operations: NonNullable<ConstructorParameters<typeof SCIMMY.Messages.PatchOp>[0]>['Operations'],
  ) => new SCIMMY.Messages.PatchOp({ schemas: [PATCH], Operations: operations });
  const assertError = (res: TestResponse, status: number, scimType?: string) => {
    assert.equal(res.status, status, res.text);
    assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
    assert.deepEqual(res.body.schemas, [ERROR]);
    assert.equal(res.body.status, String(status));
    assert.equal(res.body.scimType, scimType);
    assert.equal(typeof res.body.detail, 'string');
  };

  before(async () => {
    t = await TestApp.start();
    admin = await projectWithAdmin(t, PROJECT);
    const { ok } = projectCaller(t, PROJECT, admin);
    const role = (await ok('POST', '/roles', { name: 'Plain' })).body.data.id;
    await ok('POST', '/users', { email: 'plain@scim1.test', password: 'plain-password-1', role });
    await giveStaticToken(t, PROJECT, 'plain@scim1.test', 'scim1-plain-token');
    await projectWithAdmin(t, 'scim2');
  });
  after(async () => {
    await t?.close();
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    assert.equal(config.status, 200);
    assert.match(String(config.headers['content-type']), /^application\/scim\+json/);
    const coerced = SCIMMY.Schemas.ServiceProviderConfig.definition.coerce(config.body, 'out') as Record<
      string,
      { supported: boolean }
    >;
    assert.equal(coerced.patch.supported, true);
    assert.equal(coerced.filter.supported, true);
    assert.equal(coerced.bulk.supported, false);
    const types = await scim('GET', '/ResourceTypes');
    assert.deepEqual(
      types.body.Resources.map((r: { id: string }) => r.id),
      ['User', 'Group'],
    );
    for (const type of types.body.Resources) SCIMMY.Schemas.ResourceType.definition.coerce(type, 'out');
    assert.deepEqual(
      (await scim('GET', '/Schemas')).body.Resources.map((s: { id: string }) => s.id),
      [USER, GROUP],
    );
    assert.equal((await scim('GET', `/Schemas/${USER}`)).body.name, 'User');
    assertError(await scim('GET', '/Schemas/urn:nope'), 404);
  });

  it('provisions, finds, updates, deactivates and deprovisions a user and a group', async () => {
    const body = SCIMMY.Schemas.User.definition.coerce(
      {
        schemas: [USER],
        userName: 'Ann.Lee@Example.com',
        externalId: 'idp-0001',
        name: { givenName: 'Ann', familyName: 'Lee' },
        emails: [{ value: 'Ann.Lee@Example.com', primary: true, type: 'work' }],
        active: true,
        password: 'a-long-password-1',
      },
      'in',
    );
    const created = await scim('POST', '/Users', body);
    assert.equal(created.status, 201, created.text);
    const ann = user(created);
    assert.equal(ann.userName, 'Ann.Lee@Example.com');
    assert.equal(ann.active, true);
    assert.equal(created.headers.location, (ann.meta as { location: string }).location);
    const id = String(ann.id);
    // The password was set: Ann can sign in to the project.
    const login = await t.request('POST', `/${PROJECT}/auth/login`, {
      body: { email: 'Ann.Lee@Example.com', password: 'a-long-password-1' },
    });
    assert.equal(login.status, 200, login.text);

    const found = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "ann.lee@example.com" and active eq true')}`,
    );
    assert.deepEqual([found.body.schemas, found.body.totalResults, found.body.startIndex], [[LIST], 1, 1]);
    assert.equal(user({ ...found, body: found.body.Resources[0] } as TestResponse).id, id);
    assert.equal(
      (await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "IDP-0001"')}`)).body
        .totalResults,
      0,
      'externalId is case-exact',
    );
    assert.equal(
      (await scim('GET', `/Users?filter=${encodeURIComponent('name.familyName sw "le"')}`)).body.totalResults,
      1,
    );

    const renamed = await scim(
      'PATCH',
      `/Users/${id}`,
      patch([{ op: 'replace', path: 'name.givenName', value: 'Annie' }]),
    );
    assert.equal(renamed.status, 200, renamed.text);
    assert.deepEqual(renamed.body.name, { givenName: 'Annie', familyName: 'Lee', formatted: 'Annie Lee' });
    user(renamed);

    // Entra ID's shape: capitalised op, a value object, "False" as a string.
    const deactivated = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', value: { active: 'False' } }],
    });
    assert.equal(deactivated.status, 200, deactivated.text);
    assert.equal(user(deactivated).active, false);
    const refused = await t.request('POST', `/${PROJECT}/auth/login`, {
      body: { email: 'Ann.Lee@Example.com', password: 'a-long-password-1' },
    });
    assert.equal(refused.status, 401, 'a deactivated user cannot sign in');
    const [{ status }] = await tenantRows<{ status: string }>(
      t,
      PROJECT,
      `SELECT status FROM directus_users WHERE id = '${id}'`,
    );
    assert.equal(status, 'suspended');

    const team = await scim('POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Editors',
      members: [{ value: id }],
    });
    assert.equal(team.status, 201, team.text);
    const editors = group(team);
    const groupId = String(editors.id);
    assert.deepEqual(
      (editors.members as Array<{ value: string }>).map((m) => m.value),
      [id],
    );
    assert.deepEqual(
      (user(await scim('GET', `/Users/${id}`)).groups as Array<{ value: string; display: string }>).map(
        (g) => [g.value, g.display],
      ),
      [[groupId, 'Editors']],
    );
    const removed = await scim(
      'PATCH',
      `/Groups/${groupId}`,
      patch([{ op: 'remove', path: `members[value eq "${id}"]` }]),
    );
    assert.deepEqual(group(removed).members, []);
    const readded = await scim(
      'PATCH',
      `/Groups/${groupId}`,
      patch([
        { op: 'add', path: 'members', value: [{ value: id }] },
        { op: 'replace', path: 'displayName', value: 'Writers' },
      ]),
    );
    assert.equal(group(readded).displayName, 'Writers');
    assert.equal((group(readded).members as unknown[]).length, 1);
    assert.equal(
      (await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "writers"')}`)).body
        .totalResults,
      1,
    );

    assert.equal((await scim('DELETE', `/Users/${id}`)).status, 204);
    assertError(await scim('GET', `/Users/${id}`), 404);
    assert.deepEqual(group(await scim('GET', `/Groups/${groupId}`)).members, []);
    assert.equal((await scim('DELETE', `/Groups/${groupId}`)).status, 204);
    assertError(await scim('GET', `/Groups/${groupId}`), 404);
    assert.deepEqual(
      await tenantRows(t, PROJECT, `SELECT id FROM directus_roles WHERE id = '${groupId}'`),
      [],
    );
  });

  it('pages lists with startIndex and count', async () => {
    for (const n of [1, 2, 3]) {
      assert.equal(
        (await scim('POST', '/Users', { schemas: [USER], userName: `page${n}@example.com` })).status,
        201,
      );
    }
    const page = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName sw "page"')}&startIndex=2&count=1`,
    );
    assert.deepEqual([page.body.totalResults, page.body.startIndex, page.body.itemsPerPage], [3, 2, 1]);
    assert.equal(page.body.Resources[0].userName, 'page2@example.com');
    const count = await scim('GET', `/Users?filter=${encodeURIComponent('userName sw "page"')}&count=0`);
    assert.deepEqual([count.body.totalResults, count.body.Resources.length], [3, 0]);
  });

  it('answers errors in SCIM’s shape, with scimType', async () => {
    assertError(
      await scim('POST', '/Users', { schemas: [USER], userName: 'page1@example.com' }),
      409,
      'uniqueness',
    );
    assertError(await scim('POST', '/Users', { schemas: [USER] }), 400, 'invalidValue');
    assertError(
      await scim('GET', `/Users?filter=${encodeURIComponent('userName ne "x"')}`),
      400,
      'invalidFilter',
    );
    assertError(
      await scim('GET', `/Users?filter=${encodeURIComponent('nickName eq "x"')}`),
      400,
      'invalidFilter',
    );
    assertError(await scim('GET', '/Users/not-an-id'), 404);
    assertError(await scim('GET', '/Devices'), 404);
    assertError(await scim('GET', '/Users/00000000-0000-4000-8000-000000000000'), 404);
    const [first] = (await scim('GET', '/Users?count=1')).body.Resources;
    assertError(await scim('PATCH', `/Users/${first.id}`, { Operations: [] }), 400, 'invalidSyntax');
    assertError(
      await scim('PATCH', `/Users/${first.id}`, patch([{ op: 'replace', path: 'nickName', value: 'x' }])),
      400,
      'invalidPath',
    );
    assertError(
      await scim('PATCH', `/Users/${first.id}`, patch([{ op: 'replace', path: 'groups', value: [] }])),
      400,
      'mutability',
    );
    assertError(
      await scim('POST', '/Groups', {
        schemas: [GROUP],
        displayName: 'X',
        members: [{ value: '00000000-0000-4000-8000-000000000000' }],
      }),
      400,
      'invalidValue',
    );
    assert.equal((await tenantRows(t, PROJECT, "SELECT id FROM directus_roles WHERE name = 'X'")).length, 0);
  });

  it('is for project admins only, and never reaches another project', async () => {
    assertError(await scim('GET', '/Users', undefined, null), 401);
    assertError(await scim('GET', '/Users', undefined, 'scim1-plain-token'), 403);
    assertError(await scim('GET', '/Users', undefined, 'not-a-token'), 401);
    const other = await t.request('GET', '/scim2/scim/v2/Users', { token: admin });
    assert.equal(other.status, 401, "one project's admin token is nothing in another project");
    assert.deepEqual(other.body.schemas, [ERROR]);
  });
});
