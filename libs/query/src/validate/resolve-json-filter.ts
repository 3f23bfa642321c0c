import { invalidQuery, isPlainObject } from '@atrium/core';
import type { FieldOverview } from '@atrium/schema';
import { findOperator, type FilterOperator } from '../operators/operator-lookup';
import { coerceValue } from './coerce-value';
import { isDynamicVariable, resolveDynamicValue } from './dynamic-values';
import { MAX_JSON_QUERY_DEPTH, parseJsonPath } from './json-path';
import { asList, MAX_LIST } from './operator-operands';
import type { ReadScope } from './read-scope';
import type { ResolvedFilter, ValueExpr } from './resolved-types';

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NOTHING: ResolvedFilter = { kind: 'const', value: false };

type Scalar = string | number | boolean;

/** A scalar operand; null when it is a dynamic variable without a value (the rule then matches nothing). */
function scalar(scope: ReadScope, op: string, raw: unknown): Scalar | null {
  let value = raw;
  if (isDynamicVariable(raw)) {
    value = resolveDynamicValue(raw, scope.context);
    if (value === null || value === undefined) return null;
    if (value instanceof Date) value = value.toISOString();
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw invalidQuery(`"${op}" needs a finite number.`);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw invalidQuery(`"${op}" inside "_json" needs a string, number or boolean.`);
  }
  if (typeof value === 'string' && value.includes('\u0000'))
    throw invalidQuery(`"${op}" operand contains a NUL.`);
  return value;
}

function isNumeric(value: Scalar): boolean {
  return typeof value === 'number' || (typeof value === 'string' && NUMBER.test(value));
}

/** One operator on the value at `path`. Values are compared as text, ordering ones as numbers when given numbers. */
function jsonCompare(
  scope: ReadScope,
  field: FieldOverview,
  path: string[],
  op: string,
  raw: unknown,
): ResolvedFilter {
  const record = findOperator(op);
  // Every compiled operator works inside a JSON value; `_json` itself, geometry, `_some` and `_none` do not.
  if (record?.sql.kind !== 'compiled') throw invalidQuery(`Operator "${op}" can't be used inside "_json".`);
  const rule = (operator: string, value: unknown, numeric = false): ResolvedFilter => ({
    kind: 'json',
    field,
    path,
    op: operator as FilterOperator,
    value,
    numeric,
  });
  if (record.operand === 'flag') return rule(op, coerceValue('boolean', undefined, raw));
  if (record.equality && raw === null) return rule(record.equality.null, true);
  if (record.operand === 'list') {
    const items = asList(raw, op);
    if (items.length > MAX_LIST) throw invalidQuery(`"${op}" takes at most ${MAX_LIST} values.`);
    if (items.length === 0 && !scope.permission) throw invalidQuery(`"${op}" needs a non-empty array.`);
    const values = items.map((item) => scalar(scope, op, item));
    const present = values.filter((value): value is Scalar => value !== null).map(String);
    if (record.negated && present.length < values.length) return NOTHING;
    if (present.length === 0) return NOTHING;
    return rule(op, present);
  }
  if (record.operand === 'pair') {
    const bounds = asList(raw, op).map((item) => scalar(scope, op, item));
    if (bounds.length !== 2) throw invalidQuery(`"${op}" needs two values.`);
    if (bounds[0] === null || bounds[1] === null) return NOTHING;
    const numeric = isNumeric(bounds[0]) && isNumeric(bounds[1]);
    return rule(
      op,
      bounds.map((bound) => String(bound).trim()),
      numeric,
    );
  }
  const value = scalar(scope, op, raw);
  if (value === null) return NOTHING;
  const numeric = (record.ordering ?? false) && isNumeric(value);
  return rule(op, numeric ? String(value).trim() : String(value), numeric);
}

function jsonRules(scope: ReadScope, field: FieldOverview, raw: unknown, depth: number): ResolvedFilter {
  if (depth > MAX_JSON_QUERY_DEPTH)
    throw invalidQuery(`"_json" is nested deeper than ${MAX_JSON_QUERY_DEPTH} levels.`);
  if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
    throw invalidQuery('"_json" needs an object of JSON paths and their operators.');
  }
  const children: ResolvedFilter[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (UNSAFE_KEYS.has(key)) throw invalidQuery(`"${key}" is not allowed in "_json".`);
    if (key === '_and' || key === '_or') {
      if (!Array.isArray(value)) throw invalidQuery(`"${key}" inside "_json" needs an array.`);
      children.push({
        kind: key === '_and' ? 'and' : 'or',
        children: value.map((item) => jsonRules(scope, field, item, depth + 1)),
      });
      continue;
    }
    if (key.startsWith('_')) throw invalidQuery(`"_json" takes JSON paths as keys, got "${key}".`);
    const path = parseJsonPath(key);
    if (!isPlainObject(value) || Object.keys(value).length === 0) {
      throw invalidQuery(`"_json" path "${key}" needs operators.`);
    }
    for (const [op, operand] of Object.entries(value))
      children.push(jsonCompare(scope, field, path, op, operand));
  }
  return children.length === 1 ? children[0] : { kind: 'and', children };
}

/**
 * `{"metadata": {"_json": {"color": {"_eq": "red"}, "sizes[0]": {"_gt": 2}}}}` (Directus 11): rules on values
 * inside a JSON field, keyed by JSON path (see json-path), AND-ed; `_and`/`_or` lists group them. Paths and
 * operands are bound, never written into SQL.
 */
export function resolveJsonFilter(
  scope: ReadScope,
  target: ValueExpr,
  raw: unknown,
  name: string,
): ResolvedFilter {
  if (target.kind !== 'column' || target.field.type !== 'json' || !target.field.schema) {
    throw invalidQuery(`"_json" needs a JSON field, "${name}" is not one.`);
  }
  return jsonRules(scope, target.field, raw, 1);
}
