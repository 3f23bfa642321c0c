import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE, SAMPLE_UUID } from '../testing/sample-collection.fixture';
import { buildDelete, buildHistoryRow, buildInsert, buildLockKeys, buildUpdate } from './build-write';
import { parseKey } from './parse-key';

describe('write statements', () => {
  it('inserts with bound values, JSON serialised and CSV joined', () => {
    assert.deepEqual(buildInsert(SAMPLE, { name: "a'b", options: [1], tags: ['x', 'y'], owner: null }), {
      text: 'INSERT INTO "sample_table" ("name", "options", "tags", "owner") VALUES ($1, $2, $3, $4) RETURNING "id" AS key',
      values: ["a'b", '[1]', 'x,y', null],
    });
  });

  it('inserts defaults when the payload is empty', () => {
    assert.deepEqual(buildInsert(SAMPLE, {}), {
      text: 'INSERT INTO "sample_table" DEFAULT VALUES RETURNING "id" AS key',
      values: [],
    });
  });

  it('updates by key, and skips an empty update', () => {
    assert.deepEqual(buildUpdate(SAMPLE, SAMPLE_UUID, { count: 2, options: { a: 1 } }), {
      text: 'UPDATE "sample_table" SET "count" = $1, "options" = $2 WHERE "id" = $3',
      values: [2, '{"a":1}', SAMPLE_UUID],
    });
    assert.equal(buildUpdate(SAMPLE, SAMPLE_UUID, {}), null);
  });

  it('deletes and locks by typed key arrays', () => {
    assert.deepEqual(buildDelete(SAMPLE, [SAMPLE_UUID]), {
      text: 'DELETE FROM "sample_table" WHERE "id" = ANY($1::uuid[])',
      values: [[SAMPLE_UUID]],
    });
    assert.deepEqual(buildLockKeys({ ...SAMPLE, primaryKeyType: 'integer' }, [1]), {
      text: 'SELECT "id" AS key FROM "sample_table" WHERE "id" = ANY($1::int4[]) FOR UPDATE',
      values: [[1]],
    });
  });

  it('reads the row for history without its secrets, CSV as arrays', () => {
    assert.deepEqual(buildHistoryRow(SAMPLE, SAMPLE_UUID), {
      text:
        'SELECT "id", "name", "status", "count", "enabled", "seen_at", "options", ' +
        `string_to_array("tags", ',') AS "tags", "owner" FROM "sample_table" WHERE "id" = $1`,
      values: [SAMPLE_UUID],
    });
  });
});

describe('parseKey', () => {
  const integer = { ...SAMPLE, primaryKeyType: 'integer' as const };
  const cases: Array<[string, typeof SAMPLE, unknown, unknown]> = [
    ['a uuid (lower-cased)', SAMPLE, SAMPLE_UUID.toUpperCase(), SAMPLE_UUID],
    ['not a uuid', SAMPLE, 'me', null],
    ['an injection attempt', SAMPLE, "' OR 1=1 --", null],
    ['an integer from text', integer, '12', 12],
    ['an integer', integer, 12, 12],
    ['zero', integer, '0', null],
    ['a decimal', integer, '1.5', null],
    ['too large', integer, '99999999999', null],
  ];
  for (const [name, definition, raw, expected] of cases) {
    it(name, () => assert.equal(parseKey(definition, raw), expected));
  }
});
