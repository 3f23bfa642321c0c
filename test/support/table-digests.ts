import { tenantRows } from '../system-data/system-data-fixture';
import type { TestApp } from './test-app';

/** A project's tables but the migrations ledgers, by name. */
export async function tenantTables(t: TestApp, project: string): Promise<string[]> {
  const rows = await tenantRows<{ table_name: string }>(
    t,
    project,
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%migrations%'
      ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

/**
 * Every row of `tables` (default: all of them), as one `count:digest` per table, so two databases can be
 * compared whole.
 */
export async function tableDigests(
  t: TestApp,
  project: string,
  tables?: readonly string[],
): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of tables ?? (await tenantTables(t, project))) {
    const [row] = await tenantRows<{ digest: string | null; count: string }>(
      t,
      project,
      // jsonb: the same row whatever order its table's columns were created in.
      `SELECT md5(string_agg(to_jsonb(r)::text, E'\\n' ORDER BY to_jsonb(r)::text)) AS digest, count(*) AS count
         FROM "${table}" r`,
    );
    digests[table] = `${row.count}:${row.digest}`;
  }
  return digests;
}
