import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminCaller, type Caller, createPageBlocks, idField } from '../items/items-fixture';
import { TestApp } from '../support/test-app';
import { graphqlCaller, tokenCaller, type GraphqlCall } from './graphql-helpers';

/**
 * `/graphql/system` (sign-in, the caller, the server, system collections), many-to-any relations as
 * unions, and the introspection switch.
 */
describe('GraphQL system endpoint and unions', () => {
  let t: TestApp;
  let ok: Caller;
  let gql: GraphqlCall;
  let system: GraphqlCall;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('gqlsys');
    ({ ok } = await adminCaller(t, 'gqlsys'));
    gql = await graphqlCaller(t, 'gqlsys');
    system = tokenCaller(t, 'gqlsys', gql.token, 'graphql/system');

    await ok('POST', '/collections', {
      collection: 'headings',
      fields: [idField, { field: 'text', type: 'string', schema: {} }],
    });
    await ok('POST', '/collections', {
      collection: 'quotes',
      fields: [idField, { field: 'quote', type: 'string', schema: {} }],
    });
    await createPageBlocks(ok, ['headings', 'quotes']);
    await ok('POST', '/items/pages', {
      title: 'Home',
      blocks: [
        { collection: 'headings', item: { text: 'Welcome' } },
        { collection: 'quotes', item: { quote: 'Less is more' } },
      ],
    });
  });
  after(async () => {
    await t?.close();
  });

  it('reads a many-to-any relation as a union, each member with its own fields', async () => {
    const res = await gql(`{
      pages {
        title
        blocks(sort: ["id"]) {
          collection
          item { __typename ... on headings { text } ... on quotes { quote } }
        }
      }
    }`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.pages, [
      {
        title: 'Home',
        blocks: [
          { collection: 'headings', item: { __typename: 'headings', text: 'Welcome' } },
          { collection: 'quotes', item: { __typename: 'quotes', quote: 'Less is more' } },
        ],
      },
    ]);
  });

  it('signs in, refreshes and signs out through auth mutations', async () => {
    const anonymous = tokenCaller(t, 'gqlsys', '', 'graphql/system');
    const login = await anonymous(
      'mutation { auth_login(email: "admin@gqlsys.test", password: "password-123") { access_token refresh_token expires } }',
    );
    assert.equal(login.status, 200, login.text);
    const tokens = login.body.data.auth_login as {
      access_token: string;
      refresh_token: string;
      expires: number;
    };
    assert.ok(tokens.access_token && tokens.refresh_token && tokens.expires > 0);

    const me = await tokenCaller(
      t,
      'gqlsys',
      tokens.access_token,
      'graphql/system',
    )('{ users_me { email } }');
    assert.deepEqual(me.body.data, { users_me: { email: 'admin@gqlsys.test' } });

    const refreshed = await anonymous(
      `mutation { auth_refresh(refresh_token: "${tokens.refresh_token}", mode: json) { access_token refresh_token } }`,
    );
    assert.equal(refreshed.status, 200, refreshed.text);
    const next = refreshed.body.data.auth_refresh as { refresh_token: string };
    assert.notEqual(next.refresh_token, tokens.refresh_token);

    const out = await anonymous(`mutation { auth_logout(refresh_token: "${next.refresh_token}") }`);
    assert.deepEqual(out.body.data, { auth_logout: true });
    const again = await anonymous(
      `mutation { auth_refresh(refresh_token: "${next.refresh_token}") { access_token } }`,
    );
    assert.equal(again.body.errors[0].extensions.code, 'INVALID_CREDENTIALS');

    const wrong = await anonymous(
      'mutation { auth_login(email: "admin@gqlsys.test", password: "nope") { access_token } }',
    );
    assert.equal(wrong.body.errors[0].extensions.code, 'INVALID_CREDENTIALS');
  });

  it('answers the server fields and the system collections an admin may read', async () => {
    const res = await system(`{
      server_ping
      server_info { project }
      users(filter: { email: { _eq: "admin@gqlsys.test" } }) { email role { name } }
      roles_aggregated { countAll }
    }`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.server_ping, 'pong');
    assert.ok(res.body.data.server_info.project);
    assert.equal(res.body.data.users[0].email, 'admin@gqlsys.test');
    assert.ok(res.body.data.roles_aggregated[0].countAll >= 1);
  });

  it('keeps user collections and system collections apart', async () => {
    const inItems = await gql('{ users { id } }');
    assert.equal(inItems.status, 403, inItems.text);
    const inSystem = await system('{ pages { id } }');
    assert.equal(inSystem.status, 403, inSystem.text);
    const publicMe = await tokenCaller(t, 'gqlsys', '', 'graphql/system')('{ server_ping }');
    assert.deepEqual(publicMe.body.data, { server_ping: 'pong' });
  });
});

describe('GraphQL introspection switch', () => {
  let t: TestApp;

  before(async () => {
    t = await TestApp.start({ GRAPHQL_INTROSPECTION: 'false' });
    await t.createProject('gqlintro');
  });
  after(async () => {
    await t?.close();
  });

  it('refuses __schema and __type when GRAPHQL_INTROSPECTION=false, and still runs queries', async () => {
    const gql = await graphqlCaller(t, 'gqlintro');
    const refused = await gql('{ __schema { types { name } } }');
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION');
    const system = tokenCaller(t, 'gqlintro', gql.token, 'graphql/system');
    assert.deepEqual((await system('{ server_ping }')).body.data, { server_ping: 'pong' });
    const typo = await system('{ server_pnig }');
    assert.doesNotMatch(typo.text, /Did you mean/);
  });
});
