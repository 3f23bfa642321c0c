import type { CollectionOverview } from '@atrium/schema';
import { isUuid } from './coerce-value';
import type { ReadScope } from './read-scope';
import type { ResolvedFilter } from './resolved-types';

const INTEGER = /^-?\d{1,15}$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * `search=term` as Directus: case-insensitive contains over string/text fields, equality on numeric fields
 * when the term is a number and on uuid fields when it is a uuid. Concealed, hashed, unsearchable and
 * unreadable fields are skipped; with nothing to search, nothing matches.
 */
export function resolveSearch(
  scope: ReadScope,
  collection: CollectionOverview,
  term: string,
): ResolvedFilter {
  const text = term.split(String.fromCharCode(0)).join('');
  const children: ResolvedFilter[] = [];
  for (const field of Object.values(collection.fields)) {
    if (!field.schema || !scope.canReadField(collection, field.field)) continue;
    if (field.meta?.searchable === false || field.meta?.special?.includes('conceal')) continue;
    const target = { kind: 'column', field } as const;
    if (field.type === 'string' || field.type === 'text') {
      children.push({ kind: 'compare', target, op: '_icontains', value: text });
    } else if (field.type === 'integer' || field.type === 'bigInteger') {
      const small =
        field.schema.data_type === 'smallint'
          ? 32767
          : field.type === 'integer'
            ? 2147483647
            : Number.MAX_SAFE_INTEGER;
      if (INTEGER.test(text) && Math.abs(Number(text)) <= small)
        children.push({ kind: 'compare', target, op: '_eq', value: Number(text) });
    } else if (field.type === 'float' || field.type === 'decimal') {
      if (NUMBER.test(text)) children.push({ kind: 'compare', target, op: '_eq', value: text });
    } else if (field.type === 'uuid' && isUuid(text)) {
      children.push({ kind: 'compare', target, op: '_eq', value: text });
    }
  }
  return children.length === 0 ? { kind: 'const', value: false } : { kind: 'or', children };
}
