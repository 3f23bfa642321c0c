import type { Query } from '../query-types';

/** A query that asks for nothing in particular (every parameter "not given"), to build server-side reads on. */
export function emptyQuery(overrides: Partial<Query> = {}): Query {
  return {
    fields: null,
    filter: null,
    search: null,
    sort: null,
    limit: null,
    offset: null,
    page: null,
    meta: [],
    aggregate: null,
    groupBy: null,
    deep: null,
    alias: null,
    backlink: true,
    ...overrides,
  };
}
