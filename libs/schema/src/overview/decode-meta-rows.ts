import type { MetaRow } from './introspection-queries';
import type { CollectionMeta, FieldMeta, RelationMeta } from './schema-overview';

/** Directus stores flag lists as comma-separated text (`special`, `one_allowed_collections`). */
export function splitCsv(value: unknown): string[] | null {
  if (typeof value !== 'string') return Array.isArray(value) ? value.map(String) : null;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : null;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function integer(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function bool(value: unknown, fallback: boolean): boolean {
  return value === null || value === undefined ? fallback : Boolean(value);
}

/** json columns arrive parsed by pg; absent values are null rather than undefined, as in Directus. */
function json(value: unknown): unknown {
  return value === undefined ? null : value;
}

export function toCollectionMeta(row: MetaRow): CollectionMeta {
  return {
    collection: String(row.collection),
    icon: text(row.icon),
    note: text(row.note),
    display_template: text(row.display_template),
    hidden: bool(row.hidden, false),
    singleton: bool(row.singleton, false),
    translations: json(row.translations),
    archive_field: text(row.archive_field),
    archive_app_filter: bool(row.archive_app_filter, true),
    archive_value: text(row.archive_value),
    unarchive_value: text(row.unarchive_value),
    sort_field: text(row.sort_field),
    accountability: text(row.accountability),
    color: text(row.color),
    item_duplication_fields: json(row.item_duplication_fields),
    sort: integer(row.sort),
    group: text(row.group),
    collapse: text(row.collapse) ?? 'open',
    preview_url: text(row.preview_url),
    versioning: bool(row.versioning, false),
  };
}

export function toFieldMeta(row: MetaRow): FieldMeta {
  return {
    id: Number(row.id),
    collection: String(row.collection),
    field: String(row.field),
    special: splitCsv(row.special),
    interface: text(row.interface),
    options: json(row.options),
    display: text(row.display),
    display_options: json(row.display_options),
    readonly: bool(row.readonly, false),
    hidden: bool(row.hidden, false),
    sort: integer(row.sort),
    width: text(row.width),
    translations: json(row.translations),
    note: text(row.note),
    conditions: json(row.conditions),
    required: bool(row.required, false),
    group: text(row.group),
    validation: json(row.validation),
    validation_message: text(row.validation_message),
    searchable: bool(row.searchable, true),
  };
}

export function toRelationMeta(row: MetaRow): RelationMeta {
  return {
    id: Number(row.id),
    many_collection: String(row.many_collection),
    many_field: String(row.many_field),
    one_collection: text(row.one_collection),
    one_field: text(row.one_field),
    one_collection_field: text(row.one_collection_field),
    one_allowed_collections: splitCsv(row.one_allowed_collections),
    junction_field: text(row.junction_field),
    sort_field: text(row.sort_field),
    one_deselect_action: text(row.one_deselect_action) ?? 'nullify',
  };
}
