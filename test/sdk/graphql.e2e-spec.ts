import assert from 'node:assert/strict';
import { createDirectus, graphql, readGraphqlSdl, rest, staticToken } from '@directus/sdk';
import { createNotes, describeSdk, rejectsWith, type SdkContext } from './sdk-harness';

/** The official SDK's `graphql()` composable against `/<project>/graphql` and `/<project>/graphql/system`. */

async function seed(ctx: SdkContext): Promise<void> {
  await createNotes(ctx, [{ field: 'views', type: 'integer', schema: {} }]);
  await ctx.ok('POST', '/items/notes', [
    { title: 'first', views: 1 },
    { title: 'second', views: 2 },
  ]);
}

function client(ctx: SdkContext, token = ctx.adminToken) {
  return createDirectus(ctx.base, { globals: { fetch: ctx.recorder.fetch } })
    .with(staticToken(token))
    .with(graphql())
    .with(rest());
}

describeSdk(
  'GraphQL through the SDK',
  'sdkgql',
  [
    {
      name: 'query() reads items with arguments and variables',
      versions: ['26'],
      async run(ctx) {
        const result = await client(ctx).query<{ notes: Array<{ id: string; title: string }> }>(
          'query($min: GraphQLStringOrFloat) { notes(filter: { views: { _gte: $min } }, sort: ["id"]) { id title } }',
          { min: 2 },
        );
        assert.deepEqual(result, { notes: [{ id: '2', title: 'second' }] });
      },
    },
    {
      name: 'query() runs a mutation, and the REST API sees what it wrote',
      versions: ['26'],
      async run(ctx) {
        const result = await client(ctx).query<{ create_notes_item: { id: string; title: string } }>(
          'mutation($data: create_notes_input!) { create_notes_item(data: $data) { id title } }',
          { data: { title: 'from graphql', views: 5 } },
        );
        assert.equal(result.create_notes_item.title, 'from graphql');
        const stored = await ctx.ok('GET', `/items/notes/${result.create_notes_item.id}`);
        assert.equal(stored.body.data.views, 5);
      },
    },
    {
      name: 'query() on the system scope reads the caller and pings the server',
      versions: ['26'],
      async run(ctx) {
        const result = await client(ctx).query<{ users_me: { email: string }; server_ping: string }>(
          '{ users_me { email } server_ping }',
          undefined,
          'system',
        );
        assert.deepEqual(result, { users_me: { email: ctx.adminEmail }, server_ping: 'pong' });
      },
    },
    {
      name: 'query() rejects with the GraphQL errors, and a token without access gets none of the data',
      versions: ['26'],
      async run(ctx) {
        await rejectsWith(client(ctx).query('{ notes { nope } }'), 403, 'FORBIDDEN');
        await assert.rejects(client(ctx, '').query('{ notes { title } }'), (error: { errors?: unknown }) => {
          assert.match(JSON.stringify(error.errors), /FORBIDDEN/);
          return true;
        });
      },
    },
    {
      name: 'readGraphqlSdl downloads the SDL',
      versions: ['26'],
      async run(ctx) {
        const sdl = await client(ctx).request(readGraphqlSdl());
        assert.match(String(sdl), /type notes \{/);
      },
    },
  ],
  seed,
);
