import { invalidQuery } from '@atrium/core';

/** As Directus (`QUERYSTRING_MAX_PARSE_DEPTH`): deeper bracket nesting is refused rather than truncated. */
export const MAX_BRACKET_DEPTH = 10;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KEY_SHAPE = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function splitKey(key: string): string[] {
  const match = KEY_SHAPE.exec(key);
  if (!match) throw invalidQuery(`Malformed query parameter "${key}".`);
  if (!match[2]) return [match[1]];
  return [match[1], ...match[2].slice(1, -1).split('][')];
}

function put(root: Tree, path: string[], value: unknown, key: string): void {
  let node = root;
  path.forEach((segment, index) => {
    const name = segment === '' ? String(Object.keys(node).length) : segment;
    if (index === path.length - 1) {
      if (name in node) throw invalidQuery(`Query parameter "${key}" is given twice.`);
      node[name] = value;
      return;
    }
    const next = node[name];
    if (next === undefined) node = node[name] = Object.create(null) as Tree;
    else if (isTree(next)) node = next;
    else throw invalidQuery(`Query parameter "${key}" is given in two incompatible forms.`);
  });
}

/** Objects keyed 0..n become arrays, as `qs` makes them. */
function arraysFromIndexes(value: unknown): unknown {
  if (!isTree(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => /^(0|[1-9]\d{0,3})$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => arraysFromIndexes(value[String(index)]));
  }
  const out: Tree = {};
  for (const key of keys) out[key] = arraysFromIndexes(value[key]);
  return out;
}

/**
 * Fastify hands bracket keys over flat (`{"filter[title][_eq]": "x", "fields[]": ["a","b"]}`); this rebuilds
 * the nested object clients mean. Prototype keys and nesting deeper than {@link MAX_BRACKET_DEPTH} → 400.
 */
export function rebuildBrackets(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const root: Tree = Object.create(null) as Tree;
  for (const [key, value] of Object.entries(raw)) {
    const path = splitKey(key);
    if (path.length > MAX_BRACKET_DEPTH + 1)
      throw invalidQuery(`Query parameter "${key}" is nested too deep.`);
    if (path.some((segment) => UNSAFE_KEYS.has(segment)))
      throw invalidQuery(`Query parameter "${key}" is not allowed.`);
    if (path.length > 1 && path[path.length - 1] === '' && Array.isArray(value)) {
      for (const item of value) put(root, path, item, key);
    } else put(root, path, value, key);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(root)) out[key] = arraysFromIndexes(root[key]);
  return out;
}
