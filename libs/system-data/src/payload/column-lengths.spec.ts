import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import { SAMPLE } from '../testing/sample-collection.fixture';
import { assertColumnLengths } from './column-lengths';

/** Only `schema.max_length` is read: the rest of the overview stays out of the way. */
function overviewWith(lengths: Record<string, number | null>): CollectionOverview {
  const fields = Object.fromEntries(
    Object.entries(lengths).map(([name, max]) => [
      name,
      {
        collection: 'sample',
        field: name,
        type: 'string',
        schema: { max_length: max },
        meta: null,
      } as unknown as FieldOverview,
    ]),
  );
  return { collection: 'sample', schema: null, meta: null, primary: 'id', system: true, fields };
}

describe('assertColumnLengths', () => {
  const overview = overviewWith({ name: 5, tags: 3, secret: 2, status: null });

  it('lets values that fit through', () => {
    assert.doesNotThrow(() =>
      assertColumnLengths(SAMPLE, overview, { name: 'abcde', tags: ['a', 'b'], status: 'on' }),
    );
  });

  it('refuses a longer string with VALUE_TOO_LONG naming collection, field and value', () => {
    assert.throws(() => assertColumnLengths(SAMPLE, overview, { name: 'abcdef' }), {
      code: 'VALUE_TOO_LONG',
      extensions: { collection: 'sample', field: 'name', value: 'abcdef' },
    });
  });

  it('measures a CSV array as its joined text', () => {
    assert.throws(() => assertColumnLengths(SAMPLE, overview, { tags: ['ab', 'c'] }), {
      code: 'VALUE_TOO_LONG',
      extensions: { collection: 'sample', field: 'tags', value: 'ab,c' },
    });
  });

  it('skips secrets (their hooks store hashes), unmeasured columns, and an unknown overview', () => {
    assert.doesNotThrow(() =>
      assertColumnLengths(SAMPLE, overview, { secret: 'a long secret', count: 123456 }),
    );
    assert.doesNotThrow(() => assertColumnLengths(SAMPLE, undefined, { name: 'abcdefghij' }));
  });
});
