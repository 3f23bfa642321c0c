import assert from 'node:assert/strict';
import type { TestApp, TestResponse } from '../support/test-app';

export type Caller = (method: string, url: string, body?: unknown) => Promise<TestResponse>;

/** Signs in as the project's first admin and returns a caller bound to `/<key>` with that token. */
export async function adminCaller(t: TestApp, key: string): Promise<{ call: Caller; ok: Caller }> {
  const login = await t.request('POST', `/${key}/auth/login`, {
    body: { email: `admin@${key}.test`, password: 'password-123' },
  });
  assert.equal(login.status, 200, login.text);
  const token = login.body.data.access_token as string;
  const call: Caller = (method, url, body) =>
    t.request(method, `/${key}${url}`, { token, ...(body === undefined ? {} : { body }) });
  const ok: Caller = async (method, url, body) => {
    const res = await call(method, url, body);
    assert.ok(res.status === 200 || res.status === 204, `${method} ${url}: ${res.status} ${res.text}`);
    return res;
  };
  return { call, ok };
}

/** An auto-incremented integer primary key named `id`, as a field of `POST /collections`. */
export const idField = {
  field: 'id',
  type: 'integer',
  schema: { is_primary_key: true, has_auto_increment: true },
};

/**
 * Builds the blog schema through the API, as an admin would: authors ←m2o/o2m→ articles ←m2o/o2m→ comments,
 * and articles ←m2m→ tags through `articles_tags` (deselected junction rows are deleted).
 */
export async function createBlogSchema(ok: Caller): Promise<void> {
  await ok('POST', '/collections', {
    collection: 'authors',
    fields: [idField, { field: 'name', type: 'string', schema: {} }],
  });
  await ok('POST', '/collections', {
    collection: 'articles',
    fields: [
      idField,
      { field: 'title', type: 'string', schema: {} },
      { field: 'status', type: 'string', schema: {} },
      { field: 'views', type: 'integer', schema: {} },
      { field: 'rating', type: 'decimal', schema: { numeric_precision: 5, numeric_scale: 2 } },
      { field: 'published_at', type: 'timestamp', schema: {} },
      { field: 'author', type: 'integer', schema: {} },
    ],
  });
  await ok('POST', '/fields/authors', { field: 'articles', type: 'alias', meta: { special: ['o2m'] } });
  await ok('POST', '/relations', {
    collection: 'articles',
    field: 'author',
    related_collection: 'authors',
    meta: { one_field: 'articles' },
  });
  await ok('POST', '/collections', {
    collection: 'comments',
    fields: [
      idField,
      { field: 'article', type: 'integer', schema: {} },
      { field: 'body', type: 'string', schema: {} },
      { field: 'score', type: 'integer', schema: {} },
    ],
  });
  await ok('POST', '/fields/articles', { field: 'comments', type: 'alias', meta: { special: ['o2m'] } });
  await ok('POST', '/relations', {
    collection: 'comments',
    field: 'article',
    related_collection: 'articles',
    meta: { one_field: 'comments' },
  });
  await ok('POST', '/collections', {
    collection: 'tags',
    fields: [idField, { field: 'label', type: 'string', schema: {} }],
  });
  await ok('POST', '/collections', {
    collection: 'articles_tags',
    fields: [
      idField,
      { field: 'articles_id', type: 'integer', schema: {} },
      { field: 'tags_id', type: 'integer', schema: {} },
    ],
  });
  await ok('POST', '/fields/articles', { field: 'tags', type: 'alias', meta: { special: ['m2m'] } });
  await ok('POST', '/relations', {
    collection: 'articles_tags',
    field: 'tags_id',
    related_collection: 'tags',
    meta: { junction_field: 'articles_id' },
  });
  await ok('POST', '/relations', {
    collection: 'articles_tags',
    field: 'articles_id',
    related_collection: 'articles',
    meta: { one_field: 'tags', junction_field: 'tags_id', one_deselect_action: 'delete' },
  });
}

/**
 * `pages` with a many-to-any `blocks` through `pages_blocks` (`item` + `collection`), whose items are in
 * `allowed` (collections the caller made beforehand).
 */
export async function createPageBlocks(ok: Caller, allowed: readonly string[]): Promise<void> {
  await ok('POST', '/collections', {
    collection: 'pages',
    fields: [idField, { field: 'title', type: 'string', schema: {} }],
  });
  await ok('POST', '/collections', {
    collection: 'pages_blocks',
    fields: [
      idField,
      { field: 'pages_id', type: 'integer', schema: {} },
      { field: 'item', type: 'string', schema: {} },
      { field: 'collection', type: 'string', schema: {} },
    ],
  });
  await ok('POST', '/fields/pages', { field: 'blocks', type: 'alias', meta: { special: ['m2a'] } });
  await ok('POST', '/relations', {
    collection: 'pages_blocks',
    field: 'item',
    related_collection: null,
    meta: {
      one_collection_field: 'collection',
      one_allowed_collections: allowed,
      junction_field: 'pages_id',
    },
  });
  await ok('POST', '/relations', {
    collection: 'pages_blocks',
    field: 'pages_id',
    related_collection: 'pages',
    meta: { one_field: 'blocks', junction_field: 'item' },
  });
}
