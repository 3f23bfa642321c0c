import { invalidPayload } from '@atrium/core';

/** How a meta property is stored: its column kind decides validation and encoding. */
export type MetaColumnKind = 'string' | 'boolean' | 'integer' | 'json' | 'csv';

export type MetaColumns = Readonly<Record<string, MetaColumnKind>>;

export const COLLECTION_META_COLUMNS: MetaColumns = {
  icon: 'string',
  note: 'string',
  display_template: 'string',
  hidden: 'boolean',
  singleton: 'boolean',
  translations: 'json',
  archive_field: 'string',
  archive_app_filter: 'boolean',
  archive_value: 'string',
  unarchive_value: 'string',
  sort_field: 'string',
  accountability: 'string',
  color: 'string',
  item_duplication_fields: 'json',
  sort: 'integer',
  group: 'string',
  collapse: 'string',
  preview_url: 'string',
  versioning: 'boolean',
};

export const FIELD_META_COLUMNS: MetaColumns = {
  special: 'csv',
  interface: 'string',
  options: 'json',
  display: 'string',
  display_options: 'json',
  readonly: 'boolean',
  hidden: 'boolean',
  sort: 'integer',
  width: 'string',
  translations: 'json',
  note: 'string',
  conditions: 'json',
  required: 'boolean',
  group: 'string',
  validation: 'json',
  validation_message: 'string',
  searchable: 'boolean',
};

export const RELATION_META_COLUMNS: MetaColumns = {
  one_collection: 'string',
  one_field: 'string',
  one_collection_field: 'string',
  one_allowed_collections: 'csv',
  junction_field: 'string',
  sort_field: 'string',
  one_deselect_action: 'string',
};

/** Booleans and strings of the NOT NULL meta columns fall back to the table default when sent as null. */
const NOT_NULL = new Set([
  'hidden',
  'singleton',
  'archive_app_filter',
  'readonly',
  'searchable',
  'versioning',
  'collapse',
  'one_deselect_action',
]);

/**
 * The storable values of a meta object: known properties only (others — ids, derived keys — are ignored,
 * as clients echo whole objects back), each checked against its column and encoded for a bound parameter.
 */
export function encodeMeta(meta: unknown, columns: MetaColumns, label: string): Map<string, unknown> {
  if (meta === null || meta === undefined) return new Map();
  if (typeof meta !== 'object' || Array.isArray(meta))
    throw invalidPayload(`"meta" of ${label} must be an object.`);
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(meta as Record<string, unknown>)) {
    const kind = columns[key];
    if (!kind) continue;
    if (value === null || value === undefined) {
      if (!NOT_NULL.has(key)) values.set(key, null);
      continue;
    }
    values.set(key, encodeValue(value, kind, `meta.${key} of ${label}`));
  }
  return values;
}

function encodeValue(value: unknown, kind: MetaColumnKind, label: string): unknown {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw invalidPayload(`${label} must be a string.`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidPayload(`${label} must be true or false.`);
      return value;
    case 'integer':
      if (!Number.isSafeInteger(value)) throw invalidPayload(`${label} must be a whole number.`);
      return value;
    case 'csv': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
      if (!list || list.some((item) => typeof item !== 'string' || item.includes(','))) {
        throw invalidPayload(`${label} must be a list of names.`);
      }
      return list.length === 0 ? null : list.map((item: string) => item.trim()).join(',');
    }
    case 'json':
      return JSON.stringify(value);
  }
}
