import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { readXml, xmlValue } from '../../libs/items/src/export/testing/xml-reader';
import { TestApp, type TestResponse } from '../support/test-app';
import { projectCaller, refusal, userWithRules, type ProjectCaller } from './caller-fixture';
import { csvText, parseCsv, xmlExpected } from './export-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

const MASK = '**********';
const SECRET_TOKEN = 'ann-plain-static-token-never-exported';
const TFA_SECRET = 'TFASECRETBASE32NEVEREXPORTED';
type Row = Record<string, unknown>;

const FORMATS = [
  { format: 'json', extension: 'json', contentType: /^application\/json/ },
  { format: 'csv', extension: 'csv', contentType: /^text\/csv/ },
  { format: 'yaml', extension: 'yaml', contentType: /^text\/yaml/ },
  { format: 'xml', extension: 'xml', contentType: /^text\/xml/ },
] as const;

/** Asserts the answer is a download of `collection` in this format, and returns it. */
function attachment(res: TestResponse, collection: string, format: (typeof FORMATS)[number]): TestResponse {
  assert.equal(res.status, 200, res.text.slice(0, 500));
  assert.match(String(res.headers['content-type']), format.contentType);
  assert.match(
    String(res.headers['content-disposition']),
    new RegExp(`^attachment; filename="${collection} \\d{8}-\\d{6}\\.${format.extension}"$`),
  );
  return res;
}

/** Asserts the file holds exactly `rows` (a list read's `data`), read back the way its format writes them. */
function assertHolds(res: TestResponse, format: (typeof FORMATS)[number]['format'], rows: Row[]): void {
  if (format === 'json') assert.deepEqual(JSON.parse(res.text), rows);
  if (format === 'yaml') assert.deepEqual(parse(res.text), rows);
  if (format === 'xml') {
    const root = readXml(res.text);
    assert.equal(root.name, 'data');
    assert.deepEqual(root.children.map(xmlValue), rows.map(xmlExpected));
  }
  if (format === 'csv') {
    const columns = Object.keys(rows[0]);
    assert.deepEqual(parseCsv(res.text), [
      columns,
      ...rows.map((row) => columns.map((column) => csvText(row[column]))),
    ]);
  }
}

/**
 * `?export=csv|json|yaml|xml` on system collections (`/users`, `/activity`): a download named after the
 * collection holding the rows and fields the same list read gives the caller, under the caller's permissions;
 * secrets stay masked in every format, and a caller who may not read the collection gets a 403, not a file.
 */
describe('system collections export', () => {
  let t: TestApp;
  let admin: ProjectCaller;
  let staff: string;
  let ann: string;
  let bob: string;

  before(async () => {
    t = await TestApp.start();
    admin = projectCaller(t, 'exp', await projectWithAdmin(t, 'exp'));
    staff = (await admin.ok('POST', '/roles', { name: 'Staff' })).body.data.id;
    ann = (
      await admin.ok('POST', '/users', {
        email: 'ann@exp.test',
        first_name: 'Ann',
        role: staff,
        tags: ['ops', 'night'],
        password: 'password-123',
        token: SECRET_TOKEN,
      })
    ).body.data.id;
    bob = (
      await admin.ok('POST', '/users', { email: 'bob@exp.test', role: staff, title: 'Lead, "night" shift' })
    ).body.data.id;
    await admin.ok('POST', '/users', { email: 'cyd@exp.test', first_name: 'Cyd' });
    await tenantRows(t, 'exp', 'UPDATE directus_users SET tfa_secret = $1 WHERE id = $2', [TFA_SECRET, ann]);
  });
  after(async () => {
    await t?.close();
  });

  const assertNoSecrets = (res: TestResponse) => {
    for (const secret of [SECRET_TOKEN, TFA_SECRET, '$argon2', 'password-123'])
      assert.equal(res.text.includes(secret), false, `the export holds ${secret}`);
  };
  /** Asserts `url` plus `export=<format>` is, in every format, a download of `collection` holding `rows`. */
  const assertExports = async (caller: ProjectCaller, url: string, collection: string, rows: Row[]) => {
    for (const format of FORMATS) {
      const res = attachment(await caller.call('GET', `${url}&export=${format.format}`), collection, format);
      assertHolds(res, format.format, rows);
      assertNoSecrets(res);
    }
  };

  describe('/users', () => {
    for (const format of FORMATS) {
      it(`?export=${format.format}: the list read's rows as a download, secrets masked`, async () => {
        const list = (await admin.ok('GET', '/users?sort=email')).body.data as Row[];
        assert.equal(list.length, 4);
        const annRow = list.find((row) => row.id === ann)!;
        assert.deepEqual(
          { password: annRow.password, token: annRow.token, tfa_secret: annRow.tfa_secret },
          { password: MASK, token: MASK, tfa_secret: MASK },
        );
        const res = attachment(
          await admin.call('GET', `/users?export=${format.format}&sort=email`),
          'directus_users',
          format,
        );
        assertHolds(res, format.format, list);
        assertNoSecrets(res);
      });
    }

    it('the query applies to the export: filter, fields (relational too), sort', async () => {
      const query = `filter[role][_eq]=${staff}&fields=email,title,role.name&sort=-email`;
      const list = (await admin.ok('GET', `/users?${query}`)).body.data as Row[];
      assert.deepEqual(list, [
        { email: 'bob@exp.test', title: 'Lead, "night" shift', role: { name: 'Staff' } },
        { email: 'ann@exp.test', title: null, role: { name: 'Staff' } },
      ]);
      await assertExports(admin, `/users?${query}`, 'directus_users', list);
    });

    it('a non-admin exports only the rows and fields of their read permission, secrets masked', async () => {
      const reader = await userWithRules(t, 'exp', admin, 'reader@exp.test', [
        {
          collection: 'directus_users',
          action: 'read',
          fields: ['id', 'email', 'token', 'role'],
          permissions: { role: { _eq: staff } },
        },
      ]);
      const list = (await reader.caller.ok('GET', '/users?sort=email')).body.data as Row[];
      assert.deepEqual(list, [
        { id: ann, email: 'ann@exp.test', token: MASK, role: staff },
        { id: bob, email: 'bob@exp.test', token: null, role: staff },
      ]);
      await assertExports(reader.caller, '/users?sort=email', 'directus_users', list);
      for (const format of FORMATS) {
        // A field outside the permission is refused before any byte, as in the list read.
        const hidden = await reader.caller.call(
          'GET',
          `/users?export=${format.format}&fields=email,password`,
        );
        assert.deepEqual(refusal(hidden), { status: 403, code: 'FORBIDDEN' }, hidden.text);
        assert.equal(hidden.headers['content-disposition'], undefined);
      }
    });

    it('a caller without read permission on users gets 403 and no file', async () => {
      const nobody = await userWithRules(t, 'exp', admin, 'nobody@exp.test', []);
      for (const format of FORMATS) {
        const res = await nobody.caller.call('GET', `/users?export=${format.format}`);
        assert.deepEqual(refusal(res), { status: 403, code: 'FORBIDDEN' }, res.text);
        assert.match(String(res.headers['content-type']), /^application\/json/);
        assert.equal(res.headers['content-disposition'], undefined);
      }
    });
  });

  describe('/activity', () => {
    for (const format of FORMATS) {
      it(`?export=${format.format}: the list read's activity rows as a download`, async () => {
        const list = (await admin.ok('GET', '/activity?sort=id&limit=-1')).body.data as Row[];
        assert.ok(list.length >= 4, 'the set-up left activity to export');
        const res = attachment(
          await admin.call('GET', `/activity?export=${format.format}&sort=id&limit=-1`),
          'directus_activity',
          format,
        );
        assertHolds(res, format.format, list);
      });
    }

    it("a non-admin's export follows their read permission on activity; without one, 403", async () => {
      const auditor = await userWithRules(t, 'exp', admin, 'auditor@exp.test', [
        {
          collection: 'directus_activity',
          action: 'read',
          fields: ['id', 'action', 'collection', 'item'],
          permissions: { collection: { _eq: 'directus_roles' } },
        },
      ]);
      const list = (await auditor.caller.ok('GET', '/activity?sort=id')).body.data as Row[];
      assert.deepEqual(list, [
        { id: list[0]?.id, action: 'create', collection: 'directus_roles', item: staff },
      ]);
      await assertExports(auditor.caller, '/activity?sort=id', 'directus_activity', list);
      const nobody = await userWithRules(t, 'exp', admin, 'outsider@exp.test', [
        { collection: 'directus_users', action: 'read', fields: ['id'] },
      ]);
      const refused = await nobody.caller.call('GET', '/activity?export=json');
      assert.deepEqual(refusal(refused), { status: 403, code: 'FORBIDDEN' }, refused.text);
      assert.equal(refused.headers['content-disposition'], undefined);
    });
  });
});
