import { CollectionDefinition, FieldDefinition, findField } from '../definitions/collection-definition';
import { isUuid } from './filter-operands';
import type { FilterNode, FilterOperator } from './query-types';
import { quote } from './quote';
import { SqlParams } from './sql-params';

/** LIKE patterns take the operand literally: its own `%`, `_` and `\` are escaped (`\` is the default). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

type Pattern = { not: boolean; insensitive: boolean; wrap: (value: string) => string };

const contains = (value: string) => `%${escapeLike(value)}%`;
const startsWith = (value: string) => `${escapeLike(value)}%`;
const endsWith = (value: string) => `%${escapeLike(value)}`;

const PATTERNS: Partial<Record<FilterOperator, Pattern>> = {
  _contains: { not: false, insensitive: false, wrap: contains },
  _ncontains: { not: true, insensitive: false, wrap: contains },
  _icontains: { not: false, insensitive: true, wrap: contains },
  _nicontains: { not: true, insensitive: true, wrap: contains },
  _starts_with: { not: false, insensitive: false, wrap: startsWith },
  _nstarts_with: { not: true, insensitive: false, wrap: startsWith },
  _istarts_with: { not: false, insensitive: true, wrap: startsWith },
  _nistarts_with: { not: true, insensitive: true, wrap: startsWith },
  _ends_with: { not: false, insensitive: false, wrap: endsWith },
  _nends_with: { not: true, insensitive: false, wrap: endsWith },
  _iends_with: { not: false, insensitive: true, wrap: endsWith },
  _niends_with: { not: true, insensitive: true, wrap: endsWith },
};

const COMPARISONS: Partial<Record<FilterOperator, string>> = { _lt: '<', _lte: '<=', _gt: '>', _gte: '>=' };

/** "Empty" is null, or the empty string for text. */
function isEmpty(column: string, field: FieldDefinition, empty: boolean): string {
  const text = field.type === 'string' || field.type === 'csv';
  if (empty) return text ? `(${column} IS NULL OR ${column} = '')` : `${column} IS NULL`;
  return text ? `(${column} IS NOT NULL AND ${column} <> '')` : `${column} IS NOT NULL`;
}

function compileCondition(
  field: FieldDefinition,
  operator: FilterOperator,
  value: unknown,
  params: SqlParams,
): string {
  const column = quote(field.name);
  const pattern = PATTERNS[operator];
  if (pattern) {
    const target = field.type === 'uuid' ? `${column}::text` : column;
    const like = `${pattern.not ? 'NOT ' : ''}${pattern.insensitive ? 'ILIKE' : 'LIKE'}`;
    return `${target} ${like} ${params.add(pattern.wrap(value as string))}`;
  }
  const comparison = COMPARISONS[operator];
  if (comparison) return `${column} ${comparison} ${params.add(value)}`;
  switch (operator) {
    case '_eq':
      return value === null ? `${column} IS NULL` : `${column} = ${params.add(value)}`;
    case '_neq':
      return value === null ? `${column} IS NOT NULL` : `${column} <> ${params.add(value)}`;
    case '_in':
      // An empty list matches nothing (and `= ANY('{}')` would be false anyway; say it plainly).
      return (value as unknown[]).length === 0 ? 'FALSE' : `${column} = ANY(${params.add(value)})`;
    case '_nin':
      return (value as unknown[]).length === 0 ? 'TRUE' : `${column} <> ALL(${params.add(value)})`;
    case '_between':
    case '_nbetween': {
      const [low, high] = value as [unknown, unknown];
      const not = operator === '_nbetween' ? 'NOT ' : '';
      return `${column} ${not}BETWEEN ${params.add(low)} AND ${params.add(high)}`;
    }
    // `_null: false` means "not null", as in Directus; likewise for the other three.
    case '_null':
      return value ? `${column} IS NULL` : `${column} IS NOT NULL`;
    case '_nnull':
      return value ? `${column} IS NOT NULL` : `${column} IS NULL`;
    case '_empty':
      return isEmpty(column, field, value === true);
    case '_nempty':
      return isEmpty(column, field, value !== true);
    default:
      throw new Error(`Unhandled filter operator ${operator}`);
  }
}

/**
 * Compiles a parsed filter into a SQL boolean expression over the collection's table. Identifiers come from
 * the definition (quoted); every operand is a bound parameter added to `params`.
 */
export function compileFilter(definition: CollectionDefinition, node: FilterNode, params: SqlParams): string {
  if (node.kind === 'condition') {
    const field = findField(definition, node.field);
    if (!field) throw new Error(`compileFilter: ${node.field} is not a field of ${definition.collection}`);
    return compileCondition(field, node.operator, node.value, params);
  }
  // An empty group adds no condition (as Directus, which emits nothing for it).
  if (node.children.length === 0) return 'TRUE';
  const parts = node.children.map((child) => compileFilter(definition, child, params));
  return `(${parts.join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
}

/**
 * Directus's `search`: case-insensitive substring over text fields, plus equality on integer fields when the
 * term is an integer and on uuid fields when it is a UUID. Concealed fields are never searched.
 */
export function compileSearch(definition: CollectionDefinition, term: string, params: SqlParams): string {
  const parts: string[] = [];
  let pattern: string | undefined;
  for (const field of definition.fields) {
    if (field.concealed) continue;
    if (field.type === 'string' || field.type === 'csv') {
      pattern ??= params.add(contains(term));
      parts.push(`${quote(field.name)} ILIKE ${pattern}`);
    } else if (field.type === 'integer' && /^-?\d{1,9}$/.test(term)) {
      parts.push(`${quote(field.name)} = ${params.add(Number(term))}`);
    } else if (field.type === 'uuid' && isUuid(term)) {
      parts.push(`${quote(field.name)} = ${params.add(term)}`);
    }
  }
  return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
}
