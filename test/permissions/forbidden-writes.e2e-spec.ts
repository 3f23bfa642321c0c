import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { BlogWorld, errorCode, type ArticleRow } from './permissions-fixture';

/** Every table a forbidden write could touch, in a stable order, as PostgreSQL's own row text. */
const TABLES: ReadonlyArray<[table: string, order: string]> = [
  ['articles', 'id'],
  ['comments', 'id'],
  ['directus_users', 'id'],
  ['directus_roles', 'id'],
  ['directus_policies', 'id'],
  ['directus_access', 'id'],
  ['directus_permissions', 'id'],
  ['directus_activity', 'id'],
  ['directus_revisions', 'id'],
];

/** The bytes of every stored file of the project (none until uploads exist: then this covers them). */
function storageDigest(root: string): Record<string, string> {
  const digest: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else digest[path.relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  if (existsSync(root)) walk(root);
  return digest;
}

/**
 * A forbidden update/delete (single, batch with one forbidden key among allowed ones, by query, nested
 * relational, system collections) changes nothing: every table's rows, the activity and revisions, and the
 * stored files are byte-identical afterwards.
 */
describe('forbidden writes leave the database and the files byte-identical', () => {
  let t: TestApp;
  let w: BlogWorld;
  let baseline: Record<string, string>;
  let files: Record<string, string>;

  const snapshot = async (): Promise<Record<string, string>> => {
    const client = await w.db();
    try {
      const out: Record<string, string> = {};
      for (const [table, order] of TABLES) {
        const { rows } = await client.query<{ row: string }>(
          `SELECT t::text AS row FROM ${table} t ORDER BY ${order}`,
        );
        out[table] = rows.map((r) => r.row).join('\n');
      }
      return out;
    } finally {
      await client.end();
    }
  };

  let mineDraft: ArticleRow;
  let mineDraft2: ArticleRow;
  let minePublished: ArticleRow;
  let bobsDraft: ArticleRow;
  let published: ArticleRow;
  let commentOnMine: number;
  let adminRole: string;

  before(async () => {
    t = await TestApp.start();
    w = await BlogWorld.build(t, 'vault');
    const own = (a: ArticleRow) => a.author === w.users.alice.id;
    [mineDraft, mineDraft2] = w.articles.filter((a) => own(a) && a.status === 'draft');
    minePublished = w.articles.find((a) => own(a) && a.status === 'published') as ArticleRow;
    bobsDraft = w.articles.find((a) => a.author === w.users.bob.id && a.status === 'draft') as ArticleRow;
    published = w.articles.find(
      (a) => a.author === w.users.carol.id && a.status === 'published',
    ) as ArticleRow;
    const mineWithComment = w.articles.find((a) => own(a) && w.comments.some((c) => c.article === a.id));
    commentOnMine = w.comments.find((c) => c.article === mineWithComment?.id)?.id as number;
    adminRole = (await w.adminOk('GET', '/users/me?fields=role')).body.data.role;
    assert.ok(adminRole, 'the first admin has a role');
    assert.ok(mineDraft && mineDraft2 && minePublished && bobsDraft && published && commentOnMine);
    baseline = await snapshot();
    files = storageDigest(path.join(t.config.storageLocalRoot, 'vault'));
  });
  after(async () => {
    await t?.close();
  });

  interface Attempt {
    name: string;
    who: 'alice' | 'carol' | 'public';
    method: string;
    url: () => string;
    body?: () => unknown;
    /** Expected status and code (a by-query write that matches no permitted row may also answer 200/204). */
    expect: [number, string] | 'nothing-matched';
  }

  const FORBIDDEN: [number, string] = [403, 'FORBIDDEN'];
  const ATTEMPTS: Attempt[] = [
    // editor (alice): own articles only; update title/body/status; delete own drafts
    {
      name: "PATCH bob's article",
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/articles/${bobsDraft.id}`,
      body: () => ({ title: 'hijacked' }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH own article, a field outside the rule (internal_notes)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/articles/${minePublished.id}`,
      body: () => ({ title: 'fine', internal_notes: 'overwritten' }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH own article failing validation (status archived)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/articles/${minePublished.id}`,
      body: () => ({ title: 'fine', status: 'archived' }),
      expect: [400, 'FAILED_VALIDATION'],
    },
    {
      name: 'PATCH a key that does not exist',
      who: 'alice',
      method: 'PATCH',
      url: () => '/items/articles/99999',
      body: () => ({ title: 'ghost' }),
      expect: FORBIDDEN,
    },
    {
      name: 'batch PATCH (array): one forbidden key among allowed ones',
      who: 'alice',
      method: 'PATCH',
      url: () => '/items/articles',
      body: () => [
        { id: mineDraft.id, title: 'allowed' },
        { id: bobsDraft.id, title: 'forbidden' },
        { id: mineDraft2.id, title: 'allowed too' },
      ],
      expect: FORBIDDEN,
    },
    {
      name: 'batch PATCH {keys, data}: one forbidden key among allowed ones',
      who: 'alice',
      method: 'PATCH',
      url: () => '/items/articles',
      body: () => ({ keys: [mineDraft.id, bobsDraft.id, mineDraft2.id], data: { title: 'mass' } }),
      expect: FORBIDDEN,
    },
    {
      name: 'batch PATCH {keys, data}: allowed keys, a forbidden field',
      who: 'alice',
      method: 'PATCH',
      url: () => '/items/articles',
      body: () => ({ keys: [mineDraft.id, mineDraft2.id], data: { title: 'mass', views: 0 } }),
      expect: FORBIDDEN,
    },
    {
      name: "PATCH {query} matching only bob's articles",
      who: 'alice',
      method: 'PATCH',
      url: () => '/items/articles',
      body: () => ({ query: { filter: { author: { _eq: w.users.bob.id } } }, data: { title: 'by query' } }),
      expect: 'nothing-matched',
    },
    {
      name: 'PATCH own article with a nested comment create (no create on comments)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/articles/${mineDraft.id}`,
      body: () => ({
        title: 'nested',
        comments: { create: [{ body: 'sneaked in' }], update: [], delete: [] },
      }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH own article with a nested comment delete (no delete on comments)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/articles/${minePublished.id}`,
      body: () => ({ comments: { create: [], update: [], delete: [commentOnMine] } }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH own article replacing its comments (would unlink one)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/articles/${minePublished.id}`,
      body: () => ({ comments: [] }),
      expect: FORBIDDEN,
    },
    {
      name: 'POST an article with a nested comment (article allowed, comment not)',
      who: 'alice',
      method: 'POST',
      url: () => '/items/articles',
      body: () => ({ title: 'with comment', comments: [{ body: 'nested create' }] }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH a comment (no update on comments)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/items/comments/${commentOnMine}`,
      body: () => ({ body: 'edited' }),
      expect: FORBIDDEN,
    },
    {
      name: "DELETE bob's draft",
      who: 'alice',
      method: 'DELETE',
      url: () => `/items/articles/${bobsDraft.id}`,
      expect: FORBIDDEN,
    },
    {
      name: 'DELETE own published article (delete rule: own drafts)',
      who: 'alice',
      method: 'DELETE',
      url: () => `/items/articles/${minePublished.id}`,
      expect: FORBIDDEN,
    },
    {
      name: 'batch DELETE (array): one forbidden key among allowed ones',
      who: 'alice',
      method: 'DELETE',
      url: () => '/items/articles',
      body: () => [mineDraft.id, bobsDraft.id, mineDraft2.id],
      expect: FORBIDDEN,
    },
    {
      name: 'batch DELETE {keys}: one forbidden key among allowed ones',
      who: 'alice',
      method: 'DELETE',
      url: () => '/items/articles',
      body: () => ({ keys: [mineDraft.id, mineDraft2.id, minePublished.id] }),
      expect: FORBIDDEN,
    },
    {
      name: "DELETE {query} matching only bob's articles",
      who: 'alice',
      method: 'DELETE',
      url: () => '/items/articles',
      body: () => ({ query: { filter: { author: { _eq: w.users.bob.id } } } }),
      expect: 'nothing-matched',
    },
    {
      name: 'PATCH another user',
      who: 'alice',
      method: 'PATCH',
      url: () => `/users/${w.users.bob.id}`,
      body: () => ({ first_name: 'Mallory' }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH /users/me (no update on users)',
      who: 'alice',
      method: 'PATCH',
      url: () => '/users/me',
      body: () => ({ first_name: 'Mallory' }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH /users/me giving herself the admin role (escalation)',
      who: 'alice',
      method: 'PATCH',
      url: () => '/users/me',
      body: () => ({ role: adminRole }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH /users/me giving herself the reviewer role (escalation)',
      who: 'alice',
      method: 'PATCH',
      url: () => '/users/me',
      body: () => ({ role: w.roles.reviewer }),
      expect: FORBIDDEN,
    },
    {
      name: 'POST a permission for her own policy (escalation)',
      who: 'alice',
      method: 'POST',
      url: () => '/permissions',
      body: () => ({ policy: w.policies.editor, collection: 'articles', action: 'read', fields: ['*'] }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH her policy to admin_access (escalation)',
      who: 'alice',
      method: 'PATCH',
      url: () => `/policies/${w.policies.editor}`,
      body: () => ({ admin_access: true }),
      expect: FORBIDDEN,
    },
    {
      name: 'POST an access row giving her role the reviewer policy (escalation)',
      who: 'alice',
      method: 'POST',
      url: () => '/access',
      body: () => ({ role: w.roles.editor, policy: w.policies.reviewer }),
      expect: FORBIDDEN,
    },
    // reviewer (carol): read-only
    {
      name: 'PATCH a published article',
      who: 'carol',
      method: 'PATCH',
      url: () => `/items/articles/${published.id}`,
      body: () => ({ title: 'reviewed' }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH {query} over everything',
      who: 'carol',
      method: 'PATCH',
      url: () => '/items/articles',
      body: () => ({ query: { filter: {} }, data: { title: 'reviewed' } }),
      expect: FORBIDDEN,
    },
    {
      name: 'DELETE a published article',
      who: 'carol',
      method: 'DELETE',
      url: () => `/items/articles/${published.id}`,
      expect: FORBIDDEN,
    },
    {
      name: 'DELETE {query} over everything',
      who: 'carol',
      method: 'DELETE',
      url: () => '/items/articles',
      body: () => ({ query: { filter: {} } }),
      expect: FORBIDDEN,
    },
    {
      name: 'PATCH a user she can read',
      who: 'carol',
      method: 'PATCH',
      url: () => `/users/${w.users.alice.id}`,
      body: () => ({ first_name: 'Changed' }),
      expect: FORBIDDEN,
    },
    {
      name: 'DELETE a user she can read',
      who: 'carol',
      method: 'DELETE',
      url: () => `/users/${w.users.bob.id}`,
      expect: FORBIDDEN,
    },
    // public
    {
      name: 'PATCH a published article',
      who: 'public',
      method: 'PATCH',
      url: () => `/items/articles/${published.id}`,
      body: () => ({ title: 'defaced' }),
      expect: FORBIDDEN,
    },
    {
      name: 'batch PATCH {keys, data}',
      who: 'public',
      method: 'PATCH',
      url: () => '/items/articles',
      body: () => ({ keys: [published.id], data: { title: 'defaced' } }),
      expect: FORBIDDEN,
    },
    {
      name: 'DELETE a published article',
      who: 'public',
      method: 'DELETE',
      url: () => `/items/articles/${published.id}`,
      expect: FORBIDDEN,
    },
    {
      name: 'DELETE {keys}',
      who: 'public',
      method: 'DELETE',
      url: () => '/items/articles',
      body: () => ({ keys: [published.id] }),
      expect: FORBIDDEN,
    },
    {
      name: 'POST an article',
      who: 'public',
      method: 'POST',
      url: () => '/items/articles',
      body: () => ({ title: 'spam' }),
      expect: FORBIDDEN,
    },
  ];

  for (const attempt of ATTEMPTS) {
    it(`${attempt.who}: ${attempt.name} → refused, nothing changed`, async () => {
      const url = attempt.url();
      // Compared with the state just before this attempt, so one failing attempt does not fail the rest.
      const before = await snapshot();
      const res = await w.caller(attempt.who)(attempt.method, url, attempt.body?.());
      const label = `${attempt.who} ${attempt.method} ${url}`;
      if (attempt.expect === 'nothing-matched') {
        assert.ok(
          res.status === 200 || res.status === 204 || res.status === 403,
          `${label}: expected 200/204 (nothing permitted matched) or 403, got ${res.status}: ${res.text}`,
        );
        if (res.status === 200) assert.deepEqual(res.body.data, [], `${label}: ${res.text}`);
      } else {
        const [status, code] = attempt.expect;
        assert.equal(
          res.status,
          status,
          `${label}: expected ${status} ${code}, got ${res.status}: ${res.text}`,
        );
        assert.equal(errorCode(res), code, `${label}: ${res.text}`);
      }
      const now = await snapshot();
      for (const [table] of TABLES) assert.equal(now[table], before[table], `${label} changed ${table}`);
      assert.deepEqual(
        storageDigest(path.join(t.config.storageLocalRoot, 'vault')),
        files,
        `${label} changed files`,
      );
    });
  }

  // Uploads: Atrium has no /files routes yet; the storage digest above is what they will be checked with.

  it('control: an allowed write does change the snapshot (the comparison is sensitive)', async () => {
    const res = await w.caller('alice')('PATCH', `/items/articles/${mineDraft.id}`, {
      title: 'allowed change',
    });
    assert.equal(res.status, 200, res.text);
    const now = await snapshot();
    assert.notEqual(now.articles, baseline.articles);
    assert.notEqual(now.directus_activity, baseline.directus_activity);
    assert.notEqual(now.directus_revisions, baseline.directus_revisions);
  });
});
