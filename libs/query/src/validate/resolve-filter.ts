import { invalidQuery } from '@atrium/core';
import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import { FOLLOW_KEY } from '../parse/parse-filter';
import { operatorRecord, type FilterNodeOperator, type FilterOperator } from '../operators/operator-lookup';
import type { FilterNode } from '../query-types';
import { coerceValue } from './coerce-value';
import { and } from './combine-filters';
import { comparable } from './concealed';
import { isDynamicVariable, resolveDynamicValue } from './dynamic-values';
import { asList, MAX_LIST } from './operator-operands';
import type { ReadScope } from './read-scope';
import type { O2mLink, ResolvedFilter, ValueExpr } from './resolved-types';
import { resolveJsonFilter } from './resolve-json-filter';
import { resolveScalar, valueType } from './resolve-value';

const NOTHING: ResolvedFilter = { kind: 'const', value: false };
const EVERYTHING: ResolvedFilter = { kind: 'const', value: true };

/**
 * A dynamic variable's value(s) for a field: `values` holds those the field can take (coerced), `missing`
 * says one was null (or, in a permission filter, not a value of the field), `list` that the variable is a list
 * (`$CURRENT_ROLES`, a path through a to-many relation).
 *
 * SECURITY: a dynamic value that is missing makes its comparison match NOTHING. `{owner_org: {_eq:
 * "$CURRENT_USER.org"}}` for a user without an org must not turn into `owner_org IS NULL` (a published
 * advisory on a peer): only a literal `null` operand means "is null".
 */
interface DynamicOperand {
  values: unknown[];
  missing: boolean;
  list: boolean;
}

function dynamicOperand(scope: ReadScope, target: ValueExpr, raw: string): DynamicOperand {
  const { type, dataType } = valueType(target);
  const resolved = resolveDynamicValue(raw, scope.context);
  const items = Array.isArray(resolved) ? resolved : [resolved];
  const operand: DynamicOperand = { values: [], missing: false, list: Array.isArray(resolved) };
  for (const item of items) {
    if (item === null || item === undefined) {
      operand.missing = true;
      continue;
    }
    try {
      operand.values.push(coerceValue(type, dataType, item));
    } catch (error) {
      // In a request's filter that is a 400, as for a literal. A stored rule must neither break every read
      // nor widen access: there a value the field can't hold (a uuid against an integer column) equals
      // none of its values.
      if (!scope.permission) throw error;
      operand.missing = true;
    }
  }
  return operand;
}

/** A literal operand coerced for the field (400 when the field can't hold it). */
function literal(target: ValueExpr, raw: unknown): unknown {
  const { type, dataType } = valueType(target);
  return coerceValue(type, dataType, raw);
}

/** One value of a non-list operator: a literal, or a dynamic variable (null when it has no value). */
function single(scope: ReadScope, target: ValueExpr, op: string, raw: unknown): { value: unknown } | null {
  if (!isDynamicVariable(raw)) return { value: literal(target, raw) };
  const operand = dynamicOperand(scope, target, raw);
  if (operand.list) throw invalidQuery(`"${op}" takes one value, "${raw}" is a list.`);
  return operand.missing ? null : { value: operand.values[0] };
}

/**
 * `_in`/`_nin` over resolved values. A missing dynamic member of `_in` is one alternative fewer; in `_nin` it
 * makes the rule match nothing. An empty `_in` matches nothing; an empty `_nin` excludes nothing, except in a
 * permission filter, where an empty list never admits a row.
 */
function listCompare(
  scope: ReadScope,
  target: ValueExpr,
  op: FilterOperator,
  values: unknown[],
  missing: boolean,
): ResolvedFilter {
  if (values.length > MAX_LIST) throw invalidQuery(`"${op}" takes at most ${MAX_LIST} values.`);
  const negated = operatorRecord(op).negated ?? false;
  if (negated && missing) return NOTHING;
  if (values.length === 0) return !negated || scope.permission ? NOTHING : EVERYTHING;
  return { kind: 'compare', target, op, value: values };
}

function compare(scope: ReadScope, target: ValueExpr, op: FilterOperator, raw: unknown): ResolvedFilter {
  const { type } = valueType(target);
  const { operand: shape, equality } = operatorRecord(op);
  if (shape === 'flag') return { kind: 'compare', target, op, value: coerceValue('boolean', undefined, raw) };
  if (type === 'json' || type === 'alias' || type === 'binary' || type === 'unknown') {
    throw invalidQuery(`Operator "${op}" can't be used on a field of type "${type}".`);
  }
  if (equality) {
    if (raw === null) return { kind: 'compare', target, op: equality.null, value: true };
    if (isDynamicVariable(raw)) {
      const operand = dynamicOperand(scope, target, raw);
      // A list variable (`$CURRENT_ROLES`) compared for equality means "one of them" (`_in`/`_nin`).
      if (operand.list) return listCompare(scope, target, equality.list, operand.values, operand.missing);
      return operand.missing ? NOTHING : { kind: 'compare', target, op, value: operand.values[0] };
    }
    return { kind: 'compare', target, op, value: literal(target, raw) };
  }
  if (shape === 'list') {
    const items = asList(raw, op);
    if (items.length > MAX_LIST) throw invalidQuery(`"${op}" takes at most ${MAX_LIST} values.`);
    const values: unknown[] = [];
    let missing = false;
    for (const item of items) {
      if (isDynamicVariable(item)) {
        const operand = dynamicOperand(scope, target, item);
        values.push(...operand.values);
        missing ||= operand.missing;
      } else values.push(literal(target, item));
    }
    return listCompare(scope, target, op, values, missing);
  }
  if (shape === 'pair') {
    const list = asList(raw, op);
    if (list.length !== 2) throw invalidQuery(`"${op}" needs two values.`);
    const bounds = list.map((item) => single(scope, target, op, item));
    if (bounds[0] === null || bounds[1] === null) return NOTHING;
    return { kind: 'compare', target, op, value: bounds.map((bound) => bound?.value) };
  }
  if (shape === 'text') {
    const value = resolveDynamicValue(raw, scope.context);
    if (isDynamicVariable(raw) && (value === null || value === undefined)) return NOTHING;
    if (typeof value !== 'string' && typeof value !== 'number') throw invalidQuery(`"${op}" needs a string.`);
    const text = String(value);
    if (text.includes('\u0000')) throw invalidQuery(`"${op}" operand contains a NUL character.`);
    return { kind: 'compare', target, op, value: text };
  }
  const bound = single(scope, target, op, raw);
  return bound ? { kind: 'compare', target, op, value: bound.value } : NOTHING;
}

/** One operator applied to a value: compiled operators, `_json` rules, others refused with their reason. */
function operatorRule(
  scope: ReadScope,
  target: ValueExpr,
  op: FilterNodeOperator,
  raw: unknown,
  name: string,
): ResolvedFilter {
  const { sql } = operatorRecord(op);
  if (sql.kind === 'nested') return resolveJsonFilter(scope, target, raw, name);
  if (sql.kind !== 'compiled') throw invalidQuery(`"${op}" on "${name}": ${sql.reason}.`);
  return compare(scope, target, op as FilterOperator, raw);
}

/** A field's rule made only of operators (`{_gt: 1, _lt: 5}`). */
function compareRule(scope: ReadScope, target: ValueExpr, rule: FilterNode, name: string): ResolvedFilter {
  if (rule.kind === 'operator') return operatorRule(scope, target, rule.op, rule.value, name);
  if (rule.kind === 'logical' && rule.implicit) {
    return { kind: 'and', children: rule.children.map((child) => compareRule(scope, target, child, name)) };
  }
  throw invalidQuery(`Invalid filter for field "${name}": expected operators.`);
}

/** A rule on the rows of a one-to-many link: `_some` (the default) or `_none` of them match. */
function linkRule(scope: ReadScope, link: O2mLink, rule: FilterNode, depth: number): ResolvedFilter {
  scope.checkDepth(depth + 1);
  const target = scope.collection(link.target.collection);
  const quantifier = rule.kind === 'quantifier' ? rule : { op: '_some' as const, child: rule };
  const inner = and(
    resolveFilter(scope, target, quantifier.child, depth + 1),
    scope.rowFilter(target),
    scope.linkCondition(link),
  );
  return { kind: quantifier.op === '_some' ? 'some' : 'none', link, child: inner ?? EVERYTHING };
}

/**
 * `$FOLLOW(collection, fk_field)`: the rows of `collection` whose `fk_field` references this row, though no
 * alias field describes that relation. Both names must be readable (403), and the field must reference
 * this collection (400).
 */
function followRule(
  scope: ReadScope,
  collection: CollectionOverview,
  key: string,
  rule: FilterNode,
  depth: number,
): ResolvedFilter {
  const follow = FOLLOW_KEY.exec(key);
  if (!follow) throw invalidQuery(`"${key}" is not supported in a filter.`);
  const [, targetName, fkName] = follow;
  scope.checkDepth(depth + 1);
  const target = scope.collection(targetName);
  const fk = scope.field(target, fkName);
  const relation = scope.overview.relations.find(
    (candidate) =>
      candidate.collection === target.collection &&
      candidate.field === fk.field &&
      candidate.related_collection === collection.collection,
  );
  let keyName: string | null = null;
  if (relation) keyName = relation.schema?.foreign_key_column ?? collection.primary;
  else if (fk.schema?.foreign_key_table === collection.collection) keyName = fk.schema.foreign_key_column;
  const ownKey: FieldOverview | undefined = keyName ? collection.fields[keyName] : undefined;
  if (!ownKey || !fk.schema) {
    throw invalidQuery(
      `"${key}": "${fkName}" of "${targetName}" doesn't reference "${collection.collection}".`,
    );
  }
  return linkRule(scope, { target, fk, ownKey }, rule, depth);
}

function fieldRule(
  scope: ReadScope,
  collection: CollectionOverview,
  key: string,
  rule: FilterNode,
  depth: number,
): ResolvedFilter {
  if (key.startsWith('$')) return followRule(scope, collection, key, rule, depth);
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
    return { kind: 'm2a', link: relation.link, collection: target, child: child ?? EVERYTHING };
  }
  if (key.includes('('))
    return compareRule(scope, comparable(resolveScalar(scope, collection, key, 'filter')), rule, key);
  const field = scope.field(collection, key);
  const relation = scope.relationOf(collection, field);
  if (relation.kind === 'm2o') {
    if (rule.kind === 'operator')
      return operatorRule(scope, { kind: 'column', field }, rule.op, rule.value, key);
    if (rule.kind === 'logical' && rule.implicit) {
      return {
        kind: 'and',
        children: rule.children.map((child) => fieldRule(scope, collection, key, child, depth)),
      };
    }
    scope.checkDepth(depth + 1);
    const target = scope.collection(relation.link.target.collection);
    const child = and(resolveFilter(scope, target, rule, depth + 1), scope.rowFilter(target));
    return { kind: 'm2o', link: relation.link, child: child ?? EVERYTHING };
  }
  if (relation.kind === 'o2m') return linkRule(scope, relation.link, rule, depth);
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
      // A stored rule's `_or: []` (no alternative) admits no row; a request's restricts nothing (Directus).
      if (scope.permission && node.op === '_or' && node.children.length === 0) return NOTHING;
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
