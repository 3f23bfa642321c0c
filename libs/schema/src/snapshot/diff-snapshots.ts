import diff from 'microdiff';
import { createHash } from 'node:crypto';
import type { DiffEntry, SchemaDiff, SchemaSnapshot } from './snapshot-types';

/** Entries turning `current` into `target`; `[]` when they are equal. */
function diffObjects(current: unknown, target: unknown): DiffEntry[] {
  if (current === undefined) return [{ kind: 'N', rhs: target }];
  if (target === undefined) return [{ kind: 'D', lhs: current }];
  return diff(current as Record<string, unknown>, target as Record<string, unknown>).map((change) => {
    if (change.type === 'CREATE') return { kind: 'N', path: change.path, rhs: change.value };
    if (change.type === 'REMOVE') return { kind: 'D', path: change.path, lhs: change.oldValue };
    return { kind: 'E', path: change.path, lhs: change.oldValue, rhs: change.value };
  });
}

/** Pairs items of two lists by key, in a stable order (the current list's, then what only the target has). */
function pair<T>(
  current: T[],
  target: T[],
  key: (item: T) => string,
): Array<[string, T | undefined, T | undefined]> {
  const targetByKey = new Map(target.map((item) => [key(item), item]));
  const currentByKey = new Map(current.map((item) => [key(item), item]));
  const keys = [...currentByKey.keys(), ...[...targetByKey.keys()].filter((k) => !currentByKey.has(k))];
  return keys.map((k) => [k, currentByKey.get(k), targetByKey.get(k)]);
}

/**
 * What it takes to turn the project whose snapshot is `current` into `target` (Directus's diff format).
 * Volatile column facts (a default's exact text, a constraint's generated name) are compared as the
 * snapshots give them: both come from the same introspection, so a round trip compares equal.
 */
export function diffSnapshots(current: SchemaSnapshot, target: SchemaSnapshot): SchemaDiff {
  const result: SchemaDiff = { collections: [], fields: [], relations: [] };
  for (const [, a, b] of pair(current.collections, target.collections, (c) => c.collection)) {
    const entries = diffObjects(a, b);
    if (entries.length > 0) result.collections.push({ collection: (a ?? b)!.collection, diff: entries });
  }
  for (const [, a, b] of pair(current.fields, target.fields, (f) => `${f.collection}.${f.field}`)) {
    const entries = diffObjects(a, b);
    if (entries.length > 0)
      result.fields.push({ collection: (a ?? b)!.collection, field: (a ?? b)!.field, diff: entries });
  }
  for (const [, a, b] of pair(current.relations, target.relations, (r) => `${r.collection}.${r.field}`)) {
    const entries = diffObjects(a, b);
    if (entries.length > 0) {
      const relation = (a ?? b)!;
      result.relations.push({
        collection: relation.collection,
        field: relation.field,
        related_collection: relation.related_collection,
        diff: entries,
      });
    }
  }
  return result;
}

export function isEmptyDiff(schemaDiff: SchemaDiff): boolean {
  return schemaDiff.collections.length + schemaDiff.fields.length + schemaDiff.relations.length === 0;
}

/** Identifies the state a diff was computed against: apply refuses a diff made for another state. */
export function snapshotHash(snapshot: SchemaSnapshot): string {
  const { directus: _version, ...stable } = snapshot;
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}
