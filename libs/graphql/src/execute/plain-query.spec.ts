import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permittedFields, type RequestPermissions } from '@atrium/permissions';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import { BLOG_OVERVIEW } from '../../../query/src/testing/overview.fixture';
import { buildGraphqlSchema } from '../schema/build-schema';
import type { GraphqlContext, GraphqlItems, ItemsQuery } from './graphql-context';
import { executePlainQuery } from './plain-query';
import { byResponseKey } from './root-resolvers';

const admin = { admin: true, access: () => 'admin' } as unknown as RequestPermissions;
const schema: GraphQLSchema = buildGraphqlSchema(
  BLOG_OVERVIEW,
  permittedFields(BLOG_OVERVIEW, admin),
  'items',
);

/** The engine's answers, by collection, as the `{"data": …}` text it renders; every query it was given. */
function engine(answers: Record<string, unknown>, failing = false) {
  const queries: ItemsQuery[] = [];
  const answer = async (collection: string, query: ItemsQuery) => {
    queries.push(query);
    if (failing) throw new Error('refused');
    return JSON.stringify({ data: answers[collection] });
  };
  const items = {
    list: (_context: unknown, collection: string, query: ItemsQuery) => answer(collection, query),
    readOne: (_context: unknown, collection: string, _key: string, query: ItemsQuery) =>
      answer(`${collection}_by_id`, query),
  } as unknown as GraphqlItems;
  const context = { request: { schema: BLOG_OVERVIEW }, items } as unknown as GraphqlContext;
  return { context, queries };
}

/** The plain path's answer beside graphql-js's for the same document, each on a fresh engine. */
async function both(query: string, answers: Record<string, unknown>, variables?: Record<string, unknown>) {
  const document = parse(query);
  assert.deepEqual(validate(schema, document), []);
  const plainEngine = engine(answers);
  const plain = await executePlainQuery({
    schema,
    document,
    context: plainEngine.context,
    variables,
    operationName: undefined,
  });
  const reference = engine(answers);
  const expected = await execute({
    schema,
    document,
    contextValue: reference.context,
    variableValues: variables,
    fieldResolver: byResponseKey,
  });
  return { plain, expected, plainQueries: plainEngine.queries, expectedQueries: reference.queries };
}

const ARTICLES = [
  {
    id: 1,
    title: 'One',
    views: 10,
    author: { id: 7, name: 'Ada' },
    tags: [{ tags_id: { name: 'a' } }, { tags_id: null }],
  },
  { id: 2, title: null, views: null, author: null, tags: [] },
];

describe('executePlainQuery', () => {
  it('answers nested reads exactly as graphql-js does, with the same engine queries', async () => {
    const run = await both(
      '{ articles(limit: 2, sort: ["-views"]) { id title views author { id name } tags { tags_id { name } } } }',
      { articles: ARTICLES },
    );
    assert.ok(run.plain, 'the plain path answered');
    assert.deepEqual(run.plain, JSON.parse(JSON.stringify(run.expected)));
    assert.deepEqual(run.plainQueries, run.expectedQueries);
    // IDs are serialised by their type, as graphql-js does: strings.
    assert.equal((run.plain.data as { articles: Array<{ id: unknown }> }).articles[0].id, '1');
  });

  it('keeps aliases, fragments, __typename, @skip/@include with variables and several root fields', async () => {
    const query = `query Q($hide: Boolean!, $id: ID!) {
      list: articles(limit: 1) { headline: title ...Counts author @skip(if: $hide) { name } __typename }
      one: articles_by_id(id: $id) { id ... on articles { title @include(if: $hide) } }
    }
    fragment Counts on articles { views }`;
    const answers = {
      articles: [{ headline: 'One', views: 3, author: { name: 'Ada' } }],
      articles_by_id: { id: 5, title: 'Five' },
    };
    for (const hide of [true, false]) {
      const run = await both(query, answers, { hide, id: '5' });
      assert.ok(run.plain, `the plain path answered (hide: ${hide})`);
      assert.deepEqual(run.plain, JSON.parse(JSON.stringify(run.expected)));
      assert.deepEqual(run.plainQueries, run.expectedQueries);
      assert.deepEqual(Object.keys((run.plain.data as { list: object[] }).list[0]), [
        'headline',
        'views',
        ...(hide ? [] : ['author']),
        '__typename',
      ]);
    }
  });

  it('leaves to graphql-js what it does not complete itself', async () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['a null where the type forbids one', '{ articles { id } }', { articles: [{ id: null }] }],
      ['a field resolving by itself', '{ articles { created_at_func { year } } }', { articles: [] }],
      ['an aggregate', '{ articles_aggregated { countAll } }', { articles_aggregated: [] }],
      ['introspection', '{ __schema { queryType { name } } }', {}],
      ['a mutation', 'mutation { delete_articles_item(id: 1) { id } }', {}],
      ['a variable of the wrong type', 'query ($n: Int) { articles(limit: $n) { id } }', { articles: [] }],
    ];
    for (const [what, query, answers] of cases) {
      const variables = what.startsWith('a variable') ? { n: 'many' } : undefined;
      const document = parse(query);
      assert.deepEqual(validate(schema, document), [], `${what}: a valid document`);
      const { context } = engine(answers);
      const plain = await executePlainQuery({
        schema,
        document,
        context,
        variables,
        operationName: undefined,
      });
      assert.equal(plain, undefined, what);
    }
    const { context } = engine({ articles: [] }, true);
    const refused = await executePlainQuery({
      schema,
      document: parse('{ articles { id } }'),
      context,
      variables: undefined,
      operationName: undefined,
    });
    assert.equal(refused, undefined, 'an engine error');
  });
});
