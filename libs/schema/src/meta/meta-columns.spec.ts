import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { encodeMeta, FIELD_META_COLUMNS } from './meta-columns';

describe('encodeMeta', () => {
  it('encodes known properties and ignores the rest', () => {
    const values = encodeMeta(
      {
        id: 7,
        collection: 'x',
        special: ['cast-json', 'uuid'],
        options: { a: 1 },
        hidden: true,
        sort: 3,
        note: null,
      },
      FIELD_META_COLUMNS,
      'f',
    );
    assert.deepEqual(Object.fromEntries(values), {
      special: 'cast-json,uuid',
      options: '{"a":1}',
      hidden: true,
      sort: 3,
      note: null,
    });
  });

  it('leaves NOT NULL columns to their defaults when sent null', () => {
    assert.equal(encodeMeta({ hidden: null }, FIELD_META_COLUMNS, 'f').has('hidden'), false);
  });

  it('refuses values of the wrong type with 400 INVALID_PAYLOAD', () => {
    for (const meta of [{ hidden: 'yes' }, { sort: 1.5 }, { note: 5 }, { special: ['a,b'] }, 'text', [1]]) {
      assert.throws(
        () => encodeMeta(meta, FIELD_META_COLUMNS, 'f'),
        (error: unknown) => error instanceof AtriumException && error.code === 'INVALID_PAYLOAD',
        JSON.stringify(meta),
      );
    }
  });
});
