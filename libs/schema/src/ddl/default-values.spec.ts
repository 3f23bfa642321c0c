import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectusType } from '../overview/schema-overview';
import { defaultValueProblem, defaultValueSql, isSequenceDefault } from './default-values';
import type { ColumnTypeOptions } from './field-types';

type Case = [DirectusType, unknown, string | null, ColumnTypeOptions?];

describe('defaultValueSql', () => {
  const accepted: Case[] = [
    ['string', null, null],
    ['string', undefined, null],
    ['string', 'draft', "'draft'"],
    ['string', '', "''"],
    ['string', "it's", "'it''s'"],
    ['string', "'; drop table users; --", "'''; drop table users; --'"],
    ['string', 'a;b', "'a;b'"],
    ['string', '$$ x $$', "'$$ x $$'"],
    ['string', 'C:\\dir', "E'C:\\\\dir'"],
    ['string', 'now()', "'now()'"], // a string field's default is always the text itself
    ['string', 'abc', "'abc'", { max_length: 3 }],
    ['string', 'ééé', "'ééé'", { max_length: 3 }], // characters, not bytes
    ['text', 'x'.repeat(1000), `'${'x'.repeat(1000)}'`],
    ['text', 'gen_random_uuid()', "'gen_random_uuid()'"],
    ['csv', 'a,b', "'a,b'"],
    ['csv', ['a', 'b'], "'a,b'"],
    ['csv', [], "''"],
    ['integer', 0, '0'],
    ['integer', -2147483648, '-2147483648'],
    ['integer', 2147483647, '2147483647'],
    ['integer', '42', '42'],
    ['bigInteger', '9223372036854775807', '9223372036854775807'],
    ['bigInteger', '-9223372036854775808', '-9223372036854775808'],
    ['bigInteger', 12, '12'],
    ['float', 1.5, '1.5'],
    ['float', -0.25, '-0.25'],
    ['float', '3.4e38', '3.4e38'],
    ['float', 0, '0'],
    ['decimal', 12.5, '12.5'],
    ['decimal', '-99999.99999', '-99999.99999'],
    ['decimal', '0.123456789', '0.123456789'], // rounded to the scale by PostgreSQL
    ['decimal', '99.99', '99.99', { numeric_precision: 4, numeric_scale: 2 }],
    ['decimal', '007.5', '007.5', { numeric_precision: 3, numeric_scale: 2 }],
    ['boolean', true, 'true'],
    ['boolean', false, 'false'],
    ['date', '2024-02-29', "'2024-02-29'::date"],
    ['date', 'now()', 'now()'],
    ['date', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
    ['time', '23:59', "'23:59'::time"],
    ['time', '08:30:15.123456', "'08:30:15.123456'::time"],
    ['time', 'NOW()', 'now()'],
    ['dateTime', '2024-01-31T10:00:00', "'2024-01-31T10:00:00'::timestamp"],
    ['dateTime', '2024-01-31 10:00', "'2024-01-31 10:00'::timestamp"],
    ['dateTime', 'current_timestamp', 'CURRENT_TIMESTAMP'],
    ['timestamp', '2024-01-31T10:00:00Z', "'2024-01-31T10:00:00Z'::timestamptz"],
    ['timestamp', '2024-01-31 10:00:00+02:00', "'2024-01-31 10:00:00+02:00'::timestamptz"],
    ['timestamp', '2024-01-31 10:00:00+00', "'2024-01-31 10:00:00+00'::timestamptz"],
    ['timestamp', 'CURRENT_TIMESTAMP(3)', 'CURRENT_TIMESTAMP(3)'],
    ['timestamp', 'current_timestamp( 6 )', 'CURRENT_TIMESTAMP(6)'],
    ['json', { a: 1 }, `'{"a":1}'::json`],
    ['json', [1, 'two'], `'[1,"two"]'::json`],
    ['json', '{"a":"b"}', `'{"a":"b"}'::json`],
    ['json', '"text"', `'"text"'::json`],
    ['json', 3, "'3'::json"],
    ['json', false, "'false'::json"],
    ['json', { q: "'; drop table x; --" }, `'{"q":"''; drop table x; --"}'::json`],
    ['uuid', '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a', "'4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a'::uuid"],
    ['uuid', '4F8E2A5C-1B3D-4C6E-8F9A-0B1C2D3E4F5A', "'4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a'::uuid"],
    ['uuid', 'gen_random_uuid()', 'gen_random_uuid()'],
    ['integer', "nextval('articles_id_seq'::regclass)", null, { has_auto_increment: true }],
    ['bigInteger', null, null, { has_auto_increment: true }],
    ['hash', null, null],
    ['binary', null, null],
    ['alias', null, null],
  ];
  for (const [type, value, sql, options] of accepted) {
    it(`${type} ${JSON.stringify(value)?.slice(0, 50)} → ${sql?.slice(0, 50)}`, () => {
      assert.equal(defaultValueProblem(type, value, options), null);
      assert.equal(defaultValueSql(type, value, options), sql);
    });
  }

  const refused: [DirectusType, unknown, RegExp, ColumnTypeOptions?][] = [
    ['string', 5, /must be a string/],
    ['string', true, /must be a string/],
    ['string', { toString: () => "'" }, /must be a string/],
    ['string', 'abcd', /longer than the field's max_length of 3/, { max_length: 3 }],
    ['string', 'x'.repeat(256), /max_length of 255/],
    ['string', 'a\u0000b', /NUL/],
    ['csv', ['a,b'], /without commas/],
    ['csv', [1], /without commas/],
    ['csv', 1, /csv/],
    ['integer', 1.5, /whole number/],
    ['integer', '1; drop table x', /whole number/],
    ['integer', '1e3', /whole number/],
    ['integer', 2147483648, /out of range/],
    ['integer', '-2147483649', /out of range/],
    ['integer', true, /whole number/],
    ['integer', 'now()', /whole number/],
    ['bigInteger', '9223372036854775808', /out of range/],
    ['bigInteger', 2 ** 60, /whole number/], // beyond 2^53 a JS number is no longer exact: send a string
    ['float', NaN, /finite number/],
    ['float', Infinity, /finite number/],
    ['float', '1e39', /range of real/],
    ['float', 1e-50, /range of real/],
    ['float', '1.0; select 1', /finite number/],
    ['float', '', /finite number/],
    ['decimal', '1e5', /without an exponent/],
    ['decimal', 1e21, /without an exponent/],
    ['decimal', '12.', /without an exponent/],
    ['decimal', '123456', /at most 5 digits before the decimal point/],
    ['decimal', '100', /at most 2 digits/, { numeric_precision: 4, numeric_scale: 2 }],
    ['decimal', '1', /at most 0 digits/, { numeric_precision: 3, numeric_scale: 3 }],
    ['boolean', 'true', /true or false/],
    ['boolean', 1, /true or false/],
    ['date', '2024-02-30', /YYYY-MM-DD/],
    ['date', '2023-02-29', /YYYY-MM-DD/],
    ['date', '2024-1-5', /YYYY-MM-DD/],
    ['date', "2024-01-01'; drop table x; --", /YYYY-MM-DD/],
    ['date', 'gen_random_uuid()', /now\(\) or CURRENT_TIMESTAMP/],
    ['date', 'CURRENT_DATE', /YYYY-MM-DD/],
    ['date', 'now(); drop table x', /YYYY-MM-DD/],
    ['date', 'clock_timestamp()', /YYYY-MM-DD/],
    ['date', 20240101, /YYYY-MM-DD/],
    ['time', '24:00', /HH:MM/],
    ['time', '10:60', /HH:MM/],
    ['time', '10:00:00+02', /HH:MM/],
    ['time', 'CURRENT_TIMESTAMP(7)', /HH:MM/],
    ['dateTime', '2024-01-31T10:00:00Z', /no time zone/],
    ['dateTime', '2024-13-01T10:00', /YYYY-MM-DDTHH:MM/],
    ['timestamp', '2024-01-31', /YYYY-MM-DDTHH:MM/],
    ['timestamp', '2024-01-31T10:00:00 Europe/Paris', /YYYY-MM-DDTHH:MM/],
    ['json', '{bad json', /valid JSON text/],
    ['json', "'; drop table x; --", /valid JSON text/],
    ['json', { a: '\u0000' }, /NUL/],
    ['json', () => 1, /JSON value/],
    ['uuid', 'not-a-uuid', /UUID or gen_random_uuid/],
    ['uuid', "4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a'; --", /UUID/],
    ['uuid', 'now()', /UUID/],
    ['hash', 'secret', /hashed when they are written/],
    ['binary', 'AAAA', /binary field can't have a default/],
    ['alias', 'x', /no column/],
    ['unknown', 'x', /can't be created/],
    ['integer', 5, /sequence/, { has_auto_increment: true }],
    ['uuid', 'x', /Only integer and bigInteger/, { has_auto_increment: true }],
    ['string', 'x', /max_length/, { max_length: 0 }],
  ];
  for (const [type, value, reason, options] of refused) {
    it(`refuses ${type} ${String(JSON.stringify(value)).slice(0, 50)}`, () => {
      const problem = defaultValueProblem(type, value, options);
      assert.match(problem ?? '', reason);
      assert.throws(() => defaultValueSql(type, value, options), { code: 'INVALID_PAYLOAD' });
    });
  }

  it('recognises sequence defaults', () => {
    assert.equal(isSequenceDefault("nextval('x_id_seq'::regclass)"), true);
    assert.equal(isSequenceDefault('now()'), false);
    assert.equal(isSequenceDefault(1), false);
  });
});
