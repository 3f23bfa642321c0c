import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import { READ_CELLS, WHO, ids, runCell, visible } from './matrix-cells';
import {
  ALL_ARTICLE_FIELDS,
  BlogWorld,
  errorCode,
  expectError,
  type ArticleRow,
  type PermissionInput,
  type PermissionName,
} from './permissions-fixture';

/**
 * Issue 7's matrix: editor (alice: own articles, no internal_notes), reviewer (carol: published, read-only)
 * and public (published id/title) × every items endpoint and parameter; then each rule removed or changed
 * (the cell's answer changes at once: the permissions cache is invalidated), then the writes.
 */
describe('permissions matrix', () => {
  let t: TestApp;
  let w: BlogWorld;

  before(async () => {
    t = await TestApp.start();
    w = await BlogWorld.build(t, 'blog');
  });
  after(async () => {
    await t?.close();
  });

  describe('reads: role × endpoint × parameter', () => {
    for (const cell of READ_CELLS) {
      for (const who of WHO) {
        it(`${cell.name} — ${who}`, () => runCell(w, cell, who));
      }
    }
  });

  describe('each cell follows its rule: removed or changed, the answer changes on the next request', () => {
    const own = (article: ArticleRow) => article.author === w.users.alice.id;
    const firstOf = (test: (a: ArticleRow) => boolean) => w.articles.find(test) as ArticleRow;
    const listIds = async (
      who: 'alice' | 'carol' | 'public',
      url = '/items/articles?fields=id&sort=id&limit=-1',
    ) => {
      const res = await w.caller(who)('GET', url);
      assert.equal(res.status, 200, `${who} GET ${url}: ${res.text}`);
      return (res.body.data as Array<{ id: number }>).map((row) => row.id);
    };

    /** Applies a change to one rule, runs `during`, and puts the rule back whatever happens. */
    async function withRule(
      name: PermissionName,
      change: 'remove' | Partial<PermissionInput>,
      during: () => Promise<void>,
    ): Promise<void> {
      const restore = change === 'remove' ? await w.removeRule(name) : await w.patchRule(name, change);
      try {
        await during();
      } finally {
        await restore();
      }
    }

    it('editor read rule removed → the list answers 403; restored → own rows again', async () => {
      assert.deepEqual(await listIds('alice'), ids(visible(w, 'alice')));
      await withRule('editorReadArticles', 'remove', async () => {
        expectError(await w.caller('alice')('GET', '/items/articles?fields=id'), 403, 'FORBIDDEN');
      });
      assert.deepEqual(await listIds('alice'), ids(visible(w, 'alice')));
    });

    it("editor read filter removed → every article is listed (the 'own' cell depends on it)", async () => {
      await withRule('editorReadArticles', { permissions: null }, async () => {
        assert.deepEqual(await listIds('alice'), ids(w.articles));
      });
      assert.deepEqual(await listIds('alice'), ids(visible(w, 'alice')));
    });

    it('editor field list widened → internal_notes becomes readable; narrowed back → 403', async () => {
      const url = '/items/articles?fields=id,internal_notes&sort=id&limit=-1';
      expectError(await w.caller('alice')('GET', url), 403, 'FORBIDDEN');
      await withRule('editorReadArticles', { fields: ALL_ARTICLE_FIELDS }, async () => {
        const res = await w.caller('alice')('GET', url);
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(
          res.body.data,
          visible(w, 'alice').map((a) => ({ id: a.id, internal_notes: a.internal_notes })),
        );
      });
      expectError(await w.caller('alice')('GET', url), 403, 'FORBIDDEN');
    });

    it("reviewer's 'published only' filter removed → a draft reads; restored → 403", async () => {
      const draft = firstOf((a) => a.status === 'draft');
      const url = `/items/articles/${draft.id}?fields=id`;
      expectError(await w.caller('carol')('GET', url), 403, 'FORBIDDEN');
      await withRule('reviewerReadArticles', { permissions: null }, async () => {
        const res = await w.caller('carol')('GET', url);
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.body.data, { id: draft.id });
      });
      expectError(await w.caller('carol')('GET', url), 403, 'FORBIDDEN');
    });

    it('reviewer fields narrowed to id,title → internal_notes 403', async () => {
      const url = '/items/articles?fields=id,internal_notes&limit=1';
      assert.equal((await w.caller('carol')('GET', url)).status, 200);
      await withRule('reviewerReadArticles', { fields: ['id', 'title'] }, async () => {
        expectError(await w.caller('carol')('GET', url), 403, 'FORBIDDEN');
      });
      assert.equal((await w.caller('carol')('GET', url)).status, 200);
    });

    it('public read rule removed → anonymous 403; restored → published titles', async () => {
      assert.deepEqual(await listIds('public'), ids(visible(w, 'public')));
      await withRule('publicReadArticles', 'remove', async () => {
        expectError(await w.caller('public')('GET', '/items/articles?fields=id'), 403, 'FORBIDDEN');
      });
      assert.deepEqual(await listIds('public'), ids(visible(w, 'public')));
    });

    it('public fields widened to * → body readable anonymously; restored → 403', async () => {
      const url = '/items/articles?fields=id,body&limit=1';
      expectError(await w.caller('public')('GET', url), 403, 'FORBIDDEN');
      await withRule('publicReadArticles', { fields: ['*'] }, async () => {
        assert.equal((await w.caller('public')('GET', url)).status, 200);
      });
      expectError(await w.caller('public')('GET', url), 403, 'FORBIDDEN');
    });

    it('editor comments read removed → fields=comments.id 403', async () => {
      const url = '/items/articles?fields=id,comments.id&limit=1';
      assert.equal((await w.caller('alice')('GET', url)).status, 200);
      await withRule('editorReadComments', 'remove', async () => {
        expectError(await w.caller('alice')('GET', url), 403, 'FORBIDDEN');
      });
      assert.equal((await w.caller('alice')('GET', url)).status, 200);
    });

    it('reviewer users read removed → /users 403', async () => {
      assert.equal((await w.caller('carol')('GET', '/users?fields=id')).status, 200);
      await withRule('reviewerReadUsers', 'remove', async () => {
        expectError(await w.caller('carol')('GET', '/users?fields=id'), 403, 'FORBIDDEN');
      });
      assert.equal((await w.caller('carol')('GET', '/users?fields=id')).status, 200);
    });

    it('create validation removed → an empty title is accepted; restored → 400 FAILED_VALIDATION', async () => {
      const create = () => w.caller('alice')('POST', '/items/articles', { title: '' });
      const refused = await create();
      expectError(refused, 400, 'FAILED_VALIDATION');
      assert.equal(refused.body.errors[0].extensions.field, 'title', refused.text);
      await withRule('editorCreateArticles', { validation: null }, async () => {
        const res = await create();
        assert.equal(res.status, 200, res.text);
        await w.adminOk('DELETE', `/items/articles/${res.body.data.id}`);
      });
      expectError(await create(), 400, 'FAILED_VALIDATION');
    });

    it('create presets removed → status and author are no longer filled', async () => {
      const title = 'preset probe';
      const stored = async () =>
        w.sql<{ status: string | null; author: string | null }>(
          'SELECT status, author FROM articles WHERE title = $1',
          [title],
        );
      const cleanup = () => w.sql('DELETE FROM articles WHERE title = $1', [title]);
      const withPresets = await w.caller('alice')('POST', '/items/articles', { title });
      assert.equal(withPresets.status, 200, withPresets.text);
      assert.deepEqual(await stored(), [{ status: 'draft', author: w.users.alice.id }]);
      await cleanup();
      await withRule('editorCreateArticles', { presets: null }, async () => {
        const res = await w.caller('alice')('POST', '/items/articles', { title });
        // Without the author preset the new row is not alice's, so she may not read it back: 204.
        assert.equal(res.status, 204, res.text);
        assert.deepEqual(await stored(), [{ status: null, author: null }]);
        await cleanup();
      });
    });

    it('create rule removed → POST 403', async () => {
      await withRule('editorCreateArticles', 'remove', async () => {
        expectError(await w.caller('alice')('POST', '/items/articles', { title: 'nope' }), 403, 'FORBIDDEN');
      });
      assert.equal((await w.sql('SELECT 1 FROM articles WHERE title = $1', ['nope'])).length, 0);
    });

    it('update rule removed → PATCH own 403; restored → 200', async () => {
      const mine = firstOf((a) => own(a) && a.status === 'draft');
      const patch = () => w.caller('alice')('PATCH', `/items/articles/${mine.id}`, { title: mine.title });
      assert.equal((await patch()).status, 200);
      await withRule('editorUpdateArticles', 'remove', async () => {
        expectError(await patch(), 403, 'FORBIDDEN');
      });
      assert.equal((await patch()).status, 200);
    });

    it("update filter removed → PATCH bob's article goes through (204: not readable back)", async () => {
      const bobs = firstOf((a) => a.author === w.users.bob.id && a.status === 'draft');
      const patch = () => w.caller('alice')('PATCH', `/items/articles/${bobs.id}`, { title: bobs.title });
      expectError(await patch(), 403, 'FORBIDDEN');
      await withRule('editorUpdateArticles', { permissions: null }, async () => {
        assert.equal((await patch()).status, 204);
      });
      expectError(await patch(), 403, 'FORBIDDEN');
    });

    it('update validation removed → status archived accepted; restored → 400 FAILED_VALIDATION', async () => {
      const mine = firstOf((a) => own(a) && a.status === 'draft');
      const archive = () => w.caller('alice')('PATCH', `/items/articles/${mine.id}`, { status: 'archived' });
      const refused = await archive();
      expectError(refused, 400, 'FAILED_VALIDATION');
      assert.equal(refused.body.errors[0].extensions.field, 'status', refused.text);
      await withRule('editorUpdateArticles', { validation: null }, async () => {
        assert.equal((await archive()).status, 200);
        await w.adminOk('PATCH', `/items/articles/${mine.id}`, { status: 'draft' });
      });
      expectError(await archive(), 400, 'FAILED_VALIDATION');
    });

    it('delete rule removed → DELETE own draft 403 and the row stays; restored → 204', async () => {
      const scratch = await w.adminArticle({ author: w.users.alice.id, status: 'draft' });
      const remove = () => w.caller('alice')('DELETE', `/items/articles/${scratch.id}`);
      await withRule('editorDeleteArticles', 'remove', async () => {
        expectError(await remove(), 403, 'FORBIDDEN');
        assert.equal((await w.sql('SELECT 1 FROM articles WHERE id = $1', [scratch.id])).length, 1);
      });
      assert.equal((await remove()).status, 204);
      assert.equal((await w.sql('SELECT 1 FROM articles WHERE id = $1', [scratch.id])).length, 0);
    });

    it("the reviewer role's access row removed → carol 403; attached again → published rows", async () => {
      const [row] = await w.sql<{ id: string }>('SELECT id FROM directus_access WHERE role = $1', [
        w.roles.reviewer,
      ]);
      assert.deepEqual(await listIds('carol'), ids(visible(w, 'carol')));
      await w.adminOk('DELETE', `/access/${row.id}`);
      try {
        expectError(await w.caller('carol')('GET', '/items/articles?fields=id'), 403, 'FORBIDDEN');
      } finally {
        await w.attach(w.policies.reviewer, { role: w.roles.reviewer });
      }
      assert.deepEqual(await listIds('carol'), ids(visible(w, 'carol')));
    });

    it("a policy's permission rows are gone with the policy (DELETE /policies) → 403", async () => {
      const policy = await w.createPolicy('temporary');
      await w.attach(policy, { role: w.roles.reviewer });
      await w.addPermission({ policy, collection: 'comments', action: 'create', fields: ['*'] });
      const create = () => w.caller('carol')('POST', '/items/comments', { body: 'temp' });
      const made = await create();
      assert.ok(made.status === 200 || made.status === 204, made.text);
      await w.adminOk('DELETE', `/policies/${policy}`);
      expectError(await create(), 403, 'FORBIDDEN');
      await w.sql("DELETE FROM comments WHERE body = 'temp'");
    });
  });

  describe('writes', () => {
    const own = (a: ArticleRow) => a.author === w.users.alice.id;
    const bobs = (a: ArticleRow) => a.author === w.users.bob.id;
    const stored = async (id: number) =>
      (
        await w.sql<ArticleRow>(
          'SELECT id, title, status, body, internal_notes, author, views FROM articles WHERE id = $1',
          [id],
        )
      )[0];
    const count = async () => Number((await w.sql<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n);
    let mineDraft: ArticleRow;
    let minePublished: ArticleRow;
    let bobsDraft: ArticleRow;

    before(async () => {
      await w.refresh();
      mineDraft = w.articles.find((a) => own(a) && a.status === 'draft') as ArticleRow;
      minePublished = w.articles.find((a) => own(a) && a.status === 'published') as ArticleRow;
      bobsDraft = w.articles.find((a) => bobs(a) && a.status === 'draft') as ArticleRow;
    });

    it('editor creates: presets fill status and author, the read-back shows readable fields only', async () => {
      const res = await w.caller('alice')('POST', '/items/articles', {
        title: 'Fresh from alice',
        body: 'b',
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.data.status, 'draft');
      assert.equal(res.body.data.author, w.users.alice.id);
      assert.equal('internal_notes' in res.body.data, false, res.text);
      const row = await stored(res.body.data.id);
      assert.equal(row.status, 'draft');
      assert.equal(row.author, w.users.alice.id);
    });

    it('editor creates with an explicit status: the payload wins over the preset', async () => {
      const res = await w.caller('alice')('POST', '/items/articles?fields=status', {
        title: 'Straight to press',
        status: 'published',
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data, { status: 'published' });
    });

    it("editor creates an article she can't read back (author bob) → 204, row written", async () => {
      const res = await w.caller('alice')('POST', '/items/articles', {
        title: 'Gift for bob',
        author: w.users.bob.id,
      });
      assert.equal(res.status, 204, res.text);
      assert.equal(res.text, '');
      assert.equal((await w.sql('SELECT 1 FROM articles WHERE title = $1', ['Gift for bob'])).length, 1);
    });

    it('editor create validation: empty title → 400 FAILED_VALIDATION with the field, nothing written', async () => {
      const before = await count();
      const res = await w.caller('alice')('POST', '/items/articles', { title: '' });
      expectError(res, 400, 'FAILED_VALIDATION');
      assert.equal(res.body.errors[0].extensions.field, 'title', res.text);
      assert.equal(await count(), before);
    });

    it('editor batch create with one invalid item → 400, none written', async () => {
      const before = await count();
      const res = await w.caller('alice')('POST', '/items/articles', [{ title: 'ok one' }, { title: '' }]);
      expectError(res, 400, 'FAILED_VALIDATION');
      assert.equal(await count(), before);
    });

    for (const [field, value] of [
      ['internal_notes', 'sneaky'],
      ['views', 99],
    ] as const) {
      it(`editor create with a field outside the create rule (${field}) → 403, nothing written`, async () => {
        const before = await count();
        expectError(
          await w.caller('alice')('POST', '/items/articles', { title: 'x', [field]: value }),
          403,
          'FORBIDDEN',
        );
        assert.equal(await count(), before);
      });
    }

    for (const who of ['carol', 'public'] as const) {
      it(`${who} creates → 403, nothing written`, async () => {
        const before = await count();
        expectError(await w.caller(who)('POST', '/items/articles', { title: 'x' }), 403, 'FORBIDDEN');
        assert.equal(await count(), before);
      });
    }

    it('editor updates her own article → 200 with the change', async () => {
      const res = await w.caller('alice')('PATCH', `/items/articles/${mineDraft.id}?fields=id,title`, {
        title: 'Renamed by alice',
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data, { id: mineDraft.id, title: 'Renamed by alice' });
      assert.equal((await stored(mineDraft.id)).title, 'Renamed by alice');
    });

    it("editor updates bob's article → 403, unchanged", async () => {
      expectError(
        await w.caller('alice')('PATCH', `/items/articles/${bobsDraft.id}`, { title: 'hijacked' }),
        403,
        'FORBIDDEN',
      );
      assert.deepEqual(await stored(bobsDraft.id), bobsDraft);
    });

    it('editor updates a field outside the update rule (internal_notes, views) → 403', async () => {
      for (const body of [{ internal_notes: 'x' }, { views: 1 }]) {
        expectError(
          await w.caller('alice')('PATCH', `/items/articles/${minePublished.id}`, body),
          403,
          'FORBIDDEN',
        );
      }
      assert.deepEqual(await stored(minePublished.id), minePublished);
    });

    it('editor update validation: status archived → 400 FAILED_VALIDATION with the field', async () => {
      const res = await w.caller('alice')('PATCH', `/items/articles/${minePublished.id}`, {
        status: 'archived',
      });
      expectError(res, 400, 'FAILED_VALIDATION');
      assert.equal(res.body.errors[0].extensions.field, 'status', res.text);
      assert.deepEqual(await stored(minePublished.id), minePublished);
    });

    it('editor batch update by keys of her own articles → 200', async () => {
      const keys = w.articles
        .filter(own)
        .slice(0, 2)
        .map((a) => a.id);
      const res = await w.caller('alice')('PATCH', '/items/articles?fields=id,body', {
        keys,
        data: { body: 'batch' },
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        [...res.body.data].sort((a: { id: number }, b: { id: number }) => a.id - b.id),
        keys.map((id) => ({ id, body: 'batch' })),
      );
    });

    it("editor update by query touches only the rows she may update (others' untouched)", async () => {
      await w.refresh();
      const snapshot = w.articles;
      const res = await w.caller('alice')('PATCH', '/items/articles?fields=id', {
        query: { filter: { status: { _eq: 'published' } }, limit: -1 },
        data: { body: 'by query' },
      });
      assert.equal(res.status, 200, res.text);
      await w.refresh();
      for (const before of snapshot) {
        const now = w.articles.find((a) => a.id === before.id) as ArticleRow;
        const expected = own(before) && before.status === 'published' ? 'by query' : before.body;
        assert.equal(now.body, expected, `article ${before.id}`);
      }
      assert.deepEqual(
        (res.body.data as Array<{ id: number }>).map((r) => r.id).sort((a, b) => a - b),
        snapshot.filter((a) => own(a) && a.status === 'published').map((a) => a.id),
      );
    });

    for (const who of ['carol', 'public'] as const) {
      it(`${who} updates → 403 (single, by keys), unchanged`, async () => {
        const target = w.articles.find((a) => a.status === 'published') as ArticleRow;
        expectError(
          await w.caller(who)('PATCH', `/items/articles/${target.id}`, { title: 'x' }),
          403,
          'FORBIDDEN',
        );
        expectError(
          await w.caller(who)('PATCH', '/items/articles', { keys: [target.id], data: { title: 'x' } }),
          403,
          'FORBIDDEN',
        );
        assert.deepEqual(await stored(target.id), target);
      });
    }

    it('editor deletes her own draft → 204, gone', async () => {
      const scratch = await w.adminArticle({ author: w.users.alice.id, status: 'draft' });
      const res = await w.caller('alice')('DELETE', `/items/articles/${scratch.id}`);
      assert.equal(res.status, 204, res.text);
      assert.equal(await stored(scratch.id), undefined);
    });

    it('editor deletes her own published article, or bob’s draft → 403, both still there', async () => {
      expectError(await w.caller('alice')('DELETE', `/items/articles/${minePublished.id}`), 403, 'FORBIDDEN');
      expectError(await w.caller('alice')('DELETE', `/items/articles/${bobsDraft.id}`), 403, 'FORBIDDEN');
      assert.ok(await stored(minePublished.id));
      assert.ok(await stored(bobsDraft.id));
    });

    it("editor delete by query removes only her own drafts (bob's drafts stay)", async () => {
      const mine = await w.adminArticle({ author: w.users.alice.id, status: 'draft', title: 'query-delete' });
      const his = await w.adminArticle({ author: w.users.bob.id, status: 'draft', title: 'query-delete' });
      const res = await w.caller('alice')('DELETE', '/items/articles', {
        query: { filter: { title: { _eq: 'query-delete' } } },
      });
      assert.equal(res.status, 204, res.text);
      assert.equal(await stored(mine.id), undefined);
      assert.ok(await stored(his.id), "bob's draft is still there");
    });

    for (const who of ['carol', 'public'] as const) {
      it(`${who} deletes → 403, still there`, async () => {
        const target = w.articles.find((a) => a.status === 'published') as ArticleRow;
        const res = await w.caller(who)('DELETE', `/items/articles/${target.id}`);
        expectError(res, 403, 'FORBIDDEN');
        assert.ok(await stored(target.id));
      });
    }

    it('anonymous forbidden writes answer 403 FORBIDDEN (not 401)', async () => {
      const res: TestResponse = await w.caller('public')('PATCH', '/items/articles', {
        query: { filter: {} },
        data: { title: 'x' },
      });
      assert.equal(res.status, 403, res.text);
      assert.equal(errorCode(res), 'FORBIDDEN');
    });
  });
});
