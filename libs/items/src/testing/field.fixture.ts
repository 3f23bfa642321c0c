import type { CollectionOverview, DirectusType, FieldMeta, FieldOverview, FieldSchema } from '@atrium/schema';

/** One field of a hand-built collection for unit specs: a nullable column unless told otherwise. */
export function fieldOf(
  name: string,
  type: DirectusType,
  schema: Partial<FieldSchema> | null = {},
  meta: Partial<FieldMeta> | null = null,
): FieldOverview {
  return {
    collection: 'things',
    field: name,
    type,
    schema:
      schema === null
        ? null
        : {
            name,
            table: 'things',
            data_type: 'character varying',
            default_value: null,
            max_length: null,
            numeric_precision: null,
            numeric_scale: null,
            is_nullable: true,
            is_unique: false,
            is_indexed: false,
            is_primary_key: false,
            is_generated: false,
            generation_expression: null,
            has_auto_increment: false,
            foreign_key_table: null,
            foreign_key_column: null,
            comment: null,
            ...schema,
          },
    meta:
      meta === null
        ? null
        : {
            id: null,
            collection: 'things',
            field: name,
            special: null,
            interface: null,
            options: null,
            display: null,
            display_options: null,
            readonly: false,
            hidden: false,
            sort: null,
            width: null,
            translations: null,
            note: null,
            conditions: null,
            required: false,
            group: null,
            validation: null,
            validation_message: null,
            searchable: true,
            ...meta,
          },
  };
}

/** A collection `things` keyed by `primary`, holding these fields. */
export function collectionOf(primary: string, fields: readonly FieldOverview[]): CollectionOverview {
  return {
    collection: 'things',
    schema: { name: 'things', comment: null },
    meta: null,
    primary,
    system: false,
    fields: Object.fromEntries(fields.map((field) => [field.field, field])),
  };
}
