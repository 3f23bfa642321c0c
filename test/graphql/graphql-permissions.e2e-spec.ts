import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BlogWorld } from '../permissions/permissions-fixture';
import { TestApp } from '../support/test-app';
import { idsAsStrings, tokenCaller, type GraphqlCall } from './graphql-helpers';

const TYPE_FIELDS = `query($name: String!) { __type(name: $name) { fields { name } } }`;

/**
 * GraphQL under the caller's permissions: what a role may not read is absent from its schema (so from
 * introspection and from results), a mutation it may not run does not exist and is refused if sent anyway,
 * and a row-level refusal inside a permitted mutation writes nothing.
 */
describe('GraphQL under permissions', () => {
  let t: TestApp;
  let w: BlogWorld;
  const as: Record<'admin' | 'alice' | 'carol' | 'public', GraphqlCall> = {} as never;

  const typeFields = async (who: GraphqlCall, name: string): Promise<string[] | null> => {
    const res = await who(TYPE_FIELDS, { name });
    assert.equal(res.status, 200, res.text);
    const type = res.body.data.__type as { fields: Array<{ name: string }> } | null;
    return type ? type.fields.map((field) => field.name).sort() : null;
  };
  const articleCount = async () => (await w.sql<{ n: string }>('SELECT count(*) AS n FROM articles'))[0].n;

  before(async () => {
    t = await TestApp.start();
    w = await BlogWorld.build(t, 'gqlperm');
    const login = await t.request('POST', '/gqlperm/auth/login', {
      body: { email: 'admin@gqlperm.test', password: 'password-123' },
    });
    as.admin = tokenCaller(t, 'gqlperm', login.body.data.access_token as string);
    as.alice = tokenCaller(t, 'gqlperm', w.tokens.alice);
    as.carol = tokenCaller(t, 'gqlperm', w.tokens.carol);
    as.public = tokenCaller(t, 'gqlperm', '');
  });
  after(async () => {
    await t?.close();
  });

  it('shows each role only the fields and collections it may read', async () => {
    const editor = await typeFields(as.alice, 'articles');
    assert.ok(editor?.includes('title'));
    assert.ok(!editor?.includes('internal_notes'), 'the editor may not read internal_notes');
    assert.ok((await typeFields(as.carol, 'articles'))?.includes('internal_notes'));
    assert.deepEqual(await typeFields(as.public, 'articles'), ['id', 'title']);
    assert.equal(await typeFields(as.public, 'comments'), null, 'the public reads no comments');
    const denied = await as.alice('{ articles { id internal_notes } }');
    assert.equal(denied.status, 403, denied.text);
    assert.equal(denied.body.errors[0].extensions.code, 'FORBIDDEN');
    assert.equal(denied.body.data, undefined, 'nothing ran');
    for (const article of w.articles) assert.ok(!denied.text.includes(article.internal_notes));
  });

  it('answers the rows and fields REST answers the same caller', async () => {
    for (const who of ['alice', 'carol', 'public'] as const) {
      const rest = await w.caller(who)('GET', '/items/articles?fields=id,title&sort=id&limit=-1');
      assert.equal(rest.status, 200, rest.text);
      const res = await as[who]('{ articles(sort: ["id"], limit: -1) { id title } }');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data.articles, idsAsStrings(rest.body.data), who);
      assert.ok((res.body.data.articles as unknown[]).length < w.articles.length, `${who} sees a subset`);
    }
  });

  it('has no mutation a role may not run, and refuses one sent anyway without writing', async () => {
    const mutationType = '{ __schema { mutationType { fields { name } } } }';
    const reviewer = await as.carol(mutationType);
    assert.equal(reviewer.body.data.__schema.mutationType, null, 'the reviewer writes nothing');
    const editor = (await as.alice(mutationType)).body.data.__schema.mutationType.fields.map(
      (field: { name: string }) => field.name,
    ) as string[];
    assert.ok(editor.includes('create_articles_item'));
    assert.ok(editor.includes('delete_articles_item'));
    assert.ok(!editor.includes('create_comments_item'), 'the editor may not create comments');

    const before = await articleCount();
    const refused = await as.carol('mutation { create_articles_item(data: { title: "Sneaky" }) { id } }');
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.errors[0].extensions.code, 'FORBIDDEN');
    const comment = await as.alice('mutation { create_comments_item(data: { body: "x" }) { id } }');
    assert.equal(comment.status, 403, comment.text);
    assert.equal(await articleCount(), before, 'nothing written');
  });

  it('refuses a permitted mutation on a row the role may not touch, writing nothing', async () => {
    const bobs = w.articles.find((article) => article.author === w.users.bob.id) as {
      id: number;
      title: string;
    };
    const update = await as.alice(
      `mutation { update_articles_item(id: ${bobs.id}, data: { title: "Mine now" }) { id } }`,
    );
    assert.equal(update.status, 200, update.text);
    assert.equal(update.body.errors[0].extensions.code, 'FORBIDDEN');
    const remove = await as.alice(`mutation { delete_articles_item(id: ${bobs.id}) { id } }`);
    assert.equal(remove.body.errors[0].extensions.code, 'FORBIDDEN');
    const rows = await w.sql<{ title: string }>('SELECT title FROM articles WHERE id = $1', [bobs.id]);
    assert.deepEqual(rows, [{ title: bobs.title }]);
  });

  it('regenerates the schema when permissions or the schema change', async () => {
    const restore = await w.patchRule('editorReadArticles', {
      fields: ['id', 'title', 'status', 'body', 'author', 'views', 'comments', 'internal_notes'],
    });
    try {
      assert.ok((await typeFields(as.alice, 'articles'))?.includes('internal_notes'));
    } finally {
      await restore();
    }
    assert.ok(!(await typeFields(as.alice, 'articles'))?.includes('internal_notes'));

    assert.ok(!(await typeFields(as.admin, 'articles'))?.includes('subtitle'));
    await w.adminOk('POST', '/fields/articles', { field: 'subtitle', type: 'string', schema: {} });
    assert.ok((await typeFields(as.admin, 'articles'))?.includes('subtitle'));
  });
});
