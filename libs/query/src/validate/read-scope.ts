import { forbidden, invalidQuery } from '@atrium/core';
import type { CollectionOverview, FieldOverview, SchemaOverview } from '@atrium/schema';
import type { Access, Filter, QueryContext, QueryLimits } from '../query-types';
import type { M2aLink, M2oLink, O2mLink, ResolvedFilter } from './resolved-types';

export const DEFAULT_MAX_RELATIONAL_DEPTH = 10;

export type FieldRelation =
  | { kind: 'm2o'; link: M2oLink }
  | { kind: 'o2m'; link: O2mLink }
  | { kind: 'm2a'; link: M2aLink }
  | { kind: 'none' };

/** Resolves a permission filter (stored, raw) on `collection`; injected to keep the module graph acyclic. */
export type PermissionFilterResolver = (
  scope: ReadScope,
  collection: CollectionOverview,
  filter: Filter,
  what: string,
) => ResolvedFilter | null;

type RelationOverview = SchemaOverview['relations'][number];
interface RelationSide {
  relation: RelationOverview;
  /** `many`: the field holds the foreign key; `one`: the field is the alias on the related side. */
  side: 'many' | 'one';
}

/** Per schema snapshot, the relations each `collection.field` takes part in, in `relations` order. */
const RELATIONS_BY_FIELD = new WeakMap<SchemaOverview, Map<string, RelationSide[]>>();

/**
 * The relations `collection.field` is part of, from an index built once per schema snapshot: every field
 * of every read asks, and scanning all the relations each time grows with the schema.
 */
function relationsTouching(
  overview: SchemaOverview,
  collection: string,
  field: string,
): readonly RelationSide[] {
  let index = RELATIONS_BY_FIELD.get(overview);
  if (!index) {
    index = new Map();
    const add = (key: string, entry: RelationSide) => index?.set(key, [...(index.get(key) ?? []), entry]);
    for (const relation of overview.relations) {
      add(`${relation.collection}\u0000${relation.field}`, { relation, side: 'many' });
      if (relation.related_collection && relation.meta?.one_field) {
        add(`${relation.related_collection}\u0000${relation.meta.one_field}`, { relation, side: 'one' });
      }
    }
    RELATIONS_BY_FIELD.set(overview, index);
  }
  return index.get(`${collection}\u0000${field}`) ?? [];
}

/**
 * Everything resolution needs, for one request: the schema snapshot, the caller's access, the dynamic
 * values and the limits. Permission filters (row filters, per-field conditions) are resolved once each.
 *
 * Fields come in three kinds for a caller: unreadable (403 when named, skipped by `*`), readable, and
 * conditionally readable (`CollectionAccess.fieldFilters`): output on the rows their condition admits and
 * null elsewhere, never usable to filter, sort, search, group or aggregate.
 */
export class ReadScope {
  private readonly permissionFilters = new Map<string, ResolvedFilter | null>();
  readonly maxDepth: number;

  constructor(
    readonly overview: SchemaOverview,
    readonly access: Access,
    readonly context: QueryContext,
    readonly limits: QueryLimits,
    private readonly resolvePermissionFilter: PermissionFilterResolver,
    /**
     * True while a permission filter is resolved: there an empty `_in`/`_nin`/`_or` matches nothing, as a
     * stored rule must never widen access by accident; in a request's own filter they are 400s instead.
     */
    readonly permission = false,
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

  /** The field may be output (on every row, or on the rows its condition admits). */
  canOutputField(collection: CollectionOverview, field: string): boolean {
    if (!Object.prototype.hasOwnProperty.call(collection.fields, field)) return false;
    if (this.access === 'admin') return true;
    const allowed = this.access.collections[collection.collection]?.fields;
    return allowed === '*' || (allowed?.includes(field) ?? false);
  }

  /** The field is readable on every row the caller reaches: it may be filtered, sorted, searched on. */
  canReadField(collection: CollectionOverview, field: string): boolean {
    return this.canOutputField(collection, field) && this.fieldCondition(collection, field) === null;
  }

  /** An explicitly named field to filter, sort, group or aggregate on: it must be readable, else 403. */
  field(collection: CollectionOverview, name: string): FieldOverview {
    if (!this.canReadField(collection, name)) {
      if (this.canOutputField(collection, name)) {
        throw forbidden(
          `Field "${name}" in collection "${collection.collection}" is readable on some items only: it can't be used to filter, sort, search or aggregate.`,
        );
      }
      throw forbidden(
        `Field "${name}" in collection "${collection.collection}" doesn't exist or you don't have permission to read it.`,
      );
    }
    return collection.fields[name];
  }

  /** An explicitly named field to output: readable, or conditionally readable; 403 otherwise. */
  outputField(collection: CollectionOverview, name: string): FieldOverview {
    if (!this.canOutputField(collection, name)) {
      throw forbidden(
        `Field "${name}" in collection "${collection.collection}" doesn't exist or you don't have permission to read it.`,
      );
    }
    return collection.fields[name];
  }

  rowFilter(collection: CollectionOverview): ResolvedFilter | null {
    if (this.access === 'admin') return null;
    const raw = this.access.collections[collection.collection]?.rowFilter;
    return raw ? this.permissionFilter(collection, raw, 'permission filter', '') : null;
  }

  /** The rows on which a conditionally readable field may be output; null for a plainly readable one. */
  fieldCondition(collection: CollectionOverview, field: string): ResolvedFilter | null {
    if (this.access === 'admin') return null;
    const raw = this.access.collections[collection.collection]?.fieldFilters?.[field];
    return raw
      ? this.permissionFilter(collection, raw, `permission filter of field "${field}"`, field)
      : null;
  }

  /**
   * Related rows reached through a one-to-many link are only those whose foreign key the caller may see:
   * listing a row under its parent reveals its foreign key, so a conditional one limits the link.
   */
  linkCondition(link: O2mLink): ResolvedFilter | null {
    return this.fieldCondition(link.target, link.fk.field);
  }

  private permissionFilter(
    collection: CollectionOverview,
    raw: Filter,
    what: string,
    field: string,
  ): ResolvedFilter | null {
    const key = `${collection.collection}\u0000${field}`;
    if (!this.permissionFilters.has(key)) {
      this.permissionFilters.set(key, this.resolvePermissionFilter(this, collection, raw, what));
    }
    return this.permissionFilters.get(key) ?? null;
  }

  checkDepth(depth: number): void {
    if (depth > this.maxDepth) throw invalidQuery('Max relational depth exceeded.');
  }

  /** What kind of relation `field` of `collection` is, from `directus_relations` and the foreign keys. */
  relationOf(collection: CollectionOverview, field: FieldOverview): FieldRelation {
    for (const { relation, side } of relationsTouching(this.overview, collection.collection, field.field)) {
      if (side === 'many' && field.schema) {
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
      if (side === 'one') {
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
