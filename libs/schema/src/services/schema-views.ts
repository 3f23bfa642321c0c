import type {
  CollectionMeta,
  CollectionOverview,
  FieldOverview,
  RelationOverview,
} from '../overview/schema-overview';

/** A collection as `/collections` returns it (Directus's object). */
export interface CollectionView {
  collection: string;
  meta: (CollectionMeta & { system?: boolean }) | null;
  schema: { name: string; comment: string | null } | null;
}

export type FieldView = Pick<FieldOverview, 'collection' | 'field' | 'type' | 'schema' | 'meta'>;
export type RelationView = Pick<
  RelationOverview,
  'collection' | 'field' | 'related_collection' | 'schema' | 'meta'
>;

/** The meta Directus reports for a system collection, which has no `directus_collections` row. */
function systemCollectionMeta(collection: string): CollectionMeta & { system: true } {
  return {
    collection,
    icon: null,
    note: null,
    display_template: null,
    hidden: false,
    singleton: collection === 'directus_settings',
    translations: null,
    archive_field: null,
    archive_app_filter: true,
    archive_value: null,
    unarchive_value: null,
    sort_field: null,
    accountability: 'all',
    color: null,
    item_duplication_fields: null,
    sort: null,
    group: null,
    collapse: 'open',
    preview_url: null,
    versioning: false,
    system: true,
  };
}

export function collectionView(collection: CollectionOverview): CollectionView {
  return {
    collection: collection.collection,
    meta: collection.system
      ? (collection.meta ?? systemCollectionMeta(collection.collection))
      : collection.meta,
    schema: collection.schema ? { name: collection.schema.name, comment: collection.schema.comment } : null,
  };
}

export function fieldView(field: FieldOverview): FieldView {
  return {
    collection: field.collection,
    field: field.field,
    type: field.type,
    schema: field.schema,
    meta: field.meta,
  };
}

export function relationView(relation: RelationOverview): RelationView {
  return {
    collection: relation.collection,
    field: relation.field,
    related_collection: relation.related_collection,
    schema: relation.schema,
    meta: relation.meta,
  };
}
