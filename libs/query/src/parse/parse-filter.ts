import { invalidQuery, isPlainObject } from '@atrium/core';
import { FILTER_NODE_OPERATORS, findOperator, type FilterNodeOperator } from '../operators/operator-lookup';
import type { FilterNode } from '../query-types';
import { parseJson } from './parse-list';

/** Filters nest at most this deep; a 1000-deep JSON is refused before any recursion can hurt. */
export const MAX_FILTER_DEPTH = 64;

/**
 * Where a filter comes from. A request's own filter (`query`) is validated strictly, as Directus does:
 * `_in`/`_nin` need a non-empty list, `_between`/`_nbetween` exactly two values. A permission's item filter
 * (`permission`) is data an administrator stored: it is never refused for that, and an empty list in it
 * matches nothing (see resolve-filter).
 */
export type FilterSource = 'query' | 'permission';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** `$FOLLOW(collection, fk_field)`: the names are checked against the schema when the filter is resolved. */
export const FOLLOW_KEY = /^\$FOLLOW\(\s*([^\s,()]+)\s*,\s*([^\s,()]+)\s*\)$/;

interface ParseState {
  what: string;
  source: FilterSource;
}

/** The list-shape rules of a request's filter; a permission filter is left to resolution. */
function checkListShape(op: string, value: unknown, state: ParseState): void {
  if (state.source !== 'query') return;
  const shape = findOperator(op)?.operand;
  const count = Array.isArray(value)
    ? value.length
    : typeof value === 'string'
      ? value.split(',').length
      : null;
  if (shape === 'list' && (count === 0 || value === '')) {
    throw invalidQuery(`"${op}" needs a non-empty array.`);
  }
  if (shape === 'pair' && count !== null && count !== 2) {
    throw invalidQuery(`"${op}" needs an array of two values.`);
  }
}

function fromValue(value: unknown, depth: number, state: ParseState): FilterNode {
  if (depth > MAX_FILTER_DEPTH)
    throw invalidQuery(`${state.what} is nested deeper than ${MAX_FILTER_DEPTH} levels.`);
  if (!isPlainObject(value)) throw invalidQuery(`${state.what} must be an object.`);
  const keys = Object.keys(value);
  if (keys.length === 0) return { kind: 'logical', op: '_and', children: [] };
  const parts = keys.map((key) => fromEntry(key, value[key], depth, state));
  return parts.length === 1 ? parts[0] : { kind: 'logical', op: '_and', children: parts, implicit: true };
}

function fromEntry(key: string, value: unknown, depth: number, state: ParseState): FilterNode {
  const { what } = state;
  if (UNSAFE_KEYS.has(key)) throw invalidQuery(`"${key}" is not allowed in ${what}.`);
  if (key === '_and' || key === '_or') {
    // The bracket form gives an object keyed 0..n when indexes have gaps; accept it as a list.
    const list = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : null;
    if (!list) throw invalidQuery(`"${key}" in ${what} needs an array.`);
    return { kind: 'logical', op: key, children: list.map((item) => fromValue(item, depth + 1, state)) };
  }
  if (key === '_some' || key === '_none')
    return { kind: 'quantifier', op: key, child: fromValue(value, depth + 1, state) };
  if (key.startsWith('_')) {
    if (!FILTER_NODE_OPERATORS.has(key)) throw invalidQuery(`Unknown filter operator "${key}".`);
    checkListShape(key, value, state);
    return { kind: 'operator', op: key as FilterNodeOperator, value };
  }
  if (key.startsWith('$') && !FOLLOW_KEY.test(key))
    throw invalidQuery(`"${key}" is not supported in ${what}.`);
  return { kind: 'field', key, child: fromValue(value, depth + 1, state) };
}

/**
 * A filter object (or its JSON text) → {@link FilterNode}. Structure only: field names and value types are
 * checked against the schema later. Depth is bounded by {@link MAX_FILTER_DEPTH}, so recursion stays shallow.
 */
export function parseFilter(
  input: unknown,
  what = 'filter',
  source: FilterSource = 'query',
): FilterNode | null {
  if (input === undefined || input === null || input === '') return null;
  const value = typeof input === 'string' ? parseJson(input, `Invalid JSON for ${what} object.`) : input;
  if (value === null) return null;
  return fromValue(value, 1, { what, source });
}
