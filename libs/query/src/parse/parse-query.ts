import { invalidQuery } from '@atrium/core';
import {
  AGGREGATE_FUNCTIONS,
  type AggregateFunction,
  type DeepQuery,
  type MetaCount,
  type Query,
} from '../query-types';
import { parseFilter } from './parse-filter';
import { parseInteger, parseList, parseObject } from './parse-list';
import { rebuildBrackets } from './rebuild-brackets';

/** Other parameters (tokens, export, version) belong to other layers; the query language ignores them. */
const KNOWN = new Set([
  'fields',
  'filter',
  'search',
  'sort',
  'limit',
  'offset',
  'page',
  'meta',
  'aggregate',
  'groupBy',
  'deep',
  'alias',
  'backlink',
]);
const AGGREGATES: ReadonlySet<string> = new Set(AGGREGATE_FUNCTIONS);
const MAX_DEEP_DEPTH = 10;

function parseString(input: unknown, name: string): string | null {
  if (input === undefined || input === null) return null;
  if (typeof input === 'number') return String(input);
  if (typeof input !== 'string') throw invalidQuery(`"${name}" must be a string.`);
  return input;
}

function parseMeta(input: unknown): MetaCount[] {
  const list = parseList(input, 'meta') ?? [];
  const out = new Set<MetaCount>();
  for (const item of list) {
    if (item === '*') {
      out.add('total_count');
      out.add('filter_count');
    } else if (item === 'total_count' || item === 'filter_count') out.add(item);
    else throw invalidQuery(`Unknown meta "${item}".`);
  }
  return [...out];
}

function parseAggregate(input: unknown): Query['aggregate'] {
  const object = parseObject(input, 'aggregate');
  if (!object) return null;
  const out: Partial<Record<AggregateFunction, string[]>> = {};
  for (const [name, fields] of Object.entries(object)) {
    if (!AGGREGATES.has(name)) throw invalidQuery(`Unknown aggregate function "${name}".`);
    const list = parseList(fields, `aggregate[${name}]`);
    if (!list || list.length === 0) throw invalidQuery(`"aggregate[${name}]" needs fields.`);
    out[name as AggregateFunction] = list;
  }
  return out;
}

function parseAlias(input: unknown, name: string): Record<string, string> | null {
  const object = parseObject(input, name);
  if (!object) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value !== 'string' || !key || !value)
      throw invalidQuery(`"${name}" values must be field names.`);
    // A function's arguments may hold dots (`json(data, a.b)`); a path through relations may not.
    if (key.includes('.') || value.replace(/\([^()]*\)/g, '()').includes('.'))
      throw invalidQuery(`"${name}" key or value may not contain ".".`);
    out[key] = value;
  }
  return out;
}

function parseBoolean(input: unknown, name: string, fallback: boolean): boolean {
  if (input === undefined || input === null || input === '') return fallback;
  if (input === true || input === 'true') return true;
  if (input === false || input === 'false') return false;
  throw invalidQuery(`"${name}" must be true or false.`);
}

function parseDeepLevel(value: unknown, depth: number): DeepQuery {
  if (depth > MAX_DEEP_DEPTH) throw invalidQuery('"deep" is nested too deep.');
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidQuery('"deep" must be an object.');
  const entries = value as Record<string, unknown>;
  const level: DeepQuery = {
    filter: parseFilter(entries._filter, 'deep filter'),
    sort: parseList(entries._sort, 'deep sort'),
    limit: parseInteger(entries._limit, 'deep limit', -1),
    offset: parseInteger(entries._offset, 'deep offset', 0),
    page: parseInteger(entries._page, 'deep page', 1),
    search: parseString(entries._search, 'deep search'),
    alias: parseAlias(entries._alias, 'deep alias'),
    nested: {},
  };
  for (const [key, nested] of Object.entries(entries)) {
    if (key.startsWith('_')) {
      if (!['_filter', '_sort', '_limit', '_offset', '_page', '_search', '_alias'].includes(key)) {
        throw invalidQuery(`Unknown deep parameter "${key}".`);
      }
      continue;
    }
    level.nested[key] = parseDeepLevel(nested, depth + 1);
  }
  return level;
}

function parseDeep(input: unknown): Record<string, DeepQuery> | null {
  const object = parseObject(input, 'deep');
  if (!object) return null;
  const out: Record<string, DeepQuery> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('_')) throw invalidQuery(`"deep" must be keyed by relational fields, got "${key}".`);
    out[key] = parseDeepLevel(value, 1);
  }
  return out;
}

/**
 * The raw URL query (Fastify's flat `Record<string, string | string[]>`, bracket keys included) or a SEARCH
 * body's `query` object → a typed {@link Query}. Malformed input → 400 `INVALID_QUERY` with the reason.
 * Limits (`QUERY_LIMIT_*`) are applied later, where the query is resolved.
 */
export function parseQuery(raw: Readonly<Record<string, unknown>>): Query {
  const input = rebuildBrackets(raw);
  const get = (key: string): unknown => (KNOWN.has(key) ? input[key] : undefined);
  return {
    fields: parseList(get('fields'), 'fields'),
    filter: parseFilter(get('filter')),
    search: parseString(get('search'), 'search'),
    sort: parseList(get('sort'), 'sort'),
    limit: parseInteger(get('limit'), 'limit', -1),
    offset: parseInteger(get('offset'), 'offset', 0),
    page: parseInteger(get('page'), 'page', 1),
    meta: parseMeta(get('meta')),
    aggregate: parseAggregate(get('aggregate')),
    groupBy: parseList(get('groupBy'), 'groupBy'),
    deep: parseDeep(get('deep')),
    alias: parseAlias(get('alias'), 'alias'),
    backlink: parseBoolean(get('backlink'), 'backlink', true),
  };
}
