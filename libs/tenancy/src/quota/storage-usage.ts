/** Anything that runs one statement: a pool, or a transaction's client (to see and lock its own writes). */
export interface UsageQueryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** What a project stores, in bytes: its database, its original files, its cached transform variants. */
export interface StorageUsage {
  database: number;
  files: number;
  variants: number;
  fileCount: number;
  variantCount: number;
}

export const usageTotal = (usage: StorageUsage): number => usage.database + usage.files + usage.variants;

interface CounterRow {
  file_count: string;
  file_bytes: string;
  variant_count: string;
  variant_bytes: string;
}

const COUNTERS_SQL =
  'SELECT file_count, file_bytes, variant_count, variant_bytes FROM public.atrium_storage_usage WHERE id = 1';

/**
 * The stored totals the tenant triggers keep (migration `StorageUsage1796100000000`): one indexed row, never a
 * scan. `lock` holds the row until the transaction ends, which serialises a quota check with the writes of
 * other transactions that change the totals.
 */
export async function readStoredTotals(
  db: UsageQueryable,
  lock = false,
): Promise<Omit<StorageUsage, 'database'>> {
  const { rows } = await db.query<CounterRow>(lock ? `${COUNTERS_SQL} FOR UPDATE` : COUNTERS_SQL);
  const row = rows[0];
  return {
    files: Number(row?.file_bytes ?? 0),
    variants: Number(row?.variant_bytes ?? 0),
    fileCount: Number(row?.file_count ?? 0),
    variantCount: Number(row?.variant_count ?? 0),
  };
}

/** The database's size on disk: PostgreSQL sums its relation files (a directory walk, no table scan). */
export async function readDatabaseSize(db: UsageQueryable): Promise<number> {
  const { rows } = await db.query<{ size: string }>(
    'SELECT pg_database_size(current_database())::bigint AS size',
  );
  return Number(rows[0].size);
}
