import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { TestApp } from '../support/test-app';
import { errorCode, tenantRows } from '../system-data/system-data-fixture';

const id = {
  field: 'id',
  type: 'integer',
  schema: { is_primary_key: true, has_auto_increment: true },
  meta: { hidden: true, readonly: true, interface: 'input' },
};

/** The blog template's schema, built through the HTTP API as an admin would (tenants/templates/blog.json). */
export async function buildBlogSchema(t: TestApp, project: string, token: string): Promise<void> {
  const call = async (method: string, url: string, body: unknown) => {
    const res = await t.request(method, `/${project}${url}`, { token, body });
    if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  };
  await call('POST', '/collections', [
    {
      collection: 'authors',
      meta: { icon: 'person', display_template: '{{name}}' },
      fields: [
        id,
        {
          field: 'name',
          type: 'string',
          schema: { is_nullable: false },
          meta: { interface: 'input', required: true },
        },
        { field: 'email', type: 'string', schema: { is_unique: true }, meta: { interface: 'input' } },
      ],
    },
    {
      collection: 'articles',
      meta: { icon: 'article', display_template: '{{title}}' },
      fields: [
        id,
        {
          field: 'title',
          type: 'string',
          schema: { is_nullable: false },
          meta: { interface: 'input', required: true },
        },
        { field: 'body', type: 'text', meta: { interface: 'input-rich-text-md' } },
        {
          field: 'status',
          type: 'string',
          schema: { default_value: 'draft', is_nullable: false },
          meta: {
            interface: 'select-dropdown',
            options: {
              choices: [
                { text: 'Draft', value: 'draft' },
                { text: 'Published', value: 'published' },
              ],
            },
          },
        },
        { field: 'published_at', type: 'timestamp', meta: { interface: 'datetime' } },
        { field: 'author', type: 'integer', meta: { interface: 'select-dropdown-m2o', special: ['m2o'] } },
        { field: 'tags', type: 'alias', meta: { interface: 'list-m2m', special: ['m2m'] } },
      ],
    },
    {
      collection: 'tags',
      meta: { icon: 'label' },
      fields: [
        id,
        { field: 'name', type: 'string', schema: { is_unique: true }, meta: { interface: 'input' } },
      ],
    },
    {
      collection: 'articles_tags',
      meta: { hidden: true, icon: 'import_export' },
      fields: [
        { ...id, meta: { hidden: true } },
        { field: 'articles_id', type: 'integer', meta: { hidden: true } },
        { field: 'tags_id', type: 'integer', meta: { hidden: true } },
      ],
    },
  ]);
  await call('POST', '/relations', {
    collection: 'articles',
    field: 'author',
    related_collection: 'authors',
    schema: { on_delete: 'SET NULL' },
    meta: { one_field: 'articles' },
  });
  await call('POST', '/relations', {
    collection: 'articles_tags',
    field: 'articles_id',
    related_collection: 'articles',
    schema: { on_delete: 'CASCADE' },
    meta: { one_field: 'tags', junction_field: 'tags_id', one_deselect_action: 'delete' },
  });
  await call('POST', '/relations', {
    collection: 'articles_tags',
    field: 'tags_id',
    related_collection: 'tags',
    schema: { on_delete: 'CASCADE' },
    meta: { junction_field: 'articles_id' },
  });
}

const TEMPLATE_FILE = path.join(__dirname, '..', '..', 'tenants', 'templates', 'blog.json');

/** Snapshots, diff and apply between projects, and provisioning from a template. */
describe('schema snapshot, diff and apply', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const call = (project: string, method: string, url: string, body?: unknown) =>
    t.request(method, `/${project}${url}`, {
      token: tokens[project],
      ...(body === undefined ? {} : { body }),
    });
  const login = async (project: string) => {
    const res = await t.request('POST', `/${project}/auth/login`, {
      body: { email: `admin@${project}.test`, password: 'password-123' },
    });
    assert.equal(res.status, 200, res.text);
    tokens[project] = res.body.data.access_token;
  };
  const snapshotOf = async (project: string) => {
    const res = await call(project, 'GET', '/schema/snapshot');
    assert.equal(res.status, 200, res.text);
    return res.body.data;
  };

  before(async () => {
    t = await TestApp.start();
    await t.createProject('alpha');
    await t.createProject('beta');
    await login('alpha');
    await login('beta');
    await buildBlogSchema(t, 'alpha', tokens.alpha);
  });
  after(async () => {
    await t?.close();
  });

  it('exports the snapshot as data, JSON and YAML', async () => {
    const snapshot = await snapshotOf('alpha');
    assert.equal(snapshot.version, 1);
    assert.equal(snapshot.vendor, 'postgres');
    assert.deepEqual(
      snapshot.collections.map((c: { collection: string }) => c.collection),
      ['articles', 'articles_tags', 'authors', 'tags'],
    );
    assert.equal(snapshot.relations.length, 3);
    const json = await call('alpha', 'GET', '/schema/snapshot?export=json');
    assert.equal(json.status, 200);
    assert.match(String(json.headers['content-disposition']), /attachment; filename=".*\.json"/);
    assert.deepEqual(JSON.parse(json.text), snapshot);
    const yaml = await call('alpha', 'GET', '/schema/snapshot?export=yaml');
    assert.equal(yaml.status, 200);
    assert.match(String(yaml.headers['content-disposition']), /\.yaml"/);
    assert.deepEqual(parse(yaml.text), snapshot);
    // The committed template is this snapshot: regenerate it with ATRIUM_WRITE_TEMPLATE=1.
    if (process.env.ATRIUM_WRITE_TEMPLATE === '1') {
      writeFileSync(TEMPLATE_FILE, `${JSON.stringify(snapshot, null, 2)}\n`);
    }
    const committed = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    assert.deepEqual({ ...committed, directus: snapshot.directus }, snapshot);
  });

  it('answers 204 to a diff against itself', async () => {
    const res = await call('alpha', 'POST', '/schema/diff', await snapshotOf('alpha'));
    assert.equal(res.status, 204, res.text);
  });

  it('diffs a YAML snapshot sent back as it was exported, and refuses broken YAML', async () => {
    const yaml = await call('alpha', 'GET', '/schema/snapshot?export=yaml');
    const same = await t.request('POST', '/beta/schema/diff', {
      token: tokens.beta,
      rawBody: yaml.text,
      headers: { 'content-type': 'application/yaml' },
    });
    assert.equal(same.status, 200, same.text);
    assert.ok(same.body.data.diff.collections.length > 0);
    const broken = await t.request('POST', '/beta/schema/diff', {
      token: tokens.beta,
      rawBody: 'collections: [unclosed',
      headers: { 'content-type': 'text/yaml' },
    });
    assert.equal(broken.status, 400);
    assert.equal(broken.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
  });

  it('refuses another version unless forced, and a stale hash', async () => {
    const snapshot = { ...(await snapshotOf('alpha')), directus: '0.0.1' };
    const refused = await call('beta', 'POST', '/schema/diff', snapshot);
    assert.equal(refused.status, 400);
    const forced = await call('beta', 'POST', '/schema/diff?force=true', snapshot);
    assert.equal(forced.status, 200, forced.text);
    const stale = await call('beta', 'POST', '/schema/apply', {
      hash: 'x'.repeat(64),
      diff: forced.body.data.diff,
    });
    assert.equal(stale.status, 400);
    assert.equal(errorCode(stale), 'INVALID_PAYLOAD');
  });

  it('applies project A to project B: the snapshots are identical', async () => {
    const source = await snapshotOf('alpha');
    const diff = await call('beta', 'POST', '/schema/diff', source);
    assert.equal(diff.status, 200, diff.text);
    assert.match(diff.body.data.hash, /^[0-9a-f]{64}$/);
    const applied = await call('beta', 'POST', '/schema/apply', diff.body.data);
    assert.equal(applied.status, 204, applied.text);
    assert.deepEqual(await snapshotOf('beta'), source);
    assert.equal((await call('beta', 'POST', '/schema/diff', source)).status, 204);
    const fks = await tenantRows(
      t,
      'beta',
      "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname NOT LIKE 'directus%' AND conname NOT LIKE 'atrium%' ORDER BY 1",
    );
    assert.deepEqual(
      fks.map((row) => row.conname),
      ['articles_author_foreign', 'articles_tags_articles_id_foreign', 'articles_tags_tags_id_foreign'],
    );
  });

  it('applies removals and edits in one transaction', async () => {
    const target = structuredClone(await snapshotOf('beta'));
    target.collections = target.collections.filter((c: { collection: string }) => c.collection !== 'tags');
    target.fields = target.fields.filter((f: { collection: string }) => f.collection !== 'tags');
    target.relations = target.relations.filter((r: { field: string }) => r.field !== 'tags_id');
    // The junction's column stays, without its foreign key.
    const tagsId = target.fields.find((f: { field: string }) => f.field === 'tags_id');
    Object.assign(tagsId.schema, { foreign_key_table: null, foreign_key_column: null });
    const body = target.fields.find((f: { field: string }) => f.field === 'body');
    body.meta.note = 'Markdown';
    const diff = await call('beta', 'POST', '/schema/diff', target);
    assert.equal(diff.status, 200, diff.text);
    const applied = await call('beta', 'POST', '/schema/apply', diff.body.data);
    assert.equal(applied.status, 204, applied.text);
    assert.deepEqual(await snapshotOf('beta'), target);
  });

  it('provisions a project from the blog template', async () => {
    await t.createProject('gamma', { template: 'blog' });
    await login('gamma');
    const collections = await call('gamma', 'GET', '/collections');
    const names = collections.body.data.map((c: { collection: string }) => c.collection);
    for (const name of ['authors', 'articles', 'tags', 'articles_tags'])
      assert.ok(names.includes(name), name);
    const tags = await call('gamma', 'GET', '/fields/articles/tags');
    assert.equal(tags.body.data.type, 'alias');
    assert.deepEqual(tags.body.data.meta.special, ['m2m']);
    const status = await call('gamma', 'GET', '/fields/articles/status');
    assert.equal(status.body.data.schema.default_value, 'draft');
  });

  it('provisions from a snapshot object, and refuses bad templates without leaving a project', async () => {
    await t.createProject('delta', { template: await snapshotOf('alpha') });
    await login('delta');
    assert.deepEqual(await snapshotOf('delta'), await snapshotOf('alpha'));
    for (const template of ['../etc/passwd', 'nope', 42]) {
      const res = await t.admin('POST', '/server/projects', {
        body: { project: 'epsilon', admin_email: 'a@epsilon.test', admin_password: 'password-123', template },
      });
      assert.equal(res.status, 400, `${String(template)}: ${res.text}`);
    }
    const broken = structuredClone(await snapshotOf('alpha'));
    broken.fields.find((f: { field: string }) => f.field === 'title').type = 'geometry';
    const failed = await t.admin('POST', '/server/projects', {
      body: {
        project: 'epsilon',
        admin_email: 'a@epsilon.test',
        admin_password: 'password-123',
        template: broken,
      },
    });
    assert.equal(failed.status, 400, failed.text);
    assert.equal((await t.admin('GET', '/server/projects/epsilon')).status, 404);
  });
});
