import { invalidQuery } from '@atrium/core';
import type { CollectionOverview } from '@atrium/schema';
import type { FilterNode, FilterOperator } from '../query-types';
import { coerceValue } from './coerce-value';
import { resolveDynamicValue } from './dynamic-values';
import type { ReadScope } from './read-scope';
import type { ResolvedFilter, ValueExpr } from './resolved-types';
import { comparable } from './concealed';
import { resolveScalar, valueType } from './resolve-value';

const BOOLEAN_OPS = new Set<FilterOperator>(['_null', '_nnull', '_empty', '_nempty']);
const TEXT_OPS = new Set<FilterOperator>([
  '_contains',
  '_ncontains',
  '_icontains',
  '_nicontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_nistarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
  '_niends_with',
  '_ieq',
  '_nieq',
]);
const MAX_LIST = 10_000;

export function and(...parts: (ResolvedFilter | null)[]): ResolvedFilter | null {
  const present = parts.filter((part): part is ResolvedFilter => part !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0] : { kind: 'and', children: present };
}

function asList(value: unknown, op: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  if (typeof value === 'number') return [value];
  throw invalidQuery(`"${op}" needs an array.`);
}

function compare(scope: ReadScope, target: ValueExpr, op: FilterOperator, raw: unknown): ResolvedFilter {
  const { type, dataType } = valueType(target);
  const dynamic = (value: unknown) => resolveDynamicValue(value, scope.context);
  const coerce = (value: unknown) => coerceValue(type, dataType, dynamic(value));
  if (BOOLEAN_OPS.has(op))
    return { kind: 'compare', target, op, value: coerceValue('boolean', undefined, raw) };
  if (type === 'json' || type === 'alias' || type === 'binary' || type === 'unknown') {
    throw invalidQuery(`Operator "${op}" can't be used on a field of type "${type}".`);
  }
  if (op === '_eq' || op === '_neq') {
    const value = dynamic(raw);
    if (value === null)
      return { kind: 'compare', target, op: op === '_eq' ? '_null' : '_nnull', value: true };
    return { kind: 'compare', target, op, value: coerceValue(type, dataType, value) };
  }
  if (op === '_in' || op === '_nin') {
    const list = asList(raw, op);
    if (list.length > MAX_LIST) throw invalidQuery(`"${op}" takes at most ${MAX_LIST} values.`);
    if (list.length === 0) return { kind: 'const', value: op === '_nin' };
    return { kind: 'compare', target, op, value: list.map(coerce) };
  }
  if (op === '_between' || op === '_nbetween') {
    const list = asList(raw, op);
    if (list.length !== 2) throw invalidQuery(`"${op}" needs two values.`);
    return { kind: 'compare', target, op, value: list.map(coerce) };
  }
  if (TEXT_OPS.has(op)) {
    const value = dynamic(raw);
    if (typeof value !== 'string' && typeof value !== 'number') throw invalidQuery(`"${op}" needs a string.`);
    const text = String(value);
    if (text.includes('\u0000')) throw invalidQuery(`"${op}" operand contains a NUL character.`);
    return { kind: 'compare', target, op, value: text };
  }
  return { kind: 'compare', target, op, value: coerce(raw) };
}

/** A field's rule made only of operators (`{_gt: 1, _lt: 5}`). */
function compareRule(scope: ReadScope, target: ValueExpr, rule: FilterNode, name: string): ResolvedFilter {
  if (rule.kind === 'operator') return compare(scope, target, rule.op, rule.value);
  if (rule.kind === 'logical' && rule.implicit) {
    return { kind: 'and', children: rule.children.map((child) => compareRule(scope, target, child, name)) };
  }
  throw invalidQuery(`Invalid filter for field "${name}": expected operators.`);
}

function fieldRule(
  scope: ReadScope,
  collection: CollectionOverview,
  key: string,
  rule: FilterNode,
  depth: number,
): ResolvedFilter {
  const scoped = /^([^:]+):(.+)$/.exec(key);
  if (scoped) {
    const field = scope.field(collection, scoped[1]);
    const relation = scope.relationOf(collection, field);
    if (relation.kind !== 'm2a' || !relation.link.allowed.includes(scoped[2])) {
      throw invalidQuery(`"${key}" is not a many-to-any scope.`);
    }
    scope.checkDepth(depth + 1);
    const target = scope.collection(scoped[2]);
    const child = and(resolveFilter(scope, target, rule, depth + 1), scope.rowFilter(target));
    return {
      kind: 'm2a',
      link: relation.link,
      collection: target,
      child: child ?? { kind: 'const', value: true },
    };
  }
  if (key.includes('('))
    return compareRule(scope, comparable(resolveScalar(scope, collection, key)), rule, key);
  const field = scope.field(collection, key);
  const relation = scope.relationOf(collection, field);
  if (relation.kind === 'm2o') {
    if (rule.kind === 'operator') return compare(scope, { kind: 'column', field }, rule.op, rule.value);
    if (rule.kind === 'logical' && rule.implicit) {
      return {
        kind: 'and',
        children: rule.children.map((child) => fieldRule(scope, collection, key, child, depth)),
      };
    }
    scope.checkDepth(depth + 1);
    const target = scope.collection(relation.link.target.collection);
    const child = and(resolveFilter(scope, target, rule, depth + 1), scope.rowFilter(target));
    return { kind: 'm2o', link: relation.link, child: child ?? { kind: 'const', value: true } };
  }
  if (relation.kind === 'o2m') {
    scope.checkDepth(depth + 1);
    const target = scope.collection(relation.link.target.collection);
    const quantifier = rule.kind === 'quantifier' ? rule : { op: '_some' as const, child: rule };
    const inner = and(resolveFilter(scope, target, quantifier.child, depth + 1), scope.rowFilter(target));
    return {
      kind: quantifier.op === '_some' ? 'some' : 'none',
      link: relation.link,
      child: inner ?? { kind: 'const', value: true },
    };
  }
  if (!field.schema) throw invalidQuery(`Field "${key}" can't be filtered on.`);
  return compareRule(scope, comparable({ kind: 'column', field }), rule, key);
}

/** A parsed filter → checked against the schema and the caller's access, operands coerced. */
export function resolveFilter(
  scope: ReadScope,
  collection: CollectionOverview,
  node: FilterNode,
  depth = 1,
): ResolvedFilter {
  switch (node.kind) {
    case 'logical':
      return {
        kind: node.op === '_and' ? 'and' : 'or',
        children: node.children.map((child) => resolveFilter(scope, collection, child, depth)),
      };
    case 'field':
      return fieldRule(scope, collection, node.key, node.child, depth);
    default:
      throw invalidQuery(`"${node.op}" must be applied to a field.`);
  }
}
