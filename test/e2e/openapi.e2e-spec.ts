import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import * as ts from 'typescript';
import { giveStaticToken, projectWithAdmin } from '../system-data/system-data-fixture';
import { TestApp } from '../support/test-app';

type Document = {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

const READER_TOKEN = 'oas-a-reader-token';

/** Every operation key used in the document's paths. */
const methods = (doc: Document) => new Set(Object.values(doc.paths).flatMap((item) => Object.keys(item)));

/**
 * `/:project/server/specs/oas` per project and caller: generated from the schema and the caller's
 * permissions, valid OpenAPI 3 (swagger-parser), and usable by a generated client (openapi-typescript).
 */
describe('per-project OpenAPI documents', () => {
  let t: TestApp;
  let adminA: string;
  let adminB: string;

  const spec = async (project: string, token?: string): Promise<Document> => {
    const res = await t.request('GET', `/${project}/server/specs/oas`, { token });
    assert.equal(res.status, 200, res.text);
    return res.body as Document;
  };
  const ok = async (project: string, token: string, method: string, url: string, body?: unknown) => {
    const res = await t.request(method, `/${project}${url}`, { token, body });
    assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${res.text}`);
    return res;
  };

  before(async () => {
    t = await TestApp.start();
    adminA = await projectWithAdmin(t, 'oas-a');
    adminB = await projectWithAdmin(t, 'oas-b');
    const id = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };
    await ok('oas-a', adminA, 'POST', '/collections', {
      collection: 'authors',
      fields: [id, { field: 'name', type: 'string', schema: {} }],
    });
    await ok('oas-a', adminA, 'POST', '/collections', {
      collection: 'articles',
      meta: { note: 'What we publish' },
      fields: [
        id,
        { field: 'title', type: 'string', schema: { is_nullable: false } },
        { field: 'views', type: 'integer', schema: {} },
        { field: 'price', type: 'decimal', schema: {} },
        { field: 'published_at', type: 'timestamp', schema: {} },
        { field: 'author', type: 'integer', meta: { special: ['m2o'] }, schema: {} },
      ],
    });
    await ok('oas-a', adminA, 'POST', '/relations', {
      collection: 'articles',
      field: 'author',
      related_collection: 'authors',
      meta: { one_field: 'articles' },
    });
    await ok('oas-b', adminB, 'POST', '/collections', {
      collection: 'products',
      fields: [
        { field: 'sku', type: 'string', schema: { is_primary_key: true } },
        { field: 'stock', type: 'integer', schema: {} },
      ],
    });
    const role = (await ok('oas-a', adminA, 'POST', '/roles', { name: 'Reader' })).body.data.id;
    const policy = (await ok('oas-a', adminA, 'POST', '/policies', { name: 'Read titles', app_access: true }))
      .body.data.id;
    await ok('oas-a', adminA, 'POST', '/access', { role, policy });
    await ok('oas-a', adminA, 'POST', '/permissions', {
      policy,
      collection: 'articles',
      action: 'read',
      fields: ['id', 'title'],
    });
    await ok('oas-a', adminA, 'POST', '/permissions', {
      policy,
      collection: 'articles',
      action: 'create',
      fields: ['title'],
    });
    await ok('oas-a', adminA, 'POST', '/users', {
      email: 'reader@oas-a.test',
      password: 'reader-password-1',
      role,
    });
    await giveStaticToken(t, 'oas-a', 'reader@oas-a.test', READER_TOKEN);
  });
  after(async () => {
    await t?.close();
  });

  it('differs between projects, follows the schema, and validates', async () => {
    const a = await spec('oas-a', adminA);
    const b = await spec('oas-b', adminB);
    assert.ok(a.paths['/items/articles'] && a.paths['/items/articles/{id}'] && a.paths['/items/authors']);
    assert.equal(a.paths['/items/products'], undefined);
    assert.ok(b.paths['/items/products/{id}']);
    assert.equal(b.paths['/items/articles'], undefined);
    assert.equal(a.paths['/items/{collection}'], undefined, 'no generic item paths');
    assert.deepEqual(Object.keys(a.paths['/items/articles']).sort(), ['delete', 'get', 'patch', 'post']);
    const articles = a.components.schemas.ItemsArticles.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(articles).sort(), [
      'author',
      'id',
      'price',
      'published_at',
      'title',
      'views',
    ]);
    assert.equal(articles.title.type, 'string');
    assert.equal(articles.title.nullable, undefined);
    assert.deepEqual(articles.price, { type: 'string', format: 'decimal', nullable: true });
    assert.equal(articles.published_at.format, 'date-time');
    assert.deepEqual(articles.author.oneOf, [
      { type: 'integer' },
      { $ref: '#/components/schemas/ItemsAuthors' },
    ]);
    const authors = a.components.schemas.ItemsAuthors.properties as Record<string, Record<string, unknown>>;
    assert.equal(authors.articles.type, 'array');
    const sku = (b.paths['/items/products/{id}'] as { parameters: Array<{ schema: unknown }> }).parameters[0];
    assert.deepEqual(sku.schema, { type: 'string' });
    for (const doc of [a, b]) {
      assert.ok(!methods(doc).has('search'), 'SEARCH is described on GET, not as an operation');
      await SwaggerParser.validate(structuredClone(doc) as never);
    }
  });

  it('lists only what the caller may read and do', async () => {
    const reader = await spec('oas-a', READER_TOKEN);
    assert.deepEqual(Object.keys(reader.paths['/items/articles']).sort(), ['get', 'post']);
    assert.deepEqual(Object.keys(reader.paths['/items/articles/{id}']).sort(), ['get', 'parameters']);
    assert.equal(reader.paths['/items/authors'], undefined);
    assert.deepEqual(Object.keys(reader.components.schemas.ItemsArticles.properties ?? {}).sort(), [
      'id',
      'title',
    ]);
    assert.equal(reader.components.schemas.ItemsAuthors, undefined);
    const post = reader.paths['/items/articles'].post as {
      requestBody: { content: { 'application/json': { schema: { oneOf: Array<{ properties?: object }> } } } };
    };
    assert.deepEqual(
      Object.keys(post.requestBody.content['application/json'].schema.oneOf[0].properties ?? {}),
      ['title'],
    );
    assert.deepEqual(
      Object.keys(reader.paths['/users']),
      ['get'],
      'the reader may list (itself) but not create users',
    );
    await SwaggerParser.validate(structuredClone(reader) as never);

    const anonymous = await spec('oas-a');
    assert.ok(!Object.keys(anonymous.paths).some((route) => route.startsWith('/items/')));
    assert.equal(anonymous.paths['/users'], undefined);
    assert.ok(anonymous.paths['/server/ping'] && anonymous.paths['/auth/login']);
  });

  it('follows schema and permission changes (the cache is keyed by both)', async () => {
    await ok('oas-a', adminA, 'POST', '/fields/articles', { field: 'subtitle', type: 'string' });
    assert.ok((await spec('oas-a', adminA)).components.schemas.ItemsArticles.properties?.subtitle);
    const [permission] = (
      await ok(
        'oas-a',
        adminA,
        'GET',
        '/permissions?filter[collection][_eq]=articles&filter[action][_eq]=read&fields=id',
      )
    ).body.data;
    await ok('oas-a', adminA, 'PATCH', `/permissions/${permission.id}`, { fields: ['id', 'title', 'views'] });
    assert.deepEqual(
      Object.keys(
        (await spec('oas-a', READER_TOKEN)).components.schemas.ItemsArticles.properties ?? {},
      ).sort(),
      ['id', 'title', 'views'],
    );
  });

  it('serves an interactive reference per project and for the platform, from this origin', async () => {
    for (const url of ['/server/specs/docs', '/oas-a/server/specs/docs']) {
      const page = await t.request('GET', url);
      assert.equal(page.status, 200, url);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(scripts.length, 2);
      for (const asset of [...scripts, /href="([^"]+\.css[^"]*)"/.exec(page.text)?.[1] ?? '']) {
        const res = await t.request('GET', asset);
        assert.equal(res.status, 200, asset);
        assert.match(String(res.headers['cache-control']), /immutable/);
      }
    }
    assert.equal((await t.request('GET', '/nosuch/server/specs/docs')).status, 404);
    assert.equal((await t.request('GET', '/server/specs/docs/assets/package.json')).status, 404);
    assert.equal((await t.request('GET', '/server/specs/docs/assets/..%2Fpackage.json')).status, 404);
  });

  it('generates a client (openapi-typescript) that type-checks a sample call and rejects a wrong one', async () => {
    // ESM only: loaded through require(esm), which Node 20.19+ does without a flag.
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const types = astToString(await openapiTS(structuredClone(await spec('oas-a', adminA)) as never));
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-oas-'));
    try {
      writeFileSync(path.join(dir, 'schema.ts'), types);
      writeFileSync(
        path.join(dir, 'sample.ts'),
        [
          "import type { components, paths } from './schema';",
          "type List = paths['/items/articles']['get']['responses']['200']['content']['application/json'];",
          "type Create = NonNullable<paths['/items/articles']['post']['requestBody']>['content']['application/json'];",
          "export const listed: List = { data: [{ id: 1, title: 'Hello', price: '9.90', author: { id: 2, name: 'Ann' } }], meta: { filter_count: 1 } };",
          "export const created: Create = [{ title: 'New' }];",
          "export const title: components['schemas']['ItemsArticles']['title'] = 'x';",
          '// @ts-expect-error views is an integer',
          "export const wrong: List = { data: [{ id: 1, views: 'many' }] };",
        ].join('\n'),
      );
      const program = ts.createProgram([path.join(dir, 'sample.ts')], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
