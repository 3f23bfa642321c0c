import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { errorCode, giveStaticToken, tenantRows } from '../system-data/system-data-fixture';

/** Collections, fields and relations through the HTTP API only, checked against the PostgreSQL catalog. */
describe('schema API: collections, fields, relations', () => {
  let t: TestApp;
  let token: string;
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/blog${url}`, { token, ...(body === undefined ? {} : { body }) });
  const columns = (table: string) =>
    tenantRows<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
    }>(
      t,
      'blog',
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY column_name`,
      [table],
    );
  const foreignKeys = () =>
    tenantRows<{ name: string; table: string; column: string; target: string; on_delete: string }>(
      t,
      'blog',
      `SELECT c.conname AS name, t.relname AS table, a.attname AS column, r.relname AS target,
              c.confdeltype AS on_delete
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND t.relnamespace = 'public'::regnamespace AND t.relname NOT LIKE 'directus_%'
          AND t.relname NOT LIKE 'atrium\\_%'
        ORDER BY t.relname, a.attname`,
    );
  /** Everything about user tables the catalog knows, to prove a failed change left nothing behind. */
  const catalog = async () =>
    JSON.stringify(
      await tenantRows(
        t,
        'blog',
        `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'directus_%'
          ORDER BY table_name, column_name`,
      ),
    ) +
    JSON.stringify(await foreignKeys()) +
    JSON.stringify(
      await tenantRows(t, 'blog', 'SELECT collection, field, special FROM directus_fields ORDER BY 1, 2'),
    ) +
    JSON.stringify(await tenantRows(t, 'blog', 'SELECT collection FROM directus_collections ORDER BY 1')) +
    JSON.stringify(
      await tenantRows(t, 'blog', 'SELECT many_collection, many_field FROM directus_relations ORDER BY 1, 2'),
    );

  before(async () => {
    t = await TestApp.start();
    await t.createProject('blog');
    const login = await t.request('POST', '/blog/auth/login', {
      body: { email: 'admin@blog.test', password: 'password-123' },
    });
    assert.equal(login.status, 200, login.text);
    token = login.body.data.access_token;
  });
  after(async () => {
    await t?.close();
  });

  it('creates a collection without fields with an auto-increment id', async () => {
    const res = await call('POST', '/collections', { collection: 'authors', meta: { icon: 'person' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.collection, 'authors');
    assert.equal(res.body.data.meta.icon, 'person');
    assert.deepEqual(res.body.data.schema, { name: 'authors', comment: null });
    const cols = await columns('authors');
    assert.deepEqual(
      cols.map((c) => [c.column_name, c.data_type]),
      [['id', 'integer']],
    );
    assert.match(cols[0].column_default ?? '', /^nextval\(/);
    const id = await call('GET', '/fields/authors/id');
    assert.equal(id.status, 200);
    assert.equal(id.body.data.type, 'integer');
    assert.equal(id.body.data.schema.is_primary_key, true);
    assert.equal(id.body.data.schema.has_auto_increment, true);
    assert.equal(id.body.data.meta.hidden, true);
  });

  it('adds fields to it', async () => {
    const name = await call('POST', '/fields/authors', {
      field: 'name',
      type: 'string',
      schema: { is_nullable: false, max_length: 120 },
      meta: { interface: 'input', required: true },
    });
    assert.equal(name.status, 200, name.text);
    assert.equal(name.body.data.schema.max_length, 120);
    assert.equal(name.body.data.schema.is_nullable, false);
    assert.equal(name.body.data.meta.required, true);
    const email = await call('POST', '/fields/authors', {
      field: 'email',
      type: 'string',
      schema: { is_unique: true },
    });
    assert.equal(email.status, 200, email.text);
    assert.equal(email.body.data.schema.is_unique, true);
  });

  it('creates a collection with fields, a uuid key and an m2o relation', async () => {
    const res = await call('POST', '/collections', {
      collection: 'articles',
      schema: { comment: 'Blog posts' },
      meta: { note: 'Posts' },
      fields: [
        {
          field: 'id',
          type: 'uuid',
          schema: { is_primary_key: true },
          meta: { hidden: true, special: ['uuid'] },
        },
        { field: 'title', type: 'string', schema: { is_nullable: false }, meta: { interface: 'input' } },
        { field: 'body', type: 'text' },
        { field: 'status', type: 'string', schema: { default_value: 'draft' } },
        { field: 'published_at', type: 'timestamp' },
        { field: 'author', type: 'integer', meta: { special: ['m2o'], interface: 'select-dropdown-m2o' } },
        { field: 'keywords', type: 'csv' },
      ],
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.schema.comment, 'Blog posts');
    const relation = await call('POST', '/relations', {
      collection: 'articles',
      field: 'author',
      related_collection: 'authors',
      schema: { on_delete: 'CASCADE' },
      meta: { one_field: 'articles' },
    });
    assert.equal(relation.status, 200, relation.text);
    assert.equal(relation.body.data.related_collection, 'authors');
    assert.equal(relation.body.data.schema.on_delete, 'CASCADE');
    assert.equal(relation.body.data.meta.one_field, 'articles');
    const alias = await call('GET', '/fields/authors/articles');
    assert.equal(alias.status, 200, alias.text);
    assert.equal(alias.body.data.type, 'alias');
    assert.deepEqual(alias.body.data.meta.special, ['o2m']);
    assert.equal(alias.body.data.schema, null);
  });

  it('builds tags with an m2m junction', async () => {
    const tags = await call('POST', '/collections', {
      collection: 'tags',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'name', type: 'string' },
      ],
    });
    assert.equal(tags.status, 200, tags.text);
    const junction = await call('POST', '/collections', {
      collection: 'articles_tags',
      meta: { hidden: true },
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'articles_id', type: 'uuid' },
        { field: 'tags_id', type: 'integer' },
      ],
    });
    assert.equal(junction.status, 200, junction.text);
    const alias = await call('POST', '/fields/articles', {
      field: 'tags',
      type: 'alias',
      meta: { special: ['m2m'], interface: 'list-m2m' },
    });
    assert.equal(alias.status, 200, alias.text);
    const toArticles = await call('POST', '/relations', {
      collection: 'articles_tags',
      field: 'articles_id',
      related_collection: 'articles',
      meta: { one_field: 'tags', junction_field: 'tags_id' },
      schema: { on_delete: 'CASCADE' },
    });
    assert.equal(toArticles.status, 200, toArticles.text);
    const toTags = await call('POST', '/relations', {
      collection: 'articles_tags',
      field: 'tags_id',
      related_collection: 'tags',
      meta: { junction_field: 'articles_id' },
      schema: { on_delete: 'CASCADE' },
    });
    assert.equal(toTags.status, 200, toTags.text);
  });

  it('creates a singleton and a folder', async () => {
    const home = await call('POST', '/collections', {
      collection: 'home',
      meta: { singleton: true },
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'headline', type: 'string' },
      ],
    });
    assert.equal(home.status, 200, home.text);
    assert.equal(home.body.data.meta.singleton, true);
    const folder = await call('POST', '/collections', { collection: 'content', schema: null, meta: {} });
    assert.equal(folder.status, 200, folder.text);
    assert.equal(folder.body.data.schema, null);
    const moved = await call('PATCH', '/collections/articles', { meta: { group: 'content' } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.data.meta.group, 'content');
  });

  it('left the catalog as the blog schema says', async () => {
    assert.deepEqual(
      (await columns('articles')).map((c) => [c.column_name, c.data_type, c.is_nullable]),
      [
        ['author', 'integer', 'YES'],
        ['body', 'text', 'YES'],
        ['id', 'uuid', 'NO'],
        ['keywords', 'text', 'YES'],
        ['published_at', 'timestamp with time zone', 'YES'],
        ['status', 'character varying', 'YES'],
        ['title', 'character varying', 'NO'],
      ],
    );
    const status = (await columns('articles')).find((c) => c.column_name === 'status');
    assert.match(status?.column_default ?? '', /'draft'/);
    assert.deepEqual(
      (await foreignKeys()).map((fk) => [fk.table, fk.column, fk.target, fk.on_delete]),
      [
        ['articles', 'author', 'authors', 'c'],
        ['articles_tags', 'articles_id', 'articles', 'c'],
        ['articles_tags', 'tags_id', 'tags', 'c'],
      ],
    );
    const fields = await call('GET', '/fields/articles');
    assert.equal(fields.status, 200);
    const byName = Object.fromEntries(fields.body.data.map((f: { field: string }) => [f.field, f]));
    assert.deepEqual(Object.keys(byName).sort(), [
      'author',
      'body',
      'id',
      'keywords',
      'published_at',
      'status',
      'tags',
      'title',
    ]);
    assert.equal(byName.keywords.type, 'csv');
    assert.deepEqual(byName.keywords.meta.special, ['cast-csv']);
    assert.equal(byName.status.schema.default_value, 'draft');
    assert.equal(byName.author.schema.foreign_key_table, 'authors');
    assert.equal(byName.tags.type, 'alias');
    assert.equal(byName.published_at.type, 'timestamp');
    const all = await call('GET', '/fields');
    assert.ok(all.body.data.some((f: { collection: string }) => f.collection === 'directus_users'));
    const relations = await call('GET', '/relations/articles_tags');
    assert.equal(relations.body.data.length, 2);
  });

  it('refuses dangerous identifiers with a reason and leaves the catalog unchanged', async () => {
    const before = await catalog();
    const names = ['a"b', 'a;b', 'pg_catalog.pg_authid', 'directus_users', 'select', 'x'.repeat(64), 'Upper'];
    for (const name of names) {
      const collection = await call('POST', '/collections', { collection: name });
      assert.equal(collection.status, 400, `collection ${name}: ${collection.text}`);
      assert.equal(errorCode(collection), 'INVALID_PAYLOAD');
      assert.ok(collection.body.errors[0].extensions.reason, name);
      const field = await call('POST', '/fields/articles', { field: name, type: 'string' });
      if (name === 'directus_users') continue; // a field may be called that (only collections are reserved)
      assert.equal(field.status, 400, `field ${name}: ${field.text}`);
      assert.equal(errorCode(field), 'INVALID_PAYLOAD');
    }
    await call('DELETE', '/fields/articles/directus_users');
    // A bad field inside a collection create makes nothing at all.
    const partial = await call('POST', '/collections', {
      collection: 'half',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true } },
        { field: 'a;b', type: 'string' },
      ],
    });
    assert.equal(partial.status, 400);
    const batch = await call('POST', '/collections', [{ collection: 'fine_one' }, { collection: 'select' }]);
    assert.equal(batch.status, 400);
    assert.equal(await catalog(), before);
  });

  it('refuses invalid type changes with a reason and leaves the catalog unchanged', async () => {
    const before = await catalog();
    const toBool = await call('PATCH', '/fields/articles/published_at', { type: 'boolean' });
    assert.equal(toBool.status, 400, toBool.text);
    assert.equal(errorCode(toBool), 'INVALID_PAYLOAD');
    assert.ok(toBool.body.errors[0].extensions.reason);
    const unknown = await call('PATCH', '/fields/articles/body', { type: 'geometry' });
    assert.equal(unknown.status, 400);
    const pk = await call('PATCH', '/fields/articles/id', { type: 'integer' });
    assert.equal(pk.status, 400, pk.text);
    // Data that doesn't convert: PostgreSQL's failure becomes a 400 and the transaction rolls back.
    await tenantRows(t, 'blog', "INSERT INTO tags (name) VALUES ('not a number')");
    const cast = await call('PATCH', '/fields/tags/name', { type: 'integer' });
    assert.equal(cast.status, 400, cast.text);
    assert.equal(errorCode(cast), 'INVALID_PAYLOAD');
    await tenantRows(t, 'blog', 'INSERT INTO tags (name) VALUES (NULL)');
    const notNull = await call('PATCH', '/fields/tags/name', { schema: { is_nullable: false } });
    assert.equal(notNull.status, 400, notNull.text);
    assert.equal(errorCode(notNull), 'CONTAINS_NULL_VALUES');
    // A batch with one bad change makes none of them.
    const batch = await call('PATCH', '/fields/articles', [
      { field: 'body', meta: { note: 'changed' } },
      { field: 'published_at', type: 'boolean' },
    ]);
    assert.equal(batch.status, 400);
    assert.equal(await catalog(), before);
    await tenantRows(t, 'blog', 'DELETE FROM tags');
  });

  it('changes types, schema options and meta, one field or a batch', async () => {
    const widened = await call('PATCH', '/fields/authors/name', {
      type: 'text',
      meta: { note: 'Full name' },
    });
    assert.equal(widened.status, 200, widened.text);
    assert.equal(widened.body.data.type, 'text');
    assert.equal(widened.body.data.meta.note, 'Full name');
    const batch = await call('PATCH', '/fields/articles', [
      { field: 'body', meta: { note: 'Markdown' } },
      { field: 'status', schema: { max_length: 20, default_value: 'review' } },
    ]);
    assert.equal(batch.status, 200, batch.text);
    assert.equal(batch.body.data.length, 2);
    assert.equal(batch.body.data[1].schema.max_length, 20);
    assert.equal(batch.body.data[1].schema.default_value, 'review');
    const onDelete = await call('PATCH', '/relations/articles/author', { schema: { on_delete: 'SET NULL' } });
    assert.equal(onDelete.status, 200, onDelete.text);
    assert.equal(onDelete.body.data.schema.on_delete, 'SET NULL');
    const fk = (await foreignKeys()).find((row) => row.column === 'author');
    assert.equal(fk?.on_delete, 'n');
  });

  it('turns an m2o into a two-way relation by naming its o2m alias in PATCH /relations', async () => {
    const alias = await call('POST', '/fields/authors', {
      field: 'written',
      type: 'alias',
      meta: { special: ['o2m'] },
    });
    assert.equal(alias.status, 200, alias.text);
    const original = (await call('GET', '/relations/articles/author')).body.data.meta.one_field;
    const patched = await call('PATCH', '/relations/articles/author', { meta: { one_field: 'written' } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.data.meta.one_field, 'written');
    const after = await call('GET', '/items/authors?fields=id,written');
    assert.equal(after.status, 200, after.text);
    for (const row of after.body.data) assert.ok(Array.isArray(row.written), JSON.stringify(row));
    // Back as it was, for the tests after this one.
    const restored = await call('PATCH', '/relations/articles/author', { meta: { one_field: original } });
    assert.equal(restored.status, 200, restored.text);
    assert.equal((await call('DELETE', '/fields/authors/written')).status, 204);
  });

  it('answers 403 for what does not exist', async () => {
    for (const [method, url] of [
      ['GET', '/collections/nope'],
      ['PATCH', '/collections/nope'],
      ['DELETE', '/collections/nope'],
      ['GET', '/fields/nope'],
      ['GET', '/fields/articles/nope'],
      ['PATCH', '/fields/articles/nope'],
      ['DELETE', '/fields/articles/nope'],
      ['GET', '/relations/articles/title'],
      ['DELETE', '/relations/articles/title'],
    ]) {
      const res = await call(method, url, method === 'PATCH' ? { meta: {} } : undefined);
      assert.equal(res.status, 403, `${method} ${url}: ${res.text}`);
      assert.equal(errorCode(res), 'FORBIDDEN');
    }
  });

  it('lists system collections and refuses to change them', async () => {
    const list = await call('GET', '/collections');
    const names = list.body.data.map((c: { collection: string }) => c.collection);
    assert.ok(names.includes('directus_users'));
    assert.ok(names.includes('articles'));
    const users = list.body.data.find((c: { collection: string }) => c.collection === 'directus_users');
    assert.equal(users.meta.system, true);
    for (const [method, url, body] of [
      ['PATCH', '/collections/directus_users', { meta: { note: 'x' } }],
      ['DELETE', '/collections/directus_users', undefined],
      ['POST', '/fields/directus_users', { field: 'nickname', type: 'string' }],
      ['PATCH', '/fields/directus_users/email', { meta: { note: 'x' } }],
      ['DELETE', '/fields/directus_users/email', undefined],
    ] as const) {
      const res = await call(method, url, body);
      assert.equal(res.status, 403, `${method} ${url}: ${res.text}`);
    }
  });

  it('refuses non-admins (403) and other projects\u2019 tokens (403 INVALID_TOKEN)', async () => {
    const role = await call('POST', '/roles', { name: 'Writer' });
    const user = await call('POST', '/users', {
      email: 'writer@blog.test',
      password: 'password-123',
      role: role.body.data.id,
    });
    assert.equal(user.status, 200, user.text);
    await giveStaticToken(t, 'blog', 'writer@blog.test', 'writer-static-token');
    for (const [method, url] of [
      ['GET', '/collections'],
      ['GET', '/fields'],
      ['GET', '/relations'],
      ['POST', '/collections'],
      ['GET', '/schema/snapshot'],
    ]) {
      const res = await t.request(method, `/blog${url}`, {
        token: 'writer-static-token',
        ...(method === 'POST' ? { body: { collection: 'nope' } } : {}),
      });
      assert.equal(res.status, 403, `${method} ${url}`);
    }
    await t.createProject('other');
    const res = await t.request('GET', '/other/collections', { token });
    assert.equal(res.status, 403);
    assert.equal(errorCode(res), 'INVALID_TOKEN');
  });

  it('deletes fields, relations and collections with everything recorded about them', async () => {
    const rel = await call('DELETE', '/relations/articles/author');
    assert.equal(rel.status, 204, rel.text);
    assert.equal(
      (await foreignKeys()).some((fk) => fk.column === 'author'),
      false,
    );
    assert.equal((await call('GET', '/fields/authors/articles')).status, 403);
    const field = await call('DELETE', '/fields/articles/keywords');
    assert.equal(field.status, 204, field.text);
    assert.equal(
      (await columns('articles')).some((c) => c.column_name === 'keywords'),
      false,
    );
    // Dropping a collection that others point at drops their foreign keys first.
    const tags = await call('DELETE', '/collections/tags');
    assert.equal(tags.status, 204, tags.text);
    assert.deepEqual(await columns('tags'), []);
    assert.equal(
      (await foreignKeys()).some((fk) => fk.target === 'tags'),
      false,
    );
    const junction = await call('DELETE', '/collections/articles_tags');
    assert.equal(junction.status, 204);
    assert.equal((await call('GET', '/fields/articles/tags')).status, 403);
    const meta = await tenantRows(
      t,
      'blog',
      "SELECT 1 FROM directus_relations WHERE many_collection = 'articles_tags'",
    );
    assert.equal(meta.length, 0);
    // Re-created under the same name, it inherits nothing.
    const again = await call('POST', '/collections', { collection: 'tags' });
    assert.equal(again.status, 200);
    assert.equal(again.body.data.meta.icon, null);
  });
});
