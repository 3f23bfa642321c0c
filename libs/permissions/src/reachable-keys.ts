import { compileRead, emptyQuery, type QueryContext, type QueryLimits } from '@atrium/query';
import type { SchemaOverview } from '@atrium/schema';
import type { ClientBase, Pool } from 'pg';
import { anyOf } from './collection-access';
import type { PermissionRule } from './permission-types';

/**
 * Which of `keys` the rules' item filters reach, in one compiled read of the primary keys (the filters
 * are the same SQL the reads get, dynamic variables included). Rules without a filter reach every key.
 */
export async function reachableKeys(
  db: Pool | ClientBase,
  overview: SchemaOverview,
  collectionName: string,
  rules: readonly PermissionRule[],
  keys: readonly unknown[],
  options: { context: QueryContext; limits: QueryLimits },
): Promise<Set<string>> {
  const rowFilter = anyOf(rules.map((rule) => rule.permissions));
  if (rowFilter === null || keys.length === 0) return new Set(keys.map(String));
  const primary = overview.collections[collectionName].primary as string;
  const query = emptyQuery({
    fields: [primary],
    filter: { kind: 'field', key: primary, child: { kind: 'operator', op: '_in', value: [...keys] } },
    limit: -1,
  });
  const statement = compileRead(
    overview,
    { collections: { [collectionName]: { rowFilter, fields: [primary] } } },
    collectionName,
    query,
    options,
  );
  const { rows } = await db.query<{ result: { data: Array<Record<string, unknown>> } }>(statement);
  return new Set(rows[0].result.data.map((row) => String(row[primary])));
}
