import { forbidden, invalidQuery } from '@atrium/core';
import type { CollectionOverview, FieldOverview, SchemaOverview } from '@atrium/schema';
import type { Access, QueryContext, QueryLimits } from '../query-types';
import type { M2aLink, M2oLink, O2mLink, ResolvedFilter } from './resolved-types';

export const DEFAULT_MAX_RELATIONAL_DEPTH = 10;

export type FieldRelation =
  | { kind: 'm2o'; link: M2oLink }
  | { kind: 'o2m'; link: O2mLink }
  | { kind: 'm2a'; link: M2aLink }
  | { kind: 'none' };

/**
 * Everything resolution needs, for one request: the schema snapshot, the caller's access, the dynamic
 * values and the limits. Row filters are resolved once per collection and shared.
 */
export class ReadScope {
  private readonly rowFilters = new Map<string, ResolvedFilter | null>();
  readonly maxDepth: number;

  constructor(
    readonly overview: SchemaOverview,
    readonly access: Access,
    readonly context: QueryContext,
    readonly limits: QueryLimits,
    /** resolves a collection's permission filter; injected to keep the module graph acyclic */
    private readonly resolveRowFilter: (
      scope: ReadScope,
      collection: CollectionOverview,
    ) => ResolvedFilter | null,
  ) {
    this.maxDepth = limits.maxRelationalDepth ?? DEFAULT_MAX_RELATIONAL_DEPTH;
  }

  /** The collection, when it exists and the caller may read it; Directus's 403 otherwise. */
  collection(name: string): CollectionOverview {
    const collection = this.overview.collections[name];
    if (!collection || !collection.schema || !collection.primary || !this.canReadCollection(name)) {
      throw forbidden(`Collection "${name}" doesn't exist or you don't have permission to read it.`);
    }
    return collection;
  }

  canReadCollection(name: string): boolean {
    return this.access === 'admin' || this.access.collections[name] !== undefined;
  }

  canReadField(collection: CollectionOverview, field: string): boolean {
    if (!collection.fields[field]) return false;
    if (this.access === 'admin') return true;
    const allowed = this.access.collections[collection.collection]?.fields;
    return allowed === '*' || (allowed?.includes(field) ?? false);
  }

  /** An explicitly named field: it must exist and be readable, else 403. */
  field(collection: CollectionOverview, name: string): FieldOverview {
    if (!this.canReadField(collection, name)) {
      throw forbidden(
        `Field "${name}" in collection "${collection.collection}" doesn't exist or you don't have permission to read it.`,
      );
    }
    return collection.fields[name];
  }

  rowFilter(collection: CollectionOverview): ResolvedFilter | null {
    if (this.access === 'admin') return null;
    if (!this.rowFilters.has(collection.collection)) {
      this.rowFilters.set(collection.collection, this.resolveRowFilter(this, collection));
    }
    return this.rowFilters.get(collection.collection) ?? null;
  }

  checkDepth(depth: number): void {
    if (depth > this.maxDepth) throw invalidQuery('Max relational depth exceeded.');
  }

  /** What kind of relation `field` of `collection` is, from `directus_relations` and the foreign keys. */
  relationOf(collection: CollectionOverview, field: FieldOverview): FieldRelation {
    for (const relation of this.overview.relations) {
      if (relation.collection === collection.collection && relation.field === field.field && field.schema) {
        const allowed = relation.meta?.one_allowed_collections;
        const collectionField = relation.meta?.one_collection_field;
        if (
          !relation.related_collection &&
          allowed &&
          collectionField &&
          collection.fields[collectionField]
        ) {
          return {
            kind: 'm2a',
            link: { item: field, collectionField: collection.fields[collectionField], allowed },
          };
        }
        const target = relation.related_collection
          ? this.overview.collections[relation.related_collection]
          : undefined;
        if (!target?.primary || !target.schema) return { kind: 'none' };
        const keyName = relation.schema?.foreign_key_column ?? target.primary;
        const targetKey = target.fields[keyName];
        if (!targetKey) return { kind: 'none' };
        return { kind: 'm2o', link: { fk: field, target, targetKey } };
      }
      if (relation.related_collection === collection.collection && relation.meta?.one_field === field.field) {
        const target = this.overview.collections[relation.collection];
        const fk = target?.fields[relation.field];
        const ownKey = collection.primary ? collection.fields[collection.primary] : undefined;
        if (!target?.schema || !target.primary || !fk || !ownKey) return { kind: 'none' };
        return { kind: 'o2m', link: { target, fk, ownKey } };
      }
    }
    return { kind: 'none' };
  }

  /** The field of `collection` that is the way back along the relation we arrived by (for `backlink=false`). */
  static reverseField(arrivedBy: M2oLink | O2mLink | null, scope: ReadScope): string | null {
    if (!arrivedBy) return null;
    if ('targetKey' in arrivedBy) {
      const relation = scope.overview.relations.find(
        (r) => r.collection === arrivedBy.fk.collection && r.field === arrivedBy.fk.field,
      );
      return relation?.meta?.one_field ?? null;
    }
    return arrivedBy.fk.field;
  }
}
