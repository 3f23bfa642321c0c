import { invalidQuery } from '@atrium/core';
import { FILTER_OPERATORS, type FilterNode, type FilterOperator } from '../query-types';

/** Filters nest at most this deep; a 1000-deep JSON is refused before any recursion can hurt. */
export const MAX_FILTER_DEPTH = 64;

const OPERATORS: ReadonlySet<string> = new Set(FILTER_OPERATORS);
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromValue(value: unknown, depth: number, what: string): FilterNode {
  if (depth > MAX_FILTER_DEPTH)
    throw invalidQuery(`${what} is nested deeper than ${MAX_FILTER_DEPTH} levels.`);
  if (!isObject(value)) throw invalidQuery(`${what} must be an object.`);
  const keys = Object.keys(value);
  if (keys.length === 0) return { kind: 'logical', op: '_and', children: [] };
  const parts = keys.map((key) => fromEntry(key, value[key], depth, what));
  return parts.length === 1 ? parts[0] : { kind: 'logical', op: '_and', children: parts, implicit: true };
}

function fromEntry(key: string, value: unknown, depth: number, what: string): FilterNode {
  if (UNSAFE_KEYS.has(key)) throw invalidQuery(`"${key}" is not allowed in ${what}.`);
  if (key === '_and' || key === '_or') {
    // The bracket form gives an object keyed 0..n when indexes have gaps; accept it as a list.
    const list = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : null;
    if (!list) throw invalidQuery(`"${key}" in ${what} needs an array.`);
    return { kind: 'logical', op: key, children: list.map((item) => fromValue(item, depth + 1, what)) };
  }
  if (key === '_some' || key === '_none')
    return { kind: 'quantifier', op: key, child: fromValue(value, depth + 1, what) };
  if (key.startsWith('_')) {
    if (!OPERATORS.has(key)) throw invalidQuery(`Unknown filter operator "${key}".`);
    return { kind: 'operator', op: key as FilterOperator, value };
  }
  if (key.startsWith('$')) throw invalidQuery(`"${key}" is not supported in ${what}.`);
  return { kind: 'field', key, child: fromValue(value, depth + 1, what) };
}

/**
 * A filter object (or its JSON text) → {@link FilterNode}. Structure only: field names and value types are
 * checked against the schema later. Depth is bounded by {@link MAX_FILTER_DEPTH}, so recursion stays shallow.
 */
export function parseFilter(input: unknown, what = 'filter'): FilterNode | null {
  if (input === undefined || input === null || input === '') return null;
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw invalidQuery(`Invalid JSON for ${what} object.`);
    }
    if (value === null) return null;
  }
  return fromValue(value, 1, what);
}
