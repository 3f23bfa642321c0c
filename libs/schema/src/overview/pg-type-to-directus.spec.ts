import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pgTypeToDirectus } from './pg-type-to-directus';
import type { DirectusType } from './schema-overview';

describe('pgTypeToDirectus', () => {
  const columns: Array<[string, DirectusType]> = [
    ['varchar', 'string'],
    ['character varying', 'string'],
    ['character varying(255)', 'string'],
    ['char', 'string'],
    ['bpchar', 'string'],
    ['character(2)', 'string'],
    ['interval', 'string'],
    ['int2', 'integer'],
    ['smallint', 'integer'],
    ['int4', 'integer'],
    ['integer', 'integer'],
    ['serial', 'integer'],
    ['int8', 'bigInteger'],
    ['bigint', 'bigInteger'],
    ['bigserial', 'bigInteger'],
    ['numeric', 'decimal'],
    ['numeric(10,5)', 'decimal'],
    ['float4', 'float'],
    ['real', 'float'],
    ['float8', 'float'],
    ['double precision', 'float'],
    ['timestamptz', 'timestamp'],
    ['timestamp with time zone', 'timestamp'],
    ['timestamp(3) with time zone', 'timestamp'],
    ['timestamp', 'dateTime'],
    ['timestamp without time zone', 'dateTime'],
    ['json', 'json'],
    ['jsonb', 'json'],
    ['text', 'text'],
    ['citext', 'text'],
    ['uuid', 'uuid'],
    ['bool', 'boolean'],
    ['boolean', 'boolean'],
    ['date', 'date'],
    ['time', 'time'],
    ['time without time zone', 'time'],
    ['timetz', 'time'],
    ['time with time zone', 'time'],
    ['bytea', 'binary'],
    ['pg_catalog.int4', 'integer'],
    ['"uuid"', 'uuid'],
    ['  TEXT ', 'text'],
    ['_int4', 'unknown'],
    ['integer[]', 'unknown'],
    ['inet', 'unknown'],
    ['point', 'unknown'],
    ['my_enum', 'unknown'],
    ['constructor', 'unknown'],
  ];
  for (const [dataType, expected] of columns) {
    it(`maps ${dataType} to ${expected}`, () => {
      assert.equal(pgTypeToDirectus(dataType), expected);
      assert.equal(pgTypeToDirectus(dataType, null), expected);
      assert.equal(pgTypeToDirectus(dataType, []), expected);
    });
  }

  const specials: Array<[string, string[], DirectusType]> = [
    ['text', ['cast-json'], 'json'],
    ['text', ['cast-csv'], 'csv'],
    ['varchar', ['hash'], 'hash'],
    ['varchar', ['uuid'], 'uuid'],
    ['uuid', ['file'], 'uuid'],
    ['varchar', ['cast-timestamp'], 'timestamp'],
    ['varchar', ['cast-datetime'], 'dateTime'],
    ['varchar', ['conceal', 'hash'], 'hash'],
    ['integer', ['m2o'], 'integer'],
    ['timestamptz', ['date-created'], 'timestamp'],
    ['uuid', ['user-created'], 'uuid'],
    ['unknown', ['alias', 'o2m'], 'alias'],
    ['', ['m2m'], 'alias'],
    ['', ['m2a'], 'alias'],
    ['', ['files'], 'alias'],
    ['', ['translations'], 'alias'],
    ['', ['alias', 'group', 'no-data'], 'alias'],
    ['', ['alias', 'no-data'], 'alias'],
  ];
  for (const [dataType, special, expected] of specials) {
    it(`maps ${dataType || '(no column)'} with special ${special.join(',')} to ${expected}`, () => {
      assert.equal(pgTypeToDirectus(dataType, special), expected);
    });
  }
});
