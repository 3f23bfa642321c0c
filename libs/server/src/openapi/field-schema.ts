import type { FieldOverview, SchemaOverview } from '@atrium/schema';
import type { Json } from './openapi-types';

/** A component name for a collection's items: `ItemsBlogPosts` for `blog_posts`, Directus-style. */
export function itemsComponent(collection: string): string {
  const words = collection.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `Items${words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')}`;
}

/** A value's JSON schema by Directus type, as the REST API writes it (decimals and big integers as text). */
export function valueSchema(field: Pick<FieldOverview, 'type'>): Json {
  switch (field.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return { type: 'integer' };
    case 'bigInteger':
      return { type: 'integer', format: 'int64' };
    case 'float':
      return { type: 'number', format: 'float' };
    case 'decimal':
      return { type: 'string', format: 'decimal' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'dateTime':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', format: 'time' };
    case 'csv':
      return { type: 'array', items: { type: 'string' } };
    case 'json':
      return {};
    default:
      return { type: 'string' };
  }
}

/** Where a field points: its related collection as a many-to-one or one-to-many, from the relations. */
function relatedOf(
  overview: SchemaOverview,
  field: FieldOverview,
): { collection: string; many: boolean } | null {
  for (const relation of overview.relations) {
    if (
      relation.collection === field.collection &&
      relation.field === field.field &&
      relation.related_collection
    )
      return { collection: relation.related_collection, many: false };
    if (relation.meta?.one_collection === field.collection && relation.meta.one_field === field.field)
      return { collection: relation.collection, many: true };
  }
  return null;
}

/**
 * A field in an item's schema: its value, or for a relation the related item's key or (with `fields` naming
 * it) the related item itself, when the caller may read that collection.
 */
export function fieldSchema(
  overview: SchemaOverview,
  field: FieldOverview,
  readable: ReadonlySet<string>,
): Json {
  const related = relatedOf(overview, field);
  let schema: Json;
  if (related) {
    const target = overview.collections[related.collection];
    const key = target?.primary ? valueSchema(target.fields[target.primary]) : {};
    const one = readable.has(related.collection)
      ? { oneOf: [key, { $ref: `#/components/schemas/${itemsComponent(related.collection)}` }] }
      : key;
    schema = related.many ? { type: 'array', items: one } : one;
  } else if (field.type === 'alias') {
    schema = {};
  } else {
    schema = valueSchema(field);
  }
  const nullable = field.schema?.is_nullable ?? true;
  const note = field.meta?.note;
  return {
    ...schema,
    ...(nullable && !related?.many && Object.keys(schema).length > 0 ? { nullable: true } : {}),
    ...(note ? { description: note } : {}),
  };
}
