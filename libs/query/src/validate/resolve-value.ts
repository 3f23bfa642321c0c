import { invalidQuery } from '@atrium/core';
import type { CollectionOverview, DirectusType } from '@atrium/schema';
import { parseFunctionCall } from './parse-function';
import type { ReadScope } from './read-scope';
import type { ValueExpr } from './resolved-types';
import { comparable } from './concealed';
import { splitFieldPath } from './field-path';
import { and } from './combine-filters';

const TIME_PARTS = new Set(['hour', 'minute', 'second']);
const DATE_TYPES = new Set<DirectusType>(['date', 'dateTime', 'timestamp', 'time']);

/**
 * What a scalar is for. Outputs may name conditionally readable fields (the caller wraps them); every other
 * use needs a field readable on every row. `json()` is for outputs and sorting only (filters use `_json`).
 */
export type ScalarUse = 'output' | 'filter' | 'sort' | 'group' | 'aggregate';

/** A key without dots (`title`, `year(date)`, `count(comments)`) → the scalar it denotes on `collection`. */
export function resolveScalar(
  scope: ReadScope,
  collection: CollectionOverview,
  key: string,
  use: ScalarUse,
): ValueExpr {
  const named = (name: string) =>
    use === 'output' ? scope.outputField(collection, name) : scope.field(collection, name);
  const call = parseFunctionCall(key);
  if (!call) {
    const field = named(key);
    if (!field.schema) throw invalidQuery(`Field "${key}" has no value of its own here.`);
    return { kind: 'column', field };
  }
  const field = named(call.field);
  if (call.fn === 'json') {
    if (use !== 'output' && use !== 'sort') {
      throw invalidQuery(
        'json() can be used in fields, alias and sort only: filter inside JSON with "_json".',
      );
    }
    if (field.type !== 'json' || !field.schema)
      throw invalidQuery(`json() needs a JSON field, "${call.field}" is not one.`);
    // Parts of a concealed JSON value would be read unmasked.
    return comparable({ kind: 'json', field, path: call.path });
  }
  if (call.fn === 'count') {
    const relation = scope.relationOf(collection, field);
    if (relation.kind !== 'o2m')
      throw invalidQuery(`count() needs a one-to-many field, "${call.field}" is not.`);
    scope.collection(relation.link.target.collection);
    return {
      kind: 'count',
      link: relation.link,
      rowFilter: and(scope.rowFilter(relation.link.target), scope.linkCondition(relation.link)),
    };
  }
  if (!field.schema || !DATE_TYPES.has(field.type))
    throw invalidQuery(`${call.fn}() needs a date or time field.`);
  if (field.type === 'time' && !TIME_PARTS.has(call.fn))
    throw invalidQuery(`${call.fn}() doesn't apply to a time.`);
  return { kind: 'date', fn: call.fn, field };
}

/** A dotted path (`author.name`) through many-to-one fields to a scalar, for sorting and grouping. */
export function resolveValuePath(
  scope: ReadScope,
  collection: CollectionOverview,
  path: string,
  depth = 1,
): ValueExpr {
  const [head, ...rest] = splitFieldPath(path);
  if (rest.length === 0) return comparable(resolveScalar(scope, collection, head, 'sort'));
  scope.checkDepth(depth + 1);
  const field = scope.field(collection, head);
  const relation = scope.relationOf(collection, field);
  if (relation.kind !== 'm2o') throw invalidQuery(`"${field.field}" is not a many-to-one field.`);
  scope.collection(relation.link.target.collection);
  return {
    kind: 'via',
    link: relation.link,
    rowFilter: scope.rowFilter(relation.link.target),
    value: resolveValuePath(scope, relation.link.target, rest.join('.'), depth + 1),
  };
}

/** The type operands compared with `value` are coerced to. */
export function valueType(value: ValueExpr): { type: DirectusType | 'count'; dataType?: string } {
  switch (value.kind) {
    case 'column':
      return { type: value.field.type, dataType: value.field.schema?.data_type };
    case 'date':
      return { type: 'integer' };
    case 'json':
      return { type: 'json' };
    case 'count':
      return { type: 'count' };
    default:
      return valueType(value.value);
  }
}
