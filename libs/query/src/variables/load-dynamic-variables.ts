import { AtriumException } from '@atrium/core';
import type { SchemaOverview } from '@atrium/schema';
import { compileRead } from '../compile/compile-read';
import type { CompiledQuery, QueryContext } from '../query-types';
import { emptyQuery } from '../read/empty-query';
import { DYNAMIC_PATH } from '../validate/dynamic-values';

/** What `loadDynamicVariables` needs of a connection (a pg `Pool` or client). */
export interface DynamicVariablesSource {
  query(statement: CompiledQuery): Promise<{ rows: unknown[] }>;
}

const SOURCES = {
  USER: { collection: 'directus_users', id: (context: Subject) => context.userId },
  ROLE: { collection: 'directus_roles', id: (context: Subject) => context.roleId },
} as const;

interface Subject {
  userId: string | null;
  roleId: string | null;
}

function readOf(overview: SchemaOverview, collection: string, fields: string[], key: string): CompiledQuery {
  const context: QueryContext = { userId: null, roleId: null, now: new Date() };
  return compileRead(overview, 'admin', collection, emptyQuery({ fields }), {
    byKey: key,
    context,
    limits: { default: -1, max: -1 },
  });
}

/** Whether the schema can read `path` from `collection` at all (a bad path in a rule reads as null). */
function readable(overview: SchemaOverview, collection: string, path: string, key: string): boolean {
  try {
    readOf(overview, collection, [path], key);
    return true;
  } catch (error) {
    if (error instanceof AtriumException) return false;
    throw error;
  }
}

/** The value at `segments` in the read object; through to-many relations, the flat list of values. */
function pick(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return value ?? null;
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const picked = pick(item, segments);
      return Array.isArray(picked) ? picked : [picked];
    });
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  return pick(
    Object.prototype.hasOwnProperty.call(record, segments[0]) ? record[segments[0]] : null,
    segments.slice(1),
  );
}

/**
 * Fetches the `$CURRENT_USER.<path>` / `$CURRENT_ROLE.<path>` values `names` asks for: ONE compiled read per
 * source (the caller's `directus_users` row, its `directus_roles` row), with full access, the paths as its
 * fields (dotted paths follow the relations the schema knows). Returns the map `QueryContext.variables`
 * takes: a path through a to-many relation gives the list of values; an unknown path, a missing user or
 * role, or an anonymous caller gives null.
 */
export async function loadDynamicVariables(
  db: DynamicVariablesSource,
  overview: SchemaOverview,
  context: Subject,
  names: readonly string[],
): Promise<Record<string, unknown>> {
  const variables: Record<string, unknown> = {};
  const wanted: Record<keyof typeof SOURCES, Array<{ name: string; path: string }>> = { USER: [], ROLE: [] };
  for (const name of names) {
    const match = DYNAMIC_PATH.exec(name);
    if (!match) continue;
    variables[name] = null;
    wanted[match[1] as keyof typeof SOURCES].push({ name, path: match[2] });
  }
  for (const [source, entries] of Object.entries(wanted) as Array<
    [keyof typeof SOURCES, typeof wanted.USER]
  >) {
    const { collection, id } = SOURCES[source];
    const key = id(context);
    if (entries.length === 0 || !key || !overview.collections[collection]) continue;
    const usable = entries.filter((entry) => readable(overview, collection, entry.path, key));
    if (usable.length === 0) continue;
    const fields = [...new Set(usable.map((entry) => entry.path))];
    const { rows } = await db.query(readOf(overview, collection, fields, key));
    const data = (rows[0] as { result?: { data?: unknown } } | undefined)?.result?.data ?? null;
    for (const entry of usable) variables[entry.name] = pick(data, entry.path.split('.'));
  }
  return variables;
}
