import type { Json } from './openapi-types';

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** The query language's parameters, once, for every list and item operation to refer to. */
export const QUERY_PARAMETERS: Record<string, Json> = {
  Fields: {
    name: 'fields',
    in: 'query',
    description: 'Fields to return, with dots into relations and `*` wildcards: `title,author.name`.',
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: false,
  },
  Filter: {
    name: 'filter',
    in: 'query',
    description: 'A filter object as JSON: `{"status":{"_eq":"published"}}`.',
    schema: { type: 'string' },
  },
  Sort: {
    name: 'sort',
    in: 'query',
    description: 'Fields to sort by, `-` for descending: `-published_at,title`.',
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: false,
  },
  Limit: {
    name: 'limit',
    in: 'query',
    description: 'Items per page; `-1` for all.',
    schema: { type: 'integer' },
  },
  Offset: { name: 'offset', in: 'query', description: 'Items to skip.', schema: { type: 'integer' } },
  Page: {
    name: 'page',
    in: 'query',
    description: 'The page (from 1) of `limit` items.',
    schema: { type: 'integer' },
  },
  Search: {
    name: 'search',
    in: 'query',
    description: 'Text searched in the text fields.',
    schema: { type: 'string' },
  },
  Meta: {
    name: 'meta',
    in: 'query',
    description: '`total_count`, `filter_count` or `*`, returned under `meta`.',
    schema: { type: 'string' },
  },
  Deep: {
    name: 'deep',
    in: 'query',
    description: 'Per-relation query as JSON: `{"comments":{"_limit":3,"_sort":["-date"]}}`.',
    schema: { type: 'string' },
  },
};

export const LIST_PARAMETERS = [
  'Fields',
  'Filter',
  'Sort',
  'Limit',
  'Offset',
  'Page',
  'Search',
  'Meta',
  'Deep',
].map(ref);
export const ITEM_PARAMETERS = ['Fields', 'Deep'].map(ref);
export const WRITE_PARAMETERS = [ref('Fields')];
