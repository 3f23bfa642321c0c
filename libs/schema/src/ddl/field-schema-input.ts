import type { DirectusType } from '../overview/schema-overview';

/**
 * The `schema` part of a field create/update payload, in Directus's shape. Every key is optional: on create a
 * missing key takes Directus's default, on update it means "unchanged". Keys that don't apply to the field's
 * type (a `numeric_precision` of 32 that introspection reports for `integer`…) are ignored, so a snapshot
 * read back from the catalog can be applied as-is.
 */
export interface FieldSchemaInput {
  default_value?: unknown;
  max_length?: number | null;
  numeric_precision?: number | null;
  numeric_scale?: number | null;
  is_nullable?: boolean | null;
  is_unique?: boolean | null;
  is_indexed?: boolean | null;
  is_primary_key?: boolean | null;
  has_auto_increment?: boolean | null;
  is_generated?: boolean | null;
  comment?: string | null;
}

/** A field to create: its name, Directus type and optional `schema` (null/absent → defaults). */
export interface NewField {
  field: string;
  type: DirectusType;
  schema?: FieldSchemaInput | null;
}
