import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import {
  BlogWorld,
  EDITOR_ARTICLE_FIELDS,
  errorCode,
  expectError,
  q,
  type ArticleRow,
} from './permissions-fixture';

const rowsOf = (res: TestResponse, label: string): Array<Record<string, unknown>> => {
  assert.equal(res.status, 200, `${label}: ${res.status} ${res.text}`);
  return res.body.data as Array<Record<string, unknown>>;
};
const idList = (res: TestResponse, label: string) => rowsOf(res, label).map((row) => row.id as number);
const jwtClaims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** The edge cases from published advisories, and the parts of the access model beyond one role. */
describe('permissions edge cases', () => {
  let t: TestApp;
  let w: BlogWorld;
  const LIST = '/items/articles?fields=id&sort=id&limit=-1';

  before(async () => {
    t = await TestApp.start();
    w = await BlogWorld.build(t, 'edges');
  });
  after(async () => {
    await t?.close();
  });

  /**
   * A user with no role and one policy attached to the user alone, holding one read rule on articles. The
   * API may refuse to store the rule (an empty `_in` list, say); it is then written with SQL, as an old
   * client or an import could have stored it, before the user's first request.
   */
  async function userWithReadRule(
    name: string,
    permissions: Record<string, unknown>,
    userExtra: Record<string, unknown> = {},
  ): Promise<{ token: string; stored: 'api' | 'sql' }> {
    const user = await w.createUser(`${name}@edges.test`, userExtra);
    const policy = await w.createPolicy(name);
    await w.attach(policy, { user: user.id });
    const input = { policy, collection: 'articles', action: 'read', fields: ['*'], permissions };
    const res = await w.admin('POST', '/permissions', input);
    if (res.status === 200) return { token: await w.login(user.email), stored: 'api' };
    assert.equal(res.status, 400, `storing ${JSON.stringify(permissions)}: ${res.text}`);
    await w.sql(
      `INSERT INTO directus_permissions (policy, collection, action, fields, permissions) VALUES ($1, 'articles', 'read', '*', $2)`,
      [policy, JSON.stringify(permissions)],
    );
    return { token: await w.login(user.email), stored: 'sql' };
  }

  describe('_in: [] and _nin: [] in a permission never evaluate to true', () => {
    it('control: _in with alice’s id reads alice’s articles', async () => {
      const { token } = await userWithReadRule('in-control', { author: { _in: [w.users.alice.id] } });
      assert.deepEqual(
        idList(await w.as(token)('GET', LIST), 'control'),
        w.idsWhere((a) => a.author === w.users.alice.id),
      );
    });

    for (const [name, rule] of [
      ['_in: []', { author: { _in: [] } }],
      ['_nin: []', { author: { _nin: [] } }],
      [
        '_in: [] beside a true condition (_and)',
        { _and: [{ status: { _nnull: true } }, { id: { _in: [] } }] },
      ],
      [
        '_nin: [] beside a true condition (_and)',
        { _and: [{ status: { _nnull: true } }, { id: { _nin: [] } }] },
      ],
    ] as const) {
      it(`${name} → no article readable`, async () => {
        const { token, stored } = await userWithReadRule(`empty-${name.replace(/\W+/g, '')}`, rule);
        const res = await w.as(token)('GET', LIST);
        const label = `${name} (stored via ${stored})`;
        if (res.status === 403) assert.equal(errorCode(res), 'FORBIDDEN', label);
        else assert.deepEqual(idList(res, label), [], `${label}: rows leaked`);
        const counted = await w.as(token)('GET', '/items/articles?aggregate[count]=*');
        if (counted.status === 200)
          assert.equal(Number(counted.body.data[0].count), 0, `${label}: ${counted.text}`);
      });
    }

    it('_in: [] inside _or is false, not true: only the other branch matches', async () => {
      const { token, stored } = await userWithReadRule('empty-or', {
        _or: [{ author: { _in: [] } }, { status: { _eq: 'archived' } }],
      });
      const res = await w.as(token)('GET', LIST);
      // 403 means the rule was discarded as a whole: safe too. Never a row that is not archived.
      if (res.status !== 403) {
        assert.deepEqual(
          idList(res, `stored via ${stored}`),
          w.idsWhere((a) => a.status === 'archived'),
        );
      }
    });

    it('a dynamic list that resolves empty ($CURRENT_ROLES of a user without role) matches nothing', async () => {
      const { token } = await userWithReadRule('no-roles', { author: { _in: '$CURRENT_ROLES' } });
      const res = await w.as(token)('GET', LIST);
      if (res.status !== 403) assert.deepEqual(idList(res, '$CURRENT_ROLES'), []);
    });
  });

  describe('$CURRENT_USER.<path> that resolves to null matches nothing', () => {
    // alice's title is "Chief"; bob's and carol's are null.
    const byTitle = { author: { title: { _eq: '$CURRENT_USER.title' } } };

    it('control: a user titled "Chief" reads the articles of authors titled "Chief" (alice)', async () => {
      const { token } = await userWithReadRule('tess', byTitle, { title: 'Chief' });
      assert.deepEqual(
        idList(await w.as(token)('GET', LIST), 'tess'),
        w.idsWhere((a) => a.author === w.users.alice.id),
      );
    });

    it('_eq: a user without a title does not read the articles of the authors without one', async () => {
      const { token } = await userWithReadRule('nora', byTitle);
      assert.deepEqual(idList(await w.as(token)('GET', LIST), 'nora'), []);
    });

    it('_neq: a null value does not turn into "is not null"', async () => {
      const { token } = await userWithReadRule('nell', { status: { _neq: '$CURRENT_USER.title' } });
      assert.deepEqual(idList(await w.as(token)('GET', LIST), 'nell'), []);
    });

    it('a two-step path ($CURRENT_USER.role.name) with no role matches nothing; with a role named "published" it does', async () => {
      const rule = { status: { _eq: '$CURRENT_USER.role.name' } };
      const { token: roleless } = await userWithReadRule('roleless', rule);
      assert.deepEqual(idList(await w.as(roleless)('GET', LIST), 'roleless'), []);
      const role = await w.createRole('published');
      const { token: pubby } = await userWithReadRule('pubby', rule, { role });
      assert.deepEqual(
        idList(await w.as(pubby)('GET', LIST), 'pubby'),
        w.idsWhere((a) => a.status === 'published'),
      );
    });
  });

  describe('deleting a field removes it from permissions: a re-created field inherits nothing', () => {
    let token: string;
    let readRule: number;
    let updateRule: number;

    before(async () => {
      await w.adminOk('POST', '/fields/articles', { field: 'score', type: 'integer', schema: {} });
      await w.sql('UPDATE articles SET score = id * 7');
      const role = await w.createRole('scorer');
      const policy = await w.createPolicy('scoring');
      await w.attach(policy, { role });
      readRule = await w.addPermission({
        policy,
        collection: 'articles',
        action: 'read',
        fields: ['id', 'title', 'score'],
      });
      updateRule = await w.addPermission({
        policy,
        collection: 'articles',
        action: 'update',
        fields: ['title', 'score'],
      });
      const user = await w.createUser('sam@edges.test', { role });
      token = await w.login(user.email);
    });

    it('before: the field is readable and writable', async () => {
      const res = await w.as(token)('GET', '/items/articles?fields=id,score&sort=id&limit=1');
      assert.deepEqual(rowsOf(res, 'read score'), [{ id: w.articles[0].id, score: w.articles[0].id * 7 }]);
    });

    it('after DELETE and POST of the same field: not in the rules, 403 when asked, absent from *', async () => {
      const removed = await w.admin('DELETE', '/fields/articles/score');
      assert.equal(removed.status, 204, removed.text);
      await w.adminOk('POST', '/fields/articles', { field: 'score', type: 'integer', schema: {} });
      await w.sql('UPDATE articles SET score = 42');

      for (const id of [readRule, updateRule]) {
        const rule = await w.adminOk('GET', `/permissions/${id}?fields=fields`);
        const fields = rule.body.data.fields as string[] | string;
        const list = Array.isArray(fields) ? fields : String(fields).split(',');
        assert.equal(list.includes('score'), false, `permission ${id} still lists score: ${rule.text}`);
      }
      const stored = await w.sql<{ fields: string }>(
        'SELECT fields FROM directus_permissions WHERE id = ANY($1)',
        [[readRule, updateRule]],
      );
      for (const row of stored) assert.equal(row.fields.split(',').includes('score'), false, row.fields);

      expectError(await w.as(token)('GET', '/items/articles?fields=id,score&limit=1'), 403, 'FORBIDDEN');
      const star = rowsOf(await w.as(token)('GET', '/items/articles?fields=*&sort=id&limit=1'), 'fields=*');
      assert.deepEqual(Object.keys(star[0]).sort(), ['id', 'title']);
      expectError(
        await w.as(token)('GET', `/items/articles?${q({ filter: { score: { _eq: 42 } } })}`),
        403,
        'FORBIDDEN',
      );
      const before = await w.sql('SELECT score FROM articles WHERE id = $1', [w.articles[0].id]);
      expectError(
        await w.as(token)('PATCH', `/items/articles/${w.articles[0].id}`, { score: 1 }),
        403,
        'FORBIDDEN',
      );
      assert.deepEqual(await w.sql('SELECT score FROM articles WHERE id = $1', [w.articles[0].id]), before);
    });
  });

  describe('several policies on one collection combine per item', () => {
    // A (via role): published articles, {id, title}. B (via the user): own articles, {id, title, internal_notes}.
    let token: string;
    let mia: string;
    let own: ArticleRow[];

    before(async () => {
      const role = await w.createRole('mixed');
      const a = await w.createPolicy('published-titles');
      const b = await w.createPolicy('own-notes');
      await w.attach(a, { role });
      await w.addPermission({
        policy: a,
        collection: 'articles',
        action: 'read',
        fields: ['id', 'title'],
        permissions: { status: { _eq: 'published' } },
      });
      await w.addPermission({
        policy: b,
        collection: 'articles',
        action: 'read',
        fields: ['id', 'title', 'internal_notes'],
        permissions: { author: { _eq: '$CURRENT_USER' } },
      });
      const user = await w.createUser('mia@edges.test', { role });
      mia = user.id;
      await w.attach(b, { user: mia });
      own = [];
      for (const status of ['published', 'draft', 'archived'] as const) {
        own.push(
          await w.adminArticle({
            author: mia,
            status,
            title: `mia ${status}`,
            internal_notes: `mia-secret-${status}`,
          }),
        );
      }
      await w.refresh();
      token = await w.login(user.email);
    });

    const reachable = (a: ArticleRow) => a.status === 'published' || a.author === mia;
    const expectedRow = (a: ArticleRow) => ({
      id: a.id,
      title: a.title,
      internal_notes: a.author === mia ? a.internal_notes : null,
    });

    it('rows: published ∪ own; internal_notes present on own, null on others’ published', async () => {
      const res = await w.as(token)('GET', '/items/articles?fields=id,title,internal_notes&sort=id&limit=-1');
      assert.deepEqual(rowsOf(res, 'explicit fields'), w.articlesWhere(reachable).map(expectedRow));
    });

    it('fields=* gives the same shape (no field of one rule leaks onto the other rule’s rows)', async () => {
      const res = await w.as(token)('GET', '/items/articles?fields=*&sort=id&limit=-1');
      assert.deepEqual(rowsOf(res, 'fields=*'), w.articlesWhere(reachable).map(expectedRow));
    });

    it('read one: others’ published → notes null; own draft → notes; others’ draft → 403', async () => {
      const othersPublished = w.articles.find(
        (a) => a.status === 'published' && a.author !== mia,
      ) as ArticleRow;
      const othersDraft = w.articles.find((a) => a.status === 'draft' && a.author !== mia) as ArticleRow;
      const url = (a: ArticleRow) => `/items/articles/${a.id}?fields=id,title,internal_notes`;
      assert.deepEqual(
        (await w.as(token)('GET', url(othersPublished))).body.data,
        expectedRow(othersPublished),
      );
      assert.deepEqual((await w.as(token)('GET', url(own[1]))).body.data, expectedRow(own[1]));
      expectError(await w.as(token)('GET', url(othersDraft)), 403, 'FORBIDDEN');
    });

    it('meta counts the union', async () => {
      const res = await w.as(token)('GET', '/items/articles?fields=id&limit=1&meta=total_count');
      assert.equal(res.body.meta?.total_count, w.articlesWhere(reachable).length, res.text);
    });

    for (const [name, url] of [
      ['filter', `/items/articles?${q({ fields: 'id', filter: { internal_notes: { _nnull: true } } })}`],
      ['sort', '/items/articles?fields=id&sort=internal_notes'],
      ['aggregate', '/items/articles?aggregate[max]=internal_notes'],
      ['groupBy', '/items/articles?groupBy=internal_notes&aggregate[count]=*'],
    ] as const) {
      it(`${name} by internal_notes → 403 (it is readable on some rows only)`, async () => {
        expectError(await w.as(token)('GET', url), 403, 'FORBIDDEN');
      });
    }

    it('search does not find others’ published articles through their internal_notes', async () => {
      const other = w.articles.find((a) => a.status === 'published' && a.author !== mia) as ArticleRow;
      const needle = other.internal_notes.split(' ')[0];
      const res = await w.as(token)('GET', `/items/articles?fields=id&search=${needle}`);
      assert.deepEqual(idList(res, 'search'), []);
    });
  });

  describe('ip_access', () => {
    let token: string;
    let policy: string;

    before(async () => {
      const role = await w.createRole('office');
      policy = await w.createPolicy('office-only', { ip_access: ['10.0.0.0/8'] });
      await w.attach(policy, { role });
      await w.addPermission({ policy, collection: 'articles', action: 'read', fields: ['*'] });
      const user = await w.createUser('ivy@edges.test', { role });
      token = await w.login(user.email);
    });

    it('a policy limited to 10.0.0.0/8 does not apply to a client at 127.0.0.1', async () => {
      expectError(await w.as(token)('GET', LIST), 403, 'FORBIDDEN');
    });

    it('X-Forwarded-For does not put the client in range (the proxy is not trusted by default)', async () => {
      const res = await t.request('GET', `/edges${LIST}`, {
        token,
        headers: { 'x-forwarded-for': '10.1.2.3' },
      });
      expectError(res, 403, 'FORBIDDEN');
    });

    it('once the range holds 127.0.0.1, the policy applies (at once: the cache is invalidated)', async () => {
      await w.adminOk('PATCH', `/policies/${policy}`, { ip_access: ['10.0.0.0/8', '127.0.0.0/8'] });
      try {
        assert.deepEqual(
          idList(await w.as(token)('GET', LIST), 'in range'),
          w.articles.map((a) => a.id),
        );
      } finally {
        await w.adminOk('PATCH', `/policies/${policy}`, { ip_access: ['10.0.0.0/8'] });
      }
      expectError(await w.as(token)('GET', LIST), 403, 'FORBIDDEN');
    });

    it('an admin_access policy outside its range does not make the user an admin', async () => {
      const role = await w.createRole('remote-admin');
      const adminPolicy = await w.createPolicy('remote-admins', {
        admin_access: true,
        ip_access: ['10.0.0.0/8'],
      });
      await w.attach(adminPolicy, { role });
      const user = await w.createUser('ada@edges.test', { role });
      const adaToken = await w.login(user.email);
      expectError(await w.as(adaToken)('GET', LIST), 403, 'FORBIDDEN');
      expectError(await w.as(adaToken)('GET', '/roles'), 403, 'FORBIDDEN');
      expectError(await w.as(adaToken)('POST', '/items/articles', { title: 'x' }), 403, 'FORBIDDEN');
      // The login was made from 127.0.0.1 too: the token must not claim what the policies do not grant there.
      assert.equal(jwtClaims(adaToken).admin_access, false, 'the token claims admin_access');
    });
  });

  describe('app_access grants the minimal system reads', () => {
    let appy: { id: string; token: string; role: string };
    let bare: { id: string; token: string };

    before(async () => {
      const role = await w.createRole('app-only');
      const policy = await w.createPolicy('app-only', { app_access: true });
      await w.attach(policy, { role });
      const user = await w.createUser('appy@edges.test', { role });
      appy = { id: user.id, token: await w.login(user.email), role };
      const bareRole = await w.createRole('nothing');
      await w.attach(await w.createPolicy('nothing'), { role: bareRole });
      const bareUser = await w.createUser('bare@edges.test', { role: bareRole });
      bare = { id: bareUser.id, token: await w.login(bareUser.email) };
    });

    it('/users/me works and answers the caller', async () => {
      const res = await w.as(appy.token)('GET', '/users/me?fields=id,email');
      assert.deepEqual(rowsOf(res, '/users/me') as unknown, { id: appy.id, email: 'appy@edges.test' });
    });

    it('/users lists only the caller; another user by key → 403', async () => {
      assert.deepEqual(rowsOf(await w.as(appy.token)('GET', '/users?fields=id'), '/users'), [
        { id: appy.id },
      ]);
      expectError(await w.as(appy.token)('GET', `/users/${w.users.alice.id}`), 403, 'FORBIDDEN');
    });

    it('/roles lists only the caller’s role', async () => {
      assert.deepEqual(rowsOf(await w.as(appy.token)('GET', '/roles?fields=id'), '/roles'), [
        { id: appy.role },
      ]);
    });

    it('no item reads come with it', async () => {
      expectError(await w.as(appy.token)('GET', LIST), 403, 'FORBIDDEN');
    });

    it('without app_access and without a rule on users, /users/me answers {id} only, /users 403', async () => {
      const res = await w.as(bare.token)('GET', '/users/me');
      assert.deepEqual(rowsOf(res, '/users/me') as unknown, { id: bare.id });
      expectError(await w.as(bare.token)('GET', '/users'), 403, 'FORBIDDEN');
    });

    it('/users/me without a token → 401 INVALID_CREDENTIALS', async () => {
      expectError(await w.caller('public')('GET', '/users/me'), 401, 'INVALID_CREDENTIALS');
    });

    it('/policies/me/globals reports the flags in force', async () => {
      const res = await w.as(appy.token)('GET', '/policies/me/globals');
      assert.deepEqual(rowsOf(res, 'globals') as unknown, {
        app_access: true,
        admin_access: false,
        enforce_tfa: false,
      });
    });
  });

  describe('/permissions/me', () => {
    it('the editor: partial reads of articles with her field list, full reads of comments', async () => {
      const res = await w.caller('alice')('GET', '/permissions/me');
      assert.equal(res.status, 200, res.text);
      const articles = res.body.data.articles;
      assert.equal(articles.read.access, 'partial', res.text);
      assert.deepEqual([...articles.read.fields].sort(), [...EDITOR_ARTICLE_FIELDS].sort());
      assert.equal(articles.update.access, 'partial');
      assert.equal(articles.delete.access, 'partial');
      assert.equal(res.body.data.comments.read.access, 'full');
      const update = res.body.data.comments.update;
      assert.ok(
        update === undefined || update.access === 'none',
        `no rule: no entry or access none: ${res.text}`,
      );
    });

    it('per item: own draft updatable and deletable, own published updatable only, others’ neither', async () => {
      const of = (author: string, status: string) =>
        w.articles.find((a) => a.author === author && a.status === status) as ArticleRow;
      const cases: Array<[ArticleRow, boolean, boolean]> = [
        [of(w.users.alice.id, 'draft'), true, true],
        [of(w.users.alice.id, 'published'), true, false],
        [of(w.users.bob.id, 'draft'), false, false],
      ];
      for (const [article, update, remove] of cases) {
        const res = await w.caller('alice')('GET', `/permissions/me/articles/${article.id}`);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.data.update.access, update, `update ${article.title}: ${res.text}`);
        assert.equal(res.body.data.delete.access, remove, `delete ${article.title}: ${res.text}`);
      }
    });

    it('anonymous → 403', async () => {
      expectError(await w.caller('public')('GET', '/permissions/me'), 403, 'FORBIDDEN');
    });
  });

  describe('roles nest: a child role inherits its ancestors’ policies', () => {
    it('a user of a child of reviewer reads what reviewers read', async () => {
      const child = await w.createRole('junior reviewer', { parent: w.roles.reviewer });
      const grandchild = await w.createRole('intern reviewer', { parent: child });
      const user = await w.createUser('jules@edges.test', { role: grandchild });
      const token = await w.login(user.email);
      assert.deepEqual(
        idList(await w.as(token)('GET', LIST), 'jules'),
        w.idsWhere((a) => a.status === 'published'),
      );
    });
  });

  describe('the public policy', () => {
    it('every new project has exactly one, attached by an access row with neither role nor user, with no rules', async () => {
      await t.createProject('fresh');
      const login = await t.request('POST', '/fresh/auth/login', {
        body: { email: 'admin@fresh.test', password: 'password-123' },
      });
      const admin = (method: string, url: string, body?: unknown) =>
        t.request(method, `/fresh${url}`, { token: login.body.data.access_token, ...(body ? { body } : {}) });
      const access = await admin(
        'GET',
        '/access?filter[role][_null]=true&filter[user][_null]=true&fields=policy',
      );
      assert.equal(access.body.data.length, 1, access.text);
      const policy = access.body.data[0].policy;
      const rules = await admin('GET', `/permissions?${q({ filter: { policy: { _eq: policy } } })}`);
      assert.deepEqual(rules.body.data, [], rules.text);
      await admin('POST', '/collections', {
        collection: 'notes',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        ],
      });
      expectError(await t.request('GET', '/fresh/items/notes'), 403, 'FORBIDDEN');
      const granted = await admin('POST', '/permissions', {
        policy,
        collection: 'notes',
        action: 'read',
        fields: ['*'],
      });
      assert.equal(granted.status, 200, granted.text);
      const res = await t.request('GET', '/fresh/items/notes');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data, []);
    });

    it('anonymous reads appear when a rule is added to the public policy and go when it is removed', async () => {
      expectError(await w.caller('public')('GET', '/items/comments?fields=id'), 403, 'FORBIDDEN');
      const id = await w.addPermission({
        policy: w.policies.public,
        collection: 'comments',
        action: 'read',
        fields: ['id', 'body'],
      });
      const res = await w.caller('public')('GET', '/items/comments?fields=id,body&sort=id&limit=-1');
      assert.deepEqual(
        rowsOf(res, 'public comments'),
        w.comments.map((c) => ({ id: c.id, body: c.body })),
      );
      await w.adminOk('DELETE', `/permissions/${id}`);
      expectError(await w.caller('public')('GET', '/items/comments?fields=id'), 403, 'FORBIDDEN');
    });

    it('the public policy does not apply to a signed-in user (no role, no policy: 403 where anonymous reads)', async () => {
      const user = await w.createUser('loner@edges.test');
      const token = await w.login(user.email);
      assert.ok(idList(await w.caller('public')('GET', LIST), 'public').length > 0);
      expectError(await w.as(token)('GET', LIST), 403, 'FORBIDDEN');
    });
  });
});
