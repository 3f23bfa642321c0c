import { invalidQuery } from '@atrium/core';
import { CollectionDefinition, findField } from '../definitions/collection-definition';
import { fieldForbidden } from '../errors';
import { parseFilter } from './parse-filter';
import type { QueryLimits, SortClause, SystemQuery } from './query-types';

/** Parameters that would change the response's shape; refused rather than silently ignored. */
const UNSUPPORTED = ['aggregate', 'groupBy', 'alias'] as const;
const META_VALUES = new Set(['total_count', 'filter_count', '*']);

/** `a,b` or `['a', 'b,c']` → `['a', 'b', 'c']` (lists come as CSV, arrays, or both). */
export function listParam(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (typeof item !== 'string') throw invalidQuery(`"${name}" has to be a list of names.`);
    return item
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  });
}

function integerParam(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^-?\d{1,10}$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
    throw invalidQuery(`"${name}" has to be an integer of at least ${min}.`);
  }
  return number;
}

export function parseFields(definition: CollectionDefinition, raw: unknown): string[] {
  const requested = listParam('fields', raw);
  if (requested.length === 0) return definition.fields.map((field) => field.name);
  const fields = new Set<string>();
  for (const name of requested) {
    if (name === '*') {
      for (const field of definition.fields) fields.add(field.name);
      continue;
    }
    if (name.includes('.')) {
      // Relational paths (`role.name`, `*.*`) need the full query engine of the items issue.
      throw invalidQuery(`Nested fields ("${name}") are not supported on ${definition.collection} yet.`);
    }
    if (!findField(definition, name)) throw fieldForbidden(definition.collection, name);
    fields.add(name);
  }
  return [...fields];
}

function parseSort(definition: CollectionDefinition, raw: unknown): SortClause[] {
  return listParam('sort', raw).map((entry) => {
    const descending = entry.startsWith('-');
    const name = descending ? entry.slice(1) : entry;
    const field = findField(definition, name);
    if (!field || field.concealed) throw fieldForbidden(definition.collection, name);
    return { field: name, descending };
  });
}

function parseLimit(raw: unknown, limits: QueryLimits, unlimitedByDefault: boolean): number {
  const limit = integerParam('limit', raw, -1);
  const capped = limits.max >= 0;
  if (limit === undefined) {
    if (unlimitedByDefault) return capped ? limits.max : -1;
    return capped ? Math.min(limits.default, limits.max) : limits.default;
  }
  if (limit === -1) return capped ? limits.max : -1;
  if (capped && limit > limits.max) throw invalidQuery(`"limit" can't exceed ${limits.max}.`);
  return limit;
}

function parseMeta(raw: unknown): SystemQuery['meta'] {
  const values = listParam('meta', raw);
  for (const value of values) {
    if (!META_VALUES.has(value)) throw invalidQuery(`"${value}" is not a valid meta value.`);
  }
  const all = values.includes('*');
  return {
    totalCount: all || values.includes('total_count'),
    filterCount: all || values.includes('filter_count'),
  };
}

function parseSearch(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') throw invalidQuery('"search" has to be a string.');
  return raw;
}

export interface ParseQueryOptions {
  limits: QueryLimits;
  /** Mutations by query (`{query, data}`) touch every match unless the query names a limit. */
  unlimitedByDefault?: boolean;
}

/**
 * Parses Directus query parameters (already nested, see normalize-query-params, or a SEARCH/mutation body
 * query) for one system collection.
 */
export function parseQuery(
  definition: CollectionDefinition,
  raw: Record<string, unknown>,
  options: ParseQueryOptions,
): SystemQuery {
  for (const name of UNSUPPORTED) {
    if (raw[name] !== undefined)
      throw invalidQuery(`"${name}" is not supported on ${definition.collection} yet.`);
  }
  const limit = parseLimit(raw.limit, options.limits, options.unlimitedByDefault === true);
  let offset = integerParam('offset', raw.offset, 0) ?? 0;
  const page = integerParam('page', raw.page, 1);
  if (page !== undefined && limit !== -1) offset = limit * (page - 1);
  return {
    fields: parseFields(definition, raw.fields),
    filter: parseFilter(definition, raw.filter),
    search: parseSearch(raw.search),
    sort: parseSort(definition, raw.sort),
    limit,
    offset,
    meta: parseMeta(raw.meta),
  };
}
