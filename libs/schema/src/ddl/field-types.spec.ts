import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectusType } from '../overview/schema-overview';
import {
  columnType,
  columnTypeProblem,
  type ColumnTypeOptions,
  DIRECTUS_TYPES,
  directusTypeProblem,
  typeOptionKeys,
} from './field-types';

describe('columnType', () => {
  const cases: [DirectusType, ColumnTypeOptions, string, string][] = [
    ['string', {}, 'varchar(255)', 'varchar(255)'],
    ['string', { max_length: null }, 'varchar(255)', 'varchar(255)'],
    ['string', { max_length: 1 }, 'varchar(1)', 'varchar(1)'],
    ['string', { max_length: 10485760 }, 'varchar(10485760)', 'varchar(10485760)'],
    ['text', {}, 'text', 'text'],
    ['text', { max_length: 20 }, 'text', 'text'], // options that don't apply are ignored
    ['integer', {}, 'integer', 'integer'],
    ['integer', { numeric_precision: 32, numeric_scale: 0 }, 'integer', 'integer'],
    ['integer', { has_auto_increment: true }, 'serial', 'integer'],
    ['bigInteger', {}, 'bigint', 'bigint'],
    ['bigInteger', { has_auto_increment: true }, 'bigserial', 'bigint'],
    ['float', {}, 'real', 'real'],
    ['float', { numeric_precision: 24 }, 'real', 'real'],
    ['decimal', {}, 'numeric(10, 5)', 'numeric(10, 5)'],
    ['decimal', { numeric_precision: 12, numeric_scale: 2 }, 'numeric(12, 2)', 'numeric(12, 2)'],
    [
      'decimal',
      { numeric_precision: 1000, numeric_scale: 1000 },
      'numeric(1000, 1000)',
      'numeric(1000, 1000)',
    ],
    ['decimal', { numeric_precision: 3 }, 'numeric(3, 3)', 'numeric(3, 3)'],
    ['decimal', { numeric_scale: 0 }, 'numeric(10, 0)', 'numeric(10, 0)'],
    ['boolean', {}, 'boolean', 'boolean'],
    ['date', {}, 'date', 'date'],
    ['time', {}, 'time', 'time'],
    ['dateTime', {}, 'timestamp', 'timestamp'],
    ['timestamp', {}, 'timestamptz', 'timestamptz'],
    ['json', {}, 'json', 'json'],
    ['csv', {}, 'text', 'text'],
    ['uuid', {}, 'uuid', 'uuid'],
    ['hash', {}, 'varchar(255)', 'varchar(255)'],
    ['hash', { max_length: 10 }, 'varchar(255)', 'varchar(255)'],
    ['binary', {}, 'bytea', 'bytea'],
  ];
  for (const [type, options, sql, base] of cases) {
    it(`${type} ${JSON.stringify(options)} → ${sql}`, () => {
      const column = columnType(type, options);
      assert.deepEqual(column, { sql, base, autoIncrement: options.has_auto_increment === true });
    });
  }

  it('alias has no column', () => assert.equal(columnType('alias', {}), null));

  it('maps every Directus type but unknown', () => {
    for (const type of DIRECTUS_TYPES) {
      if (type === 'unknown') assert.throws(() => columnType(type), { code: 'INVALID_PAYLOAD' });
      else assert.doesNotThrow(() => columnType(type));
    }
  });

  const refused: [unknown, ColumnTypeOptions, RegExp][] = [
    ['unknown', {}, /can't be created/],
    ['geometry', {}, /PostGIS/],
    ['geometry.Point', {}, /PostGIS/],
    ['varchar', {}, /not supported/],
    ['String', {}, /not supported/],
    ['integer; drop table x', {}, /not supported/],
    [undefined, {}, /missing/],
    ['string', { max_length: 0 }, /max_length must be a whole number from 1 to 10485760/],
    ['string', { max_length: 10485761 }, /max_length/],
    ['string', { max_length: 1.5 }, /max_length/],
    ['string', { max_length: '20' as unknown as number }, /max_length/],
    ['string', { max_length: -1 }, /max_length/],
    ['decimal', { numeric_precision: 0 }, /numeric_precision must be a whole number from 1 to 1000/],
    ['decimal', { numeric_precision: 1001 }, /numeric_precision/],
    [
      'decimal',
      { numeric_precision: 5, numeric_scale: 6 },
      /numeric_scale must be a whole number from 0 to 5\.$/,
    ],
    ['decimal', { numeric_scale: -1 }, /numeric_scale must be a whole number from 0 to 10/],
    ['decimal', { numeric_scale: 11 }, /defaults to 10/],
    ['decimal', { numeric_precision: 10, numeric_scale: 2.5 }, /numeric_scale/],
    ['string', { has_auto_increment: true }, /Only integer and bigInteger/],
    ['uuid', { has_auto_increment: true }, /Only integer and bigInteger/],
    ['decimal', { has_auto_increment: true }, /Only integer and bigInteger/],
  ];
  for (const [type, options, reason] of refused) {
    it(`refuses ${String(type)} ${JSON.stringify(options)}`, () => {
      assert.match(columnTypeProblem(type, options) ?? '', reason);
      assert.throws(
        () => columnType(type as DirectusType, options),
        (error: { code?: string; extensions?: { reason?: string } }) =>
          error.code === 'INVALID_PAYLOAD' && reason.test(error.extensions?.reason ?? ''),
      );
    });
  }

  it('directusTypeProblem bounds what it echoes', () => {
    assert.ok(directusTypeProblem('x'.repeat(1000))!.length < 400);
  });

  it('typeOptionKeys names the options that shape each type', () => {
    assert.deepEqual(typeOptionKeys('string'), ['max_length']);
    assert.deepEqual(typeOptionKeys('decimal'), ['numeric_precision', 'numeric_scale']);
    assert.deepEqual(typeOptionKeys('integer'), []);
  });
});
