import type { ClientBase, QueryResult } from 'pg';
import type { RelationSchema } from './schema-overview';

/**
 * What one schema introspection reads, as the rows PostgreSQL answers. Every statement is set-based over
 * the whole `public` schema (never one query per table) and takes no parameters, so all of them travel
 * to the server as one simple-protocol message: one round trip whatever the number of tables.
 */

/** The relations a project exposes: its tables and views in `public`, minus Atrium's own bookkeeping. */
const EXPOSED_RELATION = `c.relnamespace = 'public'::regnamespace
    AND c.relkind IN ('r', 'p', 'v', 'm')
    AND NOT c.relispartition
    AND c.relname NOT LIKE 'atrium\\_%'`;

export interface VersionRow {
  version: string;
}

export interface TableRow {
  name: string;
  /** `r` table, `p` partitioned table, `v` view, `m` materialized view. */
  kind: string;
  comment: string | null;
}

export interface ColumnRow {
  table: string;
  name: string;
  /** As `format_type` prints it (`character varying`, `timestamp with time zone`), like Directus shows. */
  data_type: string;
  /** The catalog type name, domains resolved to their base type (`varchar`, `timestamptz`). */
  udt_name: string;
  default_expression: string | null;
  generation_expression: string | null;
  is_nullable: boolean;
  is_identity: boolean;
  max_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  comment: string | null;
}

/** Facts from single-column, non-partial, non-expression indexes, which are the ones Directus models. */
export interface IndexRow {
  table: string;
  column: string;
  is_primary_key: boolean;
  is_unique: boolean;
  is_indexed: boolean;
}

/** A single-column foreign key, as `RelationOverview.schema` describes it but with pg_constraint codes. */
export interface ForeignKeyRow extends RelationSchema {
  /** pg_constraint action codes: `a` no action, `r` restrict, `c` cascade, `n` set null, `d` set default. */
  on_update: string;
  on_delete: string;
}

/** A metadata row as stored (`directus_collections`, `directus_fields`, `directus_relations`). */
export type MetaRow = Record<string, unknown>;

export interface IntrospectionRows {
  version: VersionRow[];
  tables: TableRow[];
  columns: ColumnRow[];
  indexes: IndexRow[];
  foreignKeys: ForeignKeyRow[];
  collectionMeta: MetaRow[];
  fieldMeta: MetaRow[];
  relationMeta: MetaRow[];
}

const QUERIES: { readonly [K in keyof IntrospectionRows]: string } = {
  version: 'SELECT version FROM public.atrium_schema_version WHERE id = 1',

  // Comments are joined rather than read with obj_description/col_description: those run a subquery
  // per row, which alone doubled the build time of a 500-column project.
  tables: `SELECT c.relname AS name, c.relkind AS kind, des.description AS comment
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_description des
    ON des.objoid = c.oid AND des.classoid = 'pg_catalog.pg_class'::regclass AND des.objsubid = 0
  WHERE ${EXPOSED_RELATION}
  ORDER BY c.relname`,

  // typmod arithmetic: varchar/bpchar store length + 4; numeric stores ((precision << 16) | scale) + 4.
  columns: `SELECT c.relname AS "table", a.attname AS name,
    format_type(a.atttypid, NULL) AS data_type,
    CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS udt_name,
    CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_expression,
    CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generation_expression,
    NOT a.attnotnull AS is_nullable,
    a.attidentity <> '' AS is_identity,
    CASE
      WHEN a.atttypid IN ('bpchar'::regtype, 'varchar'::regtype) AND a.atttypmod > 0 THEN a.atttypmod - 4
      WHEN a.atttypid IN ('bit'::regtype, 'varbit'::regtype) AND a.atttypmod > 0 THEN a.atttypmod
    END AS max_length,
    CASE
      WHEN a.atttypid = 'int2'::regtype THEN 16
      WHEN a.atttypid = 'int4'::regtype THEN 32
      WHEN a.atttypid = 'int8'::regtype THEN 64
      WHEN a.atttypid = 'float4'::regtype THEN 24
      WHEN a.atttypid = 'float8'::regtype THEN 53
      WHEN a.atttypid = 'numeric'::regtype AND a.atttypmod > 0 THEN ((a.atttypmod - 4) >> 16) & 65535
    END AS numeric_precision,
    CASE
      WHEN a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype) THEN 0
      WHEN a.atttypid = 'numeric'::regtype AND a.atttypmod > 0 THEN (a.atttypmod - 4) & 65535
    END AS numeric_scale,
    des.description AS comment
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_description des
    ON des.objoid = a.attrelid AND des.classoid = 'pg_catalog.pg_class'::regclass AND des.objsubid = a.attnum
  WHERE ${EXPOSED_RELATION} AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY c.relname, a.attnum`,

  indexes: `SELECT c.relname AS "table", a.attname AS "column",
    bool_or(i.indisprimary) AS is_primary_key,
    bool_or(i.indisunique) AS is_unique,
    bool_or(NOT i.indisunique) AS is_indexed
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
  JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE ${EXPOSED_RELATION} AND i.indnkeyatts = 1 AND i.indexprs IS NULL AND i.indpred IS NULL
  GROUP BY c.relname, a.attname`,

  foreignKeys: `SELECT c.relname AS "table", a.attname AS "column",
    fc.relname AS foreign_key_table, fa.attname AS foreign_key_column,
    con.conname AS constraint_name, con.confupdtype AS on_update, con.confdeltype AS on_delete
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
  JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
  JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
  JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[1]
  WHERE con.contype = 'f' AND cardinality(con.conkey) = 1 AND ${EXPOSED_RELATION}
    AND fc.relnamespace = 'public'::regnamespace AND fc.relname NOT LIKE 'atrium\\_%'
  ORDER BY c.relname, a.attname, con.conname`,

  collectionMeta: 'SELECT * FROM public.directus_collections ORDER BY collection',
  fieldMeta: 'SELECT * FROM public.directus_fields ORDER BY collection, sort NULLS LAST, id',
  relationMeta: 'SELECT * FROM public.directus_relations ORDER BY id',
};

const KEYS = Object.keys(QUERIES) as Array<keyof IntrospectionRows>;
const STATEMENTS = KEYS.map((key) => QUERIES[key]).join(';\n');

/**
 * Reads everything an overview needs in one round trip. With `consistent`, the statements run in their
 * own read-only REPEATABLE READ transaction, so the version row and the catalog come from one snapshot: a
 * concurrent schema change is seen entirely (with its bumped version) or not at all. Without it they run
 * in whatever transaction `client` is in (e.g. to read a change before it commits).
 */
export async function readIntrospectionRows(
  client: ClientBase,
  consistent: boolean,
): Promise<IntrospectionRows> {
  const sql = consistent
    ? `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n${STATEMENTS};\nCOMMIT`
    : STATEMENTS;
  // A parameterless multi-statement text query goes through the simple protocol and yields one result
  // per statement, which @types/pg does not model.
  const results = (await client.query(sql)) as unknown as QueryResult[];
  const offset = consistent ? 1 : 0;
  const rows = {} as Record<keyof IntrospectionRows, unknown[]>;
  KEYS.forEach((key, index) => {
    rows[key] = results[index + offset].rows;
  });
  return rows as unknown as IntrospectionRows;
}
