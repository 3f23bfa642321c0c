import { invalidPayload } from '@atrium/core';
import type {
  DiffEntry,
  SchemaDiff,
  SchemaSnapshot,
  SnapshotCollection,
  SnapshotField,
  SnapshotRelation,
} from './snapshot-types';

/** One step of applying a diff, for the schema service to run inside one transaction. */
export type SchemaOperation =
  | { op: 'createCollection'; collection: SnapshotCollection; fields: SnapshotField[] }
  | { op: 'updateCollection'; collection: SnapshotCollection }
  | { op: 'deleteCollection'; collection: string }
  | { op: 'createField'; field: SnapshotField }
  | { op: 'updateField'; field: SnapshotField }
  | { op: 'deleteField'; collection: string; field: string }
  | { op: 'createRelation'; relation: SnapshotRelation }
  | { op: 'updateRelation'; relation: SnapshotRelation }
  | { op: 'deleteRelation'; collection: string; field: string };

type Path = Array<string | number>;

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function setPath(
  target: Record<string | number, unknown>,
  path: Path,
  value: unknown,
  remove: boolean,
): void {
  let node: Record<string | number, unknown> = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof key === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

/** The item after its diff entries: `undefined` when deleted. */
export function applyEntries<T>(current: T | undefined, entries: DiffEntry[], label: string): T | undefined {
  let result: unknown = clone(current);
  // Array removals are applied from the highest index down, so earlier ones do not shift later ones.
  const ordered = [...entries].sort((a, b) => {
    const ai = a.kind === 'D' && a.path ? a.path[a.path.length - 1] : -1;
    const bi = b.kind === 'D' && b.path ? b.path[b.path.length - 1] : -1;
    return typeof ai === 'number' && typeof bi === 'number' ? bi - ai : 0;
  });
  for (const entry of ordered) {
    if (!entry || typeof entry !== 'object' || !['N', 'D', 'E'].includes(entry.kind)) {
      throw invalidPayload(`The diff of ${label} has an unknown entry.`);
    }
    if (!entry.path || entry.path.length === 0) {
      if (entry.kind === 'E') throw invalidPayload(`The diff of ${label} edits nothing.`);
      result = entry.kind === 'N' ? clone(entry.rhs) : undefined;
      continue;
    }
    if (result === undefined || result === null || typeof result !== 'object') {
      throw invalidPayload(`The diff of ${label} edits something that does not exist.`);
    }
    setPath(
      result as Record<string, unknown>,
      entry.path,
      entry.kind === 'D' ? undefined : clone(entry.rhs),
      entry.kind === 'D',
    );
  }
  return result as T | undefined;
}

function indexBy<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/**
 * Turns a diff against `current` into ordered operations: new collections with their fields, other new
 * fields, edits, new relations; then removals in reverse dependency order (relations, fields, collections).
 */
export function planApply(current: SchemaSnapshot, diff: SchemaDiff): SchemaOperation[] {
  if (
    !diff ||
    !Array.isArray(diff.collections) ||
    !Array.isArray(diff.fields) ||
    !Array.isArray(diff.relations)
  ) {
    throw invalidPayload('"diff" must have collections, fields and relations lists.');
  }
  const collections = indexBy(current.collections, (c) => c.collection);
  const fields = indexBy(current.fields, (f) => `${f.collection}.${f.field}`);
  const relations = indexBy(current.relations, (r) => `${r.collection}.${r.field}`);

  const created: SchemaOperation[] = [];
  const updated: SchemaOperation[] = [];
  const deletedCollections: string[] = [];
  const newCollections = new Map<string, { collection: SnapshotCollection; fields: SnapshotField[] }>();

  for (const item of diff.collections) {
    const before = collections.get(item.collection);
    const after = applyEntries(before, item.diff ?? [], `collection "${item.collection}"`);
    if (!before && after) newCollections.set(item.collection, { collection: after, fields: [] });
    else if (before && !after) deletedCollections.push(item.collection);
    else if (after) updated.push({ op: 'updateCollection', collection: after });
  }
  const fieldOps: SchemaOperation[] = [];
  const deletedFields: SchemaOperation[] = [];
  for (const item of diff.fields) {
    const label = `field "${item.collection}.${item.field}"`;
    const before = fields.get(`${item.collection}.${item.field}`);
    const after = applyEntries(before, item.diff ?? [], label);
    if (!before && after) {
      const owner = newCollections.get(item.collection);
      if (owner) owner.fields.push(after);
      else fieldOps.push({ op: 'createField', field: after });
    } else if (before && !after) {
      if (!deletedCollections.includes(item.collection)) {
        deletedFields.push({ op: 'deleteField', collection: item.collection, field: item.field });
      }
    } else if (after) {
      updated.push({ op: 'updateField', field: after });
    }
  }
  const relationOps: SchemaOperation[] = [];
  const deletedRelations: SchemaOperation[] = [];
  for (const item of diff.relations) {
    const before = relations.get(`${item.collection}.${item.field}`);
    const after = applyEntries(before, item.diff ?? [], `relation "${item.collection}.${item.field}"`);
    if (!before && after) relationOps.push({ op: 'createRelation', relation: after });
    else if (before && !after)
      deletedRelations.push({ op: 'deleteRelation', collection: item.collection, field: item.field });
    else if (after) relationOps.push({ op: 'updateRelation', relation: after });
  }
  for (const [, value] of newCollections) created.push({ op: 'createCollection', ...value });
  return [
    ...created,
    ...fieldOps,
    ...updated,
    ...relationOps,
    ...deletedRelations,
    ...deletedFields,
    ...deletedCollections.map((collection): SchemaOperation => ({ op: 'deleteCollection', collection })),
  ];
}
