import { quoteIdent } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import {
  COLLECTION_META_COLUMNS,
  encodeMeta,
  FIELD_META_COLUMNS,
  RELATION_META_COLUMNS,
} from './meta-columns';

/**
 * Inserts or updates one metadata row: the keys are fixed (`conflict`), the other columns are the
 * encoded meta values that were sent (an update touches only those).
 */
async function upsert(
  client: ClientBase,
  table: string,
  keys: Record<string, unknown>,
  conflict: string,
  values: Map<string, unknown>,
): Promise<void> {
  const columns = [...Object.keys(keys), ...values.keys()];
  const params = [...Object.values(keys), ...values.values()];
  const placeholders = params.map((_value, index) => `$${index + 1}`);
  const updates = [...values.keys()].map(
    (column) => `${quoteIdent(column)} = EXCLUDED.${quoteIdent(column)}`,
  );
  await client.query(
    `INSERT INTO ${table} (${columns.map(quoteIdent).join(', ')}) VALUES (${placeholders.join(', ')})
     ON CONFLICT ${conflict} DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    params,
  );
}

export function upsertCollectionMeta(client: ClientBase, collection: string, meta: unknown): Promise<void> {
  const values = encodeMeta(meta, COLLECTION_META_COLUMNS, `collection "${collection}"`);
  return upsert(client, 'directus_collections', { collection }, '(collection)', values);
}

export function upsertFieldMeta(
  client: ClientBase,
  collection: string,
  field: string,
  meta: unknown,
): Promise<void> {
  const values = encodeMeta(meta, FIELD_META_COLUMNS, `field "${collection}.${field}"`);
  return upsert(client, 'directus_fields', { collection, field }, '(collection, field)', values);
}

export function upsertRelationMeta(
  client: ClientBase,
  manyCollection: string,
  manyField: string,
  meta: unknown,
): Promise<void> {
  const values = encodeMeta(meta, RELATION_META_COLUMNS, `relation "${manyCollection}.${manyField}"`);
  return upsert(
    client,
    'directus_relations',
    { many_collection: manyCollection, many_field: manyField },
    '(many_collection, many_field)',
    values,
  );
}

/**
 * Forgets everything recorded about a collection: its meta, its fields' meta, relations on either side,
 * and permissions on it — a collection re-created under the same name inherits nothing.
 */
export async function deleteCollectionMetadata(client: ClientBase, collection: string): Promise<void> {
  await client.query('DELETE FROM directus_fields WHERE collection = $1', [collection]);
  await client.query('DELETE FROM directus_relations WHERE many_collection = $1 OR one_collection = $1', [
    collection,
  ]);
  await client.query('DELETE FROM directus_permissions WHERE collection = $1', [collection]);
  await client.query('UPDATE directus_collections SET "group" = NULL WHERE "group" = $1', [collection]);
  await client.query('DELETE FROM directus_collections WHERE collection = $1', [collection]);
}

/**
 * Forgets a field: its meta, relations through it, and its name in permissions' field lists (a field
 * re-created under the same name inherits no permission: GHSA-9x5g-62gj-wqf2).
 */
export async function deleteFieldMetadata(
  client: ClientBase,
  collection: string,
  field: string,
): Promise<void> {
  await client.query('DELETE FROM directus_fields WHERE collection = $1 AND field = $2', [collection, field]);
  await client.query(
    `DELETE FROM directus_relations
     WHERE (many_collection = $1 AND many_field = $2) OR (one_collection = $1 AND one_field = $2)`,
    [collection, field],
  );
  await client.query(
    `UPDATE directus_permissions
     SET fields = NULLIF(array_to_string(array_remove(string_to_array(fields, ','), $2), ','), '')
     WHERE collection = $1 AND fields IS NOT NULL AND $2 = ANY (string_to_array(fields, ','))`,
    [collection, field],
  );
}

export async function deleteRelationMeta(
  client: ClientBase,
  manyCollection: string,
  manyField: string,
): Promise<void> {
  await client.query('DELETE FROM directus_relations WHERE many_collection = $1 AND many_field = $2', [
    manyCollection,
    manyField,
  ]);
}
