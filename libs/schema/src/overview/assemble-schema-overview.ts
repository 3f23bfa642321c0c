import { deepFreeze } from './deep-freeze';
import { toCollectionMeta, toFieldMeta, toRelationMeta } from './decode-meta-rows';
import type { ColumnRow, ForeignKeyRow, IndexRow, IntrospectionRows } from './introspection-queries';
import { parseDefaultValue } from './parse-default-value';
import { ALIAS_SPECIALS, pgTypeToDirectus } from './pg-type-to-directus';
import type {
  CollectionOverview,
  FieldMeta,
  FieldOverview,
  FieldSchema,
  RelationOverview,
  RelationSchema,
  SchemaOverview,
} from './schema-overview';
import {
  applicableSystemRelations,
  systemFieldMetas,
  systemRelationOverview,
  type OverlayTarget,
} from './system-overlay';

const REFERENTIAL_ACTIONS: Readonly<Record<string, string>> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** `pg_constraint.confdeltype`/`confupdtype` code → the SQL words Directus shows. */
export function referentialAction(code: string): string {
  return REFERENTIAL_ACTIONS[code] ?? 'NO ACTION';
}

const SYSTEM_PREFIX = 'directus_';

function columnKey(table: string, column: string): string {
  return `${table}\u0000${column}`;
}

function toRelationSchema(fk: ForeignKeyRow): RelationSchema {
  return {
    table: fk.table,
    column: fk.column,
    foreign_key_table: fk.foreign_key_table,
    foreign_key_column: fk.foreign_key_column,
    constraint_name: fk.constraint_name,
    on_update: referentialAction(fk.on_update),
    on_delete: referentialAction(fk.on_delete),
  };
}

function toFieldOverview(
  column: ColumnRow,
  index: IndexRow | undefined,
  fk: ForeignKeyRow | undefined,
  meta: FieldMeta | null,
): FieldOverview {
  const type = pgTypeToDirectus(column.udt_name, meta?.special);
  const defaultExpression = column.default_expression;
  const schema: FieldSchema = {
    name: column.name,
    table: column.table,
    data_type: column.data_type,
    default_value: parseDefaultValue(defaultExpression, type),
    max_length: column.max_length,
    numeric_precision: column.numeric_precision,
    numeric_scale: column.numeric_scale,
    is_nullable: column.is_nullable,
    // A primary key is unique too, as Directus reports it.
    is_unique: index?.is_unique ?? false,
    is_indexed: index?.is_indexed ?? false,
    is_primary_key: index?.is_primary_key ?? false,
    is_generated: column.generation_expression !== null,
    generation_expression: column.generation_expression,
    has_auto_increment: column.is_identity || (defaultExpression?.startsWith('nextval(') ?? false),
    foreign_key_table: fk?.foreign_key_table ?? null,
    foreign_key_column: fk?.foreign_key_column ?? null,
    comment: column.comment,
  };
  return { collection: column.table, field: column.name, type, schema, meta };
}

/** The tables and columns the system overlay may describe. */
function overlayTarget(rows: IntrospectionRows): OverlayTarget {
  const tables = new Set(rows.tables.map((table) => table.name));
  const columns = new Set(rows.columns.map((column) => columnKey(column.table, column.name)));
  return {
    hasCollection: (name) => tables.has(name),
    hasColumn: (collection, field) => columns.has(columnKey(collection, field)),
  };
}

/**
 * Turns the introspection rows into a deep-frozen `SchemaOverview`, Directus's way: every table and view
 * is a collection (meta null when the API never described it), collection rows without a table are
 * folders (`schema: null`), field rows without a column are alias fields (`schema: null`; other orphans are
 * ignored), and relations are the `directus_relations` rows joined to their foreign keys plus every
 * single-column foreign key that has no row (`meta: null`). System tables get Directus's own field specials
 * and relations from the system overlay. Pure: the database work is done before.
 */
export function assembleSchemaOverview(rows: IntrospectionRows): SchemaOverview {
  const indexes = new Map(rows.indexes.map((row) => [columnKey(row.table, row.column), row]));
  const foreignKeys = new Map<string, ForeignKeyRow>();
  for (const fk of rows.foreignKeys) {
    const key = columnKey(fk.table, fk.column);
    if (!foreignKeys.has(key)) foreignKeys.set(key, fk);
  }
  const fieldMeta = new Map<string, FieldMeta>();
  for (const row of rows.fieldMeta) {
    const meta = toFieldMeta(row);
    fieldMeta.set(columnKey(meta.collection, meta.field), meta);
  }
  const overlay = overlayTarget(rows);
  // A stored row wins over the overlay (system collections are read-only, so none should exist).
  for (const meta of systemFieldMetas(overlay)) {
    const key = columnKey(meta.collection, meta.field);
    if (!fieldMeta.has(key)) fieldMeta.set(key, meta);
  }

  const collections = new Map<string, CollectionOverview>();
  for (const table of rows.tables) {
    collections.set(table.name, {
      collection: table.name,
      schema: { name: table.name, comment: table.comment },
      meta: null,
      primary: null,
      system: table.name.startsWith(SYSTEM_PREFIX),
      fields: {},
    });
  }
  for (const row of rows.collectionMeta) {
    const meta = toCollectionMeta(row);
    const existing = collections.get(meta.collection);
    if (existing) existing.meta = meta;
    else {
      collections.set(meta.collection, {
        collection: meta.collection,
        schema: null,
        meta,
        primary: null,
        system: meta.collection.startsWith(SYSTEM_PREFIX),
        fields: {},
      });
    }
  }

  for (const column of rows.columns) {
    const collection = collections.get(column.table);
    if (!collection) continue;
    const key = columnKey(column.table, column.name);
    const field = toFieldOverview(column, indexes.get(key), foreignKeys.get(key), fieldMeta.get(key) ?? null);
    collection.fields[column.name] = field;
    if (field.schema?.is_primary_key) collection.primary = column.name;
  }
  for (const meta of fieldMeta.values()) {
    const collection = collections.get(meta.collection);
    if (!collection || collection.fields[meta.field]) continue;
    // A meta row whose column was dropped outside the API is not a field; only alias fields live in meta alone.
    if (!meta.special?.some((flag) => ALIAS_SPECIALS.includes(flag))) continue;
    collection.fields[meta.field] = {
      collection: meta.collection,
      field: meta.field,
      type: 'alias',
      schema: null,
      meta,
    };
  }

  const relations: RelationOverview[] = [];
  const described = new Set<string>();
  for (const row of rows.relationMeta) {
    const meta = toRelationMeta(row);
    if (!collections.has(meta.many_collection)) continue;
    const key = columnKey(meta.many_collection, meta.many_field);
    described.add(key);
    const fk = foreignKeys.get(key);
    relations.push({
      collection: meta.many_collection,
      field: meta.many_field,
      related_collection: meta.one_collection,
      schema: fk ? toRelationSchema(fk) : null,
      meta,
    });
  }
  // System relations stored in directus_relations (none should be) win; the overlay describes the rest.
  const stored = new Set(described);
  for (const relation of applicableSystemRelations(overlay)) {
    const key = columnKey(relation.many_collection, relation.many_field);
    if (stored.has(key)) continue;
    described.add(key);
    const fk = foreignKeys.get(key);
    relations.push(systemRelationOverview(relation, fk ? toRelationSchema(fk) : null));
  }
  for (const [key, fk] of foreignKeys) {
    if (described.has(key) || !collections.has(fk.table)) continue;
    relations.push({
      collection: fk.table,
      field: fk.column,
      related_collection: fk.foreign_key_table,
      schema: toRelationSchema(fk),
      meta: null,
    });
  }

  const sorted = Object.fromEntries([...collections].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return deepFreeze({ version: Number(rows.version[0]?.version ?? 1), collections: sorted, relations });
}
