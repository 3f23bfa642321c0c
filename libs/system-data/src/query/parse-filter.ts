import { invalidQuery } from '@atrium/core';
import { CollectionDefinition, findField } from '../definitions/collection-definition';
import { fieldForbidden } from '../errors';
import { coerceOperand } from './filter-operands';
import { FILTER_OPERATORS, FilterNode, FilterOperator } from './query-types';

const OPERATORS: ReadonlySet<string> = new Set(FILTER_OPERATORS);
/** Filter objects nest `_and`/`_or` groups; deeper than this is an attack, not a query. */
const MAX_NESTING = 32;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function and(children: FilterNode[]): FilterNode | null {
  if (children.length === 0) return null;
  return children.length === 1 ? children[0] : { kind: 'and', children };
}

function parseGroup(
  definition: CollectionDefinition,
  kind: 'and' | 'or',
  value: unknown,
  depth: number,
): FilterNode {
  if (!Array.isArray(value)) throw invalidQuery(`"_${kind}" has to be an array of filters.`);
  const children: FilterNode[] = [];
  for (const child of value) {
    if (!isPlainObject(child)) throw invalidQuery(`Every entry of "_${kind}" has to be a filter object.`);
    const node = parseObject(definition, child, depth + 1);
    if (node) children.push(node);
  }
  return { kind, children };
}

function parseField(definition: CollectionDefinition, name: string, rule: unknown): FilterNode | null {
  const field = findField(definition, name);
  // Secrets are never matched against: a filter on them would be an oracle for their values.
  if (!field || field.concealed) throw fieldForbidden(definition.collection, name);
  // A bare value (`filter[status]=active`) means equality.
  const operators = isPlainObject(rule) ? rule : { _eq: rule };
  const conditions: FilterNode[] = [];
  for (const [operator, operand] of Object.entries(operators)) {
    if (!OPERATORS.has(operator)) {
      throw invalidQuery(`"${operator}" is not a filter operator supported on field "${name}".`);
    }
    const value = coerceOperand(field, operator as FilterOperator, operand);
    conditions.push({ kind: 'condition', field: name, operator: operator as FilterOperator, value });
  }
  return and(conditions);
}

function parseObject(
  definition: CollectionDefinition,
  filter: Record<string, unknown>,
  depth: number,
): FilterNode | null {
  if (depth > MAX_NESTING) throw invalidQuery('The filter is nested too deep.');
  const nodes: FilterNode[] = [];
  for (const [key, value] of Object.entries(filter)) {
    let node: FilterNode | null;
    if (key === '_and' || key === '_or')
      node = parseGroup(definition, key === '_and' ? 'and' : 'or', value, depth);
    else if (key.startsWith('_')) throw invalidQuery(`"${key}" is not a logical filter operator.`);
    else node = parseField(definition, key, value);
    if (node) nodes.push(node);
  }
  return and(nodes);
}

/**
 * Parses a Directus filter (a JSON string or an object from the bracket form or a SEARCH body) into the
 * engine's filter tree, checked against the collection: unknown or concealed fields → 403 FORBIDDEN,
 * unknown operators, malformed JSON and badly typed operands → 400 INVALID_QUERY.
 */
export function parseFilter(definition: CollectionDefinition, raw: unknown): FilterNode | null {
  if (raw === undefined || raw === null || raw === '') return null;
  let filter = raw;
  if (typeof raw === 'string') {
    try {
      filter = JSON.parse(raw);
    } catch {
      throw invalidQuery('Invalid JSON for filter object.');
    }
  }
  if (!isPlainObject(filter)) throw invalidQuery('The filter has to be an object.');
  return parseObject(definition, filter, 0);
}
