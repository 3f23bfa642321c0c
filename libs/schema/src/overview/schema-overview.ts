export type DirectusType =
  | 'string'
  | 'text'
  | 'integer'
  | 'bigInteger'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'time'
  | 'dateTime'
  | 'timestamp'
  | 'json'
  | 'csv'
  | 'uuid'
  | 'hash'
  | 'binary'
  | 'alias'
  | 'unknown';

/** A column's database facts, in Directus's `field.schema` shape (null for alias fields). */
export interface FieldSchema {
  name: string;
  table: string;
  data_type: string;
  default_value: unknown;
  max_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  is_nullable: boolean;
  is_unique: boolean;
  is_indexed: boolean;
  is_primary_key: boolean;
  is_generated: boolean;
  generation_expression: string | null;
  has_auto_increment: boolean;
  foreign_key_table: string | null;
  foreign_key_column: string | null;
  comment: string | null;
}
/**
 * `directus_fields` row in Directus's `field.meta` shape (null when the field has no meta row). System fields
 * get theirs from the system overlay, without an id.
 */
export interface FieldMeta {
  id: number | null;
  collection: string;
  field: string;
  special: string[] | null;
  interface: string | null;
  options: unknown;
  display: string | null;
  display_options: unknown;
  readonly: boolean;
  hidden: boolean;
  sort: number | null;
  width: string | null;
  translations: unknown;
  note: string | null;
  conditions: unknown;
  required: boolean;
  group: string | null;
  validation: unknown;
  validation_message: string | null;
  searchable: boolean;
}
export interface FieldOverview {
  collection: string;
  field: string;
  type: DirectusType;
  schema: FieldSchema | null;
  meta: FieldMeta | null;
}
export interface CollectionMeta {
  collection: string;
  icon: string | null;
  note: string | null;
  display_template: string | null;
  hidden: boolean;
  singleton: boolean;
  translations: unknown;
  archive_field: string | null;
  archive_app_filter: boolean;
  archive_value: string | null;
  unarchive_value: string | null;
  sort_field: string | null;
  accountability: string | null;
  color: string | null;
  item_duplication_fields: unknown;
  sort: number | null;
  group: string | null;
  collapse: string;
  preview_url: string | null;
  versioning: boolean;
}
export interface CollectionOverview {
  collection: string;
  /** null for folder collections (no table) */ schema: { name: string; comment: string | null } | null;
  meta: CollectionMeta | null;
  /** primary key field name, null for folders */ primary: string | null;
  system: boolean;
  fields: Record<string, FieldOverview>;
}
/** A relation's foreign key, in Directus's `relation.schema` shape. */
export interface RelationSchema {
  table: string;
  column: string;
  foreign_key_table: string;
  foreign_key_column: string;
  constraint_name: string;
  /** The SQL words (`NO ACTION`, `CASCADE`, `SET NULL`, …). */
  on_update: string;
  on_delete: string;
}
/** From `directus_relations`, or the system overlay (id null). */
export interface RelationMeta {
  id: number | null;
  many_collection: string;
  many_field: string;
  one_collection: string | null;
  one_field: string | null;
  one_collection_field: string | null;
  one_allowed_collections: string[] | null;
  junction_field: string | null;
  sort_field: string | null;
  one_deselect_action: string;
}
export interface RelationOverview {
  collection: string;
  field: string;
  related_collection: string | null;
  schema: RelationSchema | null;
  /** null for a bare foreign key. */
  meta: RelationMeta | null;
}
/** Immutable (deep-frozen) snapshot of a project's schema, tagged with the version it was built at. */
export interface SchemaOverview {
  version: number;
  collections: Readonly<Record<string, CollectionOverview>>;
  relations: readonly RelationOverview[];
}
