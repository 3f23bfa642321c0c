import type { ClientBase } from 'pg';
import type { ColumnCatalogNames } from '../ddl/column-ddl';

/**
 * The real names of a column's single-column unique constraint and plain index, from the catalog: a table
 * made outside the API doesn't follow Atrium's naming, and guessing would drop nothing (or the wrong thing).
 */
export async function columnCatalogNames(
  client: ClientBase,
  table: string,
  column: string,
): Promise<ColumnCatalogNames> {
  const unique = await client.query<{ name: string }>(
    `SELECT c.conname AS name
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
      WHERE n.nspname = current_schema() AND t.relname = $1 AND a.attname = $2
        AND c.contype = 'u' AND cardinality(c.conkey) = 1
      ORDER BY c.conname LIMIT 1`,
    [table, column],
  );
  const index = await client.query<{ name: string }>(
    `SELECT i.relname AS name
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
      WHERE n.nspname = current_schema() AND t.relname = $1 AND a.attname = $2
        AND x.indnatts = 1 AND NOT x.indisunique AND NOT x.indisprimary
      ORDER BY i.relname LIMIT 1`,
    [table, column],
  );
  return { uniqueConstraint: unique.rows[0]?.name ?? null, index: index.rows[0]?.name ?? null };
}
