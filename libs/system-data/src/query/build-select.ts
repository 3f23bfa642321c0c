import {
  CollectionDefinition,
  FieldDefinition,
  findField,
  PrimaryKey,
} from '../definitions/collection-definition';
import { compileFilter, compileSearch } from './compile-filter';
import type { FilterNode, SystemQuery } from './query-types';
import { quote } from './quote';
import { keyArray, SqlParams, SqlStatement } from './sql-params';

/** What a set concealed field reads as (Directus's mask). */
export const CONCEALED_MASK = '**********';

/**
 * How one field is selected. Secrets are masked inside PostgreSQL, so a hash or token never reaches Node;
 * CSV columns become arrays.
 */
function selectExpression(field: FieldDefinition): string {
  const column = quote(field.name);
  if (field.concealed)
    return `CASE WHEN ${column} IS NULL THEN NULL ELSE '${CONCEALED_MASK}' END AS ${column}`;
  if (field.type === 'csv') return `string_to_array(${column}, ',') AS ${column}`;
  return column;
}

export function selectList(definition: CollectionDefinition, fields: readonly string[]): string {
  return fields
    .map((name) => {
      const field = findField(definition, name);
      if (!field) throw new Error(`selectList: ${name} is not a field of ${definition.collection}`);
      return selectExpression(field);
    })
    .join(', ');
}

export interface WhereParts {
  filter: FilterNode | null;
  search: string | null;
  /** Restrict to these primary keys (reads by key, SEARCH with `keys`). */
  keys?: readonly PrimaryKey[];
}

function whereClause(
  definition: CollectionDefinition,
  parts: WhereParts,
  params: SqlParams,
  keysPlaceholder?: string,
): string {
  const conditions: string[] = [];
  if (keysPlaceholder) conditions.push(`${quote(definition.primaryKey)} = ANY(${keysPlaceholder})`);
  else if (parts.keys) {
    conditions.push(
      `${quote(definition.primaryKey)} = ANY(${keyArray(params, parts.keys, definition.primaryKeyType)})`,
    );
  }
  if (parts.filter) conditions.push(compileFilter(definition, parts.filter, params));
  if (parts.search !== null) conditions.push(compileSearch(definition, parts.search, params));
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function orderAndPage(
  definition: CollectionDefinition,
  query: SystemQuery,
  params: SqlParams,
  keysPlaceholder?: string,
): string {
  const pk = quote(definition.primaryKey);
  const order = query.sort.map((clause) => `${quote(clause.field)} ${clause.descending ? 'DESC' : 'ASC'}`);
  // Rows asked for by key come in the keys' order unless a sort says otherwise.
  if (keysPlaceholder && order.length === 0) order.push(`array_position(${keysPlaceholder}, ${pk})`);
  // The primary key breaks ties, so pages never overlap or skip rows.
  if (!query.sort.some((clause) => clause.field === definition.primaryKey)) order.push(`${pk} ASC`);
  let sql = ` ORDER BY ${order.join(', ')}`;
  if (query.limit !== -1) sql += ` LIMIT ${params.add(query.limit)}`;
  if (query.offset > 0) sql += ` OFFSET ${params.add(query.offset)}`;
  return sql;
}

/**
 * The rows of a list query: selected fields, filter + search, sort, limit and offset; with `keys`, only
 * those rows (in the keys' order unless sorted).
 */
export function buildSelect(
  definition: CollectionDefinition,
  query: SystemQuery,
  keys?: readonly PrimaryKey[],
): SqlStatement {
  const params = new SqlParams();
  const keysPlaceholder = keys ? keyArray(params, keys, definition.primaryKeyType) : undefined;
  const where = whereClause(
    definition,
    { filter: query.filter, search: query.search },
    params,
    keysPlaceholder,
  );
  const text =
    `SELECT ${selectList(definition, query.fields)} FROM ${quote(definition.table)}${where}` +
    orderAndPage(definition, query, params, keysPlaceholder);
  return { text, values: params.values };
}

/** Only the primary keys a query matches (for updates and deletes by query), locked for the transaction. */
export function buildSelectKeys(definition: CollectionDefinition, query: SystemQuery): SqlStatement {
  const params = new SqlParams();
  const where = whereClause(definition, { filter: query.filter, search: query.search }, params);
  const text =
    `SELECT ${quote(definition.primaryKey)} AS key FROM ${quote(definition.table)}${where}` +
    `${orderAndPage(definition, query, params)} FOR UPDATE`;
  return { text, values: params.values };
}

/** `count(*)` over the rows matching `parts` (no parts: the whole collection, i.e. `total_count`). */
export function buildCount(definition: CollectionDefinition, parts: WhereParts): SqlStatement {
  const params = new SqlParams();
  const where = whereClause(definition, parts, params);
  return {
    text: `SELECT count(*)::int AS count FROM ${quote(definition.table)}${where}`,
    values: params.values,
  };
}

/**
 * Rows by primary key in the order the keys are given (a create or update reads back what it wrote, in
 * the request's order).
 */
export function buildSelectByKeys(
  definition: CollectionDefinition,
  fields: readonly string[],
  keys: readonly PrimaryKey[],
): SqlStatement {
  const pk = quote(definition.primaryKey);
  const params = new SqlParams();
  const list = keyArray(params, keys, definition.primaryKeyType);
  const text =
    `SELECT ${selectList(definition, fields)} FROM ${quote(definition.table)} WHERE ${pk} = ANY(${list})` +
    ` ORDER BY array_position(${list}, ${pk})`;
  return { text, values: params.values };
}
