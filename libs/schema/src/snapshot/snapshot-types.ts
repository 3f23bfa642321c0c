import type {
  CollectionMeta,
  FieldMeta,
  FieldSchema,
  RelationMeta,
  RelationSchema,
} from '../overview/schema-overview';

/** A project's schema as data (Directus's snapshot format), without system collections and meta ids. */
export interface SchemaSnapshot {
  version: 1;
  directus: string;
  vendor: 'postgres';
  collections: SnapshotCollection[];
  fields: SnapshotField[];
  relations: SnapshotRelation[];
}

export interface SnapshotCollection {
  collection: string;
  meta: Omit<CollectionMeta, never> | null;
  schema: { name: string } | null;
}

export interface SnapshotField {
  collection: string;
  field: string;
  type: string;
  meta: Omit<FieldMeta, 'id'> | null;
  schema: FieldSchema | null;
}

export interface SnapshotRelation {
  collection: string;
  field: string;
  related_collection: string | null;
  meta: Omit<RelationMeta, 'id'> | null;
  schema: RelationSchema | null;
}

/** One difference, in deep-diff's notation: N new, D deleted, E edited (at `path`, when inside an object). */
export type DiffEntry =
  | { kind: 'N'; path?: Array<string | number>; rhs: unknown }
  | { kind: 'D'; path?: Array<string | number>; lhs: unknown }
  | { kind: 'E'; path: Array<string | number>; lhs: unknown; rhs: unknown };

export interface SchemaDiff {
  collections: Array<{ collection: string; diff: DiffEntry[] }>;
  fields: Array<{ collection: string; field: string; diff: DiffEntry[] }>;
  relations: Array<{
    collection: string;
    field: string;
    related_collection: string | null;
    diff: DiffEntry[];
  }>;
}
