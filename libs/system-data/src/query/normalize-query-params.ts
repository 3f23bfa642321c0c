import { invalidQuery } from '@atrium/core';

/** As Directus's query-string parsing (`QUERYSTRING_MAX_PARSE_DEPTH`): deeper nesting is refused. */
const MAX_DEPTH = 10;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const BRACKETED = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;

type Node = Record<string, unknown>;

/** `filter[a][_in][]` → `['filter', 'a', '_in', '']`; a key without brackets is one segment. */
function segmentsOf(key: string): string[] {
  const match = BRACKETED.exec(key);
  if (!match) return [key];
  const inner = match[2].slice(1, -1).split('][');
  return [match[1], ...inner];
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function conflict(key: string): never {
  throw invalidQuery(`Query parameter "${key}" is given in two incompatible forms.`);
}

function assign(root: Node, segments: string[], value: unknown, key: string): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    // An empty segment (`[]`) appends: give it the next free index of this level.
    const segment = segments[i] === '' ? String(Object.keys(node).length) : segments[i];
    if (i === segments.length - 1) {
      if (segment in node) conflict(key);
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (next === undefined) node = node[segment] = {};
    else if (isNode(next)) node = next;
    else conflict(key);
  }
}

/** Objects whose keys are all indexes become arrays (compacted, in index order), as `qs` does. */
function finish(value: unknown): unknown {
  if (!isNode(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => /^(0|[1-9]\d{0,5})$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => finish(value[String(index)]));
  }
  const result: Node = {};
  for (const key of keys) result[key] = finish(value[key]);
  return result;
}

/**
 * Turns the flat query object Fastify parses (`{"filter[status][_eq]": "x", "fields[]": ["a", "b"]}`) into
 * the nested form Directus clients mean (`{filter: {status: {_eq: "x"}}, fields: ["a", "b"]}`). Plain keys
 * pass through; a repeated plain key stays an array. Prototype keys and over-deep nesting are refused.
 */
export function normalizeQueryParams(raw: Record<string, unknown>): Record<string, unknown> {
  const root: Node = {};
  for (const [key, value] of Object.entries(raw)) {
    const segments = segmentsOf(key);
    if (segments.length > MAX_DEPTH + 1) throw invalidQuery(`Query parameter "${key}" is nested too deep.`);
    if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
      throw invalidQuery(`Query parameter "${key}" is not allowed.`);
    }
    const values = Array.isArray(value) ? value : [value];
    if (segments.length > 1 && segments[segments.length - 1] === '') {
      for (const item of values) assign(root, segments, item, key);
    } else {
      assign(root, segments, value, key);
    }
  }
  // The top level stays an object even if every key is a number.
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(root)) result[key] = finish(root[key]);
  return result;
}
