import type { CollectionOverview } from '@atrium/schema';

/** Primary-key column types whose keys can be compared as a typed array, so the key index is used. */
const INDEXABLE: Record<string, string> = {
  integer: 'integer',
  int4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  smallint: 'smallint',
  int2: 'smallint',
  uuid: 'uuid',
  'character varying': 'text',
  varchar: 'text',
  text: 'text',
  character: 'text',
  bpchar: 'text',
};

/**
 * `<pk> = ANY($n::<type>[])` for a set of keys, typed like the key column so the primary-key index serves
 * it (a `pk::text` comparison would scan the table). Other key types fall back to a text comparison.
 */
export function keyInList(collection: CollectionOverview, column: string, placeholder: string): string {
  const dataType = collection.fields[collection.primary as string]?.schema?.data_type?.toLowerCase() ?? '';
  const type = INDEXABLE[dataType.replace(/\(.*$/, '').trim()];
  return type
    ? `${column} = ANY(${placeholder}::${type}[])`
    : `${column}::text = ANY(${placeholder}::text[])`;
}
