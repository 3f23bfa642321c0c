import { CollectionDefinition, PrimaryKey, Row, findField } from '../definitions/collection-definition';
import { quote } from '../sql/quote';
import { keyArray, SqlParams, SqlStatement } from '../sql/sql-params';

/** A value as its column stores it: JSON serialised (node-postgres would send arrays as PG arrays), CSV joined. */
function columnValue(definition: CollectionDefinition, name: string, value: unknown): unknown {
  const field = findField(definition, name);
  if (!field) throw new Error(`buildWrite: ${name} is not a field of ${definition.collection}`);
  if (value === null) return null;
  if (field.type === 'json') return JSON.stringify(value);
  if (field.type === 'csv') return (value as string[]).join(',');
  return value;
}

export function buildInsert(definition: CollectionDefinition, values: Row): SqlStatement {
  const params = new SqlParams();
  const names = Object.keys(values);
  const pk = quote(definition.primaryKey);
  if (names.length === 0) {
    return {
      text: `INSERT INTO ${quote(definition.table)} DEFAULT VALUES RETURNING ${pk} AS key`,
      values: [],
    };
  }
  const placeholders = names.map((name) => params.add(columnValue(definition, name, values[name])));
  const text =
    `INSERT INTO ${quote(definition.table)} (${names.map(quote).join(', ')}) ` +
    `VALUES (${placeholders.join(', ')}) RETURNING ${pk} AS key`;
  return { text, values: params.values };
}

/** null when there is nothing to set. */
export function buildUpdate(
  definition: CollectionDefinition,
  key: PrimaryKey,
  values: Row,
): SqlStatement | null {
  const names = Object.keys(values);
  if (names.length === 0) return null;
  const params = new SqlParams();
  const assignments = names.map(
    (name) => `${quote(name)} = ${params.add(columnValue(definition, name, values[name]))}`,
  );
  const text =
    `UPDATE ${quote(definition.table)} SET ${assignments.join(', ')} ` +
    `WHERE ${quote(definition.primaryKey)} = ${params.add(key)}`;
  return { text, values: params.values };
}

export function buildDelete(definition: CollectionDefinition, keys: readonly PrimaryKey[]): SqlStatement {
  const params = new SqlParams();
  const list = keyArray(params, keys, definition.primaryKeyType);
  return {
    text: `DELETE FROM ${quote(definition.table)} WHERE ${quote(definition.primaryKey)} = ANY(${list})`,
    values: params.values,
  };
}

/** Locks the rows about to change and tells which of the keys exist. */
export function buildLockKeys(definition: CollectionDefinition, keys: readonly PrimaryKey[]): SqlStatement {
  const pk = quote(definition.primaryKey);
  const params = new SqlParams();
  const list = keyArray(params, keys, definition.primaryKeyType);
  return {
    text: `SELECT ${pk} AS key FROM ${quote(definition.table)} WHERE ${pk} = ANY(${list}) FOR UPDATE`,
    values: params.values,
  };
}

/**
 * The row as history records it in `directus_revisions.data`: every field of the definition except the
 * secrets (never stored, not even hashed), CSV columns as the arrays clients see.
 */
export function buildHistoryRow(definition: CollectionDefinition, key: PrimaryKey): SqlStatement {
  const columns = definition.fields
    .filter((field) => !field.concealed)
    .map((field) =>
      field.type === 'csv'
        ? `string_to_array(${quote(field.name)}, ',') AS ${quote(field.name)}`
        : quote(field.name),
    );
  return {
    text: `SELECT ${columns.join(', ')} FROM ${quote(definition.table)} WHERE ${quote(definition.primaryKey)} = $1`,
    values: [key],
  };
}
