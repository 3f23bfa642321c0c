import type { UsageQueryable } from '../quota/storage-usage';
import { quoteIdent } from '../database/quote-ident';

export interface ProjectStats {
  collection_count: number;
  entry_count: number;
  /** Bytes counted against the quota: the database, the original files and the cached variants. */
  size: number;
  database_size: number;
  files_size: number;
  variants_size: number;
  file_count: number;
  variant_count: number;
  /** µs since the epoch of the first and last recorded activity, null while there is none. */
  oldest_record: number | null;
  latest_record: number | null;
}

/** Above this many estimated rows a table's count comes from the planner's estimate, not a scan. */
const EXACT_COUNT_LIMIT = 100_000;

const TABLES_SQL = `
  SELECT c.relname AS name, c.reltuples::bigint AS estimate
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    AND c.relname NOT LIKE 'directus\\_%' AND c.relname NOT LIKE 'atrium\\_%'`;

/**
 * Files and variants from the running totals the tenant's triggers keep (no scan of `directus_files`); the
 * activity table's first and last rows by id (served by its primary key index, no scan).
 */
const SUMMARY_SQL = `
  SELECT pg_database_size(current_database())::bigint AS db_size,
    u.file_count, u.file_bytes, u.variant_count, u.variant_bytes,
    (SELECT (extract(epoch FROM timestamp) * 1000000)::bigint FROM directus_activity ORDER BY id ASC LIMIT 1) AS oldest,
    (SELECT (extract(epoch FROM timestamp) * 1000000)::bigint FROM directus_activity ORDER BY id DESC LIMIT 1) AS latest
  FROM public.atrium_storage_usage u WHERE u.id = 1`;

/** Measures one project in two statements: its tables, then sizes, counts and activity bounds together. */
export async function measureProject(pool: UsageQueryable): Promise<ProjectStats> {
  const tables = await pool.query<{ name: string; estimate: string }>(TABLES_SQL);
  const counts = tables.rows.map((table) =>
    Number(table.estimate) > EXACT_COUNT_LIMIT
      ? `${Number(table.estimate)}::bigint`
      : `(SELECT count(*) FROM ${quoteIdent(table.name)})`,
  );
  const entries = counts.length > 0 ? counts.join(' + ') : '0';
  const { rows } = await pool.query<{
    db_size: string;
    file_count: string;
    file_bytes: string;
    variant_count: string;
    variant_bytes: string;
    oldest: string | null;
    latest: string | null;
    entries: string;
  }>(`SELECT s.*, (${entries})::bigint AS entries FROM (${SUMMARY_SQL}) s`);
  const row = rows[0];
  return {
    collection_count: tables.rows.length,
    entry_count: Number(row.entries),
    size: Number(row.db_size) + Number(row.file_bytes) + Number(row.variant_bytes),
    database_size: Number(row.db_size),
    files_size: Number(row.file_bytes),
    variants_size: Number(row.variant_bytes),
    file_count: Number(row.file_count),
    variant_count: Number(row.variant_count),
    oldest_record: row.oldest === null ? null : Number(row.oldest),
    latest_record: row.latest === null ? null : Number(row.latest),
  };
}
