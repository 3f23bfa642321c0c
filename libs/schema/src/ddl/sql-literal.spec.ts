import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sqlLiteral } from './sql-literal';

describe('sqlLiteral', () => {
  const cases: [unknown, 'number' | 'boolean' | 'string' | 'json', string][] = [
    [42, 'number', '42'],
    [-7, 'number', '-7'],
    [-0, 'number', '0'],
    [1.5, 'number', '1.5'],
    [1e21, 'number', '1e+21'],
    ['123456789012345678901', 'number', '123456789012345678901'],
    ['-0.25', 'number', '-0.25'],
    [true, 'boolean', 'true'],
    [false, 'boolean', 'false'],
    ['plain', 'string', "'plain'"],
    ['', 'string', "''"],
    ["it's", 'string', "'it''s'"],
    ["'; DROP TABLE x; --", 'string', "'''; DROP TABLE x; --'"],
    ['$$ body $$', 'string', "'$$ body $$'"],
    ['back\\slash', 'string', "E'back\\\\slash'"],
    ["\\'; select 1; --", 'string', "E'\\\\''; select 1; --'"],
    ['naïve ✓', 'string', "'naïve ✓'"],
    [{ a: "x'y", b: [1, null] }, 'json', `'{"a":"x''y","b":[1,null]}'::json`],
    ['text', 'json', `'"text"'::json`],
    [null, 'json', "'null'::json"],
    [{ p: 'a\\b' }, 'json', `E'{"p":"a\\\\\\\\b"}'::json`],
  ];
  for (const [value, type, sql] of cases) {
    it(`${type} ${JSON.stringify(value)} → ${sql}`, () => assert.equal(sqlLiteral(value, type), sql));
  }

  const refused: [unknown, 'number' | 'boolean' | 'string' | 'json'][] = [
    [NaN, 'number'],
    [Infinity, 'number'],
    ['1; drop table x', 'number'],
    ['1 ', 'number'],
    ['0x10', 'number'],
    ['', 'number'],
    [true, 'number'],
    ['true', 'boolean'],
    [1, 'boolean'],
    [1, 'string'],
    ['a\u0000b', 'string'],
    [undefined, 'json'],
    [() => 1, 'json'],
  ];
  for (const [value, type] of refused) {
    it(`throws for ${type} ${String(value).slice(0, 20)}`, () =>
      assert.throws(() => sqlLiteral(value, type), TypeError));
  }

  it('throws for an unknown literal type', () => {
    assert.throws(() => sqlLiteral('x', 'raw' as 'string'), TypeError);
  });

  it('keeps every string inside one literal: an odd number of quotes never closes it', () => {
    for (const input of ["'", "''", "a'b'c", "\\'", "\\\\'", "E'x'", "'||pg_sleep(5)--"]) {
      const sql = sqlLiteral(input, 'string');
      const body = sql.replace(/^E?'/, '').replace(/'$/, '');
      assert.ok(!/(^|[^'])'([^']|$)/.test(body.replace(/''/g, '')), `${sql} has a lone quote`);
    }
  });
});
