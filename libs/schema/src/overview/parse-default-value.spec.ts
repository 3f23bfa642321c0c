import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDefaultValue } from './parse-default-value';
import type { DirectusType } from './schema-overview';

describe('parseDefaultValue', () => {
  const cases: Array<[string | null, DirectusType, unknown]> = [
    [null, 'string', null],
    ['NULL::character varying', 'string', null],
    ['NULL', 'integer', null],
    ["'active'::character varying", 'string', 'active'],
    ["'O''Reilly'::text", 'text', "O'Reilly"],
    ["''::text", 'text', ''],
    ["'a::b'::text", 'text', 'a::b'],
    ["'2020-01-01'::date", 'date', '2020-01-01'],
    ["'{}'::json", 'json', '{}'],
    ["'[1, 2]'::jsonb", 'json', '[1, 2]'],
    ["'x'::character varying(20)", 'string', 'x'],
    ['0', 'integer', 0],
    ['42', 'integer', 42],
    ['(-1)', 'integer', -1],
    ["'-1'::integer", 'integer', -1],
    ['1.5', 'float', 1.5],
    ['1.50', 'decimal', 1.5],
    ["'3.25'::numeric", 'decimal', 3.25],
    ['9007199254740993', 'bigInteger', '9007199254740993'],
    ["'9007199254740993'::bigint", 'bigInteger', '9007199254740993'],
    ['12', 'bigInteger', 12],
    ['true', 'boolean', true],
    ['false', 'boolean', false],
    ["'true'::text", 'text', 'true'],
    ["'12'::character varying", 'string', '12'],
    ['now()', 'timestamp', 'now()'],
    ['CURRENT_TIMESTAMP', 'timestamp', 'CURRENT_TIMESTAMP'],
    ['CURRENT_TIMESTAMP(3)', 'dateTime', 'CURRENT_TIMESTAMP(3)'],
    ['gen_random_uuid()', 'uuid', 'gen_random_uuid()'],
    ["nextval('articles_id_seq'::regclass)", 'integer', "nextval('articles_id_seq'::regclass)"],
    ["('now'::text)::date", 'date', "('now'::text)::date"],
    ["ARRAY['a'::text]", 'unknown', "ARRAY['a'::text]"],
  ];
  for (const [expression, type, expected] of cases) {
    it(`${expression} as ${type} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseDefaultValue(expression, type), expected);
    });
  }
});
